package quiz

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeText reduces a fill-in-the-blank answer to a canonical form, so
// that two answers a human marker would call the same compare equal. The
// accepted answers and the learner's answer are both normalized; the result
// is for comparison only, never for display. The rules, in order:
//
//  1. Invalid UTF-8 becomes U+FFFD, so every byte string has one result.
//  2. Unicode NFKC turns full-width forms into ASCII (ＡＢＣ１２３ → abc123
//     after step 3, （） → (), １５％ → 15%, ，→ ,) and expands ligatures
//     and circled or superscript forms (① → 1, ² → 2).
//  3. Upper case becomes lower case: case rarely carries meaning in a blank
//     (GMV, gmv and Gmv are one answer).
//  4. The punctuation a Chinese input method types instead of ASCII becomes
//     ASCII: 。→ .  、→ ,  “ ” 「 」 『 』 → "  ‘ ’ → '  《 》 → < >
//     【 】 → [ ]. A learner who types 3.5 with the IME in Chinese mode gets
//     3。5, which is still 3.5.
//  5. All white space and invisible characters (zero-width space, BOM, soft
//     hyphen, control characters) are removed: spaces inside a Chinese
//     answer mean nothing, so "3 分钟" is "3分钟" and "1 5 %" is "15%".
//  6. Sentence punctuation and quotes at the ends are dropped: trailing
//     . , ; : ! ? " ' and leading , ; : ! ? " ' — so "3分钟。" and
//     "“3分钟”" are "3分钟". A leading . is kept because it can be a
//     decimal point (.5 is not 5).
//
// Everything else is kept, in particular digits, signs, brackets, % and inner
// punctuation: "3.5" ≠ "35", "1,000" ≠ "1000", "-5" ≠ "5", "(1)" ≠ "1".
// There is no synonym, traditional/simplified or number-word folding
// (十五 ≠ 15): list such variants as accepted answers instead.
func NormalizeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.Map(foldRune, s)
	// Removing white space can bring a letter next to a combining mark that
	// followed the space; composing again keeps NormalizeText idempotent.
	s = norm.NFKC.String(s)
	s = strings.TrimLeftFunc(s, isLeadingNoise)
	return strings.TrimRightFunc(s, isTrailingNoise)
}

// foldRune implements steps 4 and 5 for one rune; -1 drops it.
func foldRune(r rune) rune {
	switch r {
	case '。':
		return '.'
	case '、':
		return ','
	case '“', '”', '「', '」', '『', '』':
		return '"'
	case '‘', '’':
		return '\''
	case '《':
		return '<'
	case '》':
		return '>'
	case '【':
		return '['
	case '】':
		return ']'
	}
	if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
		return -1
	}
	return r
}

func isTrailingNoise(r rune) bool { return strings.ContainsRune(`.,;:!?"'`, r) }

func isLeadingNoise(r rune) bool { return strings.ContainsRune(`,;:!?"'`, r) }
