// Package markdown renders Markdown written by trainers (lessons, SOPs,
// knowledge articles, position profiles; mostly Chinese) to HTML that is safe
// on pages served with "script-src 'self'; style-src 'self'", and derives
// plain-text excerpts and tables of contents from the same source.
//
// Safety has two layers on purpose: goldmark drops raw HTML and the AST is
// rewritten so only allowed URLs survive; a bluemonday allow-list then
// re-checks the generated HTML, so a goldmark bug or a new extension cannot
// put script, style attributes or event handlers on a page.
package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer turns Markdown into sanitized HTML. It is safe for concurrent use.
// Build one at start-up: constructing goldmark and the sanitizer policy
// (about 0.4 ms) costs as much as rendering a 2 KB lesson.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// URLFunc maps a link or image destination to the URL to emit. It receives
// the destination as goldmark emits it (entities and backslash escapes
// resolved, non-ASCII percent-encoded). Returning ok=false refuses the URL:
// a refused link keeps its text, a refused image is replaced by its alt text.
// The result must still be http, https, mailto (links only) or relative, or it
// is refused as well.
type URLFunc func(dest string) (url string, ok bool)

// Option configures a Renderer.
type Option func(*urlPolicy)

// WithImageBase rewrites image sources, e.g. "file:<id>" to "/files/<id>",
// or refuses external images. By default sources are kept as written.
func WithImageBase(fn URLFunc) Option {
	return func(p *urlPolicy) { p.rewriteImage = fn }
}

// WithLinkBase rewrites link targets, e.g. "lesson:<id>" to "/lessons/<id>".
// Every absolute URL with a host counts as external (target="_blank"), so a
// deployment that links to its own host should map those URLs to paths here.
// By default targets are kept as written.
func WithLinkBase(fn URLFunc) Option {
	return func(p *urlPolicy) { p.rewriteLink = fn }
}

// New builds a Renderer.
func New(opts ...Option) *Renderer {
	urls := &urlPolicy{rewriteImage: keepURL, rewriteLink: keepURL}
	for _, opt := range opts {
		opt(urls)
	}
	return &Renderer{md: newGoldmark(urls), policy: newPolicy()}
}

func keepURL(dest string) (string, bool) { return dest, true }

// HTML renders src. The result contains no wrapper element; the page wraps it
// in <div class="prose">, whose CSS styles tables, code and task lists.
func (r *Renderer) HTML(src string) (template.HTML, error) {
	return r.html(src)
}

func (r *Renderer) html(src string, opts ...parser.ParseOption) (template.HTML, error) {
	var raw bytes.Buffer
	raw.Grow(2 * len(src))
	if err := r.md.Convert(validUTF8(src), &raw, opts...); err != nil {
		return "", fmt.Errorf("markdown: convert %d bytes: %w", len(src), err)
	}
	var clean strings.Builder
	size := raw.Len()
	clean.Grow(size)
	if err := r.policy.SanitizeReaderToWriter(&raw, &clean); err != nil {
		return "", fmt.Errorf("markdown: sanitize %d bytes: %w", size, err)
	}
	return template.HTML(clean.String()), nil
}

// Text returns the plain text of src for lists, search snippets and audit
// entries: markup, raw HTML, images and task boxes are dropped, whitespace is
// collapsed to single spaces, and the result is cut to at most maxRunes runes,
// the last being "…" when something was cut. maxRunes <= 0 means no limit.
func (r *Renderer) Text(src string, maxRunes int) string {
	source := validUTF8(src)
	doc := plainParser().Parse(text.NewReader(source))
	return truncate(plainText(doc, source), maxRunes)
}

// validUTF8 replaces invalid bytes, which appear when a GBK file is pasted
// or imported as if it were UTF-8: goldmark's CJK line-break handling
// panics on them (found by FuzzHTML).
func validUTF8(src string) []byte {
	return []byte(strings.ToValidUTF8(src, "\uFFFD"))
}

// plainParser parses without URL rewriting, which only matters for HTML. It
// is shared because Headings has no Renderer; goldmark parsers are safe for
// concurrent Parse calls once built.
var plainParser = sync.OnceValue(func() parser.Parser {
	return newGoldmark(nil).Parser()
})

// newGoldmark configures goldmark; urls is nil when only the document
// structure (headings, text) is needed.
func newGoldmark(urls *urlPolicy) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.CJK),
		goldmark.WithParserOptions(
			// Before goldmark's own emphasis (500) and strikethrough parsers,
			// so the CJK-friendly rules win for '*', '_' and '~'.
			parser.WithInlineParsers(util.Prioritized(delimiterParser{}, 450)),
			parser.WithASTTransformers(util.Prioritized(transformer{urls: urls}, 100)),
		),
		// The default puts alignment in style attributes, which the CSP blocks.
		goldmark.WithRendererOptions(
			extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute),
			renderer.WithNodeRenderers(util.Prioritized(chipRenderer{}, 500)),
		),
	)
}

// transformer applies the decisions that need the whole tree. Order matters:
// heading IDs are computed before URL rewriting may turn a refused image into
// its alt text, so Headings (which does not rewrite) yields the same IDs.
type transformer struct {
	urls *urlPolicy
}

func (t transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	joinCJKLines(doc, source)
	assignHeadingIDs(doc, source)
	if t.urls != nil {
		t.urls.apply(doc, source)
		chips(doc, pc)
	}
}

// collect returns the nodes under root that keep accepts, in document order,
// so callers can change the tree without disturbing a walk in progress.
func collect(root ast.Node, keep func(ast.Node) bool) []ast.Node {
	var out []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && keep(n) {
			out = append(out, n)
		}
		return ast.WalkContinue, nil
	})
	return out
}
