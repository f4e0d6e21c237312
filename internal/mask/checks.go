package mask

import "time"

// provinceCode reports whether the first two digits of an ID or credit
// code are a real province-level division (GB/T 2260; 71 Taiwan, 81 Hong
// Kong, 82 Macao).
func provinceCode(a, b byte) bool {
	if a < '0' || a > '9' || b < '0' || b > '9' {
		return false
	}
	switch a {
	case '1':
		return b >= '1' && b <= '5'
	case '2':
		return b >= '1' && b <= '3'
	case '3':
		return b >= '1' && b <= '7'
	case '4':
		return b >= '1' && b <= '6'
	case '5':
		return b >= '0' && b <= '4'
	case '6':
		return b >= '1' && b <= '5'
	case '7':
		return b == '1'
	case '8':
		return b == '1' || b == '2'
	}
	return false
}

// idWeights are the ISO 7064 MOD 11-2 weights of GB 11643.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// validID18 checks an 18-character resident ID: region, birth date not
// after ref (YYYYMMDD, "" for no limit), check character (X or x for 10).
func validID18(s, ref string) bool {
	if len(s) != 18 || !provinceCode(s[0], s[1]) {
		return false
	}
	sum := 0
	for i := range 17 {
		if !isDigit(s[i]) {
			return false
		}
		sum += int(s[i]-'0') * idWeights[i]
	}
	want := "10X98765432"[sum%11]
	c := s[17]
	if c == 'x' {
		c = 'X'
	}
	return c == want && validDate(s[6:14], ref)
}

// validID15 checks a legacy 15-digit ID (issued before 1999): region and
// a YYMMDD birth date in the 1900s.
func validID15(s string) bool {
	if len(s) != 15 || !allDigits(s) || !provinceCode(s[0], s[1]) {
		return false
	}
	return validDate("19"+s[6:12], "")
}

// validDate checks YYYYMMDD from 1900 on, and not after ref when set.
func validDate(d, ref string) bool {
	if len(d) != 8 || !allDigits(d) || d < "19000101" || (ref != "" && d > ref) {
		return false
	}
	y := atoi(d[:4])
	mo := atoi(d[4:6])
	day := atoi(d[6:8])
	if mo < 1 || mo > 12 || day < 1 {
		return false
	}
	return day <= time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// luhn reports whether a digit string passes the Luhn check.
func luhn(s string) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// cardIssuer reports whether an unformatted digit run starts like a card
// of the issuers common in China: UnionPay 62 (and 60/65 co-brands is too
// broad: order numbers start so), and the old domestic 955x ranges. Visa
// and Mastercard runs (4, 51–55) need grouping or a card word nearby, since
// Douyin order numbers also start with 4 and 5.
func cardIssuer(s string) bool {
	return s[0] == '6' && s[1] == '2' || len(s) == 19 && s[:3] == "955"
}

// usccChars are the 31 characters of GB 32100 (no I, O, S, V, Z).
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// validUSCC checks a Unified Social Credit Code: registering authority and
// entity type, a province in the region code, the organisation code's own
// GB 11714 check character, and the mod-31 check character.
func validUSCC(s string) bool {
	if len(s) != 18 || !usccType(s[0], s[1]) || !allDigits(s[2:8]) || !provinceCode(s[2], s[3]) {
		return false
	}
	sum := 0
	for i := range 17 {
		v := indexByte(usccChars, s[i])
		if v < 0 {
			return false
		}
		sum += v * usccWeights[i]
	}
	c := (31 - sum%31) % 31
	return s[17] == usccChars[c] && validOrgCode(s[8:17])
}

func usccType(a, b byte) bool {
	switch a {
	case '1', '5', '9':
		return b == '1' || b == '2' || b == '3' || b == '9'
	case 'Y':
		return b == '1'
	case '2', '3', '4', '6', '7', '8', 'A', 'N':
		return b == '1' || b == '2' || b == '3' || b == '9'
	}
	return false
}

// validOrgCode checks the 9-character organisation code (GB 11714).
func validOrgCode(s string) bool {
	w := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 8 {
		c := s[i]
		switch {
		case isDigit(c):
			sum += int(c-'0') * w[i]
		case c >= 'A' && c <= 'Z':
			sum += int(c-'A'+10) * w[i]
		default:
			return false
		}
	}
	want := byte('0' + (11-sum%11)%11)
	if (11-sum%11)%11 == 10 {
		want = 'X'
	}
	return s[8] == want
}

// mobile reports whether an 11-digit string is a mainland mobile number.
func mobile(s string) bool {
	return len(s) == 11 && s[0] == '1' && s[1] >= '3' && allDigits(s)
}

// areaCodeLen is the length of the area code (with its 0) that d starts
// with: 010 and 02x are three digits, 03xx–09xx four; 0 when d starts with
// no area code.
func areaCodeLen(d string) int {
	if len(d) < 3 || d[0] != '0' {
		return 0
	}
	switch {
	case d[1] == '1':
		if d[2] == '0' {
			return 3
		}
	case d[1] == '2':
		if d[2] != '6' && isDigit(d[2]) {
			return 3
		}
	case d[1] >= '3' && d[1] <= '9':
		if len(d) >= 4 && isDigit(d[2]) && isDigit(d[3]) {
			return 4
		}
	}
	return 0
}

// localNumber checks the subscriber part of a landline after an area code
// of n digits: 8 digits after 010/02x, 7 or 8 elsewhere, never starting
// with 0 or 1.
func localNumber(s string, n int) bool {
	if !allDigits(s) || len(s) == 0 || s[0] < '2' {
		return false
	}
	return len(s) == 8 || n == 4 && len(s) == 7
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
