package quiz

import (
	"math"
	"reflect"
	"testing"
)

func choices(keys ...string) Response { return Response{Choices: keys} }

func options(keys ...string) []Option {
	opts := make([]Option, len(keys))
	for i, k := range keys {
		opts[i] = Option{Key: k, Text: "option " + k}
	}
	return opts
}

// multipleACD is the example of the Chinese presets: 4 points, key A C D.
func multipleACD(rule PartialRule) Question {
	return Question{
		ID: "m", Type: Multiple, Stem: "哪些属于售后环节？", Options: options("A", "B", "C", "D", "E"),
		Answer: Answer{Choices: []string{"A", "C", "D"}}, Points: 4, Partial: rule, Difficulty: 2,
	}
}

type scoreTest struct {
	name string
	q    Question
	r    Response
	want Result
}

func runScoreCases(t *testing.T, cases []scoreTest) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Score(c.q, c.r); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Score = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestScoreMultiplePresets(t *testing.T) {
	exact := multipleACD(PartialRule{})
	half := multipleACD(PartialRule{Kind: SubsetHalf})
	prop := multipleACD(PartialRule{Kind: Proportional})
	custom := multipleACD(PartialRule{Kind: Custom, SubsetFraction: 0.6, WrongPenalty: 0.25})
	harsh := multipleACD(PartialRule{Kind: Custom, SubsetFraction: 0.5, WrongPenalty: 1})
	runScoreCases(t, []scoreTest{
		{"exact all", exact, choices("A", "C", "D"), Result{4, 4, Correct, nil}},
		{"exact any order, case, spaces", exact, choices(" d", "c ", "a"), Result{4, 4, Correct, nil}},
		{"exact duplicates count once", exact, choices("A", "A", "C", "D", "d"), Result{4, 4, Correct, nil}},
		{"exact subset", exact, choices("A", "C"), Result{0, 4, Wrong, nil}},
		{"exact named kind", multipleACD(PartialRule{Kind: AllOrNothing}), choices("A", "C"), Result{0, 4, Wrong, nil}},
		{"exact superset", exact, choices("A", "B", "C", "D"), Result{0, 4, Wrong, nil}},
		{"unknown kind is exact", multipleACD(PartialRule{Kind: "lenient"}), choices("A", "C"), Result{0, 4, Wrong, nil}},
		{"empty", exact, choices(), Result{0, 4, Unanswered, nil}},
		{"blank keys only", half, choices("", " "), Result{0, 4, Unanswered, nil}},

		{"少选得一半 A C", half, choices("A", "C"), Result{2, 4, Partial, nil}},
		{"少选得一半 A", half, choices("A"), Result{2, 4, Partial, nil}},
		{"错选不得分 A B", half, choices("A", "B"), Result{0, 4, Wrong, nil}},
		{"错选不得分 all plus B", half, choices("A", "B", "C", "D"), Result{0, 4, Wrong, nil}},
		{"subset half all", half, choices("D", "C", "A"), Result{4, 4, Correct, nil}},
		{"subset half duplicates are not more", half, choices("A", "A", "a"), Result{2, 4, Partial, nil}},
		{"key outside the options is wrong", half, choices("A", "Z"), Result{0, 4, Wrong, nil}},

		{"proportional A C", prop, choices("A", "C"), Result{2.67, 4, Partial, nil}},
		{"proportional A", prop, choices("A"), Result{1.33, 4, Partial, nil}},
		{"proportional all", prop, choices("A", "C", "D"), Result{4, 4, Correct, nil}},
		{"proportional wrong", prop, choices("A", "C", "E"), Result{0, 4, Wrong, nil}},

		{"custom subset", custom, choices("A", "C"), Result{2.4, 4, Partial, nil}},
		{"custom all", custom, choices("A", "C", "D"), Result{4, 4, Correct, nil}},
		{"custom all plus one wrong", custom, choices("A", "B", "C", "D"), Result{3, 4, Partial, nil}},
		{"custom all plus two wrong", custom, choices("A", "B", "C", "D", "E"), Result{2, 4, Partial, nil}},
		{"custom subset plus wrong", custom, choices("A", "B"), Result{1.4, 4, Partial, nil}},
		{"custom floored at zero", custom, choices("B", "E"), Result{0, 4, Wrong, nil}},
		{"custom subset minus two wrong", custom, choices("A", "B", "E"), Result{0.4, 4, Partial, nil}},
		{"custom subset minus penalty floored", harsh, choices("A", "B"), Result{0, 4, Wrong, nil}},
	})
}

