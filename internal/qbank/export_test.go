package qbank

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/quiz"
)

var equateEmpty = cmpopts.EquateEmpty()

func TestSheetQuestionsAreValid(t *testing.T) {
	for _, q := range append(sheetQuestions(), caseQuestion()) {
		if probs := q.Validate(); len(probs) > 0 {
			t.Errorf("%s: %v", q.ID, probs)
		}
	}
}

func TestExportRoundTrip(t *testing.T) {
	want := sheetQuestions()
	for _, format := range []string{"xlsx", "csv"} {
		for _, lang := range []string{"zh-CN", "en"} {
			t.Run(format+"/"+lang, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Export(&buf, format, want, lang); err != nil {
					t.Fatal(err)
				}
				rows, probs, err := Parse(&buf, 0)
				if err != nil || len(probs) > 0 {
					t.Fatalf("Parse: %v %v", probs, err)
				}
				got := make([]quiz.Question, len(rows))
				for i, r := range rows {
					got[i] = r.Q
					if r.Line != i+2 {
						t.Errorf("row %d on line %d", i, r.Line)
					}
				}
				if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
					t.Errorf("round trip (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestExportEscapesFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := Export(&buf, "xlsx", sheetQuestions()[:1], "zh-CN"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("题目")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "题型" || rows[1][0] != "单选" || rows[1][4] != "'=SUM(A1:A9)" || rows[1][5] != "'-1 天" {
		t.Errorf("row %q", rows[1])
	}
	if !strings.HasPrefix(rows[1][12], "'=SUM") {
		t.Errorf("explanation %q", rows[1][12])
	}
}

func TestExportRefuses(t *testing.T) {
	single := sheetQuestions()[0]
	rubric := single
	rubric.Rubric = "评分要点"
	badKey := single
	badKey.Options = opts("A", "x", "a", "y")
	for name, q := range map[string]quiz.Question{"case": caseQuestion(), "rubric": rubric, "repeated key": badKey} {
		var buf bytes.Buffer
		if err := Export(&buf, "csv", []quiz.Question{q}, "zh-CN"); !errors.Is(err, ErrNotInSheet) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := Export(&bytes.Buffer{}, "ods", nil, ""); err == nil || !strings.Contains(err.Error(), "ods") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestTemplate(t *testing.T) {
	b, err := Template()
	if err != nil {
		t.Fatal(err)
	}
	rows, probs, err := Parse(bytes.NewReader(b), 0)
	if err != nil || len(probs) > 0 {
		t.Fatalf("the template does not import cleanly: %v %v", probs, err)
	}
	seen := map[quiz.Type]bool{}
	for _, r := range rows {
		seen[r.Q.Type] = true
	}
	for _, typ := range quiz.Types {
		if typ != quiz.Case && !seen[typ] {
			t.Errorf("no example of %s", typ)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !cmp.Equal(got, []string{"题目", "说明"}) {
		t.Errorf("sheets %v", got)
	}
	notes, _ := f.GetRows("说明")
	for _, c := range columns() {
		if c.key != ColOptions && !strings.HasPrefix(c.key, "option_") && !notesMention(notes, c.zh) {
			t.Errorf("说明 does not explain %s", c.zh)
		}
	}
}

func notesMention(rows [][]string, header string) bool {
	for _, r := range rows {
		if len(r) > 0 && strings.Contains(r[0], header) {
			return true
		}
	}
	return false
}
