package mask

import "strings"

// Finding is a span of personal data in a text, in byte offsets.
type Finding struct {
	Kind  Kind `json:"kind"`
	Start int  `json:"start"`
	End   int  `json:"end"`
}

// Find returns the personal data in s, ordered and never overlapping.
//
// It is a hand-written scanner rather than regular expressions: it walks
// maximal runs of ASCII letters and digits, so a mobile number inside a
// longer run (an order number, a waybill such as SF1234567890123, a
// millisecond timestamp, an amount 13800138000.00) is never a match, and
// it reaches tens of MB/s.
func (m *Masker) Find(s string) []Finding {
	if hasWideDigit(s) {
		folded, offs := foldWide(s)
		fs := m.find(folded)
		for i := range fs {
			fs[i].Start, fs[i].End = offs[fs[i].Start], offs[fs[i].End]
		}
		return fs
	}
	return m.find(s)
}

func (m *Masker) find(s string) []Finding {
	sc := scanner{m: m, s: s}
	sc.groups = sc.groupBuf[:0]
	if strings.IndexByte(s, '@') >= 0 {
		sc.emails = findEmails(s)
	}
	sc.run()
	return sc.out
}

// Text returns s with every finding replaced as Options.Text says, and the
// findings (offsets into s).
func (m *Masker) Text(s string) (string, []Finding) {
	fs := m.Find(s)
	if len(fs) == 0 {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, f := range fs {
		b.WriteString(s[last:f.Start])
		a := m.text[f.Kind]
		if a == ActionScan {
			a = ActionKeep
		}
		b.WriteString(m.Value(f.Kind, a, s[f.Start:f.End]))
		last = f.End
	}
	b.WriteString(s[last:])
	return b.String(), fs
}

type scanner struct {
	m      *Masker
	s      string
	emails []Finding
	out    []Finding
	groups []group
	// groupBuf backs groups for the usual short runs, saving an
	// allocation per text.
	groupBuf [8]group
}

// group is a maximal run of digits (with an ID's final X) inside a number;
// sep is the character before it: 0 for the first, ' ', '-' or ')'.
type group struct {
	start, end int
	sep        byte
}

func (sc *scanner) run() {
	s := sc.s
	ei := 0
	for i := 0; i < len(s); {
		limit := len(s)
		if ei < len(sc.emails) {
			if i >= sc.emails[ei].Start {
				sc.out = append(sc.out, sc.emails[ei])
				i = sc.emails[ei].End
				ei++
				continue
			}
			limit = sc.emails[ei].Start
		}
		c := s[i]
		switch {
		case isAlnum(c):
			i = sc.alnum(i, limit)
		case c == '+' || c == '(' || c == 0xEF && strings.HasPrefix(s[i:], "（"):
			i = sc.prefixed(i, limit)
		default:
			i++
		}
	}
}

// alnum handles the alphanumeric run starting at i and returns where
// scanning goes on.
func (sc *scanner) alnum(i, limit int) int {
	s := sc.s
	j := i
	for j < limit && isAlnum(s[j]) {
		j++
	}
	if !sc.leftBoundary(i) {
		return j
	}
	if j-i == 18 && !allDigits(s[i:j]) && sc.rightBoundary(j) && validUSCC(s[i:j]) {
		sc.out = append(sc.out, Finding{USCC, i, j})
		return j
	}
	if !isDigit(s[i]) {
		return j // a code such as SF1234567890123 or A-2024-XL-01
	}
	return sc.number(i, i, false, false, limit)
}

// prefixed handles a number that starts with "(", "（" or "+".
func (sc *scanner) prefixed(i, limit int) int {
	s := sc.s
	if !sc.leftBoundary(i) {
		return i + 1
	}
	p := i
	paren := false
	if s[p] == '(' {
		paren, p = true, p+1
	} else if s[p] == 0xEF {
		paren, p = true, p+len("（")
	}
	plus := p < limit && s[p] == '+'
	if plus {
		p++
	}
	if p >= limit || !isDigit(s[p]) {
		return i + 1
	}
	if paren {
		if q, ok := sc.parenForm(p, plus, limit); ok {
			return sc.number(i, q, plus, true, limit)
		}
		if plus {
			return sc.number(p-1, p, true, false, limit)
		}
		return sc.number(p, p, false, false, limit)
	}
	return sc.number(i, p, true, false, limit)
}

// parenForm reports whether the digits at p are an area code or country
// code closed by a parenthesis, as in (0571)88886666 or (+86)138…; a whole
// phone number in parentheses is ordinary punctuation instead.
func (sc *scanner) parenForm(p int, plus bool, limit int) (int, bool) {
	s := sc.s
	e := p
	for e < limit && isDigit(s[e]) {
		e++
	}
	closed := e < limit && (s[e] == ')' || strings.HasPrefix(s[e:], "）"))
	code := s[p:e]
	if plus {
		return p, closed && code == "86"
	}
	return p, closed && areaCodeLen(code) == len(code)
}

func (sc *scanner) leftBoundary(i int) bool {
	if i == 0 {
		return true
	}
	s := sc.s
	c := s[i-1]
	switch {
	case isAlnum(c):
		return false
	case c == '.' && i >= 2 && isDigit(s[i-2]):
		return false // the decimals of an amount
	case (c == '-' || c == '_') && i >= 2 && isAlnum(s[i-2]):
		return false // the tail of a code such as A-2024-XL-01
	}
	return true
}

func (sc *scanner) rightBoundary(j int) bool {
	s := sc.s
	if j >= len(s) {
		return true
	}
	c := s[j]
	next := j+1 < len(s) && isAlnum(s[j+1])
	switch {
	case isAlnum(c):
		return false
	case c == '.' && next && isDigit(s[j+1]):
		return false
	case (c == '-' || c == '_') && next:
		return false
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
