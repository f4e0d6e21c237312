package search

import (
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// SnippetRunes is the length of a snippet's window.
const SnippetRunes = 90

type span struct{ from, to int }

// Highlight escapes text and marks every occurrence of terms with <mark>.
func Highlight(text string, terms []string) template.HTML {
	r := []rune(text)
	return render(r, matches(r, terms), 0, len(r))
}

// Snippet is the window of text (about SnippetRunes long) holding the most
// distinct terms, escaped, with the terms marked; the start of the text
// when no term occurs.
func Snippet(text string, terms []string) template.HTML {
	r := []rune(strings.Join(strings.Fields(text), " "))
	ms := matches(r, terms)
	from := bestWindow(r, ms)
	to := min(len(r), from+SnippetRunes)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	b.WriteString(string(render(r, ms, from, to)))
	if to < len(r) {
		b.WriteString("…")
	}
	return template.HTML(b.String())
}

// fold lowers and narrows one rune, keeping rune offsets aligned.
func fold(r rune) rune {
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	return unicode.ToLower(r)
}

// matches finds non-overlapping occurrences of terms, longest terms first.
func matches(text []rune, terms []string) []span {
	folded := make([]rune, len(text))
	for i, r := range text {
		folded[i] = fold(r)
	}
	ts := append([]string(nil), terms...)
	sort.Slice(ts, func(i, j int) bool { return len([]rune(ts[i])) > len([]rune(ts[j])) })
	taken := make([]bool, len(text))
	var out []span
	for _, t := range ts {
		tr := []rune(Normalize(t))
		if len(tr) == 0 {
			continue
		}
		for i := 0; i+len(tr) <= len(folded); i++ {
			if equalAt(folded, tr, i) && free(taken, i, len(tr)) && wordEdge(folded, i, len(tr)) {
				for k := i; k < i+len(tr); k++ {
					taken[k] = true
				}
				out = append(out, span{i, i + len(tr)})
				i += len(tr) - 1
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].from < out[j].from })
	return out
}

func equalAt(text, t []rune, i int) bool {
	for k, r := range t {
		if text[i+k] != r {
			return false
		}
	}
	return true
}

func free(taken []bool, i, n int) bool {
	for k := i; k < i+n; k++ {
		if taken[k] {
			return false
		}
	}
	return true
}

// wordEdge keeps a Latin term from matching inside a longer Latin word
// ("roi" in "heroic"), except at a word's start (prefix search).
func wordEdge(text []rune, i, n int) bool {
	latin := func(r rune) bool { return r < 0x3000 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	if !latin(text[i]) {
		return true
	}
	return i == 0 || !latin(text[i-1])
}

// bestWindow returns the start of the window covering the most distinct
// matched words, starting a little before its first match.
func bestWindow(text []rune, ms []span) int {
	best, bestN := 0, 0
	for i, m := range ms {
		seen := map[string]bool{}
		for _, n := range ms[i:] {
			if n.to > m.from+SnippetRunes {
				break
			}
			seen[strings.ToLower(string(text[n.from:n.to]))] = true
		}
		if len(seen) > bestN {
			best, bestN = m.from, len(seen)
		}
	}
	if bestN == 0 {
		return 0
	}
	return max(0, min(best-12, len(text)-SnippetRunes))
}

// render escapes text[from:to] and wraps the matches inside it in <mark>.
func render(text []rune, ms []span, from, to int) template.HTML {
	var b strings.Builder
	at := from
	for _, m := range ms {
		if m.from < from || m.to > to {
			continue
		}
		b.WriteString(html.EscapeString(string(text[at:m.from])))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(string(text[m.from:m.to])))
		b.WriteString("</mark>")
		at = m.to
	}
	b.WriteString(html.EscapeString(string(text[at:to])))
	return template.HTML(b.String())
}

// MarkTerms returns the words to mark in text for q: its highlight words
// and the runs of Chinese characters in text whose pinyin was typed (or,
// for a typed word of three letters or more, begins with it). It reads
// the pinyin character by character instead of cutting text into words,
// so marking a result costs a table lookup per character, not a
// segmentation of the whole document.
func (s *Segmenter) MarkTerms(text string, q Query) []string {
	terms := append([]string(nil), q.Highlight...)
	if len(q.Pinyin) == 0 {
		return terms
	}
	r := []rune(text)
	py := make([]string, len(r))
	for i, c := range r {
		if isHan(c) {
			py[i] = s.runePinyin(c)
		}
	}
	for i := range r {
		if py[i] == "" {
			continue
		}
		for _, t := range q.Pinyin {
			if j := pinyinRun(py, i, t); j > i {
				terms = append(terms, string(r[i:j]))
			}
		}
	}
	return dedupe(terms)
}

// pinyinRun is the end of the run of characters from i whose joined
// pinyin is t (or, for t of three letters or more, begins with t); i when
// there is none.
func pinyinRun(py []string, i int, t string) int {
	acc := ""
	for j := i; j < len(py) && j < i+8 && py[j] != ""; j++ {
		acc += py[j]
		switch {
		case acc == t, len(t) >= 3 && strings.HasPrefix(acc, t):
			return j + 1
		case !strings.HasPrefix(t, acc):
			return i
		}
	}
	return i
}
