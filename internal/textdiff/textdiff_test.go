package textdiff

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// render writes a row on one line so that expectations read like a diff:
// "= 1 1 text", "- 2 0 text", "+ 0 2 text", "~ 3 3 old | new" with changed
// spans in brackets, and "… 4 4 ×7" for a Skip hiding seven lines.
func render(rows []Row) []string {
	var out []string
	for _, r := range rows {
		switch r.Op {
		case Equal:
			out = append(out, fmt.Sprintf("= %d %d %s", r.OldNo, r.NewNo, plain(r.Old)))
		case Delete:
			out = append(out, fmt.Sprintf("- %d %d %s", r.OldNo, r.NewNo, plain(r.Old)))
		case Insert:
			out = append(out, fmt.Sprintf("+ %d %d %s", r.OldNo, r.NewNo, plain(r.New)))
		case Change:
			out = append(out, fmt.Sprintf("~ %d %d %s | %s", r.OldNo, r.NewNo, marked(r.Old), marked(r.New)))
		case Skip:
			out = append(out, fmt.Sprintf("… %d %d ×%d", r.OldNo, r.NewNo, r.Hidden))
		}
	}
	return out
}

func plain(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

func marked(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Changed {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

const sop = "登录商家后台\n每天 10:00 前检查店铺评分\n回复差评\n记录问题\n"

func TestCompare(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string
		stats    Stats
	}{
		{"both empty", "", "", nil, Stats{}},
		{"identical", sop, sop, []string{
			"= 1 1 登录商家后台", "= 2 2 每天 10:00 前检查店铺评分", "= 3 3 回复差评", "= 4 4 记录问题",
		}, Stats{Unchanged: 4}},
		{"CRLF is not a change", strings.ReplaceAll(sop, "\n", "\r\n"), sop, []string{
			"= 1 1 登录商家后台", "= 2 2 每天 10:00 前检查店铺评分", "= 3 3 回复差评", "= 4 4 记录问题",
		}, Stats{Unchanged: 4}},
		{"missing final newline is not a change", "第一行\n第二行", "第一行\n第二行\n", []string{
			"= 1 1 第一行", "= 2 2 第二行",
		}, Stats{Unchanged: 2}},
		{"empty old", "", "第一行\n第二行", []string{
			"+ 0 1 第一行", "+ 0 2 第二行",
		}, Stats{Added: 2}},
		{"empty new", "第一行\n第二行\n", "", []string{
			"- 1 0 第一行", "- 2 0 第二行",
		}, Stats{Removed: 2}},
		{"SOP step edited", sop, strings.Replace(sop, "每天 10:00 前检查店铺评分", "每天 9:30 前检查店铺 DSR 评分", 1), []string{
			"= 1 1 登录商家后台",
			"~ 2 2 每天 [10:00] 前检查店铺评分 | 每天 [9:30] 前检查店铺[ DSR ]评分",
			"= 3 3 回复差评", "= 4 4 记录问题",
		}, Stats{Changed: 1, Unchanged: 3}},
		{"words inserted inside a line", "退款申请需在 24 小时内处理", "退款申请需在 12 小时内审核并处理", []string{
			"~ 1 1 退款申请需在 [24] 小时内处理 | 退款申请需在 [12] 小时内[审核并]处理",
		}, Stats{Changed: 1}},
		{"insert at start", sop, "打开电脑\n" + sop, []string{
			"+ 0 1 打开电脑", "= 1 2 登录商家后台", "= 2 3 每天 10:00 前检查店铺评分", "= 3 4 回复差评", "= 4 5 记录问题",
		}, Stats{Added: 1, Unchanged: 4}},
		{"insert in middle", sop, strings.Replace(sop, "回复差评\n", "回复差评\n截图留证\n", 1), []string{
			"= 1 1 登录商家后台", "= 2 2 每天 10:00 前检查店铺评分", "= 3 3 回复差评", "+ 0 4 截图留证", "= 4 5 记录问题",
		}, Stats{Added: 1, Unchanged: 4}},
		{"insert at end without final newline", sop, sop + "下班", []string{
			"= 1 1 登录商家后台", "= 2 2 每天 10:00 前检查店铺评分", "= 3 3 回复差评", "= 4 4 记录问题", "+ 0 5 下班",
		}, Stats{Added: 1, Unchanged: 4}},
		{"delete at start", sop, strings.TrimPrefix(sop, "登录商家后台\n"), []string{
			"- 1 0 登录商家后台", "= 2 1 每天 10:00 前检查店铺评分", "= 3 2 回复差评", "= 4 3 记录问题",
		}, Stats{Removed: 1, Unchanged: 3}},
		{"delete in middle", sop, strings.Replace(sop, "回复差评\n", "", 1), []string{
			"= 1 1 登录商家后台", "= 2 2 每天 10:00 前检查店铺评分", "- 3 0 回复差评", "= 4 3 记录问题",
		}, Stats{Removed: 1, Unchanged: 3}},
		{"delete at end", sop, strings.TrimSuffix(sop, "记录问题\n"), []string{
			"= 1 1 登录商家后台", "= 2 2 每天 10:00 前检查店铺评分", "= 3 3 回复差评", "- 4 0 记录问题",
		}, Stats{Removed: 1, Unchanged: 3}},
		{"blank line added", "标题\n正文\n", "标题\n\n正文\n", []string{
			"= 1 1 标题", "+ 0 2 ", "= 2 3 正文",
		}, Stats{Added: 1, Unchanged: 2}},
		{"more lines inserted than deleted", "开头\n旧步骤一\n旧步骤二\n结尾\n", "开头\n新步骤一\n新步骤二\n新步骤三\n结尾\n", []string{
			"= 1 1 开头",
			"~ 2 2 [旧]步骤一 | [新]步骤一",
			"~ 3 3 [旧]步骤二 | [新]步骤二",
			"+ 0 4 新步骤三",
			"= 4 5 结尾",
		}, Stats{Added: 1, Changed: 2, Unchanged: 2}},
		{"more lines deleted than inserted", "开头\n旧步骤一\n旧步骤二\n旧步骤三\n结尾\n", "开头\n新步骤\n结尾\n", []string{
			"= 1 1 开头",
			"~ 2 2 [旧]步骤[一] | [新]步骤",
			"- 3 0 旧步骤二",
			"- 4 0 旧步骤三",
			"= 5 3 结尾",
		}, Stats{Removed: 2, Changed: 1, Unchanged: 2}},
		{"line emptied", "标题\n待删除的内容\n", "标题\n\n", []string{
			"= 1 1 标题", "~ 2 2 [待删除的内容] | ",
		}, Stats{Changed: 1, Unchanged: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, stats := Compare(tt.old, tt.new)
			if diff := cmp.Diff(tt.want, render(rows)); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if stats != tt.stats {
				t.Errorf("stats = %+v, want %+v", stats, tt.stats)
			}
			checkInvariants(t, tt.old, tt.new, rows, stats)
		})
	}
}

// lines splits text the way the spec describes it, independently of the
// package's own helpers.
func lines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// checkInvariants holds for any pair of texts: each side's spans, read in
// row order, give back that side's lines with consecutive numbers, and the
// stats agree with the rows.
func checkInvariants(t *testing.T, oldText, newText string, rows []Row, stats Stats) {
	t.Helper()
	var oldGot, newGot []string
	var count Stats
	for i, r := range rows {
		if r.Op != Insert {
			oldGot = append(oldGot, plain(r.Old))
			if r.OldNo != len(oldGot) {
				t.Errorf("row %d: OldNo = %d, want %d", i, r.OldNo, len(oldGot))
			}
		} else if r.OldNo != 0 || r.Old != nil {
			t.Errorf("row %d: insert has an old side: %+v", i, r)
		}
		if r.Op != Delete {
			newGot = append(newGot, plain(r.New))
			if r.NewNo != len(newGot) {
				t.Errorf("row %d: NewNo = %d, want %d", i, r.NewNo, len(newGot))
			}
		} else if r.NewNo != 0 || r.New != nil {
			t.Errorf("row %d: delete has a new side: %+v", i, r)
		}
		checkSpans(t, i, r)
		countRow(&count, r)
	}
	if diff := cmp.Diff(lines(oldText), oldGot); diff != "" {
		t.Errorf("old side (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(lines(newText), newGot); diff != "" {
		t.Errorf("new side (-want +got):\n%s", diff)
	}
	if count != stats {
		t.Errorf("stats = %+v, but rows count %+v", stats, count)
	}
}

func checkSpans(t *testing.T, i int, r Row) {
	t.Helper()
	switch r.Op {
	case Equal:
		if len(r.Old) != 1 || len(r.New) != 1 || r.Old[0] != r.New[0] || r.Old[0].Changed {
			t.Errorf("row %d: equal row is not one unchanged span per side: %+v", i, r)
		}
	case Delete:
		if len(r.Old) != 1 || !r.Old[0].Changed {
			t.Errorf("row %d: delete row is not one changed span: %+v", i, r)
		}
	case Insert:
		if len(r.New) != 1 || !r.New[0].Changed {
			t.Errorf("row %d: insert row is not one changed span: %+v", i, r)
		}
	case Change:
		for _, side := range [][]Span{r.Old, r.New} {
			for j := 1; j < len(side); j++ {
				if side[j].Changed == side[j-1].Changed {
					t.Errorf("row %d: adjacent spans not merged: %+v", i, side)
				}
			}
		}
	default:
		t.Errorf("row %d: unexpected op %v", i, r.Op)
	}
}

func countRow(s *Stats, r Row) {
	switch r.Op {
	case Equal:
		s.Unchanged++
	case Insert:
		s.Added++
	case Delete:
		s.Removed++
	case Change:
		s.Changed++
	}
}

// TestCompareRandomEdits checks the invariants on many seeded random edits
// of a small Chinese vocabulary, where repeated lines make alignment hard.
func TestCompareRandomEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		oldText := randomText(rng)
		newText := randomEdit(rng, oldText)
		rows, stats := Compare(oldText, newText)
		checkInvariants(t, oldText, newText, rows, stats)
		if t.Failed() {
			t.Fatalf("case %d: old %q\nnew %q", i, oldText, newText)
		}
	}
}

var vocabulary = []string{"", "检查店铺评分", "回复差评", "每天 10:00 前", "DSR 4.8", "退款", "发货", "客服"}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(12) {
		b.WriteString(randomLine(rng) + "\n")
	}
	if rng.IntN(3) == 0 {
		return strings.TrimSuffix(b.String(), "\n")
	}
	return b.String()
}

