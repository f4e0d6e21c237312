package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The lists of 我的学习 are written here rather than by the template: each
// value printed by html/template is a reflective call through its escaper,
// and the rows and tiles held most of the page's template time. Every
// value is escaped as html/template escapes it; learn_home_html_test.go
// keeps the markup equal to the template it replaced.

// rowsHTML is today's rows as list items.
func rowsHTML(rows []homeRow) template.HTML {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(`<li class="todo"><span class="todo-kind ` + escapeHTML(r.KindClass) + `">` + escapeHTML(r.Kind) +
			`</span><div class="todo-main"><a href="` + escapeHref(r.Href) + `"`)
		if r.TestID != "" {
			b.WriteString(` data-testid="` + escapeHTML(r.TestID) + `"`)
		}
		b.WriteString(`>` + escapeHTML(r.Title) + `</a>`)
		if r.Sub != "" {
			b.WriteString(`<div class="muted small">` + escapeHTML(r.Sub) + `</div>`)
		}
		b.WriteString(`</div>`)
		writeBadge(&b, r.Badge, r.BadgeCSS)
		b.WriteString(`</li>`)
	}
	return template.HTML(b.String()) //nolint:gosec // every value is escaped
}

// tilesHTML is the assigned paths as progress tiles.
func tilesHTML(tiles []homeTile) template.HTML {
	var b strings.Builder
	for _, t := range tiles {
		pct := strconv.Itoa(t.Percent)
		b.WriteString(`<a class="path-tile" href="` + escapeHref("/learn/paths/"+t.ID) + `" data-testid="my-path">
<div class="path-tile-head"><span class="path-tile-title">` + escapeHTML(t.Title) + `</span>`)
		writeBadge(&b, t.Badge, t.BadgeCSS)
		b.WriteString(`</div>
<div class="progress-label"><span>` + escapeHTML(t.Done) + `</span><span>` + pct + `%</span></div>
<progress class="progress`)
		if t.Certified {
			b.WriteString(` progress-success`)
		}
		b.WriteString(`" max="100" value="` + pct + `"></progress>
<div class="muted small">` + escapeHTML(t.Sub) + `</div></a>
`)
	}
	return template.HTML(b.String()) //nolint:gosec // every value is escaped
}

func writeBadge(b *strings.Builder, text, css string) {
	if text != "" {
		b.WriteString(`<span class="badge ` + escapeHTML(css) + `">` + escapeHTML(text) + `</span>`)
	}
}

// escapeHref escapes a link of this site. Only paths of this site are
// written (an id never makes a scheme), so anything else is the same
// harmless stand-in html/template uses for an unsafe URL.
func escapeHref(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
		return "#ZgotmplZ"
	}
	return escapeHTML(normalizeURL(s))
}

// normalizeURL percent-encodes what html/template's URL normalizer encodes
// (lower-case hex, valid escapes kept), so links match its output.
func normalizeURL(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		if urlSafe(s, i) {
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString("%" + strconv.FormatInt(int64(s[i])>>4, 16) + strconv.FormatInt(int64(s[i])&15, 16))
		written = i + 1
	}
	if written == 0 {
		return s
	}
	return b.String() + s[written:]
}

func urlSafe(s string, i int) bool {
	c := s[i]
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
		return true
	case c == '%':
		return i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
