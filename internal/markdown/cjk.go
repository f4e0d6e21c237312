package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// delimiterParser scans '*', '_' and '~' runs with the CommonMark CJK-friendly
// amendment (github.com/tats-u/markdown-cjk-friendly). goldmark follows plain
// CommonMark even with extension.CJK, so "**注意：**退款" stays literal: the
// closing run sits between a punctuation mark and a letter. Chinese writing
// puts full-width punctuation inside emphasis all the time.
type delimiterParser struct{}

func (delimiterParser) Trigger() []byte { return []byte{'*', '_', '~'} }

func (delimiterParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := scanDelimiter(line, before)
	// Same limits as goldmark's GFM strikethrough: "~~~" starts no span.
	if d.Char == '~' && (d.OriginalLength > 2 || before == '~') {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

func scanDelimiter(line []byte, before rune) *parser.Delimiter {
	c := line[0]
	n := 1
	for n < len(line) && line[n] == c {
		n++
	}
	after := ' ' // the end of the line counts as whitespace
	if n < len(line) {
		after = util.ToRune(line, n)
	}
	left, right := flanking(before, after)
	canOpen, canClose := left, right
	if c == '_' { // underscores stay strict inside words, e.g. order_id说明
		canOpen = left && (!right || util.IsPunctRune(before))
		canClose = right && (!left || util.IsPunctRune(after))
	}
	var proc parser.DelimiterProcessor = emphasisProcessor{}
	if c == '~' {
		proc = strikethroughProcessor{}
	}
	return parser.NewDelimiter(canOpen, canClose, n, c, proc)
}

// flanking implements the amended left-/right-flanking definitions: only
// non-CJK punctuation blocks a run, and a CJK character on the outer side
// counts like whitespace.
func flanking(before, after rune) (left, right bool) {
	beforeSpace, afterSpace := util.IsSpaceRune(before), util.IsSpaceRune(after)
	beforePunct, afterPunct := isNonCJKPunct(before), isNonCJKPunct(after)
	left = !afterSpace && (!afterPunct || beforeSpace || beforePunct || isCJK(before))
	right = !beforeSpace && (!beforePunct || afterSpace || afterPunct || isCJK(after))
	return left, right
}

func isNonCJKPunct(r rune) bool { return util.IsPunctRune(r) && !isCJK(r) }

// isCJK follows the amendment's "CJK character": East Asian Width W, F or H,
// or Hangul. goldmark's width table predates wide emoji, which matches the
// amendment leaving emoji out.
func isCJK(r rune) bool {
	switch util.EastAsianWidth(r) {
	case "W", "F", "H":
		return true
	}
	return unicode.Is(unicode.Hangul, r)
}

type emphasisProcessor struct{}

func (emphasisProcessor) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisProcessor) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

type strikethroughProcessor struct{}

func (strikethroughProcessor) IsDelimiter(b byte) bool { return b == '~' }

func (strikethroughProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (strikethroughProcessor) OnMatch(int) ast.Node { return east.NewStrikethrough() }

// joinCJKLines drops soft line breaks between two Chinese or Japanese
// characters. extension.CJK does this only when both sides are plain text
// and not for full-width punctuation such as "，"; its stricter CSS3 mode
// would also glue "hello,\nworld" together. Korean is left alone because it
// separates words with spaces.
func joinCJKLines(doc ast.Node, source []byte) {
	for _, n := range collect(doc, isSoftBreak) {
		t := n.(*ast.Text)
		if joinsLines(lastRune(t, source)) && joinsLines(firstRune(t.NextSibling(), source)) {
			t.SetSoftLineBreak(false)
		}
	}
}

func isSoftBreak(n ast.Node) bool {
	t, ok := n.(*ast.Text)
	return ok && t.SoftLineBreak()
}

func joinsLines(r rune) bool { return isCJK(r) && !unicode.Is(unicode.Hangul, r) }

// lastRune is the last character rendered up to and including t; an empty
// text after "**注意：**" takes it from inside the emphasis.
func lastRune(t *ast.Text, source []byte) rune {
	if v := t.Value(source); len(v) > 0 {
		r, _ := utf8.DecodeLastRune(v)
		return r
	}
	for n := t.PreviousSibling(); n != nil; n = n.LastChild() {
		if txt, ok := n.(*ast.Text); ok {
			r, _ := utf8.DecodeLastRune(txt.Value(source))
			return r
		}
	}
	return utf8.RuneError
}

// firstRune is the first character rendered from n on, looking into
// emphasis, links and code spans.
func firstRune(n ast.Node, source []byte) rune {
	for ; n != nil; n = n.FirstChild() {
		if t, ok := n.(*ast.Text); ok {
			r, _ := utf8.DecodeRune(t.Value(source))
			return r
		}
	}
	return utf8.RuneError
}
