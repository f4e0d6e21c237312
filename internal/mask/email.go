package mask

import "strings"

// findEmails returns the e-mail addresses in s: a practical subset of
// RFC 5322 (dot-atom local part of letters, digits and ._%+-, a domain of
// at least two labels whose last is two or more letters); quoted local
// parts and IP-literal domains are not mail people type into an order.
func findEmails(s string) []Finding {
	var out []Finding
	from, floor := 0, 0 // floor: the end of the last address, where the next may start
	for {
		k := strings.IndexByte(s[from:], '@')
		if k < 0 {
			return out
		}
		k += from
		l, r := emailBounds(s, k, floor)
		glued := l > 0 && s[l-1] == '@' || r < len(s) && s[r] == '@' // a@b.cn@c.cn is no address
		if l < k && k-l <= 64 && !glued && validDomain(s[k+1:r]) && validLocal(s[l:k]) {
			out = append(out, Finding{Email, l, r})
			from, floor = r, r
		} else {
			from = k + 1
		}
		if from >= len(s) {
			return out
		}
	}
}

func emailBounds(s string, at, floor int) (l, r int) {
	l = at
	for l > floor && localChar(s[l-1]) {
		l--
	}
	for l < at && s[l] == '.' {
		l++
	}
	r = at + 1
	for r < len(s) && (isAlnum(s[r]) || s[r] == '.' || s[r] == '-') {
		r++
	}
	for r > at+1 && (s[r-1] == '.' || s[r-1] == '-') {
		r--
	}
	return l, r
}

func localChar(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func validLocal(s string) bool {
	return s != "" && s[len(s)-1] != '.' && !strings.Contains(s, "..")
}

func validDomain(d string) bool {
	if len(d) < 4 || len(d) > 253 {
		return false
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 {
		return false
	}
	for i := 0; i < len(tld); i++ {
		if c := tld[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
