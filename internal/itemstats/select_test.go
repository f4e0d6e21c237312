package itemstats

import (
	"slices"
	"testing"
)

func TestSelect(t *testing.T) {
	attempts := []Attempt{
		{Learner: "li", Number: 2, Scores: []float64{1, 1}},
		{Learner: "wang", Number: 1, Scores: []float64{0, 1}},
		{Learner: "li", Number: 1, Scores: []float64{0, 0}},
		{Learner: "", Number: 1, Scores: []float64{1, 0}},
		{Learner: "wang", Number: 2, Scores: []float64{1, 0}}, // ties wang #1 on total
		{Learner: "li", Number: 3, Scores: []float64{1, 0}},
		{Learner: "zhao", Number: 1, Scores: []float64{1, 1}, Presented: []bool{true, false}},
		{Learner: "zhao", Number: 2, Scores: []float64{0, 1}, Presented: []bool{false, true}},
	}
	tests := []struct {
		which Which
		want  []int // indexes into attempts, in input order
	}{
		{AllAttempts, []int{0, 1, 2, 3, 4, 5, 6, 7}},
		{FirstAttempts, []int{1, 2, 3, 6}},
		{LastAttempts, []int{3, 4, 5, 7}},
		// li: #2 has 2 marks; wang: #1 and #2 tie on 1, the earlier wins;
		// zhao: 1 presented mark each, the earlier wins.
		{HighestAttempts, []int{0, 1, 3, 6}},
	}
	for _, tt := range tests {
		got := Select(attempts, tt.which)
		var idx []int
		for _, g := range got {
			i := slices.IndexFunc(attempts, func(a Attempt) bool {
				return a.Learner == g.Learner && a.Number == g.Number
			})
			idx = append(idx, i)
		}
		if !slices.Equal(idx, tt.want) {
			t.Errorf("Select(%d) = %v, want %v", tt.which, idx, tt.want)
		}
	}
}

func TestSelectDoesNotAlias(t *testing.T) {
	attempts := []Attempt{{Learner: "a", Number: 1}}
	got := Select(attempts, AllAttempts)
	got[0].Learner = "changed"
	if attempts[0].Learner != "a" {
		t.Error("Select(AllAttempts) returned the caller's slice")
	}
}
