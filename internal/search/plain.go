package search

import (
	"regexp"
	"strings"
)

var (
	mdImage   = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink    = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdMarks   = regexp.MustCompile("[*_`~]+|^#+\\s*|^\\s*>\\s?|^\\s*[-+]\\s+|^\\s*\\d+\\.\\s+|\\|")
	mdFence   = regexp.MustCompile("^\\s*(```|~~~)")
	mdRule    = regexp.MustCompile(`^\s*[-:| ]{3,}\s*$`)
	mdHTMLTag = regexp.MustCompile(`<[^>]+>`)
)

// PlainText reduces Markdown to the text a reader sees, one line per
// block: link texts kept, images, markup and HTML tags dropped.
func PlainText(md string) string {
	var b strings.Builder
	for _, line := range strings.Split(md, "\n") {
		if mdFence.MatchString(line) || mdRule.MatchString(line) {
			continue
		}
		line = mdImage.ReplaceAllString(line, "")
		line = mdLink.ReplaceAllString(line, "$1")
		line = mdHTMLTag.ReplaceAllString(line, "")
		line = strings.TrimSpace(mdMarks.ReplaceAllString(line, " "))
		if line != "" {
			b.WriteString(strings.Join(strings.Fields(line), " "))
			b.WriteByte('\n')
		}
	}
	return strings.TrimSpace(b.String())
}
