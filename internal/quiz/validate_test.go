package quiz

import (
	"math"
	"reflect"
	"slices"
	"testing"
)

func validQuestions() map[string]Question {
	base := func(t Type) Question {
		return Question{ID: string(t), Type: t, Stem: "题干", Points: 2, Difficulty: 3}
	}
	single := base(Single)
	single.Options, single.Answer.Choices = options("A", "B", "C", "D"), []string{"b"}
	multiple := multipleACD(PartialRule{Kind: Custom, SubsetFraction: 0.5, WrongPenalty: 1})
	one := base(Multiple)
	one.Options, one.Answer.Choices = options("A", "B", "C"), []string{"C"}
	tf := base(TrueFalse)
	tf.Answer.Choices = []string{"F"}
	fill := base(Fill)
	fill.Answer.Blanks = [][]string{{"3分钟", ""}, {"15%"}}
	ordering := base(Ordering)
	ordering.Options, ordering.Answer.Order = options("A", "B", "C"), []string{"C", "a", "B"}
	matching := base(Matching)
	matching.Options, matching.Targets = options("A", "B", "C"), options("1", "2")
	matching.Answer.Pairs = map[string]string{"A": "1", "B": "2", "C": "1"}
	short := base(Short)
	cs := caseQuestion()
	cs.Difficulty = 4
	for i := range cs.Sub {
		cs.Sub[i].Stem = "小题"
	}
	return map[string]Question{
		"single": single, "multiple": multiple, "multiple with one right": one, "truefalse": tf,
		"fill": fill, "ordering": ordering, "matching": matching, "short": short, "case": cs,
	}
}

func TestValidateValid(t *testing.T) {
	for name, q := range validQuestions() {
		if ps := q.Validate(); ps != nil {
			t.Errorf("%s: %+v", name, ps)
		}
	}
}

type problemTest struct {
	name   string
	change func(*Question)
	want   []Problem
}

func p(field, msg string, args map[string]any) Problem { return Problem{field, msg, args} }

type args = map[string]any

