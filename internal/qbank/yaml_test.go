package qbank

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopdojo/shopdojo/internal/quiz"
)

// handBank is written the way an author would, using the shortcuts.
const handBank = `# 客服基础题库
- id: cs-001
  type: 单选
  stem: 天猫店铺“3 分钟人工响应率”统计的是？
  options: [3 分钟内人工回复的咨询占比, 3 分钟内发货的订单占比]
  answer: a
  points: 2
  difficulty: 较易
  tags: module:客服 platform:tmall
  explanation: |
    机器人回复不算人工响应。

- type: multiple
  stem: 万相台无界版里可以新建哪些推广场景？
  options: {A: 关键词推广, B: 人群推广, C: 货品运营, D: 淘宝客}
  answer: A、B、C
  partial: 少选得一半
  points: 3
---
type: truefalse
stem: 7 天无理由退货从签收次日起算。
answer: 对
points: 1
---
- type: fill
  stem: 客单价 = ____ ÷ 支付买家数，比例写作 ____。
  answer: [[支付金额, 成交金额], 1/2]
  points: 2
- type: matching
  stem: 连起来
  options: [转化率, 客单价]
  targets: [支付买家数 ÷ 访客数, 支付金额 ÷ 支付买家数]
  answer: {A: 1, B: 2}
  points: 2
  difficulty: 2
- type: case
  stem: 根据下表回答。
  attachment: |
    | 日期 | 退款申请数 |
    |---|---|
    | 6/18 | 320 |
  sub:
    - id: q1
      type: ordering
      stem: 排列步骤
      options: {A: 审核, B: 提交}
      answer: BA
      points: 1
    - id: q2
      type: short
      stem: 怎么改进？
      rubric: 排班、快捷短语
      points: 2
`

func TestParseYAMLHandWritten(t *testing.T) {
	qs, probs, err := ParseYAML(strings.NewReader(handBank))
	if err != nil || len(probs) > 0 {
		t.Fatalf("%v %v", probs, err)
	}
	want := []quiz.Question{
		{ID: "cs-001", Type: quiz.Single, Stem: "天猫店铺“3 分钟人工响应率”统计的是？",
			Options: opts("A", "3 分钟内人工回复的咨询占比", "B", "3 分钟内发货的订单占比"), Answer: quiz.Answer{Choices: []string{"A"}},
			Points: 2, Difficulty: 2, Tags: []string{"module:客服", "platform:tmall"}, Explanation: "机器人回复不算人工响应。"},
		{Type: quiz.Multiple, Stem: "万相台无界版里可以新建哪些推广场景？", Options: opts("A", "关键词推广", "B", "人群推广", "C", "货品运营", "D", "淘宝客"),
			Answer: quiz.Answer{Choices: []string{"A", "B", "C"}}, Partial: quiz.PartialRule{Kind: quiz.SubsetHalf}, Points: 3, Difficulty: 3},
		{Type: quiz.TrueFalse, Stem: "7 天无理由退货从签收次日起算。", Answer: quiz.Answer{Choices: []string{"T"}}, Points: 1, Difficulty: 3},
		{Type: quiz.Fill, Stem: "客单价 = ____ ÷ 支付买家数，比例写作 ____。", Answer: quiz.Answer{Blanks: [][]string{{"支付金额", "成交金额"}, {"1/2"}}},
			Points: 2, Difficulty: 3},
		{Type: quiz.Matching, Stem: "连起来", Options: opts("A", "转化率", "B", "客单价"), Targets: opts("1", "支付买家数 ÷ 访客数", "2", "支付金额 ÷ 支付买家数"),
			Answer: quiz.Answer{Pairs: map[string]string{"A": "1", "B": "2"}}, Points: 2, Difficulty: 2},
		{Type: quiz.Case, Stem: "根据下表回答。", Attachment: "| 日期 | 退款申请数 |\n|---|---|\n| 6/18 | 320 |", Difficulty: 3,
			Sub: []quiz.Question{
				{ID: "q1", Type: quiz.Ordering, Stem: "排列步骤", Options: opts("A", "审核", "B", "提交"), Answer: quiz.Answer{Order: []string{"B", "A"}}, Points: 1},
				{ID: "q2", Type: quiz.Short, Stem: "怎么改进？", Rubric: "排班、快捷短语", Points: 2},
			}},
	}
	if diff := cmp.Diff(want, qs, equateEmpty); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestYAMLRoundTrip(t *testing.T) {
	want := append(sheetQuestions(), caseQuestion())
	var buf bytes.Buffer
	if err := ExportYAML(&buf, want); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	qs, probs, err := ParseYAML(strings.NewReader(text))
	if err != nil || len(probs) > 0 {
		t.Fatalf("%v %v\n%s", probs, err, text)
	}
	if diff := cmp.Diff(want, qs, equateEmpty); diff != "" {
		t.Errorf("round trip (-want +got):\n%s\n%s", diff, text)
	}
	var again bytes.Buffer
	if err := ExportYAML(&again, qs); err != nil || again.String() != text {
		t.Errorf("a second export differs: %v", err)
	}
	for _, s := range []string{"  attachment: |-\n    | 日期 |", "answer: true\n", "tags: ['module:售后', 'platform:tmall']", "\n\n- id: PR-002\n"} {
		if !strings.Contains(text, s) {
			t.Errorf("export lacks %q:\n%s", s, text)
		}
	}
}

// TestParseYAMLTranslation: English texts sit in an en mapping; options
// may be listed in the question's order of keys, and unknown fields or
// keys are reported like any other.
func TestParseYAMLTranslation(t *testing.T) {
	src := "- type: single\n  stem: 题干\n  options: [甲, 乙]\n  answer: B\n  points: 1\n" +
		"  en: {stem: Stem, options: [First, Second], explanation: Why}\n"
	qs, probs, _ := ParseYAML(strings.NewReader(src))
	want := &quiz.Text{Stem: "Stem", Options: opts("A", "First", "B", "Second"), Explanation: "Why"}
	if len(probs) > 0 || len(qs) != 1 || !cmp.Equal(qs[0].EN, want) {
		t.Fatalf("%v %+v", probs, qs)
	}
	bad := "- type: single\n  stem: 题干\n  options: [甲, 乙]\n  answer: B\n  points: 1\n  en: {stem: S, options: {C: Third}, explain: x}\n"
	_, probs, _ = ParseYAML(strings.NewReader(bad))
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.Field+" "+p.Msg)
	}
	if got := strings.Join(msgs, "; "); got != "questions[0].en.explain "+MsgYAMLUnknownField+"; questions[0].en.options[0] "+quiz.MsgENUnknownKey {
		t.Fatalf("problems: %s", got)
	}
}

func TestExportYAMLEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := ExportYAML(&buf, nil); err != nil || buf.String() != "[]\n" {
		t.Fatalf("%q %v", buf.String(), err)
	}
	_, probs, _ := ParseYAML(&buf)
	if diff := cmp.Diff([]Problem{{Msg: MsgEmpty}}, probs); diff != "" {
		t.Error(diff)
	}
}

func TestParseYAMLProblems(t *testing.T) {
	p := func(line int, field, msg string, args map[string]any) Problem {
		return Problem{Line: line, Field: field, Msg: msg, Args: args}
	}
	tests := []struct {
		name, src string
		want      []Problem
	}{
		{"syntax", "- type: single\n  stem: x\n\tpoints: 1\n", []Problem{p(2, "", MsgYAMLSyntax, map[string]any{"Detail": "yaml: line 2: found a tab character that violates indentation"})}},
		{"not a list", "hello\n", []Problem{p(1, "", MsgYAMLWantList, nil)}},
		{"item not a mapping", "- 单选\n", []Problem{p(1, "questions[0]", MsgYAMLWantMapping, nil)}},
		{"unknown and repeated fields", "- type: short\n  stem: x\n  points: 1\n  optons: [a]\n  stem: y\n", []Problem{
			p(4, "questions[0].optons", MsgYAMLUnknownField, map[string]any{"Field": "optons"}),
			p(5, "questions[0].stem", MsgYAMLDuplicateKey, map[string]any{"Key": "stem"})}},
		{"alias", "- &q {type: short, stem: x, points: 1}\n- *q\n", []Problem{p(2, "questions[1]", MsgYAMLAlias, nil)}},
		{"type required", "- stem: x\n  points: 1\n", []Problem{p(1, "questions[0].type", MsgTypeRequired, nil)}},
		{"points once", "- type: short\n  stem: x\n  points: 两分\n", []Problem{
			p(3, "questions[0].points", MsgPointsNotNumber, map[string]any{"Value": "两分"})}},
		{"text wanted", "- type: short\n  stem: {a: b}\n  points: 1\n", []Problem{p(2, "questions[0].stem", MsgYAMLWantText, nil)}},
		{"field unused", "- type: short\n  stem: x\n  points: 1\n  options: [a, b]\n", []Problem{
			p(4, "questions[0].options", MsgFieldUnused, map[string]any{"Type": "short"})}},
		{"validate with lines", "- type: single\n  stem: x\n  options:\n    A: 退款\n    B: 退款\n  answer: E\n  points: 1\n", []Problem{
			p(5, "questions[0].options[1].text", quiz.MsgDuplicateOption, map[string]any{"Key": "B", "First": "A"}),
			p(6, "questions[0].answer.choices", quiz.MsgAnswerUnknownOption, map[string]any{"Key": "E"})}},
		{"sub-question", "- type: case\n  stem: 材料\n  sub:\n    - type: short\n      stem: 问\n      points: 1\n", []Problem{
			p(4, "questions[0].sub[0].id", quiz.MsgSubIDRequired, nil)}},
		{"blank count", "- type: fill\n  stem: ____ 和 ____\n  answer: x\n  points: 1\n", []Problem{
			p(3, "questions[0].answer", MsgBlankCountMismatch, map[string]any{"Blanks": 2, "Answers": 1})}},
		{"custom partial", "- type: multiple\n  stem: x\n  options: [a, b]\n  answer: [A]\n  points: 1\n  partial: {kind: custom, subset_fraction: 很多}\n", []Problem{
			p(6, "questions[0].partial.subset_fraction", MsgPartialInvalid, map[string]any{"Value": "很多"})}},
		{"duplicate id across documents", "id: a\ntype: short\nstem: x\npoints: 1\n---\n- {id: a, type: short, stem: y, points: 1}\n", []Problem{
			p(6, "questions[1].id", MsgDuplicateID, map[string]any{"ID": "a", "First": 1})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs, err := ParseYAML(strings.NewReader(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, probs); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
