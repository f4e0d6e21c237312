package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Heading is one entry of a table of contents.
type Heading struct {
	Level int    // 1 to 6
	Text  string // plain text, markup removed
	ID    string // the id attribute the heading has in HTML output
}

// maxSlugRunes keeps fragment URLs short enough to paste into chat tools.
const maxSlugRunes = 48

// Headings lists the headings of src in document order with the IDs that
// Renderer.HTML gives them.
//
// An ID is "h-" followed by a slug of the heading text: letters and digits of
// any script are kept (so 退款流程 stays readable in the URL fragment), ASCII
// is lowercased, every other run of characters becomes one "-", and the slug
// is cut at 48 runes. A heading without letters or digits gets "h-section".
// A repeated ID gets "-1", "-2", … appended, GitHub style. The prefix keeps
// trainer content from taking IDs that page templates or scripts rely on, and
// the IDs depend only on the headings' own text, so links survive edits to
// the rest of the document.
func Headings(src string) []Heading {
	source := validUTF8(src)
	doc := plainParser().Parse(text.NewReader(source))
	var out []Heading
	for _, n := range collect(doc, isHeading) {
		h := n.(*ast.Heading)
		out = append(out, Heading{Level: h.Level, Text: plainText(h, source), ID: headingID(h)})
	}
	return out
}

func isHeading(n ast.Node) bool {
	_, ok := n.(*ast.Heading)
	return ok
}

func headingID(h *ast.Heading) string {
	v, _ := h.AttributeString("id")
	id, _ := v.(string)
	return id
}

// assignHeadingIDs gives every heading its ID. goldmark's WithAutoHeadingID
// is not used because its slugs drop CJK characters, leaving Chinese
// headings with IDs such as "heading-1".
func assignHeadingIDs(doc ast.Node, source []byte) {
	used := map[string]bool{}
	for _, n := range collect(doc, isHeading) {
		n.SetAttributeString("id", uniqueID("h-"+slug(plainText(n, source)), used))
	}
}

func slug(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
		gap = false
	}
	if b.Len() == 0 {
		return "section"
	}
	if runes := []rune(b.String()); len(runes) > maxSlugRunes {
		return strings.TrimRight(string(runes[:maxSlugRunes]), "-")
	}
	return b.String()
}

// uniqueID also avoids IDs that a literal heading text already took, e.g. a
// heading "退款 1" after two headings "退款".
func uniqueID(base string, used map[string]bool) string {
	id := base
	for i := 1; used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	used[id] = true
	return id
}
