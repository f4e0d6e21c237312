package markdown

import (
	"html"
	"html/template"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// FileFunc says whether a link's href (as emitted, after rewriting) names
// a stored file and, if so, the short description its chip shows, e.g.
// "XLSX · 12 KB".
type FileFunc func(href string) (meta string, ok bool)

var filesKey = parser.NewContextKey()

// HTMLWithFiles renders src like HTML and turns each link that files
// knows into an attachment chip:
// <a class="file-chip" href="…">name<span class="file-chip-meta">XLSX · 12 KB</span></a>.
// files is consulted per call because what a page links to is only known
// when it is shown.
func (r *Renderer) HTMLWithFiles(src string, files FileFunc) (template.HTML, error) {
	pc := parser.NewContext()
	pc.Set(filesKey, files)
	return r.html(src, parser.WithContext(pc))
}

// chips marks the links files knows, after their URLs have been checked.
func chips(doc ast.Node, pc parser.Context) {
	files, _ := pc.Get(filesKey).(FileFunc)
	if files == nil {
		return
	}
	for _, n := range collect(doc, func(n ast.Node) bool { _, ok := n.(*ast.Link); return ok }) {
		link := n.(*ast.Link)
		meta, ok := files(html.UnescapeString(string(link.Destination)))
		if !ok {
			continue
		}
		link.SetAttributeString("class", "file-chip")
		link.AppendChild(link, &chipMeta{text: meta})
	}
}

var kindChipMeta = ast.NewNodeKind("FileChipMeta")

// chipMeta is the type and size part of an attachment chip.
type chipMeta struct {
	ast.BaseInline
	text string
}

func (n *chipMeta) Kind() ast.NodeKind { return kindChipMeta }

func (n *chipMeta) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type chipRenderer struct{}

func (chipRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindChipMeta, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="file-chip-meta">` + html.EscapeString(n.(*chipMeta).text) + `</span>`)
		}
		return ast.WalkSkipChildren, nil
	})
}