// Out-of-range custom fractions (which Validate reports) are clamped, so
// they can neither give more than the points nor take below zero.
func TestScoreCustomClamped(t *testing.T) {
	wild := multipleACD(PartialRule{Kind: Custom, SubsetFraction: 3, WrongPenalty: -2})
	nan := multipleACD(PartialRule{Kind: Custom, SubsetFraction: math.NaN(), WrongPenalty: math.NaN()})
	runScoreCases(t, []scoreTest{
		{"fraction above 1 is 1", wild, choices("A"), Result{4, 4, Correct, nil}},
		{"negative penalty is 0", wild, choices("A", "B"), Result{4, 4, Correct, nil}},
		{"NaN fraction is 0", nan, choices("A"), Result{0, 4, Wrong, nil}},
		{"NaN penalty is 0", nan, choices("A", "B", "C", "D"), Result{4, 4, Correct, nil}},
	})
}

func TestScoreSingleTrueFalse(t *testing.T) {
	single := Question{ID: "s", Type: Single, Options: options("A", "B", "C"), Answer: Answer{Choices: []string{"B"}}, Points: 2}
	tf := Question{ID: "tf", Type: TrueFalse, Answer: Answer{Choices: []string{"T"}}, Points: 1}
	runScoreCases(t, []scoreTest{
		{"right", single, choices("B"), Result{2, 2, Correct, nil}},
		{"right lower case, spaces", single, choices(" b "), Result{2, 2, Correct, nil}},
		{"right twice", single, choices("B", "b"), Result{2, 2, Correct, nil}},
		{"wrong", single, choices("A"), Result{0, 2, Wrong, nil}},
		{"two keys", single, choices("A", "B"), Result{0, 2, Wrong, nil}},
		{"empty", single, Response{}, Result{0, 2, Unanswered, nil}},
		{"only text answered", single, Response{Text: "B"}, Result{0, 2, Unanswered, nil}},
		{"tf right", tf, choices("t"), Result{1, 1, Correct, nil}},
		{"tf wrong", tf, choices("F"), Result{0, 1, Wrong, nil}},
		{"tf both", tf, choices("T", "F"), Result{0, 1, Wrong, nil}},
		{"tf empty", tf, choices(), Result{0, 1, Unanswered, nil}},
		{"broken key never right", Question{Type: Single, Points: 1}, choices("A"), Result{0, 1, Wrong, nil}},
	})
}

func TestScoreFill(t *testing.T) {
	two := Question{ID: "f", Type: Fill, Points: 6, Answer: Answer{Blanks: [][]string{
		{"3分钟", "三分钟"},
		{"15%", "百分之十五"},
	}}}
	three := Question{ID: "f3", Type: Fill, Points: 10, Answer: Answer{Blanks: [][]string{{"a"}, {"b"}, {"c"}}}}
	emptyAccepted := Question{ID: "fe", Type: Fill, Points: 2, Answer: Answer{Blanks: [][]string{{"", "。"}}}}
	runScoreCases(t, []scoreTest{
		{"both right, normalized", two, Response{Blanks: []string{"3 分钟。", "１５％"}}, Result{6, 6, Correct, nil}},
		{"alternative answers", two, Response{Blanks: []string{"三分钟", "百分之十五"}}, Result{6, 6, Correct, nil}},
		{"one right", two, Response{Blanks: []string{"三分钟", "20%"}}, Result{3, 6, Partial, nil}},
		{"second right only", two, Response{Blanks: []string{"", "15 %"}}, Result{3, 6, Partial, nil}},
		{"blank missing from response", two, Response{Blanks: []string{"5分钟"}}, Result{0, 6, Wrong, nil}},
		{"blanks swapped", two, Response{Blanks: []string{"15%", "3分钟"}}, Result{0, 6, Wrong, nil}},
		{"all empty", two, Response{Blanks: []string{"", " 。"}}, Result{0, 6, Unanswered, nil}},
		{"no blanks", two, Response{}, Result{0, 6, Unanswered, nil}},
		{"one of three", three, Response{Blanks: []string{"A", "x", "y"}}, Result{3.33, 10, Partial, nil}},
		{"two of three", three, Response{Blanks: []string{"A", "B", "y"}}, Result{6.67, 10, Partial, nil}},
		{"three of three is full points", three, Response{Blanks: []string{"a", "b", "c"}}, Result{10, 10, Correct, nil}},
		{"extra blanks ignored", three, Response{Blanks: []string{"a", "b", "c", "d"}}, Result{10, 10, Correct, nil}},
		{"empty accepted answer matches nothing", emptyAccepted, Response{Blanks: []string{"!"}}, Result{0, 2, Unanswered, nil}},
		{"empty blank never right", Question{Type: Fill, Points: 2, Answer: Answer{Blanks: [][]string{{"x"}, {"", "。"}}}},
			Response{Blanks: []string{"y", " "}}, Result{0, 2, Wrong, nil}},
		{"no blanks in key", Question{Type: Fill, Points: 1}, Response{Blanks: []string{"x"}}, Result{0, 1, Wrong, nil}},
	})
}

