package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

const (
	relInternal = "nofollow noopener"
	relExternal = "noopener noreferrer nofollow"
)

// urlPolicy rewrites and checks every URL in the tree before rendering, so
// refused links lose only their anchor, not their text; the sanitizer would
// merely strip the attribute and leave an empty <a> or <img>.
type urlPolicy struct {
	rewriteImage URLFunc
	rewriteLink  URLFunc
}

func (p *urlPolicy) apply(doc ast.Node, source []byte) {
	for _, n := range collect(doc, hasURL) {
		switch n := n.(type) {
		case *ast.Link:
			p.link(n)
		case *ast.AutoLink:
			p.autoLink(n, source)
		case *ast.Image:
			p.image(n, source)
		}
	}
}

func hasURL(n ast.Node) bool {
	switch n.(type) {
	case *ast.Link, *ast.AutoLink, *ast.Image:
		return true
	}
	return false
}

func (p *urlPolicy) link(n *ast.Link) {
	href, external, ok := p.linkURL(string(util.URLEscape(n.Destination, true)))
	if !ok {
		unwrap(n)
		return
	}
	n.Destination = reresolvable(href)
	markLink(n, external)
}

// autoLink turns autolinks into ordinary links: goldmark derives their URL
// from the source text, so it cannot be rewritten or given attributes.
func (p *urlPolicy) autoLink(n *ast.AutoLink, source []byte) {
	label := ast.NewString(n.Label(source))
	label.SetRaw(true) // autolink labels are literal, as goldmark renders them
	raw := string(util.URLEscape(n.URL(source), false))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(raw), "mailto:") {
		raw = "mailto:" + raw
	}
	href, external, ok := p.linkURL(raw)
	if !ok {
		replace(n, label)
		return
	}
	link := ast.NewLink()
	link.Destination = reresolvable(href)
	link.AppendChild(link, label)
	markLink(link, external)
	replace(n, link)
}

func (p *urlPolicy) image(n *ast.Image, source []byte) {
	src, ok := p.rewriteImage(string(util.URLEscape(n.Destination, true)))
	if ok {
		_, ok = checkURL(src, false)
	}
	if !ok {
		alt := ast.NewString([]byte(plainText(n, source)))
		alt.SetRaw(true) // already resolved; must not be resolved twice
		replace(n, alt)
		return
	}
	n.Destination = reresolvable(src)
}

func (p *urlPolicy) linkURL(raw string) (href string, external, ok bool) {
	href, ok = p.rewriteLink(raw)
	if !ok {
		return "", false, false
	}
	external, ok = checkURL(href, true)
	return href, external, ok
}

// checkURL accepts relative, http and https URLs, and mailto ones when
// mailto is set (links, not images). url.Parse lowercases the scheme, so
// "JAVASCRIPT:" is refused too. A URL is external when it names a host,
// which includes protocol-relative "//host/path".
func checkURL(raw string, mailto bool) (external, ok bool) {
	u, err := url.Parse(raw)
	if raw == "" || err != nil {
		return false, false
	}
	switch u.Scheme {
	case "", "http", "https":
	case "mailto":
		if !mailto {
			return false, false
		}
	default:
		return false, false
	}
	return u.Host != "", true
}

func markLink(n ast.Node, external bool) {
	if !external {
		n.SetAttributeString("rel", relInternal)
		return
	}
	n.SetAttributeString("rel", relExternal)
	n.SetAttributeString("target", "_blank")
}

// reresolvable protects a checked URL from goldmark's renderer, which
// resolves entities and backslash escapes in destinations once more: without
// this, "&amp;#106;avascript:" would be checked as one URL and emitted as
// another.
func reresolvable(u string) []byte {
	u = strings.ReplaceAll(u, `\`, `\\`)
	return []byte(strings.ReplaceAll(u, "&", "&amp;"))
}

// unwrap replaces n by its children, keeping a refused link's text.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

func replace(old, n ast.Node) {
	old.Parent().ReplaceChild(old.Parent(), old, n)
}