func randomLine(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(3) + 1 {
		b.WriteString(vocabulary[rng.IntN(len(vocabulary))])
	}
	return b.String()
}

// randomEdit inserts, deletes and rewrites lines and sometimes switches the
// text to CRLF.
func randomEdit(rng *rand.Rand, text string) string {
	ls := lines(text)
	for range rng.IntN(5) {
		at := rng.IntN(len(ls) + 1)
		switch {
		case rng.IntN(3) == 0:
			ls = slices.Insert(ls, at, randomLine(rng))
		case at < len(ls) && rng.IntN(2) == 0:
			ls = slices.Delete(ls, at, at+1)
		case at < len(ls):
			ls[at] += randomLine(rng)
		}
	}
	sep := "\n"
	if rng.IntN(4) == 0 {
		sep = "\r\n"
	}
	return strings.Join(ls, sep)
}

func FuzzCompare(f *testing.F) {
	f.Add(sop, strings.Replace(sop, "10:00", "9:30", 1))
	f.Add("a\r\nb", "a\nb\n")
	f.Add("", "\n\n")
	f.Add("v1.2:3", "v1.2:4.")
	f.Add("\xff\xfe旧", "\xff新")
	f.Fuzz(func(t *testing.T, oldText, newText string) {
		rows, stats := Compare(oldText, newText)
		checkInvariants(t, oldText, newText, rows, stats)
	})
}

func TestTokens(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"", nil},
		{"每天 9:30 前", []string{"每", "天", " ", "9:30", " ", "前"}},
		{"¥19.90。", []string{"¥", "19.90", "。"}},
		{"DSR评分 v1.2.", []string{"DSR", "评", "分", " ", "v1.2", "."}},
		{":30 a:", []string{":", "30", " ", "a", ":"}},
		{"\xff旧", []string{"\xff", "旧"}},
	}
	for _, tt := range tests {
		if got := tokens(tt.line); !cmp.Equal(got, tt.want) {
			t.Errorf("tokens(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestOpString(t *testing.T) {
	for op, want := range map[Op]string{Equal: "equal", Insert: "insert", Delete: "delete", Change: "change", Skip: "skip", Op(99): "unknown"} {
		if got := op.String(); got != want {
			t.Errorf("Op(%d).String() = %q, want %q", int(op), got, want)
		}
	}
}
