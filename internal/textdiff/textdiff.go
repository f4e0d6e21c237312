// Package textdiff compares two versions of a material (Markdown lessons, SOP
// steps, question text) for the side-by-side "compare versions" page.
//
// It diffs by line first so that line numbers stay true, pairs replaced lines
// into Change rows, and highlights the characters that differ inside them.
// That inner diff works on runes rather than words because Chinese has no
// spaces to split words on; only ASCII words and numbers are kept whole.
package textdiff

import (
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says what happened to a row between the old and the new version.
type Op int

// The kinds of Row. Skip only appears in the output of Collapse.
const (
	Equal Op = iota
	Insert
	Delete
	Change
	Skip
)

// String returns a lower-case name, usable as a CSS class in templates.
func (o Op) String() string {
	switch o {
	case Equal:
		return "equal"
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	case Change:
		return "change"
	case Skip:
		return "skip"
	}
	return "unknown"
}

// Span is a piece of one line; Changed marks text that differs from the other
// side. Pure Insert and Delete rows are one Changed span.
type Span struct {
	Text    string
	Changed bool
}

// Row is one line of the side-by-side view.
type Row struct {
	Op Op
	// OldNo and NewNo are 1-based line numbers, 0 when that side is empty.
	// For Skip they are the first hidden line on each side.
	OldNo, NewNo int
	// Old and New hold the line's text, split where a Change differs.
	Old, New []Span
	// Hidden is the number of unchanged lines a Skip row stands for.
	Hidden int
}

// Stats counts rows of Compare: Added and Removed are pure Insert and Delete
// lines, Changed the lines edited in place.
type Stats struct {
	Added, Removed, Changed, Unchanged int
}

// Compare diffs oldText against newText line by line. Line endings are
// normalised, so CRLF against LF and a missing final newline are no change.
func Compare(oldText, newText string) ([]Row, Stats) {
	b := builder{dmp: diffmatchpatch.New()}
	for _, d := range b.lineDiffs(normalize(oldText), normalize(newText)) {
		lines := splitLines(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			b.flush()
			b.equal(lines)
		case diffmatchpatch.DiffDelete:
			b.deleted = append(b.deleted, lines...)
		case diffmatchpatch.DiffInsert:
			b.inserted = append(b.inserted, lines...)
		}
	}
	b.flush()
	return b.rows, b.stats
}

// normalize makes every line, the last included, end in "\n", so that the
// line hashes of both versions compare equal for equal lines.
func normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// splitLines cuts a run of normalised lines into lines without "\n".
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// builder turns line diffs into rows, holding back deleted and inserted lines
// until the next equal block so that they can be paired into Change rows.
type builder struct {
	dmp               *diffmatchpatch.DiffMatchPatch
	rows              []Row
	stats             Stats
	oldNo, newNo      int // last line number used on each side
	deleted, inserted []string
}

// lineDiffs runs the diff on one rune per line, which is both fast and keeps
// every edit aligned to whole lines.
func (b *builder) lineDiffs(oldText, newText string) []diffmatchpatch.Diff {
	oldRunes, newRunes, lines := b.dmp.DiffLinesToRunes(oldText, newText)
	diffs := b.dmp.DiffMainRunes(oldRunes, newRunes, false)
	return b.dmp.DiffCharsToLines(diffs, lines)
}

func (b *builder) equal(lines []string) {
	for _, line := range lines {
		b.oldNo++
		b.newNo++
		b.rows = append(b.rows, Row{
			Op: Equal, OldNo: b.oldNo, NewNo: b.newNo,
			Old: []Span{{Text: line}}, New: []Span{{Text: line}},
		})
	}
	b.stats.Unchanged += len(lines)
}

// flush pairs the pending deleted and inserted lines in order; whatever one
// side has more of stays a pure Delete or Insert after the pairs.
func (b *builder) flush() {
	n := min(len(b.deleted), len(b.inserted))
	for i := range n {
		b.change(b.deleted[i], b.inserted[i])
	}
	for _, line := range b.deleted[n:] {
		b.oldNo++
		b.rows = append(b.rows, Row{Op: Delete, OldNo: b.oldNo, Old: []Span{{Text: line, Changed: true}}})
	}
	for _, line := range b.inserted[n:] {
		b.newNo++
		b.rows = append(b.rows, Row{Op: Insert, NewNo: b.newNo, New: []Span{{Text: line, Changed: true}}})
	}
	b.stats.Changed += n
	b.stats.Removed += len(b.deleted) - n
	b.stats.Added += len(b.inserted) - n
	b.deleted, b.inserted = b.deleted[:0], b.inserted[:0]
}

// change adds a Change row whose spans come from an intra-line diff.
func (b *builder) change(oldLine, newLine string) {
	b.oldNo++
	b.newNo++
	row := Row{Op: Change, OldNo: b.oldNo, NewNo: b.newNo}
	for _, d := range b.tokenDiffs(oldLine, newLine) {
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			row.Old = appendSpan(row.Old, d.Text, false)
			row.New = appendSpan(row.New, d.Text, false)
		case diffmatchpatch.DiffDelete:
			row.Old = appendSpan(row.Old, d.Text, true)
		case diffmatchpatch.DiffInsert:
			row.New = appendSpan(row.New, d.Text, true)
		}
	}
	b.rows = append(b.rows, row)
}

