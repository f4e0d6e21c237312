package quiz

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// chiSquare is Pearson's statistic of counts against equal expectations.
func chiSquare(counts map[string]int, cells int) float64 {
	total := 0
	for _, c := range counts {
		total += c
	}
	e := float64(total) / float64(cells)
	x := float64(cells-len(counts)) * e // cells never seen
	for _, c := range counts {
		x += (float64(c) - e) * (float64(c) - e) / e
	}
	return x
}

func ids(qs []Question) string {
	s := make([]string, len(qs))
	for i, q := range qs {
		s[i] = q.ID
	}
	return strings.Join(s, ",")
}

func keysOf(opts []Option) string { return strings.Join(optionKeys(opts), "") }

func singles(n int) []Question {
	qs := make([]Question, n)
	for i := range qs {
		qs[i] = Question{ID: fmt.Sprintf("q%02d", i), Type: Single, Options: options("A", "B", "C", "D"),
			Answer: Answer{Choices: []string{"C"}}, Points: 1, Difficulty: 1 + i%5}
	}
	return qs
}

func TestShuffleDeterministic(t *testing.T) {
	qs := singles(10)
	if a, b := Shuffle(qs, 7, true), Shuffle(qs, 7, true); !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different papers")
	}
	orders := map[string]int{}
	first := map[string]int{}
	for seed := range uint64(1000) {
		out := Shuffle(qs, seed, false)
		orders[ids(out)]++
		first[out[0].ID]++
		if got := slices.Sorted(strings.SplitSeq(ids(out), ",")); ids(qs) != strings.Join(got, ",") {
			t.Fatalf("seed %d: questions changed: %s", seed, ids(out))
		}
	}
	if len(orders) < 995 {
		t.Errorf("1000 seeds gave only %d orders of 10 questions", len(orders))
	}
	// 9 degrees of freedom: 27.9 is p = 0.001.
	if x := chiSquare(first, 10); x > 27.9 {
		t.Errorf("first question not uniform: chi² %.1f, %v", x, first)
	}
}

func TestShuffleCopies(t *testing.T) {
	qs := append(singles(3), caseQuestion(), Question{ID: "o", Type: Ordering, Options: options("A", "B", "C"),
		Answer: Answer{Order: []string{"A", "B", "C"}}, Points: 2})
	before := make([]Question, len(qs))
	for i, q := range qs {
		before[i] = clone(q)
	}
	out := Shuffle(qs, 3, true)
	for i := range out {
		out[i].Options = append(out[i].Options[:0], Option{"X", "changed"})
		if out[i].Answer.Blanks != nil {
			out[i].Answer.Blanks[0][0] = "changed"
		}
		for j := range out[i].Sub {
			out[i].Sub[j].Stem = "changed"
		}
	}
	if !reflect.DeepEqual(qs, before) {
		t.Error("Shuffle or its result shares memory with the input")
	}
	if Shuffle(nil, 1, true) != nil || len(Shuffle([]Question{}, 1, true)) != 0 {
		t.Error("empty input")
	}
}

func TestShuffleOptions(t *testing.T) {
	tf := Question{ID: "tf", Type: TrueFalse, Options: []Option{{"T", "对"}, {"F", "错"}}, Answer: Answer{Choices: []string{"T"}}, Points: 1}
	match := validQuestions()["matching"]
	multi := multipleACD(PartialRule{Kind: SubsetHalf})
	cs := caseQuestion()
	qs := []Question{singles(1)[0], multi, tf, match, cs}
	orders := map[string]map[string]int{}
	for seed := range uint64(600) {
		for _, q := range Shuffle(qs, seed, true) {
			key := keysOf(q.Options) + "/" + keysOf(q.Targets)
			if q.Type == Case {
				key = keysOf(q.Sub[0].Options) + "/" + ids(q.Sub)
			}
			if orders[q.ID] == nil {
				orders[q.ID] = map[string]int{}
			}
			orders[q.ID][key]++
		}
		for _, q := range Shuffle(qs, seed, false) {
			if q.Type != Case && q.Type != Ordering && keysOf(q.Options) != keysOf(findID(qs, q.ID).Options) {
				t.Fatalf("seed %d: options of %s shuffled without shuffleOptions", seed, q.ID)
			}
		}
	}
	// All 24 orders of four options, most of the 120 of five (600 draws
	// need not reach every one), the sub-questions of the case in place.
	want := map[string][2]int{"q00": {24, 24}, "m": {110, 120}, "tf": {1, 1}, "matching": {1, 1}, "c": {2, 2}}
	for id, n := range want {
		if got := len(orders[id]); got < n[0] || got > n[1] {
			t.Errorf("%s: %d option orders over 600 seeds, want %d–%d: %v", id, got, n[0], n[1], orders[id])
		}
	}
	for k := range orders["c"] {
		if !strings.HasSuffix(k, "/c1,c2,c3") {
			t.Errorf("case sub-questions reordered: %s", k)
		}
	}
	if x := chiSquare(orders["q00"], 24); x > 49.7 { // 23 df, p = 0.001
		t.Errorf("single-choice option orders not uniform: chi² %.1f", x)
	}
}

