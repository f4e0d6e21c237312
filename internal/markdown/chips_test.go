package markdown

import (
	"strings"
	"testing"
)

// TestHTMLWithFiles: links to known files become chips with their type
// and size; other links, images and a trainer's attempt at the chip's
// markup stay plain.
func TestHTMLWithFiles(t *testing.T) {
	r := New()
	files := func(href string) (string, bool) {
		if href == "/files/f1" {
			return "XLSX · 12 KB", true
		}
		return "", false
	}
	src := "下载[数据日报模板.xlsx](/files/f1)，或看[规则](/rules)。\n\n![漏斗](/files/f1)\n\n<a class=\"file-chip\">x</a> <span class=\"file-chip-meta\">y</span>\n"
	got, err := r.HTMLWithFiles(src, files)
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, want := range []string{
		`<a href="/files/f1" rel="nofollow noopener" class="file-chip">数据日报模板.xlsx<span class="file-chip-meta">XLSX · 12 KB</span></a>`,
		`<a href="/rules" rel="nofollow noopener">规则</a>`,
		`<img src="/files/f1" alt="漏斗">`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s in\n%s", want, s)
		}
	}
	if strings.Count(s, "file-chip") != 2 {
		t.Errorf("trainer markup kept its class:\n%s", s)
	}
	plain, _ := r.HTML(src)
	if strings.Contains(string(plain), "file-chip\"") {
		t.Errorf("HTML made chips:\n%s", plain)
	}
}
