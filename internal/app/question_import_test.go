package app_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/qbank"
)

const questionCSV = "题型,题干,选项A,选项B,选项C,选项D,答案,分值,解析,难度,标签\n" +
	"单选,天猫 3 分钟响应率统计的时段是？,全天,08:00-24:00,09:00-18:00,,B,2,按 08:00-24:00 统计,2,module:客服\n" +
	"多选,以下哪些会计入退款率？,仅退款,退货退款,换货,,AB,3,,3,module:售后\n" +
	"判断,七天无理由退货适用于所有商品。,,,,,对,,,,\n"

const caseYAML = `- type: case
  stem: 某天猫店大促后退款激增，请分析。
  attachment: |
    | 日期 | 退款申请 |
    |---|---|
    | 6/18 | 320 |
  difficulty: 4
  sub:
    - {id: q1, type: single, stem: 退款主要原因最可能是？, options: {A: 尺码不准, B: 物流慢}, answer: A, points: 2}
    - {id: q2, type: short, stem: 给出两条改进措施。, rubric: 尺码表与详情页；售前提醒, points: 4}
`

func TestImportQuestions(t *testing.T) {
	e := newEnv(t)
	_, owner := e.person("T1", "程讲师", "", shopdojo.RoleTrainer)
	bank, err := e.app.CreateBank(e.ctx, owner, app.BankInput{Name: "客服题库"})
	e.must(err)
	// The true/false row has no points: nothing is imported by default.
	rep, err := e.app.ImportQuestions(e.ctx, owner, bank, strings.NewReader(questionCSV), app.QuestionImport{Format: app.FormatSheet})
	if kind(err) != shopdojo.KindInvalid || len(rep.Problems) == 0 || rep.Problems[0].Line != 4 {
		t.Fatalf("refused import: %v %+v", err, rep)
	}
	if b, _ := e.app.Bank(e.ctx, owner, bank); b.Questions != 0 {
		t.Fatalf("a refused file imported %d questions", b.Questions)
	}
	rep, err = e.app.ImportQuestions(e.ctx, owner, bank, strings.NewReader(questionCSV), app.QuestionImport{Format: app.FormatSheet, SkipInvalid: true})
	e.must(err)
	if rep.Imported != 2 || rep.Skipped != 1 {
		t.Fatalf("skip invalid: %+v", rep)
	}
	// Case analyses come in YAML.
	rep, err = e.app.ImportQuestions(e.ctx, owner, bank, strings.NewReader(caseYAML), app.QuestionImport{Format: app.FormatYAML})
	e.must(err)
	if rep.Imported != 1 {
		t.Fatalf("yaml: %+v", rep)
	}
	// An exported bank imported again changes nothing; an edited row becomes v2.
	qs, err := e.app.ExportQuestions(e.ctx, owner, bank)
	e.must(err)
	var buf bytes.Buffer
	e.must(qbank.ExportYAML(&buf, qs))
	rep, err = e.app.ImportQuestions(e.ctx, owner, bank, bytes.NewReader(buf.Bytes()), app.QuestionImport{Format: app.FormatYAML, Note: "从导出文件导入"})
	e.must(err)
	if rep.Imported != 0 || rep.Unchanged != 3 {
		t.Fatalf("re-import: %+v", rep)
	}
	edited := strings.Replace(buf.String(), "按 08:00-24:00 统计", "天猫按 08:00–24:00 统计人工响应", 1)
	rep, err = e.app.ImportQuestions(e.ctx, owner, bank, strings.NewReader(edited), app.QuestionImport{Format: app.FormatYAML, Note: "从导出文件导入"})
	e.must(err)
	if rep.Imported != 1 || rep.Unchanged != 2 {
		t.Fatalf("edited re-import: %+v", rep)
	}
	page, err := e.app.Questions(e.ctx, owner, bank, app.QuestionFilter{Type: "single"})
	e.must(err)
	if len(page.Questions) != 1 || page.Questions[0].VersionNo != 2 {
		t.Fatalf("edited question %+v", page.Questions)
	}
}
