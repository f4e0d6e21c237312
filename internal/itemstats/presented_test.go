package itemstats

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A blueprint exam: item c was drawn for c1–c3 only. Its statistics use
// those three attempts, with the rest of the test taken from the same
// three:
//
//	     a b c   | T
//	c1   1 1 1   | 3
//	c2   1 0 1   | 2
//	c3   0 1 0   | 1
//	c4   1 1 ·   | 2
//	c5   0 0 ·   | 0
//
//	c: x = 1,1,0 (N = 3), x̄ = 2/3, F = 66.67%
//	   dx = 1/3,1/3,−2/3; Σdx² = 6/9 → V(x) = (2/3)/2 = 1/3
//	   R = T − x = 2,1,1, R̄ = 4/3; dR = 2/3,−1/3,−1/3; ΣdR² = 6/9 → V(R) = 1/3
//	   Σdx·dR = 2/9 − 1/9 + 2/9 = 1/3 → C(x,R) = 1/6
//	   DI = 100·(1/6)/√(1/3·1/3) = 50%
//	   sorted x 0,1,1 vs sorted R 1,1,2: (−2/3)(−1/3) + (1/3)(−1/3) + (1/3)(2/3)
//	   = 3/9 → C_max = 1/6, DE = 100%
//	MaxTotal = (3+3+3+2+2)/5 = 2.6, so c's intended weight is 100/2.6 = 38.46%.
//	T = 3,2,1,2,0: T̄ = 1.6, Σd² = 1.96+0.16+0.36+0.16+2.56 = 5.2, V(T) = 1.3
//	V(a) = V(b) = 1.2/4 = 0.3 over five attempts, V(c) = 1/3 over three
//	CIC = 100·3/2·(1 − (0.6 + 1/3)/1.3) = 150·(1 − 14/19.5) = 550/13 = 42.307692%
//
// Were c4 and c5 counted as zeros instead, c would have x = 1,1,0,0,0 and
// F = 40%; the test below checks that this does not happen.
func blueprint(unseen float64) ([]Item, []Attempt) {
	items, attempts := dichotomous([][]float64{
		{1, 1, 1},
		{1, 0, 1},
		{0, 1, 0},
		{1, 1, unseen},
		{0, 0, unseen},
	})
	for i := 3; i < 5; i++ {
		attempts[i].Presented = []bool{true, true, false}
	}
	return items, attempts
}

func TestNotPresentedExcluded(t *testing.T) {
	items, attempts := blueprint(0)
	r := compute(t, items, attempts)
	c := r.Items[2]
	if c.N != 3 {
		t.Fatalf("c: N = %d, want 3", c.N)
	}
	near(t, "c Facility", c.Facility, 200.0/3)
	near(t, "c SD", c.SD, 100*math.Sqrt(1.0/3))
	near(t, "c Discrimination", c.Discrimination, 50)
	near(t, "c DiscriminativeEfficiency", c.DiscriminativeEfficiency, 100)
	near(t, "c IntendedWeight", c.IntendedWeight, 100/2.6)
	if r.MaxTotal != 2.6 {
		t.Errorf("MaxTotal = %v, want 2.6", r.MaxTotal)
	}
	near(t, "Mean", r.Mean, 1.6)
	near(t, "SD", r.SD, math.Sqrt(1.3))
	near(t, "Alpha", r.Alpha, 550.0/13)
	undefined(t, "KR20", r.KR20)
	if r.Items[0].N != 5 {
		t.Errorf("a: N = %d, want 5", r.Items[0].N)
	}
}

// Whatever is stored for an item that was not presented — a zero, a
// nonsense mark, NaN, a choice — must not change the report.
func TestNotPresentedContentIgnored(t *testing.T) {
	items, attempts := blueprint(0)
	want := compute(t, items, attempts)
	for _, unseen := range []float64{7, -3, math.NaN(), math.Inf(1)} {
		items, attempts := blueprint(unseen)
		attempts[3].Choices = [][]string{nil, nil, {"not an option"}}
		got := compute(t, items, attempts)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("unseen mark %v changed the report (-want +got):\n%s", unseen, diff)
		}
	}
}

// The mask is what excludes: counting the same zeros as presented changes
// item c's figures.
func TestPresentedZerosCount(t *testing.T) {
	items, attempts := blueprint(0)
	for i := range attempts {
		attempts[i].Presented = nil
	}
	r := compute(t, items, attempts)
	if r.Items[2].N != 5 {
		t.Fatalf("N = %d, want 5", r.Items[2].N)
	}
	near(t, "c Facility", r.Items[2].Facility, 40)
}
