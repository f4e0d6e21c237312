package markdown

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var attacks = []struct {
	name, src string
	absent    []string // lowercase substrings that must not appear in the output
}{
	{"script element", "<script>alert(1)</script>", []string{"<script", "alert"}},
	{"script inline", "前<script>alert(1)</script>后", []string{"<script"}},
	{"img onerror", "<img src=x onerror=alert(1)>", []string{"<img", "onerror"}},
	{"svg onload", "<svg onload=alert(1)>", []string{"<svg", "onload"}},
	{"iframe", `<iframe src="https://evil.example"></iframe>`, []string{"<iframe"}},
	{"style attribute", `<p style="color:red">红字</p>`, []string{"style"}},
	{"style element", "<style>body{display:none}</style>", []string{"<style", "display"}},
	{"event handler attribute", `<div onmouseover="alert(1)">x</div>`, []string{"onmouseover"}},
	{"raw javascript anchor", `<a href="javascript:alert(1)">x</a>`, []string{"javascript"}},
	{"javascript link", "[点我](javascript:alert(1))", []string{"javascript", "href"}},
	{"upper-case javascript link", "[x](JAVASCRIPT:alert(1))", []string{"javascript", "href"}},
	{"angle-bracket javascript link", "[x](<javascript:alert(1)>)", []string{"javascript", "href"}},
	{"reference javascript link", "[x]\n\n[x]: javascript:alert(1)", []string{"javascript", "href"}},
	{"vbscript link", "[x](vbscript:msgbox(1))", []string{"vbscript", "href"}},
	{"data html link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", []string{"data:", "href"}},
	{"numeric entity scheme", "[x](&#106;avascript:alert(1))", []string{"javascript", "href"}},
	{"hex entity colon", "[x](javascript&#x3A;alert(1))", []string{"javascript", "href"}},
	{"named entity colon", "[x](javascript&colon;alert(1))", []string{"javascript", "href"}},
	{"entity tab in scheme", "[x](jav&#x09;ascript:alert(1))", []string{"href"}},
	{"escaped entity stays literal", "[x](&amp;#106;avascript:alert(1))", []string{"javascript:"}},
	{"escaped markup shown as text", "&lt;script&gt;alert(1)&lt;/script&gt;", []string{"<script"}},
	{"data uri image", "![x](data:image/png;base64,iVBORw0KGgo=)", []string{"<img", "data:"}},
	{"javascript image", "![x](javascript:alert(1))", []string{"<img", "javascript"}},
	{"title breaks out of attribute", `[x](https://a.example "t\" onclick=\"alert(1)")`, nil},
	{"quote in URL", `[x](https://a.example/"onmouseover="alert(1))`, nil},
	{"fenced code info injection", "```\"><script>alert(1)</script>\nx\n```", []string{"<script"}},
	{"attribute syntax is not enabled", "# 标题 {onclick=alert(1) style=color:red}", nil},
	{"comment", "<!-- secret --><b>x</b>", []string{"<!--", "secret"}},
}

func TestHTMLRefusesAttacks(t *testing.T) {
	r := New()
	for _, tt := range attacks {
		t.Run(tt.name, func(t *testing.T) {
			got := mustHTML(t, r, tt.src)
			if bad := unsafeParts(got); len(bad) > 0 {
				t.Errorf("HTML(%q) = %q has unsafe parts %q", tt.src, got, bad)
			}
			for _, s := range tt.absent {
				if strings.Contains(strings.ToLower(got), s) {
					t.Errorf("HTML(%q) = %q contains %q", tt.src, got, s)
				}
			}
		})
	}
}

// TestPolicy checks the sanitizer on its own, with the raw HTML that goldmark
// never lets through, so the second layer is known to hold by itself.
func TestPolicy(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p style="color:red" class="x" onclick="f()">字</p>`, `<p>字</p>`},
		{`<a href="javascript:alert(1)">x</a>`, `x`},
		{`<a href="https://evil.example/">x</a>`,
			`<a href="https://evil.example/" rel="nofollow noreferrer noopener" target="_blank">x</a>`},
		{`<a href="/x" target="_self" rel="opener">x</a>`, `<a href="/x" rel="nofollow">x</a>`},
		{`<img src="data:image/png;base64,AAAA" onerror="f()" alt="图">`, `<img alt="图">`},
		{`<input type="text" value="x">`, ``},
		{`<input type="checkbox" checked="" disabled="" onclick="f()">`, `<input type="checkbox" checked="" disabled="">`},
		{`<code class="language-go">x</code><code class="evil">y</code>`, `<code class="language-go">x</code><code>y</code>`},
		{`<span class="language-go">x</span>`, `<span>x</span>`},
		{`<td style="text-align:right" align="right">1</td>`, `<td align="right">1</td>`},
		{`<script>alert(1)</script><style>p{}</style>`, ``},
	}
	p := newPolicy()
	for _, tt := range tests {
		if got := p.Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func FuzzHTML(f *testing.F) {
	for _, a := range attacks {
		f.Add(a.src)
	}
	f.Add(lesson)
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		got, err := r.HTML(src)
		if err != nil {
			t.Fatalf("HTML(%q): %v", src, err)
		}
		if bad := unsafeParts(string(got)); len(bad) > 0 {
			t.Fatalf("HTML(%q) = %q has unsafe parts %q", src, got, bad)
		}
	})
}

// unsafeParts parses fragment as a browser would and lists what the CSP or
// the page could not tolerate.
func unsafeParts(fragment string) []string {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return []string{"unparsable: " + err.Error()}
	}
	var bad []string
	for _, root := range nodes {
		if root.Type == html.ElementNode || root.Type == html.CommentNode {
			bad = append(bad, unsafeNode(root)...)
		}
		for n := range root.Descendants() {
			bad = append(bad, unsafeNode(n)...)
		}
	}
	return bad
}

var forbiddenElements = map[string]bool{
	"script": true, "style": true, "iframe": true, "frame": true, "object": true, "embed": true,
	"svg": true, "math": true, "form": true, "button": true, "textarea": true, "select": true,
	"link": true, "meta": true, "base": true, "template": true,
}

func unsafeNode(n *html.Node) []string {
	if n.Type == html.CommentNode {
		return []string{"comment"}
	}
	if n.Type != html.ElementNode {
		return nil
	}
	var bad []string
	if forbiddenElements[n.Data] {
		bad = append(bad, "<"+n.Data+">")
	}
	for _, a := range n.Attr {
		if !safeAttr(n.Data, a) {
			bad = append(bad, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
		}
	}
	if attr(n, "target") != "" && !strings.Contains(attr(n, "rel"), "noopener") {
		bad = append(bad, "target without noopener")
	}
	return bad
}

func safeAttr(element string, a html.Attribute) bool {
	key := strings.ToLower(a.Key)
	switch {
	case strings.HasPrefix(key, "on"), key == "style", key == "srcdoc", key == "formaction":
		return false
	case key == "class":
		return element == "code" && strings.HasPrefix(a.Val, "language-")
	case key == "href", key == "src", key == "cite":
		return safeURL(a.Val, element == "a")
	case element == "input" && key == "type":
		return a.Val == "checkbox"
	}
	return true
}

// safeURL is stricter than browsers: they strip tabs and newlines before
// reading the scheme, url.Parse refuses them.
func safeURL(v string, mailto bool) bool {
	u, err := url.Parse(strings.TrimSpace(v))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
		return true
	case "mailto":
		return mailto
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
