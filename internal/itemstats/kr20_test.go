package itemstats

import (
	"math/rand/v2"
	"testing"
)

// KR-20 and Cronbach's alpha on right-or-wrong data, computed by hand the
// two ways:
//
//	     i1 i2 i3 | T
//	b1    1  1  1 | 3
//	b2    1  1  0 | 2
//	b3    1  0  1 | 2
//	b4    0  1  0 | 1
//	b5    0  0  0 | 0
//
//	T̄ = 8/5 = 1.6; d = 1.4, 0.4, 0.4, −0.6, −1.6
//	Σd² = 1.96 + 0.16 + 0.16 + 0.36 + 2.56 = 5.2
//	KR-20: p = 3/5, 3/5, 2/5; pq = 6/25 each, Σpq = 18/25 = 0.72
//	       σ² = 5.2/5 = 1.04 (population)
//	       KR-20 = 100·3/2·(1 − 0.72/1.04) = 150·(0.32/1.04) = 600/13 = 46.153846%
//	alpha: V(i1) = (3·0.4² + 2·0.6²)/4 = 1.2/4 = 0.3; V(i2) = 0.3;
//	       V(i3) = (2·0.6² + 3·0.4²)/4 = 0.3; ΣV = 0.9; V(T) = 5.2/4 = 1.3
//	       CIC = 100·3/2·(1 − 0.9/1.3) = 150·(0.4/1.3) = 600/13
func TestKR20EqualsAlphaByHand(t *testing.T) {
	items, attempts := dichotomous([][]float64{
		{1, 1, 1},
		{1, 1, 0},
		{1, 0, 1},
		{0, 1, 0},
		{0, 0, 0},
	})
	r := compute(t, items, attempts)
	near(t, "KR20", r.KR20, 600.0/13)
	near(t, "Alpha", r.Alpha, 600.0/13)
	near(t, "ErrorRatio", r.ErrorRatio, 100*sqrt(1-6.0/13))
}

// The identity holds for any complete right-or-wrong data, including items
// worth more than one mark (their p·q is scaled by Max², as their variance
// is). Seeded, so a failure reproduces.
func TestKR20EqualsAlphaRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n, k := 3+rng.IntN(30), 2+rng.IntN(8)
		items := make([]Item, k)
		for j := range items {
			items[j] = Item{ID: string(rune('a' + j)), Max: float64(1 + rng.IntN(3))}
		}
		attempts := make([]Attempt, n)
		for i := range attempts {
			scores := make([]float64, k)
			for j := range scores {
				if rng.IntN(2) == 1 {
					scores[j] = items[j].Max
				}
			}
			attempts[i] = Attempt{Scores: scores}
		}
		r := compute(t, items, attempts)
		if r.Alpha.Defined != r.KR20.Defined {
			t.Fatalf("trial %d: alpha %+v, KR20 %+v", trial, r.Alpha, r.KR20)
		}
		if r.Alpha.Defined {
			near(t, "KR20", r.KR20, r.Alpha.Value)
		}
	}
}

// KR-20 is the formula for right-or-wrong items on one paper only.
func TestKR20Undefined(t *testing.T) {
	base := [][]float64{{1, 1, 1}, {1, 1, 0}, {1, 0, 1}, {0, 1, 0}, {0, 0, 0}}
	t.Run("part credit", func(t *testing.T) {
		items, attempts := dichotomous(base)
		attempts[0].Scores = []float64{1, 1, 0.5}
		r := compute(t, items, attempts)
		if !r.Alpha.Defined {
			t.Fatal("alpha should still be defined")
		}
		undefined(t, "KR20", r.KR20)
	})
	t.Run("item not presented", func(t *testing.T) {
		items, attempts := dichotomous(base)
		attempts[4].Presented = []bool{true, true, false}
		r := compute(t, items, attempts)
		if !r.Alpha.Defined {
			t.Fatal("alpha should still be defined")
		}
		undefined(t, "KR20", r.KR20)
	})
}
