package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"text/template/parse"
)

// The page chrome (head, sidebar, top bar and the closing tags around a
// page's content) is the same for every viewer with the same locale, page
// title, roles, section and review badge; only the viewer's avatar and name
// and the locale switch's return address differ. Running it through the
// template engine was about half of rendering 我的学习, so it is rendered
// once per key with holes where those parts go, and a page that uses the
// layout is then its holes filled in around its "content" template.

// Holes: text that passes html/template unchanged in both text and
// attribute context, and that no page writes.
const (
	holeUser    = "\u27e6sd:user\u27e7"
	holeNext    = "\u27e6sd:next\u27e7"
	holeContent = "\u27e6sd:content\u27e7"
)

// chromeSource is the page the chrome is rendered from: the layout around
// nothing but the content hole.
const chromeSource = `{{template "layout" .}}{{define "content"}}` + holeContent + `{{end}}`

// chrome is the rendered layout cut at its holes: parts[i] is followed by
// holes[i].
type chrome struct {
	parts []string
	holes []string
}

// usesLayout reports whether a page file is the layout around its
// "content" and nothing else, which is what the chrome can stand in for.
func usesLayout(set *template.Template, name string) bool {
	t := set.Lookup(name + ".html")
	if t == nil || t.Tree == nil || set.Lookup("content") == nil {
		return false
	}
	calls := 0
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TemplateNode:
			if n.Name != "layout" || n.Pipe == nil || len(n.Pipe.Cmds) != 1 || n.Pipe.Cmds[0].String() != "." {
				return false
			}
			calls++
		case *parse.TextNode:
			if strings.TrimSpace(string(n.Text)) != "" {
				return false
			}
		default:
			return false
		}
	}
	return calls == 1
}

// renderChromed writes p as its set's "content" inside the cached chrome.
func (h *Handler) renderChromed(buf *bytes.Buffer, set *template.Template, p *page) error {
	c, err := h.chromeOf(p)
	if err != nil {
		return err
	}
	for i, part := range c.parts {
		buf.WriteString(part)
		if i == len(c.holes) {
			break
		}
		switch c.holes[i] {
		case holeContent:
			if err := set.ExecuteTemplate(buf, "content", p); err != nil {
				return err
			}
		case holeUser:
			buf.WriteString(string(p.UserChip()))
		case holeNext:
			buf.WriteString(escapeHTML(p.Next()))
		}
	}
	return nil
}

// chromeOf is the chrome for p's locale, title and sidebar, from the cache.
func (h *Handler) chromeOf(p *page) (*chrome, error) {
	return h.chrome.get(p.Title+"|"+navKey(p), func() (*chrome, error) {
		set, err := h.tmpl.chromeSet()
		if err != nil {
			return nil, err
		}
		q := *p
		q.holes, q.set, q.Data = true, set, nil
		var b bytes.Buffer
		if err := set.ExecuteTemplate(&b, "chrome.html", &q); err != nil {
			return nil, fmt.Errorf("render chrome: %w", err)
		}
		return cutHoles(b.String())
	})
}

// cutHoles splits rendered chrome at its holes; each must appear once.
func cutHoles(s string) (*chrome, error) {
	c := &chrome{}
	for {
		at, hole := -1, ""
		for _, h := range []string{holeUser, holeNext, holeContent} {
			if i := strings.Index(s, h); i >= 0 && (at < 0 || i < at) {
				at, hole = i, h
			}
		}
		if at < 0 {
			c.parts = append(c.parts, s)
			break
		}
		c.parts, c.holes = append(c.parts, s[:at]), append(c.holes, hole)
		s = s[at+len(hole):]
	}
	if len(c.holes) != 3 {
		return nil, fmt.Errorf("render chrome: %d holes, want user, next and content once each", len(c.holes))
	}
	return c, nil
}

// htmlEscaper escapes like html/template does in text and quoted
// attributes, so a page written through the chrome is byte for byte the
// page the layout would have written.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

func escapeHTML(s string) string { return htmlEscaper.Replace(s) }

// UserChip is the viewer's avatar and name in the top bar.
func (p *page) UserChip() template.HTML {
	if p.holes {
		return holeUser
	}
	var b strings.Builder
	if p.Actor.PhotoID != "" {
		b.WriteString(`<img class="avatar" src="/files/` + escapeHTML(url.PathEscape(p.Actor.PhotoID)) + `" alt="" width="32" height="32">`)
	} else {
		initial := "?"
		for _, r := range p.Actor.Name {
			initial = string(r)
			break
		}
		b.WriteString(`<span class="avatar" aria-hidden="true">` + escapeHTML(initial) + `</span>`)
	}
	b.WriteString(`<span class="user-name">` + escapeHTML(p.Actor.Name) + `</span>`)
	return template.HTML(b.String()) //nolint:gosec // every part is escaped above
}

// Next is where the locale switch returns to: this page with its query.
func (p *page) Next() string {
	if p.holes {
		return holeNext
	}
	if q := p.Query.Encode(); q != "" {
		return p.Path + "?" + q
	}
	return p.Path
}
