package textdiff

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// numbered returns n lines "第1行" … "第n行", with the lines in edit replaced.
func numbered(n int, edit map[int]string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		line, ok := edit[i]
		if !ok {
			line = fmt.Sprintf("第%d行", i)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func TestCollapse(t *testing.T) {
	base := numbered(20, nil)
	tests := []struct {
		name    string
		newText string
		context int
		want    []string
	}{
		{"change in the middle", numbered(20, map[int]string{10: "第十行"}), 2, []string{
			"… 1 1 ×7", "= 8 8 第8行", "= 9 9 第9行",
			"~ 10 10 第[10]行 | 第[十]行",
			"= 11 11 第11行", "= 12 12 第12行", "… 13 13 ×8",
		}},
		{"no context", numbered(20, map[int]string{10: "第十行"}), 0, []string{
			"… 1 1 ×9", "~ 10 10 第[10]行 | 第[十]行", "… 11 11 ×10",
		}},
		{"negative context is no context", numbered(20, map[int]string{10: "第十行"}), -3, []string{
			"… 1 1 ×9", "~ 10 10 第[10]行 | 第[十]行", "… 11 11 ×10",
		}},
		{"changes at both ends", strings.Replace(numbered(20, map[int]string{20: "末行"}), "第1行\n", "", 1), 1, []string{
			"- 1 0 第1行", "= 2 1 第2行", "… 3 2 ×16", "= 19 18 第19行", "~ 20 19 [第20]行 | [末]行",
		}},
		{"nearby changes share their context", numbered(20, map[int]string{5: "五", 9: "九"}), 2, []string{
			"… 1 1 ×2", "= 3 3 第3行", "= 4 4 第4行",
			"~ 5 5 [第5行] | [五]",
			"= 6 6 第6行", "= 7 7 第7行", "= 8 8 第8行",
			"~ 9 9 [第9行] | [九]",
			"= 10 10 第10行", "= 11 11 第11行", "… 12 12 ×9",
		}},
		{"a single hidden line is shown instead", numbered(20, map[int]string{3: "三", 9: "九"}), 2, []string{
			"= 1 1 第1行", "= 2 2 第2行",
			"~ 3 3 [第3行] | [三]",
			"= 4 4 第4行", "= 5 5 第5行", "= 6 6 第6行", "= 7 7 第7行", "= 8 8 第8行",
			"~ 9 9 [第9行] | [九]",
			"= 10 10 第10行", "= 11 11 第11行", "… 12 12 ×9",
		}},
		{"two hidden lines are hidden", numbered(20, map[int]string{3: "三", 10: "十"}), 2, []string{
			"= 1 1 第1行", "= 2 2 第2行",
			"~ 3 3 [第3行] | [三]",
			"= 4 4 第4行", "= 5 5 第5行", "… 6 6 ×2", "= 8 8 第8行", "= 9 9 第9行",
			"~ 10 10 [第10行] | [十]",
			"= 11 11 第11行", "= 12 12 第12行", "… 13 13 ×8",
		}},
		{"identical versions", base, 3, []string{"… 1 1 ×20"}},
		{"context larger than the text", numbered(20, map[int]string{10: "第十行"}), 100, render(mustCompare(base, numbered(20, map[int]string{10: "第十行"})))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, stats := Compare(base, tt.newText)
			before := render(rows)
			got := Collapse(rows, tt.context)
			if diff := cmp.Diff(tt.want, render(got)); diff != "" {
				t.Errorf("Collapse (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, render(rows)); diff != "" {
				t.Errorf("Collapse modified its input (-before +after):\n%s", diff)
			}
			checkCollapsed(t, rows, got, stats)
		})
	}
}

func mustCompare(oldText, newText string) []Row {
	rows, _ := Compare(oldText, newText)
	return rows
}

// checkCollapsed verifies that collapsing loses no change and accounts for
// every unchanged line either as a row or inside a Skip.
func checkCollapsed(t *testing.T, rows, got []Row, stats Stats) {
	t.Helper()
	var changes []Row
	for _, r := range rows {
		if r.Op != Equal {
			changes = append(changes, r)
		}
	}
	var kept []Row
	unchanged := 0
	for _, r := range got {
		switch r.Op {
		case Skip:
			unchanged += r.Hidden
		case Equal:
			unchanged++
		default:
			kept = append(kept, r)
		}
	}
	if diff := cmp.Diff(render(changes), render(kept)); diff != "" {
		t.Errorf("changes lost (-want +got):\n%s", diff)
	}
	if unchanged != stats.Unchanged {
		t.Errorf("collapsed rows account for %d unchanged lines, want %d", unchanged, stats.Unchanged)
	}
}

func TestCollapseSmallInputs(t *testing.T) {
	if got := Collapse(nil, 3); len(got) != 0 {
		t.Errorf("Collapse(nil) = %v, want empty", got)
	}
	rows := mustCompare("唯一一行", "唯一一行")
	if diff := cmp.Diff([]string{"= 1 1 唯一一行"}, render(Collapse(rows, 0))); diff != "" {
		t.Errorf("one identical line (-want +got):\n%s", diff)
	}
}
