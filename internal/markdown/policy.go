package markdown

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// newPolicy is the second safety layer. UGCPolicy already refuses script,
// style, event handlers and URLs other than http, https, mailto and relative;
// on top of it only what goldmark emits for GFM is allowed. class exists only
// for code highlighting, because page CSS keys on it and trainer content must
// not restyle the page.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w.+#-]{1,32}$`)).OnElements("code")
	// Attachment chips (HTMLWithFiles); trainers cannot write class
	// attributes, since goldmark drops raw HTML.
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^file-chip$`)).OnElements("a")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^file-chip-meta$`)).OnElements("span")
	// Task-list boxes; "disabled" because a ticked box in a lesson is content,
	// not a control.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^$`)).OnElements("input")
	p.AllowAttrs("rel").Matching(
		regexp.MustCompile(`^(nofollow|noopener|noreferrer)( (nofollow|noopener|noreferrer))*$`),
	).OnElements("a")
	p.AllowAttrs("target").Matching(regexp.MustCompile(`^_blank$`)).OnElements("a")
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}