func findID(qs []Question, id string) Question {
	i := slices.IndexFunc(qs, func(q Question) bool { return q.ID == id })
	return qs[i]
}

func TestShuffleOrdering(t *testing.T) {
	for n := 1; n <= 6; n++ {
		keys := strings.Split("ABCDEF"[:n], "")
		q := Question{ID: "o", Type: Ordering, Options: options(keys...), Answer: Answer{Order: keys}, Points: 1}
		seen := map[string]int{}
		for seed := range uint64(600) {
			got := Shuffle([]Question{q}, seed, false)[0]
			k := keysOf(got.Options)
			seen[k]++
			if n > 1 && k == strings.Join(keys, "") {
				t.Fatalf("n=%d seed %d: shown in the right order", n, seed)
			}
		}
		if n == 3 && (len(seen) != 5 || chiSquare(seen, 5) > 18.5) { // 4 df, p = 0.001
			t.Errorf("3 items: orders %v, want the 5 wrong ones equally often", seen)
		}
	}
	// Every order of a broken question is "right"; Shuffle must still end.
	broken := Question{Type: Ordering, Options: options("A", "A"), Answer: Answer{Order: []string{"A", "A"}}}
	if got := Shuffle([]Question{broken}, 1, false); len(got[0].Options) != 2 {
		t.Error("broken ordering question lost items")
	}
}

// Options keep their keys, so a response scores the same on the shuffled
// paper as on the bank's question.
func TestShuffleKeepsScores(t *testing.T) {
	g := newGen(2)
	for i := range 3000 {
		q, r := g.question(0), g.response(0)
		s := Shuffle([]Question{q}, uint64(i), true)[0]
		if a, b := Score(q, r), Score(s, r); !reflect.DeepEqual(a, b) {
			t.Fatalf("case %d: %+v before shuffling, %+v after", i, a, b)
		}
	}
}

// A paper is rebuilt from its seed when a learner returns to an attempt, so
// the orders for a seed must never change. If this test fails, attempts in
// progress would show their questions in another order: do not just
// update the expected values.
func TestPaperPinned(t *testing.T) {
	got := ids(Shuffle(singles(8), 42, false))
	if want := "q02,q07,q05,q06,q04,q00,q01,q03"; got != want {
		t.Errorf("Shuffle seed 42 = %s, want %s", got, want)
	}
	paper, err := Draw(singles(20), Blueprint{Rules: []BlueprintRule{{Count: 3}, {Difficulty: 2, Count: 2}}}, 42)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(paper), "q13,q08,q06,q11,q16"; got != want {
		t.Errorf("Draw seed 42 = %s, want %s", got, want)
	}
}

func TestIntN(t *testing.T) {
	g := newRNG(1, 1)
	counts := map[string]int{}
	for range 3000 {
		counts[fmt.Sprint(g.intN(3))]++
	}
	if len(counts) != 3 || chiSquare(counts, 3) > 13.8 { // 2 df, p = 0.001
		t.Errorf("intN(3) not uniform: %v", counts)
	}
	// For n = 3·2⁶¹ a quarter of the raw products are rejected, so the
	// rejection loop runs; the results must still be below n and spread
	// over its four quarters.
	n := 3 << 61
	quarters := map[string]int{}
	for range 4000 {
		x := g.intN(n)
		if x < 0 || x >= n {
			t.Fatalf("intN(%d) = %d", n, x)
		}
		quarters[fmt.Sprint(x/(n/4))]++
	}
	if chiSquare(quarters, 4) > 16.3 { // 3 df, p = 0.001
		t.Errorf("intN(%d) not uniform: %v", n, quarters)
	}
}