func TestValidateProblems(t *testing.T) {
	tests := map[string][]problemTest{
		"single": {
			{"unknown type", func(q *Question) { q.Type = "essay" }, []Problem{p("type", MsgTypeUnknown, args{"Type": "essay"})}},
			{"blank stem", func(q *Question) { q.Stem = " \n" }, []Problem{p("stem", MsgStemRequired, nil)}},
			{"zero points", func(q *Question) { q.Points = 0 }, []Problem{p("points", MsgPointsInvalid, args{"Max": 1000})}},
			{"NaN points", func(q *Question) { q.Points = math.NaN() }, []Problem{p("points", MsgPointsInvalid, args{"Max": 1000})}},
			{"too many points", func(q *Question) { q.Points = 1000.5 }, []Problem{p("points", MsgPointsInvalid, args{"Max": 1000})}},
			{"difficulty 0", func(q *Question) { q.Difficulty = 0 }, []Problem{p("difficulty", MsgDifficultyRange, args{"Min": 1, "Max": 5})}},
			{"difficulty 6", func(q *Question) { q.Difficulty = 6 }, []Problem{p("difficulty", MsgDifficultyRange, args{"Min": 1, "Max": 5})}},
			{"one option", func(q *Question) { q.Options = options("B") }, []Problem{p("options", MsgOptionsTooFew, args{"Min": 2})}},
			{"nine options", func(q *Question) {
				q.Options = append(options("A", "B", "C", "D", "E", "F", "G", "H"), Option{"I", "i"})
			},
				[]Problem{p("options", MsgTooManyOptions, args{"Max": 8}), p("options[8].key", MsgOptionKeyInvalid, args{"Key": "I"})}},
			{"bad key", func(q *Question) { q.Options[0].Key = "1" }, []Problem{p("options[0].key", MsgOptionKeyInvalid, args{"Key": "1"})}},
			{"duplicate key", func(q *Question) { q.Options[2].Key = "b" }, []Problem{p("options[2].key", MsgDuplicateOptionKey, args{"Key": "B"})}},
			{"duplicate text", func(q *Question) { q.Options[3].Text = " Option  A。" },
				[]Problem{p("options[3].text", MsgDuplicateOption, args{"Key": "D", "First": "A"})}},
			{"empty text", func(q *Question) { q.Options[1].Text = "" }, []Problem{p("options[1].text", MsgOptionTextRequired, args{"Key": "B"})}},
			{"unknown key", func(q *Question) { q.Answer.Choices = []string{"E"} }, []Problem{p("answer.choices", MsgAnswerUnknownOption, args{"Key": "E"})}},
			{"two keys", func(q *Question) { q.Answer.Choices = []string{"A", "B"} }, []Problem{p("answer.choices", MsgSingleNeedsOne, nil)}},
			{"no key", func(q *Question) { q.Answer.Choices = []string{" "} }, []Problem{p("answer.choices", MsgSingleNeedsOne, nil)}},
			{"same key twice is one", func(q *Question) { q.Answer.Choices = []string{"B", "b"} }, nil},
		},
		"multiple": {
			{"no right option", func(q *Question) { q.Answer.Choices = nil }, []Problem{p("answer.choices", MsgMultipleNeedsCorrect, args{"Min": 1})}},
			{"unknown key", func(q *Question) { q.Answer.Choices = []string{"A", "Q"} }, []Problem{p("answer.choices", MsgAnswerUnknownOption, args{"Key": "Q"})}},
			{"unknown rule", func(q *Question) { q.Partial.Kind = "half" }, []Problem{p("partial.kind", MsgPartialKindUnknown, args{"Kind": "half"})}},
			{"fractions out of range", func(q *Question) { q.Partial.SubsetFraction, q.Partial.WrongPenalty = 1.5, math.NaN() }, []Problem{
				p("partial.subset_fraction", MsgCustomFractionRange, args{"Min": 0, "Max": 1}),
				p("partial.wrong_penalty", MsgCustomFractionRange, args{"Min": 0, "Max": 1})}},
			{"fractions ignored by presets", func(q *Question) { q.Partial = PartialRule{Kind: SubsetHalf, SubsetFraction: 7} }, nil},
		},
		"truefalse": {
			{"no answer", func(q *Question) { q.Answer.Choices = nil }, []Problem{p("answer.choices", MsgTrueFalseAnswer, nil)}},
			{"both", func(q *Question) { q.Answer.Choices = []string{"T", "F"} }, []Problem{p("answer.choices", MsgTrueFalseAnswer, nil)}},
			{"not T or F", func(q *Question) { q.Answer.Choices = []string{"对"} }, []Problem{p("answer.choices", MsgTrueFalseAnswer, nil)}},
			{"lower case", func(q *Question) { q.Answer.Choices = []string{"t"} }, nil},
		},
		"fill": {
			{"no blanks", func(q *Question) { q.Answer.Blanks = nil }, []Problem{p("answer.blanks", MsgFillNeedsBlank, nil)}},
			{"blank without answer", func(q *Question) { q.Answer.Blanks[1] = []string{" ", "。"} },
				[]Problem{p("answer.blanks[1]", MsgBlankNoAnswer, args{"N": 2})}},
			{"empty blank", func(q *Question) { q.Answer.Blanks[0] = nil }, []Problem{p("answer.blanks[0]", MsgBlankNoAnswer, args{"N": 1})}},
		},
		"ordering": {
			{"missing item", func(q *Question) { q.Answer.Order = []string{"A", "B"} }, []Problem{p("answer.order", MsgOrderingMismatch, nil)}},
			{"item twice", func(q *Question) { q.Answer.Order = []string{"A", "B", "B"} }, []Problem{p("answer.order", MsgOrderingMismatch, nil)}},
			{"unknown item", func(q *Question) { q.Answer.Order = []string{"A", "B", "D"} }, []Problem{p("answer.order", MsgOrderingMismatch, nil)}},
			{"one item", func(q *Question) { q.Options, q.Answer.Order = options("A"), []string{"A"} },
				[]Problem{p("options", MsgOptionsTooFew, args{"Min": 2})}},
		},
		"matching": {
			{"missing pair", func(q *Question) { delete(q.Answer.Pairs, "B") }, []Problem{p("answer.pairs", MsgMatchingIncomplete, args{"Key": "B"})}},
			{"blank target", func(q *Question) { q.Answer.Pairs["B"] = " " }, []Problem{p("answer.pairs", MsgMatchingIncomplete, args{"Key": "B"})}},
			{"unknown option", func(q *Question) { q.Answer.Pairs["D"] = "1" }, []Problem{p("answer.pairs", MsgAnswerUnknownOption, args{"Key": "D"})}},
			{"unknown target", func(q *Question) { q.Answer.Pairs["C"] = "3" }, []Problem{p("answer.pairs", MsgAnswerUnknownTarget, args{"Key": "3"})}},
			{"unknown target named twice", func(q *Question) { q.Answer.Pairs["A"], q.Answer.Pairs["C"] = "3", "3" },
				[]Problem{p("answer.pairs", MsgAnswerUnknownTarget, args{"Key": "3"})}},
			{"one target", func(q *Question) {
				q.Targets = options("1")
				q.Answer.Pairs = map[string]string{"A": "1", "B": "1", "C": "1"}
			}, []Problem{p("targets", MsgOptionsTooFew, args{"Min": 2})}},
			{"bad target key", func(q *Question) { q.Targets[1].Key = "02" }, []Problem{
				p("targets[1].key", MsgTargetKeyInvalid, args{"Key": "02"}),
				p("answer.pairs", MsgAnswerUnknownTarget, args{"Key": "2"})}},
			{"english for options and targets it has", func(q *Question) {
				q.EN = &Text{Stem: "Match", Options: options("C", "A"), Targets: options("2")}
			}, nil},
			{"english for an option and a target it lacks", func(q *Question) {
				q.EN = &Text{Stem: "Match", Options: options("A", "D"), Targets: options("3")}
			}, []Problem{p("en.options[1]", MsgENUnknownKey, args{"Key": "D"}), p("en.targets[0]", MsgENUnknownKey, args{"Key": "3"})}},
			{"duplicate target", func(q *Question) { q.Targets[1] = Option{"1", "Target 1"} }, []Problem{
				p("targets[1].key", MsgDuplicateOptionKey, args{"Key": "1"}),
				p("answer.pairs", MsgAnswerUnknownTarget, args{"Key": "2"})}},
		},
		"short": {
			{"english translation", func(q *Question) { q.EN = &Text{Stem: "Stem", Rubric: "Rubric"} }, nil},
			{"no points", func(q *Question) { q.Points = -1 }, []Problem{p("points", MsgPointsInvalid, args{"Max": 1000})}},
		},
		"case": {
			{"no sub-questions", func(q *Question) { q.Sub, q.Points = nil, 0 }, []Problem{p("sub", MsgCaseNeedsSub, nil)}},
			{"points disagree", func(q *Question) { q.Points = 12 }, []Problem{p("points", MsgCasePointsMismatch, args{"Sum": 10.0})}},
			{"no points is fine", func(q *Question) { q.Points = 0 }, nil},
			{"sub problems are prefixed", func(q *Question) {
				q.Sub[1].Stem, q.Sub[2].Difficulty = "", 9
			}, []Problem{p("sub[1].stem", MsgStemRequired, nil), p("sub[2].difficulty", MsgDifficultyRange, args{"Min": 1, "Max": 5})}},
			{"sub without ID", func(q *Question) { q.Sub[0].ID = "" }, []Problem{p("sub[0].id", MsgSubIDRequired, nil)}},
			{"repeated sub ID", func(q *Question) { q.Sub[2].ID = "c1" }, []Problem{p("sub[2].id", MsgDuplicateSubID, args{"ID": "c1"})}},
			{"nested case", func(q *Question) {
				q.Sub[2] = Question{ID: "c3", Type: Case, Stem: "x", Points: 5, Sub: []Question{{}}}
			}, []Problem{p("sub[2].type", MsgCaseNested, nil)}},
		},
	}
	valid := validQuestions()
	for typ, cases := range tests {
		for _, tt := range cases {
			t.Run(typ+"/"+tt.name, func(t *testing.T) {
				q := clone(valid[typ])
				tt.change(&q)
				if got := q.Validate(); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("Validate() =\n %+v\nwant\n %+v", got, tt.want)
				}
			})
		}
	}
	testEveryMessageReached(t, tests)
}

// testEveryMessageReached fails when a message id is never produced by the
// table above, or a problem carries other Args than messages() declares
// (a translation would then show "<no value>").
func testEveryMessageReached(t *testing.T, tests map[string][]problemTest) {
	declared := map[string][]string{}
	for _, m := range messages() {
		declared[m.id] = m.args
	}
	reached := map[string]bool{}
	for _, cases := range tests {
		for _, tt := range cases {
			for _, pr := range tt.want {
				reached[pr.Msg] = true
				var names []string
				for k := range pr.Args {
					names = append(names, k)
				}
				slices.Sort(names)
				want := slices.Sorted(slices.Values(declared[pr.Msg]))
				if !slices.Equal(names, want) {
					t.Errorf("%s carries args %v, messages() declares %v", pr.Msg, names, want)
				}
			}
		}
	}
	for _, id := range MessageIDs() {
		if !reached[id] {
			t.Errorf("no test produces %s", id)
		}
	}
}
