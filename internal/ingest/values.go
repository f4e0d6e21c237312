package ingest

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// Units are the hints a preset field may carry about how a number is
// written in its column.
const (
	UnitYuan     = "yuan"     // money in yuan with decimals (the default)
	UnitFen      = "fen"      // money as whole fen
	UnitFraction = "fraction" // ratio: a bare number is a fraction (the default)
	UnitPercent  = "percent"  // ratio: a bare number is percent points ("4.18")
	UnitSeconds  = "seconds"  // seconds: a bare number is seconds (the default)
	UnitMinutes  = "minutes"  // seconds: a bare number is minutes
	UnitMDY      = "mdy"      // time/date: "12/1/2023" is month/day/year
	UnitDMY      = "dmy"      // time/date: "1/12/2023" is day/month/year
)

// unitsFor lists the units a field of type t accepts ("" always).
func unitsFor(t Type) []string {
	switch t {
	case Money:
		return []string{UnitYuan, UnitFen}
	case Ratio:
		return []string{UnitFraction, UnitPercent}
	case Seconds:
		return []string{UnitSeconds, UnitMinutes}
	case Time, Date:
		return []string{UnitMDY, UnitDMY}
	}
	return nil
}

// clean trims a cell the way exports need: white space, the tab that
// Douyin puts before ids, the ="123" quote form that keeps Excel from
// rounding long numbers, and the apostrophe put before formula-like text.
func clean(s string) string {
	s = sheet.Trim(s)
	if len(s) >= 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' {
		s = sheet.Trim(s[2 : len(s)-1])
	}
	return sheet.Unescape(s)
}

// empty reports whether a cleaned cell holds no value: nothing, a dash
// placeholder, or a value the platform masked with asterisks (PDD writes
// **** for a hidden province).
func empty(s string) bool {
	switch s {
	case "", "-", "--", "—", "——", "－", "/", "null", "NULL", "N/A", "n/a", "#N/A":
		return true
	}
	if s[0] != '*' && !strings.HasPrefix(s, "＊") { // most cells: no mask
		return false
	}
	return strings.Trim(s, "*＊") == ""
}

