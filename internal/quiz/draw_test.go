package quiz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// bank is 30 questions: tags 退款 (q00–q09), 物流 (q10–q19), 直播 (q20–q29),
// difficulty 1–5 cycling.
func bank() []Question {
	qs := singles(30)
	for i := range qs {
		qs[i].Tags = []string{"module:" + []string{"退款", "物流", "直播"}[i/10], "free"}
	}
	return qs
}

func hasTag(q Question, tag string) bool { return strings.Contains(strings.Join(q.Tags, ","), tag) }

func TestDraw(t *testing.T) {
	b := Blueprint{Rules: []BlueprintRule{
		{Tag: "module:退款", Count: 4, Points: 2.5},
		{Tag: " MODULE:物流 ", Difficulty: 3, Count: 2},
		{Count: 5},
	}}
	pool := bank()
	before := fmt.Sprint(pool)
	paper, err := Draw(pool, b, 9)
	if err != nil {
		t.Fatal(err)
	}
	if len(paper) != 11 {
		t.Fatalf("%d questions: %s", len(paper), ids(paper))
	}
	seen := map[string]bool{}
	for i, q := range paper {
		if seen[q.ID] {
			t.Errorf("%s drawn twice", q.ID)
		}
		seen[q.ID] = true
		switch {
		case i < 4 && (!hasTag(q, "退款") || q.Points != 2.5):
			t.Errorf("rule 0 drew %+v", q)
		case i >= 4 && i < 6 && (!hasTag(q, "物流") || q.Difficulty != 3 || q.Points != 1):
			t.Errorf("rule 1 drew %+v", q)
		}
	}
	if fmt.Sprint(pool) != before {
		t.Error("Draw changed the pool")
	}
	if again, _ := Draw(pool, b, 9); !reflect.DeepEqual(again, paper) {
		t.Error("same seed, different paper")
	}
	paper[0].Options[0].Text = "changed"
	paper[0].Tags[0] = "changed"
	if fmt.Sprint(pool) != before {
		t.Error("the paper shares memory with the pool")
	}
}

func TestDrawRandom(t *testing.T) {
	pool := bank()
	b := Blueprint{Rules: []BlueprintRule{{Count: 5}}}
	papers, freq := map[string]bool{}, map[string]int{}
	for seed := range uint64(400) {
		paper, err := Draw(pool, b, seed)
		if err != nil {
			t.Fatal(err)
		}
		papers[ids(paper)] = true
		for _, q := range paper {
			freq[q.ID]++
		}
	}
	if len(papers) < 398 {
		t.Errorf("400 seeds drew only %d different papers", len(papers))
	}
	if x := chiSquare(freq, 30); x > 58.3 { // 29 df, p = 0.001
		t.Errorf("questions not drawn equally often: chi² %.1f %v", x, freq)
	}
}

func TestDrawShortPool(t *testing.T) {
	pool := bank()
	tests := []struct {
		name string
		b    Blueprint
		want ShortPoolError
	}{
		{"too few with tag", Blueprint{Rules: []BlueprintRule{{Tag: "module:直播", Count: 11}}},
			ShortPoolError{Rule: 0, Tag: "module:直播", Need: 11, Match: 10, Drawn: 10}},
		{"too few with difficulty", Blueprint{Rules: []BlueprintRule{{Count: 1}, {Tag: "module:退款", Difficulty: 5, Count: 3}}},
			ShortPoolError{Rule: 1, Tag: "module:退款", Difficulty: 5, Need: 3, Match: 2, Drawn: 2}},
		{"taken by other rules", Blueprint{Rules: []BlueprintRule{{Tag: "module:物流", Count: 8}, {Tag: "free", Count: 23}}},
			ShortPoolError{Rule: 1, Tag: "free", Need: 23, Match: 30, Drawn: 22}},
		{"unknown tag", Blueprint{Rules: []BlueprintRule{{Tag: "platform:tmall", Count: 1}}},
			ShortPoolError{Rule: 0, Tag: "platform:tmall", Need: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := range uint64(20) {
				paper, err := Draw(pool, tt.b, seed)
				var se *ShortPoolError
				if !errors.Is(err, ErrShortPool) || !errors.As(err, &se) || paper != nil {
					t.Fatalf("seed %d: %v, %d questions", seed, err, len(paper))
				}
				if *se != tt.want {
					t.Fatalf("seed %d: %+v, want %+v", seed, *se, tt.want)
				}
				if !strings.Contains(err.Error(), fmt.Sprintf("Rules[%d]", tt.want.Rule)) {
					t.Errorf("message lacks the rule: %v", err)
				}
			}
		})
	}
}

// A broad rule must not eat the questions a narrow rule needs, whatever the
// seed and whichever comes first.
func TestDrawCompetingRules(t *testing.T) {
	pool := bank()
	broad := BlueprintRule{Tag: "module:退款", Count: 8} // 10 match
	narrow := BlueprintRule{Tag: "module:退款", Difficulty: 3, Count: 2}
	for _, rules := range [][]BlueprintRule{{broad, narrow}, {narrow, broad}} {
		for seed := range uint64(200) {
			paper, err := Draw(pool, Blueprint{Rules: rules}, seed)
			if err != nil || len(paper) != 10 {
				t.Fatalf("seed %d: %v", seed, err)
			}
		}
	}
}