// tokenDiffs diffs two lines token by token, reusing the line-hashing helpers
// by putting each token on a line of its own (a line never contains "\n", so
// neither does a token). The semantic cleanup trades a minimal diff for
// fewer, longer highlights that a reader takes in at a glance.
func (b *builder) tokenDiffs(oldLine, newLine string) []diffmatchpatch.Diff {
	oldRunes, newRunes, vocab := b.dmp.DiffLinesToRunes(tokenLines(oldLine), tokenLines(newLine))
	diffs := b.dmp.DiffCleanupSemantic(b.dmp.DiffMainRunes(oldRunes, newRunes, false))
	diffs = b.dmp.DiffCharsToLines(diffs, vocab)
	for i := range diffs {
		diffs[i].Text = strings.ReplaceAll(diffs[i].Text, "\n", "")
	}
	return diffs
}

func tokenLines(line string) string {
	if line == "" {
		return ""
	}
	return strings.Join(tokens(line), "\n") + "\n"
}

// tokens splits a line into runes, except that runs of ASCII letters and
// digits stay whole, with "." or ":" inside them as in 9:30, 19.90 or v1.2:
// a changed time, price or English word is then highlighted whole instead of
// as the few digits or letters that happen to differ. Chinese has no such
// runs, so it is compared character by character. An invalid UTF-8 byte is a
// token of its own and survives unchanged.
func tokens(line string) []string {
	var out []string
	for i := 0; i < len(line); {
		n := wordLen(line[i:])
		if n == 0 {
			_, n = utf8.DecodeRuneInString(line[i:])
		}
		out = append(out, line[i:i+n])
		i += n
	}
	return out
}

// wordLen is the length of the ASCII word or number that s starts with.
func wordLen(s string) int {
	n := 0
	for n < len(s) {
		joiner := (s[n] == '.' || s[n] == ':') && n > 0 && n+1 < len(s) && isAlnum(s[n+1])
		if !isAlnum(s[n]) && !joiner {
			break
		}
		n++
	}
	return n
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// appendSpan merges with the previous span when the flag matches, so a
// template emits one <mark> per highlighted stretch.
func appendSpan(spans []Span, text string, changed bool) []Span {
	if text == "" {
		return spans
	}
	if n := len(spans); n > 0 && spans[n-1].Changed == changed {
		spans[n-1].Text += text
		return spans
	}
	return append(spans, Span{Text: text, Changed: changed})
}
