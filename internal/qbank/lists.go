package qbank

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// Structured cells (fill answers, matching pairs, tags) use separators such
// as | and /. A backslash before a separator or a backslash makes it part
// of the text, so an accepted answer "1/2" is written 1\/2. A backslash
// before anything else is kept as typed, so C:\temp needs no escaping.

// Separators, as rune sets.
const (
	blankSeps = "|｜"                       // between the blanks of a fill answer
	altSeps   = "/／"                       // between a blank's accepted answers
	pairSeps  = "=＝"                       // between a matching option and its target
	tagSeps   = ",，;；、"                    // between tags, besides white space
	keySeps   = ",，;；、/|>＞→-—·.。 \t\u3000" // between option keys ("A、C、D", "B→A→D→C")
)

func isSpecial(r rune) bool {
	return r == '\\' || unicode.IsSpace(r) || strings.ContainsRune(blankSeps+altSeps+pairSeps+tagSeps, r)
}

// splitRaw splits s at separators not preceded by a backslash and keeps
// escapes in the parts, so a part can be split again at other separators.
func splitRaw(s string, isSep func(rune) bool) []string {
	var parts []string
	var b strings.Builder
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case isSep(r):
			parts = append(parts, b.String())
			b.Reset()
			continue
		}
		b.WriteRune(r)
	}
	return append(parts, b.String())
}

// unescape removes the backslash before a separator or a backslash.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) && isSpecial(rs[i+1]) {
			i++
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

// escape puts a backslash before every backslash and every rune of s that
// isSep accepts.
func escape(s string, isSep func(rune) bool) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\\' || isSep(r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func in(set string) func(rune) bool {
	return func(r rune) bool { return strings.ContainsRune(set, r) }
}

func isTagSep(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(tagSeps, r) }

// splitBlanks reads a fill answer: "3分钟/三分钟|85%" is two blanks, the
// first with two accepted answers. Empty alternatives are dropped; an empty
// blank stays, for Validate to report.
func splitBlanks(s string) [][]string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var blanks [][]string
	for _, blank := range splitRaw(s, in(blankSeps)) {
		alts := []string{}
		for _, a := range splitRaw(blank, in(altSeps)) {
			if a = sheet.Trim(unescape(sheet.Trim(a))); a != "" {
				alts = append(alts, a)
			}
		}
		blanks = append(blanks, alts)
	}
	return blanks
}

func joinBlanks(blanks [][]string) string {
	parts := make([]string, len(blanks))
	for i, alts := range blanks {
		esc := make([]string, len(alts))
		for j, a := range alts {
			esc[j] = escape(a, in(blankSeps+altSeps))
		}
		parts[i] = strings.Join(esc, "/")
	}
	return strings.Join(parts, "|")
}

// splitTags reads 标签: "module:售后 platform:tmall，退款". Repeats are
// dropped, keeping the first.
func splitTags(s string) []string {
	var tags []string
	for _, t := range splitRaw(s, isTagSep) {
		if t = unescape(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

func joinTags(tags []string) string {
	esc := make([]string, len(tags))
	for i, t := range tags {
		esc[i] = escape(t, isTagSep)
	}
	return strings.Join(esc, " ")
}

// splitPair reads a matching cell "转化率=支付买家数÷访客数" at its first
// unescaped =; the target may contain more.
func splitPair(s string) (left, right string, ok bool) {
	escaped := false
	for i, r := range s {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case strings.ContainsRune(pairSeps, r):
			left, right = s[:i], s[i+utf8.RuneLen(r):]
			return sheet.Trim(unescape(left)), sheet.Trim(unescape(right)), true
		}
	}
	return "", "", false
}

func joinPair(left, right string) string {
	return escape(left, in(pairSeps)) + "=" + escape(right, func(rune) bool { return false })
}

// parseKeys reads option keys: "ACD", "A,C,D", "A、C、D", "b→a→d→c".
// ok is false when anything but letters A–H and separators is written.
func parseKeys(s string) ([]string, bool) {
	var keys []string
	for _, r := range strings.ToUpper(norm.NFKC.String(s)) {
		switch {
		case strings.ContainsRune(optionKeys, r):
			keys = append(keys, string(r))
		case !unicode.IsSpace(r) && !strings.ContainsRune(keySeps, r):
			return nil, false
		}
	}
	return keys, true
}

// normKey is an option or target key as stored: trimmed, NFKC, upper case.
func normKey(s string) string { return strings.ToUpper(strings.TrimSpace(norm.NFKC.String(s))) }

// blankMarkRE finds the blanks marked in a fill stem: ____ (three or more
// underscores, ASCII or full-width) or empty brackets （ ）, ( ).
var blankMarkRE = regexp.MustCompile(`_{3,}|＿{2,}|（[\s\x{3000}]*）|\([\s\x{3000}]+\)`)

func countBlankMarks(stem string) int { return len(blankMarkRE.FindAllStringIndex(stem, -1)) }