// narrow turns full-width digits and signs into ASCII; a fast path keeps
// plain ASCII cells allocation-free.
func narrow(s string) string {
	if ascii(s) {
		return s
	}
	return width.Narrow.String(s)
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// currencyMarks are stripped from money cells, longest first.
var currencyMarks = []string{"US$", "RMB", "CNY", "USD", "¥", "￥", "$", "元"}

// number splits a numeric cell into sign and a plain decimal, removing
// currency marks, a trailing 万 (returned as mult 10000), accounting
// parentheses and thousands separators. ok is false when grouping is not
// in threes, so "1,23" (a decimal comma) is never misread.
func number(s string) (neg bool, dec string, mult int, ok bool) {
	s = narrow(s)
	if !plainDecimal(s) { // plain numbers, most cells, skip this
		for _, m := range currencyMarks {
			s = strings.ReplaceAll(s, m, "")
		}
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	mult = 1
	if t, cut := strings.CutSuffix(s, "万"); cut {
		s, mult = strings.TrimSpace(t), 10000
	}
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = !neg, strings.TrimLeft(s[1:], " ")
	case strings.HasPrefix(s, "−"): // U+2212, as typeset reports write it
		neg, s = !neg, strings.TrimLeft(s[len("−"):], " ")
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	dec, ok = ungroup(s)
	return neg, dec, mult, ok && dec != ""
}

// plainDecimal reports whether s holds only digits, '.' and '-'. A loop
// rather than strings.Trim, which builds its cutset on every call.
func plainDecimal(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// ungroup removes "," and " " thousands separators, checking each group
// after the first has exactly three digits.
func ungroup(s string) (string, bool) {
	if indexEither(s, ',', ' ') < 0 {
		return s, true
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == ',' || r == ' ' })
	if len(groups) == 0 || len(groups[0]) > 3 || strings.Count(intPart, ",")+strings.Count(intPart, " ") != len(groups)-1 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	out := strings.Join(groups, "")
	if hasFrac {
		out += "." + frac
	}
	return out, true
}

// shift reads a plain decimal with an optional exponent ("1234.5",
// ".5", "4.18E-2") into its integer digits and fraction digits with the
// point moved by the exponent.
func shift(dec string) (intPart, frac string, ok bool) {
	mant, exp := dec, 0
	if i := indexEither(dec, 'e', 'E'); i >= 0 {
		e, err := strconv.Atoi(dec[i+1:])
		if err != nil || e < -40 || e > 40 {
			return "", "", false
		}
		mant, exp = dec[:i], e
	}
	intPart, frac, _ = strings.Cut(mant, ".")
	if intPart == "" && frac == "" || !digits(intPart) || !digits(frac) {
		return "", "", false
	}
	for ; exp > 0; exp-- {
		if frac == "" {
			frac = "0"
		}
		intPart, frac = intPart+frac[:1], frac[1:]
	}
	for ; exp < 0; exp++ {
		if intPart == "" {
			intPart = "0"
		}
		intPart, frac = intPart[:len(intPart)-1], intPart[len(intPart)-1:]+frac
	}
	return strings.TrimLeft(intPart, "0"), frac, true
}

// indexEither is the first index of byte a or b in s, -1 if neither is
// there; strings.IndexAny decodes runes and dominated reading amounts.
func indexEither(s string, a, b byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == a || s[i] == b {
			return i
		}
	}
	return -1
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseMoney reads an amount into fen: "¥1,234.50" → 123450, "\t123" →
// 12300, "(12.00)" → -1200, "1.2万" → 1200000. Amounts are in yuan
// unless unit is UnitFen. A third decimal is rounded half away from zero
// (XLSX stores 0.1+0.2 as 0.30000000000000004). ok is false for text that
// is not an amount; callers test empty cells first.
func ParseMoney(s, unit string) (fen int64, ok bool) {
	neg, dec, mult, ok := number(clean(s))
	if !ok {
		return 0, false
	}
	intPart, frac, ok := shift(dec)
	if !ok {
		return 0, false
	}
	scale := 2
	if unit == UnitFen {
		scale = 0
	}
	n, ok := atoi(intPart)
	if !ok {
		return 0, false
	}
	// Append the fen digits and round on the next one, without building
	// strings: this runs for every amount of a million-row file.
	for i := range scale + 1 {
		d := int64(0)
		if i < len(frac) {
			d = int64(frac[i] - '0')
		}
		if i == scale {
			if d >= 5 {
				n++
			}
			break
		}
		if n > (math.MaxInt64-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	if n > math.MaxInt64/int64(mult) {
		return 0, false
	}
	n *= int64(mult)
	if neg {
		n = -n
	}
	return n, true
}

// atoi reads digits into an int64, refusing overflow.
func atoi(s string) (int64, bool) {
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return 0, true
	}
	if len(s) > 19 {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// ParseInt reads a count: "1,234", "\t9001", "1234.0", "1.2万". A
// fraction that is not zero is refused rather than rounded: a count with
// decimals is a wrong column.
func ParseInt(s string) (int64, bool) {
	neg, dec, mult, ok := number(clean(s))
	if !ok {
		return 0, false
	}
	intPart, frac, ok := shift(dec)
	if !ok {
		return 0, false
	}
	// 万 takes up to four decimals into the integer.
	for ; mult > 1 && frac != ""; mult /= 10 {
		intPart, frac = intPart+frac[:1], frac[1:]
	}
	if strings.Trim(frac, "0") != "" {
		return 0, false
	}
	n, ok := atoi(intPart)
	if !ok || n > math.MaxInt64/int64(mult) {
		return 0, false
	}
	n *= int64(mult)
	if neg {
		n = -n
	}
	return n, true
}

// ParseRatio reads a rate as a fraction: "4.18%" → 0.0418, "0.0418" →
// 0.0418, and with UnitPercent "4.18" → 0.0418.
func ParseRatio(s, unit string) (float64, bool) {
	s = narrow(clean(s))
	pct := unit == UnitPercent
	if t, cut := strings.CutSuffix(s, "%"); cut {
		s, pct = strings.TrimSpace(t), true
	}
	neg, dec, mult, ok := number(s)
	if !ok || mult != 1 {
		return 0, false
	}
	if _, _, ok := shift(dec); !ok {
		return 0, false
	}
	div := 1.0
	if pct && !strings.ContainsAny(dec, "eE") {
		// Moving the point in the text keeps "97.07%" the nearest float to
		// 0.9707, which dividing by 100 would miss.
		dec += "e-2"
	} else if pct {
		div = 100
	}
	f, err := strconv.ParseFloat(dec, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	f /= div
	if neg {
		f = -f
	}
	return f, true
}