func TestScoreOrdering(t *testing.T) {
	q := Question{ID: "o", Type: Ordering, Options: options("A", "B", "C"), Answer: Answer{Order: []string{"C", "A", "B"}}, Points: 3}
	runScoreCases(t, []scoreTest{
		{"exact", q, Response{Order: []string{"C", "A", "B"}}, Result{3, 3, Correct, nil}},
		{"exact, case and spaces", q, Response{Order: []string{" c", "a", "B "}}, Result{3, 3, Correct, nil}},
		{"one swap is wrong, never partial", q, Response{Order: []string{"C", "B", "A"}}, Result{0, 3, Wrong, nil}},
		{"too short", q, Response{Order: []string{"C", "A"}}, Result{0, 3, Wrong, nil}},
		{"too long", q, Response{Order: []string{"C", "A", "B", "B"}}, Result{0, 3, Wrong, nil}},
		{"empty", q, Response{Order: []string{"", ""}}, Result{0, 3, Unanswered, nil}},
		{"no key", Question{Type: Ordering, Points: 1}, Response{Order: []string{"A"}}, Result{0, 1, Wrong, nil}},
	})
}

func TestScoreMatching(t *testing.T) {
	q := Question{ID: "x", Type: Matching, Options: options("A", "B", "C"), Targets: options("1", "2", "3"),
		Answer: Answer{Pairs: map[string]string{"A": "2", "B": "1", "C": "3"}}, Points: 6}
	runScoreCases(t, []scoreTest{
		{"all", q, Response{Pairs: map[string]string{"A": "2", "B": "1", "C": "3"}}, Result{6, 6, Correct, nil}},
		{"lower-case keys", q, Response{Pairs: map[string]string{"a": "2", "b ": "1", "C": " 3"}}, Result{6, 6, Correct, nil}},
		{"two of three", q, Response{Pairs: map[string]string{"A": "2", "B": "1", "C": "1"}}, Result{4, 6, Partial, nil}},
		{"one of three", q, Response{Pairs: map[string]string{"A": "2"}}, Result{2, 6, Partial, nil}},
		{"none", q, Response{Pairs: map[string]string{"A": "1", "B": "2"}}, Result{0, 6, Wrong, nil}},
		{"unknown item ignored", q, Response{Pairs: map[string]string{"A": "2", "Z": "1"}}, Result{2, 6, Partial, nil}},
		{"blank targets are unanswered", q, Response{Pairs: map[string]string{"A": "", "B": " "}}, Result{0, 6, Unanswered, nil}},
		{"empty", q, Response{}, Result{0, 6, Unanswered, nil}},
		// "a" and "A" collide; the first in sorted order ("A") wins, always.
		{"colliding keys", q, Response{Pairs: map[string]string{"A": "1", "a": "2"}}, Result{0, 6, Wrong, nil}},
	})
}

func TestScoreShort(t *testing.T) {
	q := Question{ID: "sa", Type: Short, Points: 5, Rubric: "说出三步"}
	runScoreCases(t, []scoreTest{
		{"answered", q, Response{Text: "先安抚，再核实，后补偿"}, Result{0, 5, NeedsGrading, nil}},
		{"blank", q, Response{Text: " \u3000\n"}, Result{0, 5, Unanswered, nil}},
	})
}

func caseQuestion() Question {
	return Question{ID: "c", Type: Case, Stem: "阅读以下店铺数据", Points: 10, Sub: []Question{
		{ID: "c1", Type: Single, Options: options("A", "B"), Answer: Answer{Choices: []string{"A"}}, Points: 2},
		{ID: "c2", Type: Fill, Answer: Answer{Blanks: [][]string{{"5%"}, {"20"}}}, Points: 3},
		{ID: "c3", Type: Short, Points: 5},
	}}
}

