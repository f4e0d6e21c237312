package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// plainText returns the visible text under root with whitespace collapsed.
// Blocks are separated by a space so that headings, paragraphs and table
// cells do not run together in an excerpt.
func plainText(root ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		if n == root { // an image's alt text is wanted when root is the image
			return ast.WalkContinue, nil
		}
		return writeText(&b, n, source), nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

func writeText(b *strings.Builder, n ast.Node, source []byte) ast.WalkStatus {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(resolve(n.Value(source), n.IsRaw()))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ') // breaks between CJK lines were already removed
		}
	case *ast.String:
		b.Write(resolve(n.Value, n.IsRaw() || n.IsCode()))
	case *ast.AutoLink:
		b.Write(n.Label(source))
	case *ast.CodeSpan:
		writeRawChildren(b, n, source)
		return ast.WalkSkipChildren
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		writeLines(b, n, source)
	case *ast.Image, *ast.RawHTML, *ast.HTMLBlock, *east.TaskCheckBox:
		return ast.WalkSkipChildren
	}
	return ast.WalkContinue
}

// resolve mirrors goldmark's HTML writer, so "AT&amp;T" and "\*" read as they
// look on the page.
func resolve(v []byte, raw bool) []byte {
	if raw {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

func writeRawChildren(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Value(source))
		}
	}
}

func writeLines(b *strings.Builder, n ast.Node, source []byte) {
	lines := n.Lines()
	for i := range lines.Len() {
		line := lines.At(i)
		b.Write(line.Value(source))
		b.WriteByte(' ')
	}
}

// truncate cuts s to at most maxRunes runes, ending in "…" when it cuts.
func truncate(s string, maxRunes int) string {
	if maxRunes <= 0 || utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	cut, n := 0, 0
	for i := range s {
		if n == maxRunes-1 {
			cut = i
			break
		}
		n++
	}
	return strings.TrimRight(s[:cut], " ") + "…"
}
