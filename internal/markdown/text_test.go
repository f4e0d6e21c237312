package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		maxRunes int
		want     string
	}{
		{"cut Chinese by runes", "退款需在四十八小时内处理", 5, "退款需在…"},
		{"fits exactly", "退款需在四十八小时内处理", 12, "退款需在四十八小时内处理"},
		{"no limit", "退款需在四十八小时内处理", 0, "退款需在四十八小时内处理"},
		{"one rune", "退款", 1, "…"},
		{"space before cut is dropped", "退款 流程说明", 4, "退款…"},
		{"markup stripped", "# 标题\n\n**加粗**和`代码`，[链接](https://x.example)。", 0, "标题 加粗和代码，链接。"},
		{"Chinese lines joined", "第一行\n第二行，\n第三行", 0, "第一行第二行，第三行"},
		{"English lines spaced", "hello\nworld", 0, "hello world"},
		{"whitespace collapsed", "甲  乙\t\t丙\n\n\n\n丁", 0, "甲 乙 丙 丁"},
		{"raw HTML dropped", "<script>alert(1)</script>\n\n正文<b>粗</b>", 0, "正文粗"},
		{"entities and escapes resolved", `AT&amp;T \*星号\* &#x4E2D;`, 0, "AT&T *星号* 中"},
		{"images dropped", "![示意图](a.png)说明", 0, "说明"},
		{"task boxes dropped", "- [x] 核对订单\n- [ ] 发起退款", 0, "核对订单 发起退款"},
		{"table cells separated", "| 指标 | 目标 |\n|---|---|\n| 转化率 | ≥ 3% |", 0, "指标 目标 转化率 ≥ 3%"},
		{"code block kept", "```\nline1\nline2\n```", 0, "line1 line2"},
		{"autolink label", "见 https://example.com", 0, "见 https://example.com"},
		{"empty", "", 10, ""},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Text(tt.src, tt.maxRunes)
			if got != tt.want {
				t.Errorf("Text(%q, %d) = %q, want %q", tt.src, tt.maxRunes, got, tt.want)
			}
			if tt.maxRunes > 0 && utf8.RuneCountInString(got) > tt.maxRunes {
				t.Errorf("Text(%q, %d) = %q has %d runes", tt.src, tt.maxRunes, got, utf8.RuneCountInString(got))
			}
		})
	}
}

func TestTextLesson(t *testing.T) {
	got := New().Text(lesson, 30)
	want := "售后退款处理 SOP 一、适用范围 本 SOP 适用于天猫…"
	if got != want {
		t.Errorf("Text(lesson, 30) = %q, want %q", got, want)
	}
}

func FuzzText(f *testing.F) {
	f.Add(lesson, 30)
	f.Add("退款 流程说明", 4)
	f.Add("\x82\n0", 1)
	r := New()
	f.Fuzz(func(t *testing.T, src string, maxRunes int) {
		got := r.Text(src, maxRunes)
		if !utf8.ValidString(got) {
			t.Fatalf("Text(%q, %d) = %q is not valid UTF-8", src, maxRunes, got)
		}
		if maxRunes > 0 && utf8.RuneCountInString(got) > maxRunes {
			t.Fatalf("Text(%q, %d) = %q is longer than %d runes", src, maxRunes, got, maxRunes)
		}
		if full := r.Text(src, 0); got != full && !strings.HasSuffix(got, "…") {
			t.Fatalf("Text(%q, %d) = %q was cut without an ellipsis", src, maxRunes, got)
		}
	})
}
