package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

var shared = NewSegmenter()

func loaded(t *testing.T) *Segmenter {
	t.Helper()
	if err := shared.Load(); err != nil {
		t.Fatal(err)
	}
	return shared
}

func TestIndexTokens(t *testing.T) {
	s := loaded(t)
	ix := s.Index(Doc{Title: "退款申请处理", Body: "直通车ＲＯＩ优化，客单价提升 AOV。"})
	words := strings.Fields(ix.TitleTokens + " " + ix.Tokens)
	for _, w := range []string{"退款", "申请", "直通车", "直通", "通车", "roi", "单价", "aov"} {
		if !slices.Contains(words, w) {
			t.Errorf("tokens %q lack %q", words, w)
		}
	}
	py := strings.Fields(ix.Pinyin)
	for _, p := range []string{"tuikuan", "shenqing", "zhitongche", "danjia", "kedanjia"} {
		if !slices.Contains(py, p) {
			t.Errorf("pinyin %q lacks %q", py, p)
		}
	}
}

func TestParse(t *testing.T) {
	s := loaded(t)
	syn := NewSynonyms([][]string{{"客单价", "AOV", "客单"}, {"投产比", "ROI", "投入产出比"}})
	for _, c := range []struct {
		q      string
		prefix bool
		want   string
	}{
		{"退款", false, "[退款]"},
		{"退款申请", false, "[退款] [申请]"},
		{"退", false, "[退*]"},
		{"客单价", false, "[客+单价|aov|客单]"},
		{"提升AOV", false, "[提升] [客+单价|aov|客单]"},
		{"直通车 ROI", false, "[直通车] [投产+比|roi|投入产出+比]"},
		{"tuikuan", false, "[tuikuan]"},
		{"tui kuan", false, "[tuikuan|tui+kuan]"},
		{"tuik", true, "[tuik*]"},
		{"  ", false, ""},
	} {
		got := show(s.Parse(c.q, syn, c.prefix))
		if got != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.q, got, c.want)
		}
	}
}

func show(q Query) string {
	var gs []string
	for _, g := range q.Groups {
		var alts []string
		for _, a := range g.Alts {
			var ts []string
			for _, t := range a {
				ts = append(ts, t.Text+map[bool]string{true: "*"}[t.Prefix])
			}
			alts = append(alts, strings.Join(ts, "+"))
		}
		gs = append(gs, "["+strings.Join(alts, "|")+"]")
	}
	return strings.Join(gs, " ")
}

func TestIsPinyin(t *testing.T) {
	for w, want := range map[string]bool{"tuikuan": true, "kefu": true, "zhitongche": true, "roi": false, "cpm": false, "aov": false, "": false} {
		if IsPinyin(w) != want {
			t.Errorf("IsPinyin(%q) = %v", w, !want)
		}
	}
}

func TestSnippet(t *testing.T) {
	for _, c := range []struct {
		text  string
		terms []string
		want  string
	}{
		{"买家申请退款<script>", []string{"退款"}, "买家申请<mark>退款</mark>&lt;script&gt;"},
		{"Heroic ROI roi", []string{"roi"}, "Heroic <mark>ROI</mark> <mark>roi</mark>"},
		{"客服话术", []string{"客服", "客服话术"}, "<mark>客服话术</mark>"},
		{"无关内容", []string{"退款"}, "无关内容"},
	} {
		if got := string(Snippet(c.text, c.terms)); got != c.want {
			t.Errorf("Snippet(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	long := strings.Repeat("前言", 100) + "这里讲退款流程" + strings.Repeat("后记", 100)
	got := string(Snippet(long, []string{"退款"}))
	if !strings.HasPrefix(got, "…") || !strings.Contains(got, "<mark>退款</mark>") || !strings.HasSuffix(got, "…") {
		t.Errorf("long snippet = %q", got)
	}
}

func TestMarkTermsPinyin(t *testing.T) {
	s := loaded(t)
	q := s.Parse("tuikuan", nil, false)
	if got := s.MarkTerms("买家申请退款", q); !slices.Contains(got, "退款") {
		t.Errorf("MarkTerms = %q", got)
	}
}

func TestScore(t *testing.T) {
	fresh := Score(1, 0, 100)
	old := Score(1, 400*24*time.Hour, 0)
	if !(fresh > old && old >= 1 && fresh <= 1.6) {
		t.Errorf("fresh %v old %v", fresh, old)
	}
	if Score(2, 400*24*time.Hour, 0) < Score(1, 0, 1000) {
		t.Error("a much better match must outrank a fresh popular one")
	}
}

func TestWaitNotReady(t *testing.T) {
	s := NewSegmenter()
	if err := s.Wait(context.Background(), 10*time.Millisecond); err != ErrNotReady {
		t.Fatalf("Wait = %v", err)
	}
	if s.IsReady() || s.LoadTime() != 0 {
		t.Fatal("ready before Load")
	}
}

func TestPlainText(t *testing.T) {
	md := "# 退款流程\n\n- **第一步**：查看[订单](/x)\n\n![图](/files/1)\n\n| 列 | 值 |\n|---|---|\n| a | b |\n```\ncode\n```"
	want := "退款流程\n第一步 ：查看订单\n列 值\na b\ncode"
	if got := PlainText(md); got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}
