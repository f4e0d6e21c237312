package mask

import "strings"

// maxGroups bounds how many groups one match may span (4-4-4-4-3 is five).
const maxGroups = 5

// number parses the run of digit groups whose first digit is at p (start
// is where the span would begin: the "(" or "+" before it, or p), records
// its findings and returns where scanning goes on.
func (sc *scanner) number(start, p int, plus, paren bool, limit int) int {
	gs, end := sc.parseGroups(p, limit, paren)
	tail := !sc.rightBoundary(end) // the last group is glued to a letter, decimals or a code
	n := len(gs)
	for a := 0; a < n; {
		if gs[a].sep == '-' {
			a++ // inside a hyphenated code or date; a match never starts here
			continue
		}
		b, k := sc.longest(gs, a, tail, plus && a == 0)
		if k == "" {
			a++
			continue
		}
		from := gs[a].start
		if a == 0 {
			from = start
		}
		sc.out = append(sc.out, Finding{k, from, gs[b].end})
		a = b + 1
		if a < n && gs[a].sep == '-' && k == Landline {
			a++ // the extension
		}
	}
	return end
}

// parseGroups reads digit groups joined by one space, hyphen or closing
// parenthesis (when paren, after the first group only; with an optional
// space after it).
func (sc *scanner) parseGroups(p, limit int, paren bool) ([]group, int) {
	s := sc.s
	gs := sc.groups[:0]
	sep := byte(0)
	for {
		g := group{start: p, sep: sep}
		for p < limit && isDigit(s[p]) {
			p++
		}
		if p < limit && (s[p] == 'X' || s[p] == 'x') && idTail(gs, p-g.start) {
			p++
		}
		g.end = p
		gs = append(gs, g)
		sep = 0
		if q, ok := closeParen(s, p, limit); ok && paren && len(gs) == 1 {
			p, sep = q, ')'
		} else if p+1 < limit && (s[p] == ' ' || s[p] == '-') && isDigit(s[p+1]) {
			p, sep = p+1, s[p]
		}
		if sep == 0 || p >= limit || !isDigit(s[p]) {
			sc.groups = gs
			return gs, g.end
		}
	}
}

// closeParen returns the position after ")" or "）" and one optional space.
func closeParen(s string, p, limit int) (int, bool) {
	switch {
	case p < limit && s[p] == ')':
		p++
	case strings.HasPrefix(s[p:min(limit, p+3)], "）"):
		p += 3
	default:
		return p, false
	}
	if p+1 < limit && s[p] == ' ' {
		p++
	}
	return p, true
}

// idTail reports whether an X after n digits can end a resident ID: 17
// digits in one group, or the last group of 6-8-4.
func idTail(gs []group, n int) bool {
	if n == 17 {
		return true
	}
	k := len(gs)
	return n == 3 && k >= 2 && gs[k-1].end-gs[k-1].start == 8 && gs[k-2].end-gs[k-2].start == 6
}

// longest returns the last group and kind of the longest match starting
// at group a, or "" when none.
func (sc *scanner) longest(gs []group, a int, tail, plus bool) (int, Kind) {
	bestB, best := 0, Kind("")
	for b := a; b < len(gs) && b < a+maxGroups; b++ {
		last := b == len(gs)-1
		if last && tail {
			break
		}
		hyphenAfter := !last && gs[b+1].sep == '-'
		k := sc.classify(gs[a:b+1], plus)
		if k == "" {
			continue
		}
		ext := hyphenAfter && k == Landline && b+1 == len(gs)-1 && !tail && gs[b+1].end-gs[b+1].start <= 4
		if !hyphenAfter || ext {
			bestB, best = b, k
		}
	}
	return bestB, best
}

// classify tells what the groups hold, by their digits and their lengths.
func (sc *scanner) classify(gs []group, plus bool) Kind {
	var buf [24]byte
	var lens [maxGroups]int
	d := buf[:0]
	for i, g := range gs {
		if len(d)+g.end-g.start > len(buf) {
			return ""
		}
		d = append(d, sc.s[g.start:g.end]...)
		lens[i] = g.end - g.start
	}
	ls := lens[:len(gs)]
	digits := string(d) // small; the compiler keeps it on the stack for these uses
	if k := phoneKind(digits, ls, plus); k != "" {
		return k
	}
	if plus {
		return ""
	}
	if landline(digits, ls) {
		return Landline
	}
	if idShape(ls, len(digits)) && (validID18(digits, sc.m.ref) || validID15(digits)) {
		return IDCard
	}
	if sc.bankCard(digits, ls, gs[0].start) {
		return BankCard
	}
	if len(ls) == 1 && len(digits) == 18 && validUSCC(digits) && sc.wordBefore(gs[0].start, "税号", "信用代码", "纳税人", "uscc") {
		return USCC // all digits: only after its name, since order numbers are 18 digits too
	}
	return ""
}

// phoneKind matches 13800138000, 138 0013 8000, 138-0013-8000, 138 00138000
// and those after +86, 86-, 0086 or (+86).
func phoneKind(d string, ls []int, plus bool) Kind {
	switch {
	case len(ls) > 1 && ls[0] == 2 && d[:2] == "86":
		d, ls = d[2:], ls[1:]
	case len(ls) > 1 && ls[0] == 4 && d[:4] == "0086":
		d, ls = d[4:], ls[1:]
	case len(ls) == 1 && plus && len(d) == 13 && d[:2] == "86":
		d = d[2:]
		ls = []int{11}
	case len(ls) == 1 && len(d) == 15 && d[:4] == "0086":
		d = d[4:]
		ls = []int{11}
	}
	if !mobile(d) {
		return ""
	}
	switch len(ls) {
	case 1:
		return Phone
	case 2:
		if ls[0] == 3 {
			return Phone
		}
	case 3:
		if ls[0] == 3 && ls[1] == 4 {
			return Phone
		}
	}
	return ""
}

// landline matches an area code and a local number: 057188886666,
// 0571-88886666, (0571)8888-6666, 010 1234 5678.
func landline(d string, ls []int) bool {
	n := areaCodeLen(d)
	if n == 0 || !localNumber(d[n:], n) {
		return false
	}
	switch len(ls) {
	case 1:
		return true
	case 2:
		return ls[0] == n
	case 3:
		return ls[0] == n && ls[2] == 4
	}
	return false
}

func idShape(ls []int, n int) bool {
	switch len(ls) {
	case 1:
		return n == 18 || n == 15
	case 3:
		return ls[0] == 6 && (ls[1] == 8 && ls[2] == 4 || ls[1] == 6 && ls[2] == 3)
	}
	return false
}

// bankCard matches 16–19 digits passing Luhn, either grouped by four
// (6222 0212 3456 7890 123) or in one run that starts like a Chinese card
// or follows a word for card (卡, card) closely.
func (sc *scanner) bankCard(d string, ls []int, start int) bool {
	if len(d) < 16 || len(d) > 19 || !luhn(d) {
		return false
	}
	if len(ls) == 1 {
		return cardIssuer(d) || sc.wordBefore(start, "卡", "card")
	}
	for _, l := range ls[:len(ls)-1] {
		if l != 4 {
			return false
		}
	}
	return len(ls) >= 4 && ls[len(ls)-1] <= 4
}

// wordBefore reports whether one of words (lower case) is in the 30 bytes
// before start: about ten Chinese characters.
func (sc *scanner) wordBefore(start int, words ...string) bool {
	w := strings.ToLower(sc.s[max(0, start-30):start])
	for _, x := range words {
		if strings.Contains(w, x) {
			return true
		}
	}
	return false
}
