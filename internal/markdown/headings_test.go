package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

func TestHeadings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Heading
	}{
		{"Chinese headings", "# 售后退款处理 SOP\n## 一、适用范围\n### 1.2 退款规则（48 小时）", []Heading{
			{1, "售后退款处理 SOP", "h-售后退款处理-sop"},
			{2, "一、适用范围", "h-一-适用范围"},
			{3, "1.2 退款规则（48 小时）", "h-1-2-退款规则-48-小时"},
		}},
		{"duplicates", "## 注意事项\n正文\n## 注意事项\n## 注意事项", []Heading{
			{2, "注意事项", "h-注意事项"},
			{2, "注意事项", "h-注意事项-1"},
			{2, "注意事项", "h-注意事项-2"},
		}},
		{"suffix collides with a literal heading", "# 退款\n# 退款\n# 退款 1", []Heading{
			{1, "退款", "h-退款"},
			{1, "退款", "h-退款-1"},
			{1, "退款 1", "h-退款-1-1"},
		}},
		{"no letters or digits", "# ！！！\n# ……", []Heading{
			{1, "！！！", "h-section"},
			{1, "……", "h-section-1"},
		}},
		{"markup in heading", "## **注意：**退款 `API` [链接](https://x.example)", []Heading{
			{2, "注意：退款 API 链接", "h-注意-退款-api-链接"},
		}},
		{"setext heading over two lines", "退款\n流程\n===", []Heading{
			{1, "退款流程", "h-退款流程"},
		}},
		{"no headings", "正文\n\n- 列表", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Headings(tt.src)); diff != "" {
				t.Errorf("Headings(%q) mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

func TestHeadingIDLength(t *testing.T) {
	hs := Headings("# " + strings.Repeat("很长的标题", 20))
	if len(hs) != 1 || utf8.RuneCountInString(hs[0].ID) != len("h-")+maxSlugRunes {
		t.Errorf("Headings(long) = %+v, want one ID of %d runes", hs, len("h-")+maxSlugRunes)
	}
}

// TestHeadingIDsMatchHTML guards the promise that a table of contents built
// from Headings links to the headings that HTML renders, also when URL
// rewriting changes a heading's content.
func TestHeadingIDsMatchHTML(t *testing.T) {
	noImages := WithImageBase(func(string) (string, bool) { return "", false })
	src := lesson + "\n## 图示 ![流程](a.png)\n## 注意\n## 注意\n"
	var want []string
	for _, h := range Headings(src) {
		want = append(want, h.ID)
	}
	if diff := cmp.Diff(want, renderedHeadingIDs(t, mustHTML(t, New(noImages), src))); diff != "" {
		t.Errorf("heading IDs in HTML differ from Headings (-Headings +HTML):\n%s", diff)
	}
}

func renderedHeadingIDs(t *testing.T, fragment string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
			ids = append(ids, attr(n, "id"))
		}
	}
	return ids
}

func FuzzHeadings(f *testing.F) {
	f.Add(lesson)
	f.Add("# 退款\n# 退款\n# 退款 1\n# ！！")
	f.Add("退款\n流程\n===\n## 图示 ![流程](a.png)")
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		var ids []string
		seen := map[string]bool{}
		for _, h := range Headings(src) {
			if !strings.HasPrefix(h.ID, "h-") || seen[h.ID] {
				t.Fatalf("Headings(%q): ID %q is not prefixed or not unique", src, h.ID)
			}
			seen[h.ID] = true
			ids = append(ids, h.ID)
		}
		if diff := cmp.Diff(ids, renderedHeadingIDs(t, mustHTML(t, r, src))); diff != "" {
			t.Fatalf("Headings(%q) IDs differ from HTML (-Headings +HTML):\n%s", src, diff)
		}
	})
}