func TestScoreCase(t *testing.T) {
	q := caseQuestion()
	auto := q
	auto.Sub = q.Sub[:2]
	right := map[string]Response{"c1": choices("A"), "c2": {Blanks: []string{"5 %", "20"}}}
	withText := map[string]Response{"c1": choices("A"), "c2": {Blanks: []string{"5%", "2"}}, "c3": {Text: "理由……"}}
	runScoreCases(t, []scoreTest{
		{"needs grading", q, Response{Sub: withText}, Result{3.5, 10, NeedsGrading, map[string]Result{
			"c1": {2, 2, Correct, nil}, "c2": {1.5, 3, Partial, nil}, "c3": {0, 5, NeedsGrading, nil}}}},
		{"short left empty", q, Response{Sub: right}, Result{5, 10, Partial, map[string]Result{
			"c1": {2, 2, Correct, nil}, "c2": {3, 3, Correct, nil}, "c3": {0, 5, Unanswered, nil}}}},
		{"all auto right", auto, Response{Sub: right}, Result{5, 5, Correct, map[string]Result{
			"c1": {2, 2, Correct, nil}, "c2": {3, 3, Correct, nil}}}},
		{"all wrong", auto, Response{Sub: map[string]Response{"c1": choices("B")}}, Result{0, 5, Wrong, map[string]Result{
			"c1": {0, 2, Wrong, nil}, "c2": {0, 3, Unanswered, nil}}}},
		{"nothing", q, Response{}, Result{0, 10, Unanswered, map[string]Result{
			"c1": {0, 2, Unanswered, nil}, "c2": {0, 3, Unanswered, nil}, "c3": {0, 5, Unanswered, nil}}}},
		{"no sub-questions", Question{Type: Case, Points: 3}, Response{Text: "x"}, Result{0, 0, Unanswered, map[string]Result{}}},
	})
}

// Points are rounded to cents, so sums of tenths do not show float noise.
func TestScoreRounding(t *testing.T) {
	q := Question{Type: Case, Sub: []Question{
		{ID: "a", Type: TrueFalse, Answer: Answer{Choices: []string{"T"}}, Points: 0.1},
		{ID: "b", Type: TrueFalse, Answer: Answer{Choices: []string{"T"}}, Points: 0.2},
	}}
	got := Score(q, Response{Sub: map[string]Response{"a": choices("T"), "b": choices("T")}})
	if got.Points != 0.3 || got.Max != 0.3 || got.State != Correct {
		t.Errorf("0.1 + 0.2 = %+v, want exactly 0.3 Correct", got)
	}
	third := Question{Type: Multiple, Answer: Answer{Choices: []string{"A", "B", "C"}}, Points: 1, Partial: PartialRule{Kind: Proportional}}
	if got := Score(third, choices("A")); got.Points != 0.33 {
		t.Errorf("a third of 1 point = %v, want 0.33", got.Points)
	}
	odd := Question{Type: Single, Answer: Answer{Choices: []string{"A"}}, Points: 1.005}
	if got := Score(odd, choices("A")); got.Max != 1 && got.Max != 1.01 || got.Points != got.Max {
		t.Errorf("1.005 points = %+v, want Max rounded to cents and full points", got)
	}
}

// Broken questions (which Validate reports) still score within bounds.
func TestScoreMalformed(t *testing.T) {
	key := Answer{Choices: []string{"A"}}
	runScoreCases(t, []scoreTest{
		{"zero points still says correct", Question{Type: Single, Answer: key}, choices("A"), Result{0, 0, Correct, nil}},
		{"negative points", Question{Type: Single, Answer: key, Points: -3}, choices("A"), Result{0, 0, Correct, nil}},
		{"NaN points", Question{Type: Single, Answer: key, Points: math.NaN()}, choices("A"), Result{0, 0, Correct, nil}},
		{"infinite points", Question{Type: Single, Answer: key, Points: math.Inf(1)}, choices("A"), Result{0, 0, Correct, nil}},
		{"unknown type is left to a person", Question{Type: "essay", Points: 2}, Response{Text: "x"}, Result{0, 2, NeedsGrading, nil}},
		{"unknown type, nothing answered", Question{Type: "essay", Points: 2}, Response{}, Result{0, 2, Unanswered, nil}},
		{"zero-value question", Question{}, Response{}, Result{0, 0, Unanswered, nil}},
	})
}
