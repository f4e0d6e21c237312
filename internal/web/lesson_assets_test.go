package web

import (
	"strings"
	"testing"
)

// TestMarkdownImages: lesson pages show images from this site only; an
// image from another host keeps just its alt text.
func TestMarkdownImages(t *testing.T) {
	md := newMarkdown()
	got, err := md.HTML("![漏斗](/files/f1) ![外链](https://cdn.example.com/a.png) ![协议相对](//cdn.example.com/b.png) ![旧写法](file:f2)")
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	if !strings.Contains(s, `<img src="/files/f1" alt="漏斗">`) || !strings.Contains(s, `<img src="/files/f2" alt="旧写法">`) ||
		strings.Contains(s, "example.com") || !strings.Contains(s, "外链") || !strings.Contains(s, "协议相对") {
		t.Fatalf("images: %s", s)
	}
}
