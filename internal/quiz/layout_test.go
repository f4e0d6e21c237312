package quiz

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"testing"
)

// tidy makes a generated question one that validation would let into a
// bank as far as layouts care: distinct option keys, finite points.
func tidy(q *Question) {
	for i := range q.Options {
		q.Options[i].Key = strconv.Itoa(i) + q.Options[i].Key
	}
	if math.IsNaN(q.Points) || math.IsInf(q.Points, 0) {
		q.Points = 1
	}
	if math.IsNaN(q.Partial.SubsetFraction) {
		q.Partial.SubsetFraction = 0.5
	}
	if math.IsNaN(q.Partial.WrongPenalty) {
		q.Partial.WrongPenalty = 0.5
	}
	for i := range q.Sub {
		tidy(&q.Sub[i])
	}
}

// TestLayoutRebuildsPaperQuestions: whatever a paper does to a question
// (shuffle, points, partial credit), the stored layout, after a JSON round
// trip, rebuilds exactly the question the learner was shown.
func TestLayoutRebuildsPaperQuestions(t *testing.T) {
	g := newGen(41)
	for i := range 3000 {
		base := g.question(0)
		tidy(&base)
		shown := Shuffle([]Question{base}, uint64(i), i%3 != 0)[0]
		if i%2 == 0 {
			shown.SetPoints(float64(g.r.IntN(1000)) / 100)
		}
		if i%5 == 0 {
			shown.SetPartial(SubsetHalf)
		}
		raw, err := json.Marshal(LayoutOf(shown))
		if err != nil {
			t.Fatal(err)
		}
		var l Layout
		if err := json.Unmarshal(raw, &l); err != nil {
			t.Fatal(err)
		}
		got, err := l.Apply(base)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, shown) {
			t.Fatalf("case %d: rebuilt\n%+v\nshown\n%+v", i, got, shown)
		}
	}
}

func TestLayoutApplyCopies(t *testing.T) {
	base := Question{ID: "q", Type: Single, Options: []Option{{Key: "A", Text: "a"}, {Key: "B", Text: "b"}}, Points: 1}
	got, err := Layout{Points: 3, Order: []string{"B", "A"}}.Apply(base)
	if err != nil {
		t.Fatal(err)
	}
	if keysOf(got.Options) != "BA" || got.Points != 3 || keysOf(base.Options) != "AB" || base.Points != 1 {
		t.Fatalf("got %+v, base now %+v", got, base)
	}
}

// TestLayoutMismatch: a layout for other options or sub-questions (the
// wrong version) is refused, never applied half.
func TestLayoutMismatch(t *testing.T) {
	base := Question{ID: "q", Type: Case, Sub: []Question{
		{ID: "s1", Type: Single, Options: []Option{{Key: "A"}, {Key: "B"}}}}}
	for name, l := range map[string]Layout{
		"unknown key":   {Sub: []Layout{{Order: []string{"A", "C"}}}},
		"missing key":   {Sub: []Layout{{Order: []string{"A"}}}},
		"repeated key":  {Sub: []Layout{{Order: []string{"A", "A"}}}},
		"sub count":     {Sub: []Layout{{Order: []string{"A", "B"}}, {}}},
		"options on qs": {Order: []string{"A"}, Sub: []Layout{{Order: []string{"A", "B"}}}},
	} {
		if _, err := l.Apply(base); !errors.Is(err, ErrLayout) {
			t.Errorf("%s: err = %v, want ErrLayout", name, err)
		}
	}
}
