package mask

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// normalize brings a value to the form its pseudonym is computed from, so
// every written form of one phone, ID, card or address gives one token.
func normalize(k Kind, v string) string {
	if !ascii(v) {
		v = width.Fold.String(v)
	}
	v = strings.TrimSpace(v)
	switch k {
	case Phone, Landline, BankCard:
		d := keepDigits(v)
		if k == Phone {
			d = stripCountry(d)
		}
		return d
	case IDCard, USCC:
		return strings.ToUpper(strings.Join(strings.Fields(v), ""))
	case Email:
		return strings.ToLower(v)
	}
	return v
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func keepDigits(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if isDigit(v[i]) {
			b.WriteByte(v[i])
		}
	}
	return b.String()
}

// stripCountry removes a +86 or 0086 before a mobile number.
func stripCountry(d string) string {
	switch {
	case len(d) == 13 && d[:2] == "86" && mobile(d[2:]):
		return d[2:]
	case len(d) == 15 && d[:4] == "0086" && mobile(d[4:]):
		return d[4:]
	}
	return d
}

// Partial shows only the parts of a value that identify nobody alone:
// phone 138****8000; ID the region and the last four (110105********123X);
// bank card the issuer (first six) and the last four; landline the area
// code and the last four; e-mail the first letter and the domain; others
// the first and last character.
func Partial(k Kind, v string) string {
	n := normalize(k, v)
	switch k {
	case Phone:
		if len(n) == 11 {
			return n[:3] + "****" + n[7:]
		}
	case IDCard:
		if len(n) >= 15 {
			return n[:6] + strings.Repeat("*", len(n)-10) + n[len(n)-4:]
		}
	case BankCard:
		if len(n) >= 12 {
			return n[:6] + strings.Repeat("*", len(n)-10) + n[len(n)-4:]
		}
	case Landline:
		if mobile(stripCountry(n)) {
			return Partial(Phone, n)
		}
		if a := areaCodeLen(n); a > 0 && len(n) > a+4 {
			return n[:a] + "-" + strings.Repeat("*", len(n)-a-4) + n[len(n)-4:]
		}
	case Email:
		if at := strings.LastIndexByte(n, '@'); at > 0 {
			_, size := utf8.DecodeRuneInString(n)
			return n[:size] + "***" + n[at:]
		}
	}
	return ends(n)
}

// ends keeps the first and last character of v; short values become
// stars entirely.
func ends(v string) string {
	r := []rune(v)
	switch {
	case len(r) == 0:
		return ""
	case len(r) <= 2:
		return strings.Repeat("*", len(r))
	}
	return string(r[0]) + strings.Repeat("*", len(r)-2) + string(r[len(r)-1])
}
