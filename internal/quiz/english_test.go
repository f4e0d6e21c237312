package quiz

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEnglish(t *testing.T) {
	// Options as a paper shuffled them; the translation lists them by key
	// in its own order and lacks B and the attachment.
	q := Question{Type: Single, Stem: "退款时效？", Attachment: "| 订单 |", Explanation: "看规则", Rubric: "要点",
		Options: []Option{{Key: "C", Text: "三天"}, {Key: "A", Text: "一天"}, {Key: "B", Text: "两天"}},
		Answer:  Answer{Choices: []string{"A"}}, Points: 2,
		EN: &Text{Stem: "Refund deadline?", Explanation: "See the rules", Rubric: " ",
			Options: []Option{{Key: "A", Text: "One day"}, {Key: "C", Text: "Three days"}, {Key: "B", Text: ""}}}}
	wantOpts := []Option{{Key: "C", Text: "Three days"}, {Key: "A", Text: "One day"}, {Key: "B", Text: "两天"}}

	en := q.English()
	if en.Stem != "Refund deadline?" || en.Attachment != "| 订单 |" || en.Explanation != "See the rules" || en.Rubric != "要点" {
		t.Errorf("texts: %+v", en)
	}
	if d := cmp.Diff(wantOpts, en.Options); d != "" {
		t.Errorf("options (-want +got):\n%s", d)
	}
	if d := cmp.Diff(q.Answer, en.Answer); d != "" {
		t.Errorf("key changed:\n%s", d)
	}
	if q.Options[0].Text != "三天" {
		t.Error("English changed the original's options")
	}

	it := q.Public().English()
	if it.Stem != "Refund deadline?" || it.Attachment != "| 订单 |" {
		t.Errorf("item texts: %+v", it)
	}
	if d := cmp.Diff(wantOpts, it.Options); d != "" {
		t.Errorf("item options (-want +got):\n%s", d)
	}

	// A case's sub-questions carry their own translations; matching
	// targets are translated by key too.
	c := Question{Type: Case, Stem: "看数据", Sub: []Question{
		{ID: "s1", Type: Matching, Stem: "配对", Options: []Option{{Key: "A", Text: "访客"}}, Targets: []Option{{Key: "1", Text: "流量"}, {Key: "2", Text: "转化"}},
			Answer: Answer{Pairs: map[string]string{"A": "1"}}, Points: 2, Explanation: "流量指标",
			EN: &Text{Stem: "Match", Targets: []Option{{Key: "2", Text: "Conversion"}}, Explanation: "A traffic figure"}},
		{ID: "s2", Type: Fill, Stem: "填空____", Answer: Answer{Blanks: [][]string{{"x"}}}, Points: 1}}}
	ce := c.English()
	if ce.Stem != "看数据" || ce.Sub[0].Stem != "Match" || ce.Sub[0].Explanation != "A traffic figure" || ce.Sub[1].Stem != "填空____" {
		t.Errorf("case: %+v", ce)
	}
	if d := cmp.Diff([]Option{{Key: "1", Text: "流量"}, {Key: "2", Text: "Conversion"}}, ce.Sub[0].Targets); d != "" {
		t.Errorf("targets (-want +got):\n%s", d)
	}
	ci := c.Public().English()
	if ci.Sub[0].Stem != "Match" || ci.Sub[0].Targets[1].Text != "Conversion" || ci.Sub[1].Stem != "填空____" {
		t.Errorf("case item: %+v", ci)
	}
	if c.Sub[0].Stem != "配对" {
		t.Error("English changed the original's sub-questions")
	}

	// Without a translation nothing changes.
	plain := Question{Type: TrueFalse, Stem: "对吗？", Points: 1}
	if d := cmp.Diff(plain, plain.English()); d != "" {
		t.Errorf("untranslated (-want +got):\n%s", d)
	}
}
