package app

import (
	"strings"
)

// A knowledge item's versioned text is one Markdown document, so the
// shared diff shows every change of either language:
//
//	---
//	title_en: Pre-promotion store checklist
//	---
//	(Chinese Markdown)
//
//	<!-- en -->
//
//	(English Markdown, optional)
//
// A case's parts are level-2 sections with fixed headings in each language
// (## 背景 … ## 经验教训 / ## Background … ## Lessons learned), so a case
// reads well anywhere Markdown is shown and the editor can offer a field
// per part.

// KBDoc is the text of one version of a knowledge item.
type KBDoc struct {
	TitleEN      string
	Body, BodyEN string
}

// CaseParts are the keys of a case's sections, in order.
var CaseParts = []string{"background", "data", "analysis", "actions", "results", "lessons"}

var caseHeadings = map[string][]string{
	"zh": {"背景", "数据", "分析", "行动", "结果", "经验教训"},
	"en": {"Background", "Data", "Analysis", "Actions", "Results", "Lessons learned"},
}

const enMarker = "<!-- en -->"

// FormatKBDoc writes d in the stored form.
func FormatKBDoc(d KBDoc) string {
	var b strings.Builder
	if t := strings.TrimSpace(strings.ReplaceAll(d.TitleEN, "\n", " ")); t != "" {
		b.WriteString("---\ntitle_en: " + t + "\n---\n")
	}
	b.WriteString(strings.TrimSpace(d.Body) + "\n")
	if en := strings.TrimSpace(d.BodyEN); en != "" {
		b.WriteString("\n" + enMarker + "\n\n" + en + "\n")
	}
	return b.String()
}

// ParseKBDoc reads the stored form back.
func ParseKBDoc(s string) KBDoc {
	var d KBDoc
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if rest, ok := strings.CutPrefix(s, "---\n"); ok {
		if head, body, ok := strings.Cut(rest, "\n---\n"); ok {
			for line := range strings.SplitSeq(head, "\n") {
				if v, ok := strings.CutPrefix(line, "title_en:"); ok {
					d.TitleEN = strings.TrimSpace(v)
				}
			}
			s = body
		}
	}
	zh, en, _ := strings.Cut(s, "\n"+enMarker+"\n")
	d.Body, d.BodyEN = strings.TrimSpace(zh), strings.TrimSpace(en)
	return d
}

// CaseBody writes a case's parts (by CaseParts key) as sections in lang
// ("zh" or "en"); empty parts are left out.
func CaseBody(lang string, parts map[string]string) string {
	var b strings.Builder
	for i, k := range CaseParts {
		if v := strings.TrimSpace(parts[k]); v != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString("## " + caseHeadings[lang][i] + "\n\n" + v)
		}
	}
	return b.String()
}

// CaseSections reads a case's parts from a body written by CaseBody; text
// before the first known heading, or under an unknown one, stays with the
// part above it (the first part when there is none).
func CaseSections(lang, body string) map[string]string {
	out := map[string]string{}
	cur := CaseParts[0]
	var buf []string
	flush := func() {
		if t := strings.TrimSpace(strings.Join(buf, "\n")); t != "" {
			out[cur] = strings.TrimSpace(out[cur] + "\n\n" + t)
		}
		buf = nil
	}
	for line := range strings.SplitSeq(body, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			if i := indexOf(caseHeadings[lang], strings.TrimSpace(h)); i >= 0 {
				flush()
				cur = CaseParts[i]
				continue
			}
		}
		buf = append(buf, line)
	}
	flush()
	return out
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
