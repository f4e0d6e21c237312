package quiz

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// gen makes random, often malformed, questions and responses. The property
// tests use math/rand/v2 with fixed seeds (pgregory.net/rapid is not a
// dependency), so a failure reproduces.
type gen struct{ r *rand.Rand }

func newGen(seed uint64) gen { return gen{rand.New(rand.NewPCG(seed, 7))} }

func (g gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

func (g gen) keys(max int) []string {
	out := make([]string, g.r.IntN(max+1))
	for i := range out {
		out[i] = g.pick("A", "B", "C", "D", "E", "a", " c", "Z", "", "1", "2", "3", "T", "F")
	}
	return out
}

func (g gen) text() string {
	return g.pick("", " ", "3分钟", "3 分钟。", "１５％", "15%", "a", "A", "b", "。", "\xff", "退款")
}

func (g gen) points() float64 {
	switch g.r.IntN(10) {
	case 0:
		return g.pick2(0, -1, math.NaN(), math.Inf(1), math.Inf(-1), 1e300, 1e-9)
	case 1:
		return 0.1
	}
	return float64(g.r.IntN(2000)) / 100
}

func (g gen) pick2(xs ...float64) float64 { return xs[g.r.IntN(len(xs))] }

func (g gen) fraction() float64 {
	return g.pick2(0, 0.5, 1, 0.25, 1.5, -0.5, math.NaN(), g.r.Float64())
}

func (g gen) question(depth int) Question {
	types := append([]Type{"bogus"}, Types...)
	q := Question{
		ID:         fmt.Sprintf("q%d", g.r.IntN(6)),
		Type:       types[g.r.IntN(len(types))],
		Points:     g.points(),
		Difficulty: g.r.IntN(7),
		Partial: PartialRule{
			Kind:           PartialKind(g.pick("", "exact", "subset_half", "proportional", "custom", "odd")),
			SubsetFraction: g.fraction(),
			WrongPenalty:   g.fraction(),
		},
	}
	for _, k := range g.keys(9) {
		q.Options = append(q.Options, Option{Key: k, Text: g.text()})
	}
	q.Answer = Answer{Choices: g.keys(4), Order: g.keys(5), Pairs: g.pairs()}
	for range g.r.IntN(4) {
		q.Answer.Blanks = append(q.Answer.Blanks, []string{g.text(), g.text()})
	}
	if q.Type == Case && depth < 2 {
		for range g.r.IntN(4) {
			q.Sub = append(q.Sub, g.question(depth+1))
		}
	}
	return q
}

func (g gen) pairs() map[string]string {
	p := map[string]string{}
	for range g.r.IntN(5) {
		p[g.pick("A", "B", "C", "a", "", "Z")] = g.pick("1", "2", "3", "", "x")
	}
	return p
}

func (g gen) response(depth int) Response {
	r := Response{Choices: g.keys(5), Order: g.keys(5), Pairs: g.pairs(), Text: g.text()}
	for range g.r.IntN(4) {
		r.Blanks = append(r.Blanks, g.text())
	}
	if depth < 2 && g.r.IntN(2) == 0 {
		r.Sub = map[string]Response{}
		for range g.r.IntN(5) {
			r.Sub[fmt.Sprintf("q%d", g.r.IntN(6))] = g.response(depth + 1)
		}
	}
	return r
}

// checkResult states what every Result must satisfy, at every level.
func checkResult(t *testing.T, q Question, res Result) {
	t.Helper()
	if !(res.Points >= 0 && res.Points <= res.Max) {
		t.Fatalf("points out of range %+v for %+v", res, q)
	}
	if res.Max < 1e12 && math.Abs(res.Points*100-math.Round(res.Points*100)) > 1e-6 {
		t.Fatalf("points not rounded to cents: %v", res.Points)
	}
	switch {
	case res.State == Correct && res.Points != res.Max,
		res.State == Unanswered && res.Points != 0,
		res.State == Wrong && res.Points != 0,
		res.State == NeedsGrading && q.Type != Case && res.Points != 0:
		t.Fatalf("state %s with %v of %v points for %+v", res.State, res.Points, res.Max, q)
	}
	if (q.Type == Case) != (res.Sub != nil) {
		t.Fatalf("Sub %v for a %s question", res.Sub, q.Type)
	}
	ids := map[string]int{}
	for _, s := range q.Sub {
		ids[s.ID]++
	}
	for _, s := range q.Sub {
		if ids[s.ID] == 1 { // with repeated IDs (which Validate reports) one result shows
			checkResult(t, s, res.Sub[s.ID])
		}
	}
}

func TestScoreProperties(t *testing.T) {
	g := newGen(1)
	seen := map[State]int{}
	for i := range 20000 {
		q, r := g.question(0), g.response(0)
		res := Score(q, r)
		checkResult(t, q, res)
		seen[res.State]++
		// The same inputs, rebuilt so maps iterate in another order, score
		// the same.
		again := Score(clone(q), cloneResponse(r))
		if !reflect.DeepEqual(res, again) {
			t.Fatalf("case %d: not deterministic: %+v then %+v", i, res, again)
		}
	}
	// The generator must reach every state, or the property says little.
	for _, s := range []State{Correct, Partial, Wrong, Unanswered, NeedsGrading} {
		if seen[s] < 100 {
			t.Errorf("only %d random results are %s: %v", seen[s], s, seen)
		}
	}
	t.Log(seen)
}

func cloneResponse(r Response) Response {
	r.Pairs = maps.Clone(r.Pairs)
	if r.Sub != nil {
		sub := make(map[string]Response, len(r.Sub))
		for k, v := range r.Sub {
			sub[k] = cloneResponse(v)
		}
		r.Sub = sub
	}
	return r
}

func BenchmarkScore(b *testing.B) {
	qs := []Question{
		multipleACD(PartialRule{Kind: SubsetHalf}),
		multipleACD(PartialRule{Kind: Custom, SubsetFraction: 0.5, WrongPenalty: 0.25}),
		{Type: Single, Options: options("A", "B", "C", "D"), Answer: Answer{Choices: []string{"B"}}, Points: 2},
		{Type: Fill, Points: 6, Answer: Answer{Blanks: [][]string{{"3分钟", "三分钟"}, {"15%", "百分之十五"}}}},
		{Type: Ordering, Options: options("A", "B", "C", "D"), Answer: Answer{Order: []string{"D", "A", "C", "B"}}, Points: 3},
		caseQuestion(),
	}
	rs := []Response{
		choices("A", "C"),
		choices("A", "B", "C", "D"),
		choices("B"),
		{Blanks: []string{"3 分钟。", "１５％"}},
		{Order: []string{"D", "A", "C", "B"}},
		{Sub: map[string]Response{"c1": choices("A"), "c2": {Blanks: []string{"5%", "2"}}, "c3": {Text: "理由"}}},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Score(qs[i%len(qs)], rs[i%len(rs)])
	}
}