// Draw succeeds exactly when some paper satisfies every rule, for every
// seed; checked against brute force on small random pools.
func TestDrawFeasibility(t *testing.T) {
	g := rand.New(rand.NewPCG(3, 3))
	for i := range 400 {
		pool := make([]Question, 1+g.IntN(7))
		for j := range pool {
			pool[j] = Question{ID: fmt.Sprint(j), Difficulty: 1 + g.IntN(2), Tags: []string{[]string{"x", "y", "z"}[g.IntN(3)], "w"}}
		}
		b := Blueprint{Rules: make([]BlueprintRule, 1+g.IntN(3))}
		for j := range b.Rules {
			b.Rules[j] = BlueprintRule{Tag: []string{"", "x", "y", "w"}[g.IntN(4)], Difficulty: g.IntN(3), Count: g.IntN(3)}
		}
		want := feasible(pool, b.Rules, make([]int, len(b.Rules)), 0)
		for seed := range uint64(4) {
			paper, err := Draw(pool, b, seed)
			if (err == nil) != want {
				t.Fatalf("case %d seed %d: feasible %v, Draw: %v (pool %v, rules %+v)", i, seed, want, err, pool, b.Rules)
			}
			if err == nil {
				checkPaper(t, paper, b)
			}
		}
	}
}

// feasible tries every assignment of pool[i:] to rules.
func feasible(pool []Question, rules []BlueprintRule, taken []int, i int) bool {
	if i == len(pool) {
		for r, rule := range rules {
			if taken[r] != rule.Count {
				return false
			}
		}
		return true
	}
	if feasible(pool, rules, taken, i+1) {
		return true
	}
	for r, rule := range rules {
		if taken[r] < rule.Count && fits(pool[i], rule) {
			taken[r]++
			ok := feasible(pool, rules, taken, i+1)
			taken[r]--
			if ok {
				return true
			}
		}
	}
	return false
}

func checkPaper(t *testing.T, paper []Question, b Blueprint) {
	t.Helper()
	seen := map[string]bool{}
	i := 0
	for r, rule := range b.Rules {
		for range rule.Count {
			if q := paper[i]; !fits(q, rule) || seen[q.ID] {
				t.Fatalf("question %d (%+v) does not fit rule %d or repeats", i, q, r)
			}
			seen[paper[i].ID] = true
			i++
		}
	}
	if i != len(paper) {
		t.Fatalf("%d questions for %d places", len(paper), i)
	}
}

func TestDrawDuplicateIDs(t *testing.T) {
	pool := []Question{{ID: "a", Stem: "v1"}, {ID: "a", Stem: "v2"}, {ID: "b"}, {Stem: "no id"}, {Stem: "no id either"}}
	paper, err := Draw(pool, Blueprint{Rules: []BlueprintRule{{Count: 4}}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(fmt.Sprint(paper), "v2") {
		t.Error("drew the second question with a repeated ID")
	}
	if _, err := Draw(pool, Blueprint{Rules: []BlueprintRule{{Count: 5}}}, 1); !errors.Is(err, ErrShortPool) {
		t.Errorf("a repeated ID counted twice: %v", err)
	}
}

func TestDrawInvalidBlueprint(t *testing.T) {
	for _, r := range []BlueprintRule{{Count: -1}, {Difficulty: 6}, {Difficulty: -1}, {Points: -1}, {Points: 1001}} {
		if _, err := Draw(bank(), Blueprint{Rules: []BlueprintRule{{Count: 1}, r}}, 1); !errors.Is(err, ErrBlueprint) || !strings.Contains(err.Error(), "Rules[1]") {
			t.Errorf("%+v: %v", r, err)
		}
	}
	if paper, err := Draw(bank(), Blueprint{}, 1); paper != nil || err != nil {
		t.Errorf("empty blueprint: %v, %v", paper, err)
	}
}

// A case scores the sum of its sub-questions, so a rule's points are
// spread over them in proportion, to the cent.
func TestDrawCasePoints(t *testing.T) {
	tests := []struct {
		sub    []float64
		points float64
		want   []float64
	}{
		{[]float64{2, 3, 5}, 20, []float64{4, 6, 10}},
		{[]float64{1, 1, 1}, 10, []float64{3.33, 3.34, 3.33}},
		{[]float64{0, -1, 0}, 1, []float64{0.33, 0.34, 0.33}},
		{[]float64{1, 1e-9}, 5, []float64{5, 0}},
	}
	for _, tt := range tests {
		q := Question{ID: "c", Type: Case}
		for i, p := range tt.sub {
			q.Sub = append(q.Sub, Question{ID: fmt.Sprint(i), Type: Short, Points: p})
		}
		paper, err := Draw([]Question{q}, Blueprint{Rules: []BlueprintRule{{Count: 1, Points: tt.points}}}, 1)
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		for _, s := range paper[0].Sub {
			got = append(got, s.Points)
		}
		if !reflect.DeepEqual(got, tt.want) || Score(paper[0], Response{}).Max != tt.points {
			t.Errorf("%v scaled to %v: %v, want %v", tt.sub, tt.points, got, tt.want)
		}
	}
}
