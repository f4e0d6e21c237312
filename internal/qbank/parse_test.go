package qbank

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/quiz"
)

func parseCSV(t *testing.T, s string, max int) ([]Row, []Problem) {
	t.Helper()
	rows, probs, err := Parse(strings.NewReader(s), max)
	if err != nil {
		t.Fatal(err)
	}
	return rows, probs
}

const head = "题型,题干,选项A,选项B,选项C,选项D,答案,分值,解析,难度,标签,多选计分\n"

func TestParseForms(t *testing.T) {
	rows, probs := parseCSV(t, "题目\n"+head+
		"单选题,响应率统计的是？,人工回复占比,发货占比,,,ｂ,２,,易,module:客服，platform:tmall;响应率,\n"+
		"多选,推广场景有？,关键词推广,人群推广,货品运营,淘宝客,A、C、D,3分,,较难,推广 万相台 推广,少选得一半\n"+
		"多项选择题,出价看什么？,点击率,转化率,星座,,\"A,B\",1.5,,,,自定义（少选得50%，每错一项扣25%）\n"+
		"判断题,7 天无理由退货？,,,,,√,1,,1,,\n"+
		"是非题,仅退款不用处理？,,,,,否,1,,1,,\n"+
		"判断,差评可以删除？,正确,错误,,,B,1,,1,,\n"+
		"填空题,客单价 = （ ） ÷ 支付买家数,,,,,支付金额 / 成交金额,2,,,,\n"+
		"排序题,排列步骤,审核,提交,验货,退款,B→A→C→D,2,,,,\n"+
		"连线,连起来,转化率=支付买家数÷访客数,客单价＝支付金额÷支付买家数,UV价值=支付金额÷访客数,,,3,,,,\n"+
		"问答,怎么处理尺码问题？,,,,,安抚、核实、给方案,10,,难,,\n", 0)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := []quiz.Question{
		{Type: quiz.Single, Stem: "响应率统计的是？", Options: opts("A", "人工回复占比", "B", "发货占比"),
			Answer: quiz.Answer{Choices: []string{"B"}}, Points: 2, Difficulty: 1, Tags: []string{"module:客服", "platform:tmall", "响应率"}},
		{Type: quiz.Multiple, Stem: "推广场景有？", Options: opts("A", "关键词推广", "B", "人群推广", "C", "货品运营", "D", "淘宝客"),
			Answer: quiz.Answer{Choices: []string{"A", "C", "D"}}, Points: 3, Difficulty: 4, Tags: []string{"推广", "万相台"},
			Partial: quiz.PartialRule{Kind: quiz.SubsetHalf}},
		{Type: quiz.Multiple, Stem: "出价看什么？", Options: opts("A", "点击率", "B", "转化率", "C", "星座"),
			Answer: quiz.Answer{Choices: []string{"A", "B"}}, Points: 1.5, Difficulty: 3,
			Partial: quiz.PartialRule{Kind: quiz.Custom, SubsetFraction: 0.5, WrongPenalty: 0.25}},
		{Type: quiz.TrueFalse, Stem: "7 天无理由退货？", Answer: quiz.Answer{Choices: []string{"T"}}, Points: 1, Difficulty: 1},
		{Type: quiz.TrueFalse, Stem: "仅退款不用处理？", Answer: quiz.Answer{Choices: []string{"F"}}, Points: 1, Difficulty: 1},
		{Type: quiz.TrueFalse, Stem: "差评可以删除？", Options: opts("T", "正确", "F", "错误"), Answer: quiz.Answer{Choices: []string{"F"}},
			Points: 1, Difficulty: 1},
		{Type: quiz.Fill, Stem: "客单价 = （ ） ÷ 支付买家数", Answer: quiz.Answer{Blanks: [][]string{{"支付金额", "成交金额"}}}, Points: 2, Difficulty: 3},
		{Type: quiz.Ordering, Stem: "排列步骤", Options: opts("A", "审核", "B", "提交", "C", "验货", "D", "退款"),
			Answer: quiz.Answer{Order: []string{"B", "A", "C", "D"}}, Points: 2, Difficulty: 3},
		{Type: quiz.Matching, Stem: "连起来", Options: opts("A", "转化率", "B", "客单价", "C", "UV价值"),
			Targets: opts("1", "支付买家数÷访客数", "2", "支付金额÷支付买家数", "3", "支付金额÷访客数"),
			Answer:  quiz.Answer{Pairs: map[string]string{"A": "1", "B": "2", "C": "3"}}, Points: 3, Difficulty: 3},
		{Type: quiz.Short, Stem: "怎么处理尺码问题？", Rubric: "安抚、核实、给方案", Points: 10, Difficulty: 5},
	}
	got := make([]quiz.Question, len(rows))
	for i, r := range rows {
		got[i] = r.Q
		if r.Line != i+3 {
			t.Errorf("row %d on line %d", i, r.Line)
		}
	}
	if diff := cmp.Diff(want, got, equateEmpty); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseEnglishHeaders(t *testing.T) {
	rows, probs := parseCSV(t, "*Question Type,Stem (required),Option_A,option b,Correct Answer,Score,Tags\n"+
		"single choice,Which?,yes,no,A,1,x\n", 0)
	if len(probs) > 0 || len(rows) != 1 || rows[0].Q.Answer.Choices[0] != "A" || rows[0].Q.Options[1].Text != "no" {
		t.Fatalf("%+v %v", rows, probs)
	}
}

func TestParseProblems(t *testing.T) {
	p := func(line int, field, msg string, args map[string]any) Problem {
		return Problem{Line: line, Field: field, Msg: msg, Args: args}
	}
	tests := []struct {
		name, row string
		want      []Problem
	}{
		{"no type", ",题干,a,b,,,A,1,,,,", []Problem{p(2, "type", MsgTypeRequired, nil)}},
		{"unknown type reuses quiz", "论述题,题干,,,,,,1,,,,", []Problem{p(2, "type", quiz.MsgTypeUnknown, map[string]any{"Type": "论述题"})}},
		{"case", "案例分析,材料……,,,,,,5,,,,", []Problem{p(2, "type", MsgCaseInSheet, nil)}},
		{"points not a number, once", "单选,题干,a,b,,,A,两分,,,,", []Problem{p(2, "points", MsgPointsNotNumber, map[string]any{"Value": "两分"})}},
		{"points missing", "单选,题干,a,b,,,A,,,,,", []Problem{p(2, "points", quiz.MsgPointsInvalid, map[string]any{"Max": quiz.MaxPoints})}},
		{"difficulty", "单选,题干,a,b,,,A,1,,很难,,", []Problem{p(2, "difficulty", MsgDifficultyInvalid, map[string]any{"Value": "很难"})}},
		{"difficulty range from quiz", "单选,题干,a,b,,,A,1,,6,,", []Problem{p(2, "difficulty", quiz.MsgDifficultyRange, map[string]any{"Min": 1, "Max": 5})}},
		{"partial", "多选,题干,a,b,,,AB,1,,,,看心情", []Problem{p(2, "partial", MsgPartialInvalid, map[string]any{"Value": "看心情"})}},
		{"partial on single", "单选,题干,a,b,,,A,1,,,,按比例", []Problem{p(2, "partial", MsgFieldUnused, map[string]any{"Type": "单选"})}},
		{"answer keys", "多选,题干,a,b,,,A和B,1,,,,", []Problem{p(2, "answer", MsgAnswerKeysInvalid, map[string]any{"Value": "A和B"})}},
		{"answer not an option", "单选,题干,a,b,,,D,1,,,,", []Problem{p(2, "answer", quiz.MsgAnswerUnknownOption, map[string]any{"Key": "D"})}},
		{"duplicate option placed in its column", "单选,题干,退款,发货,退款,,A,1,,,,",
			[]Problem{p(2, "option_c", quiz.MsgDuplicateOption, map[string]any{"Key": "C", "First": "A"})}},
		{"true/false word", "判断,题干,,,,,也许,1,,,,", []Problem{p(2, "answer", quiz.MsgTrueFalseAnswer, nil)}},
		{"options on fill", "填空,题干 ____,a,,,,x,1,,,,", []Problem{p(2, "option_a", MsgFieldUnused, map[string]any{"Type": "填空"})}},
		{"options C-H on true/false", "判断,题干,对,错,也许,,对,1,,,,", []Problem{p(2, "option_c", MsgFieldUnused, map[string]any{"Type": "判断"})}},
		{"blank count", "填空,A ____ B ____,,,,,x,1,,,,", []Problem{p(2, "answer", MsgBlankCountMismatch, map[string]any{"Blanks": 2, "Answers": 1})}},
		{"empty blank", "填空,A ____ B ____,,,,,x||,1,,,,", []Problem{
			p(2, "answer", MsgBlankCountMismatch, map[string]any{"Blanks": 2, "Answers": 3})}},
		{"pair without =", "匹配,题干,转化率,客单价=支付金额÷买家数,,,,1,,,,", []Problem{p(2, "option_a", MsgPairFormat, map[string]any{"Key": "A"})}},
		{"ordering incomplete", "排序,题干,a,b,c,,BA,1,,,,", []Problem{p(2, "answer", quiz.MsgOrderingMismatch, nil)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, probs := parseCSV(t, head+tt.row+"\n", 0)
			if len(rows) != 1 {
				t.Errorf("%d rows; a row with problems is still returned", len(rows))
			}
			if diff := cmp.Diff(tt.want, probs); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseDuplicateID(t *testing.T) {
	_, probs := parseCSV(t, "编号,题型,题干,答案,分值\nQ1,简答,一,x,1\n\nQ1,简答,二,y,1\nQ2,简答,三,z,1\n", 0)
	want := []Problem{{Line: 4, Field: "id", Msg: MsgDuplicateID, Args: map[string]any{"ID": "Q1", "First": 2}}}
	if diff := cmp.Diff(want, probs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseFileProblems(t *testing.T) {
	tests := []struct {
		name, input string
		max         int
		want        []Problem
	}{
		{"empty", "", 0, []Problem{{Msg: MsgEmpty}}},
		{"header only", head, 0, []Problem{{Msg: MsgEmpty}}},
		{"missing columns", "标题\n题干,分值\nx,1\n", 0, []Problem{
			{Line: 2, Field: "type", Msg: MsgMissingColumn, Args: map[string]any{"Column": "type", "Name": "题型 / Type"}},
			{Line: 2, Field: "answer", Msg: MsgMissingColumn, Args: map[string]any{"Column": "answer", "Name": "答案 / Answer"}},
		}},
		{"too many rows", head + "简答,一,,,,,x,1\n\n简答,二,,,,,x,1\n简答,三,,,,,x,1\n", 2,
			[]Problem{{Line: 5, Msg: MsgTooManyRows, Args: map[string]any{"Max": 2}}}},
		{"legacy xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, []Problem{{Msg: MsgUnsupportedFormat}}},
		{"damaged xlsx", "PK\x03\x04garbage", 0, []Problem{{Msg: MsgFileInvalid}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, probs := parseCSV(t, tt.input, tt.max)
			if len(rows) != 0 {
				t.Errorf("rows %v", rows)
			}
			if diff := cmp.Diff(tt.want, probs); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseXLSXUsesStoredNumbers(t *testing.T) {
	// A hand-made workbook: instructions first, a title row, and 分值 typed
	// as a number that a "0" format shows rounded to 3.
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue("Sheet1", "A1", "请先阅读说明"))
	_, err := f.NewSheet("题目")
	must(err)
	must(f.SetCellValue("题目", "A1", "客服题库"))
	must(f.SetSheetRow("题目", "A2", &[]any{"题型", "题干", "答案", "分值", "难度"}))
	must(f.SetSheetRow("题目", "A3", &[]any{"简答", "怎么处理差评？", "先致歉", 2.5, 4}))
	st, err := f.NewStyle(&excelize.Style{NumFmt: 1})
	must(err)
	must(f.SetCellStyle("题目", "D3", "D3", st))
	var buf bytes.Buffer
	must(f.Write(&buf))
	rows, probs, err := Parse(&buf, 0)
	if err != nil || len(probs) > 0 {
		t.Fatalf("%v %v", probs, err)
	}
	want := []Row{{Line: 3, Q: quiz.Question{Type: quiz.Short, Stem: "怎么处理差评？", Rubric: "先致歉", Points: 2.5, Difficulty: 4}}}
	if diff := cmp.Diff(want, rows, equateEmpty); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
