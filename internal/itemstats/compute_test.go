package itemstats

import (
	"math"
	"slices"
	"testing"
)

// The worked example: six attempts at four items, every figure computed by
// hand below with fractions, so a reader can check each one.
//
//	item  type                       max  options (key first)   guess
//	q1    single choice              1    A* B C D              1/4
//	q2    single choice              1    A B* C                1/3
//	q3    short answer, part credit  2    —                     —
//	q4    true/false                 1    T* F                  1/2
//
//	attempt  q1 q2 q3 q4 | total T | chose q1 q2 q4
//	a1        1  0  2  1 |   4     |       A  A  T
//	a2        1  1  2  0 |   4     |       A  B  F
//	a3        1  1  2  0 |   4     |       A  B  F
//	a4        1  0  1  1 |   3     |       A  C  T
//	a5        0  0  2  0 |   2     |       B  —  F
//	a6        0  0  0  1 |   1     |       C  A  T
func workedExample() ([]Item, []Attempt) {
	items := []Item{
		{ID: "q1", Max: 1, Options: []string{"A", "B", "C", "D"}, GuessScore: SingleChoiceGuess(1, 0, 0, 0)},
		{ID: "q2", Max: 1, Options: []string{"A", "B", "C"}, GuessScore: SingleChoiceGuess(0, 1, 0)},
		{ID: "q3", Max: 2},
		{ID: "q4", Max: 1, Options: []string{"T", "F"}, GuessScore: TrueFalseGuess},
	}
	row := func(scores []float64, q1, q2, q4 string) Attempt {
		choice := func(k string) []string {
			if k == "" {
				return nil
			}
			return []string{k}
		}
		return Attempt{Scores: scores, Choices: [][]string{choice(q1), choice(q2), nil, choice(q4)}}
	}
	attempts := []Attempt{
		row([]float64{1, 0, 2, 1}, "A", "A", "T"),
		row([]float64{1, 1, 2, 0}, "A", "B", "F"),
		row([]float64{1, 1, 2, 0}, "A", "B", "F"),
		row([]float64{1, 0, 1, 1}, "A", "C", "T"),
		row([]float64{0, 0, 2, 0}, "B", "", "F"),
		row([]float64{0, 0, 0, 1}, "C", "A", "T"),
	}
	return items, attempts
}

func workedReport(t *testing.T) Report {
	t.Helper()
	items, attempts := workedExample()
	return compute(t, items, attempts)
}

// Test statistics (quiz_statistics\calculator).
//
//	T = 4,4,4,3,2,1; ΣT = 18; mean = 3.
//	sorted 1,2,3,4,4,4 → median = (3+4)/2 = 3.5.
//	d = T − 3 = 1,1,1,0,−1,−2
//	Σd² = 1+1+1+0+1+4 = 8   Σd³ = 1+1+1+0−1−8 = −6   Σd⁴ = 1+1+1+0+1+16 = 20
//	SD = √(8/5) = √1.6 = 1.264911064
//	m2 = 8/6 = 4/3, m3 = −6/6 = −1, m4 = 20/6 = 10/3
//	k2 = 6·(4/3)/5 = 8/5
//	k3 = 6²·(−1)/(5·4) = −9/5
//	skewness = k3/k2^1.5 = −1.8/1.6^1.5 = −1.8/2.023857703 = −0.889390592
//	k4 = 6²·(7·10/3 − 3·5·(4/3)²)/(5·4·3) = 36·(70/3 − 80/3)/60 = −2
//	kurtosis = k4/k2² = −2/2.56 = −0.78125
//
// Coefficient of internal consistency, from the item variances V(x)
// worked out in TestWorkedExampleItems:
//
//	ΣV(x) = 4/15 + 4/15 + 7/10 + 3/10 = 23/15
//	CIC = 100·4/3·(1 − (23/15)/(8/5)) = 100·4/3·(1 − 23/24) = 100/18 = 5.555555556
//	ER = 100·√(1 − 1/18) = 100·√(17/18) = 97.182531581
//	SE = ER/100·SD = √(17/18 · 8/5) = √(68/45) = 1.229272594
//
// KR-20 is undefined: q3 gives part credit.
func TestWorkedExampleTest(t *testing.T) {
	r := workedReport(t)
	if r.Attempts != 6 {
		t.Errorf("Attempts = %d, want 6", r.Attempts)
	}
	if r.MaxTotal != 5 {
		t.Errorf("MaxTotal = %v, want 1+1+2+1 = 5", r.MaxTotal)
	}
	near(t, "Mean", r.Mean, 3)
	near(t, "Median", r.Median, 3.5)
	near(t, "SD", r.SD, math.Sqrt(1.6))
	near(t, "Skewness", r.Skewness, -1.8/math.Pow(1.6, 1.5))
	near(t, "Kurtosis", r.Kurtosis, -0.78125)
	near(t, "Alpha", r.Alpha, 100.0/18)
	near(t, "ErrorRatio", r.ErrorRatio, 100*math.Sqrt(17.0/18))
	near(t, "StandardError", r.StandardError, math.Sqrt(68.0/45))
	undefined(t, "KR20", r.KR20)
	// Shown as Moodle shows them, as a share of the maximum mark 5.
	near(t, "Percent(Mean)", r.Percent(r.Mean), 60)
	near(t, "Percent(Median)", r.Percent(r.Median), 70)
	near(t, "Percent(SD)", r.Percent(r.SD), 100*math.Sqrt(1.6)/5)
}

// Item statistics (core_question\statistics\questions\calculator). For
// each item: marks x, rest of test R = T − x, deviations from the means,
// then V(x), V(R), C(x,R), C_max (sorted x against sorted R) and C(x,T),
// all with divisor n − 1 = 5. dT = 1,1,1,0,−1,−2 as above.
//
// q1: x = 1,1,1,1,0,0, x̄ = 2/3, F = 66.67%
//
//	dx = 1/3,1/3,1/3,1/3,−2/3,−2/3; Σdx² = 4/9+4/9 = 4/3 → V(x) = 4/15
//	SD = 100·√(4/15)/1 = 51.63977795%
//	R = 3,3,3,2,2,1, R̄ = 7/3; dR = 2/3,2/3,2/3,−1/3,−1/3,−4/3
//	ΣdR² = (4+4+4+1+1+16)/9 = 10/3 → V(R) = 2/3
//	Σdx·dR = 3·(2/9) − 1/9 + 2/9 + 8/9 = 15/9 → C(x,R) = 1/3
//	DI = 100·(1/3)/√(4/15·2/3) = 100·√(5/8) = 79.05694150%
//	sorted x 0,0,1,1,1,1 vs sorted R 1,2,2,3,3,3: deviations −2/3,−2/3,1/3,…
//	and −4/3,−1/3,−1/3,2/3,2/3,2/3 → Σ = (8+2−1+2+2+2)/9 = 15/9 → C_max = 1/3
//	DE = 100·(1/3)/(1/3) = 100%
//	Σdx·dT = (1/3)(1+1+1+0) + (−2/3)(−1−2) = 1 + 2 = 3 → C(x,T) = 3/5
//
// q2: x = 0,1,1,0,0,0, x̄ = 1/3, F = 33.33%
//
//	dx = −1/3,2/3,2/3,−1/3,−1/3,−1/3; Σdx² = 12/9 → V(x) = 4/15, SD = 51.63977795%
//	R = 4,3,3,3,2,1, R̄ = 8/3; dR = 4/3,1/3,1/3,1/3,−2/3,−5/3
//	ΣdR² = (16+1+1+1+4+25)/9 = 16/3 → V(R) = 16/15
//	Σdx·dR = (−4 + 2 + 2 − 1 + 2 + 5)/9 = 6/9 → C(x,R) = 2/15
//	DI = 100·(2/15)/√(4/15·16/15) = 100·(2/15)/(8/15) = 25%
//	sorted x 0,0,0,0,1,1 vs sorted R 1,2,3,3,3,4: deviations −1/3 ×4, 2/3 ×2
//	and −5/3,−2/3,1/3,1/3,1/3,4/3 → Σ = (5+2−1−1+2+8)/9 = 15/9 → C_max = 1/3
//	DE = 100·(2/15)/(1/3) = 40%
//	Σdx·dT = (−1 + 2 + 2 + 0 + 1 + 2)/3 = 2 → C(x,T) = 2/5
//
// q3: x = 2,2,2,1,2,0, x̄ = 3/2, F = 100·1.5/2 = 75%
//
//	dx = 1/2,1/2,1/2,−1/2,1/2,−3/2; Σdx² = 14/4 → V(x) = 7/10
//	SD = 100·√0.7/2 = 41.83300133%
//	R = 2,2,2,2,0,1, R̄ = 3/2; dR = 1/2,1/2,1/2,1/2,−3/2,−1/2; V(R) = 7/10
//	Σdx·dR = (1+1+1−1−3+3)/4 = 1/2 → C(x,R) = 1/10
//	DI = 100·0.1/√(0.7·0.7) = 100/7 = 14.28571429%
//	sorted x = sorted R = 0,1,2,2,2,2 → C_max = V = 7/10, DE = 100/7 = 14.28571429%
//	Σdx·dT = (1/2)(1+1+1) + (−1/2)(0) + (1/2)(−1) + (−3/2)(−2) = 4 → C(x,T) = 4/5
//
// q4: x = 1,0,0,1,0,1, x̄ = 1/2, F = 50%
//
//	dx = ±1/2; Σdx² = 6/4 → V(x) = 3/10, SD = 100·√0.3 = 54.77225575%
//	R = 3,4,4,2,2,0, R̄ = 5/2; dR = 1/2,3/2,3/2,−1/2,−1/2,−5/2
//	ΣdR² = (1+9+9+1+1+25)/4 = 46/4 → V(R) = 23/10
//	Σdx·dR = (1 − 3 − 3 − 1 + 1 − 5)/4 = −10/4 → C(x,R) = −1/2
//	DI = 100·(−0.5)/√(0.3·2.3) = −50/√0.69 = −60.19292654%
//	sorted x 0,0,0,1,1,1 vs sorted R 0,2,2,3,4,4: deviations ∓1/2 and
//	−5/2,−1/2,−1/2,1/2,3/2,3/2 → Σ = (5+1+1+1+3+3)/4 = 14/4 → C_max = 7/10
//	DE = 100·(−0.5)/0.7 = −71.42857143%
//	Σdx·dT = (1 − 1 − 1 + 0 + 1 − 2)/2 = −1 → C(x,T) = −1/5: negative
//
// Effective weight 100·√C(xᵢ,T)/Σ√C(xⱼ,T) over q1–q3 (q4 is negcovar):
//
//	√0.6 = 0.774596669, √0.4 = 0.632455532, √0.8 = 0.894427191; Σ = 2.301479392
//	q1 33.65646774%, q2 27.48039084%, q3 38.86314142%
//
// Intended weight 100·max/5: 20%, 20%, 40%, 20%.
func TestWorkedExampleItems(t *testing.T) {
	r := workedReport(t)
	sumRoot := math.Sqrt(0.6) + math.Sqrt(0.4) + math.Sqrt(0.8)
	want := []struct {
		facility, sd, di, de, iw float64
		ew                       float64 // NaN: undefined (negative covariance)
		guess                    float64 // NaN: undefined
	}{
		{200.0 / 3, 100 * math.Sqrt(4.0/15), 100 * math.Sqrt(5.0/8), 100, 20, 100 * math.Sqrt(0.6) / sumRoot, 25},
		{100.0 / 3, 100 * math.Sqrt(4.0/15), 25, 40, 20, 100 * math.Sqrt(0.4) / sumRoot, 100.0 / 3},
		{75, 100 * math.Sqrt(0.7) / 2, 100.0 / 7, 100.0 / 7, 40, 100 * math.Sqrt(0.8) / sumRoot, math.NaN()},
		{50, 100 * math.Sqrt(0.3), -50 / math.Sqrt(0.69), -500.0 / 7, 20, math.NaN(), 50},
	}
	if len(r.Items) != len(want) {
		t.Fatalf("%d items, want %d", len(r.Items), len(want))
	}
	for j, w := range want {
		s := r.Items[j]
		t.Run(s.ID, func(t *testing.T) {
			if s.N != 6 {
				t.Errorf("N = %d, want 6", s.N)
			}
			near(t, "Facility", s.Facility, w.facility)
			near(t, "SD", s.SD, w.sd)
			near(t, "Discrimination", s.Discrimination, w.di)
			near(t, "DiscriminativeEfficiency", s.DiscriminativeEfficiency, w.de)
			near(t, "IntendedWeight", s.IntendedWeight, w.iw)
			if math.IsNaN(w.ew) {
				undefined(t, "EffectiveWeight", s.EffectiveWeight)
			} else {
				near(t, "EffectiveWeight", s.EffectiveWeight, w.ew)
			}
			if s.NegativeCovariance != math.IsNaN(w.ew) {
				t.Errorf("NegativeCovariance = %v", s.NegativeCovariance)
			}
			if math.IsNaN(w.guess) {
				undefined(t, "GuessScore", s.GuessScore)
			} else {
				near(t, "GuessScore", s.GuessScore, w.guess)
			}
		})
	}
}

// The effective weights of the items with a weight share out 100%.
func TestWorkedExampleEffectiveWeightsSum(t *testing.T) {
	r := workedReport(t)
	var sum float64
	for _, s := range r.Items {
		sum += s.EffectiveWeight.Value
	}
	if math.Abs(sum-100) > tolerance {
		t.Errorf("Σ effective weight = %v, want 100", sum)
	}
}

// Response analysis, counted from the table at workedExample:
//
//	q1 A: a1–a4 → 4 of 6 = 66.67%, mean total (4+4+4+3)/4 = 3.75
//	   B: a5 → 1 = 16.67%, mean 2;  C: a6 → 1 = 16.67%, mean 1;  D: nobody
//	q2 A: a1,a6 → 2 = 33.33%, (4+1)/2 = 2.5;  B: a2,a3 → 2, mean 4
//	   C: a4 → 1, mean 3;  no response: a5 → 1 = 16.67%, mean 2
//	q4 T: a1,a4,a6 → 3 = 50%, (4+3+1)/3 = 8/3
//	   F: a2,a3,a5 → 3 = 50%, (4+4+2)/3 = 10/3 — the distractor draws the
//	   stronger candidates, the same story as q4's negative discrimination.
func TestWorkedExampleResponses(t *testing.T) {
	r := workedReport(t)
	type row struct {
		key   string
		count int
		share float64
		mean  float64 // NaN: undefined
	}
	nan := math.NaN()
	want := map[string][]row{
		"q1": {{"A", 4, 200.0 / 3, 3.75}, {"B", 1, 100.0 / 6, 2}, {"C", 1, 100.0 / 6, 1}, {"D", 0, 0, nan}, {"", 0, 0, nan}},
		"q2": {{"A", 2, 100.0 / 3, 2.5}, {"B", 2, 100.0 / 3, 4}, {"C", 1, 100.0 / 6, 3}, {"", 1, 100.0 / 6, 2}},
		"q4": {{"T", 3, 50, 8.0 / 3}, {"F", 3, 50, 10.0 / 3}, {"", 0, 0, nan}},
	}
	for _, s := range r.Items {
		rows, ok := want[s.ID]
		if !ok {
			if s.Options != nil || s.NoResponse != (OptionStats{}) {
				t.Errorf("%s: response analysis %+v %+v for an item without options", s.ID, s.Options, s.NoResponse)
			}
			continue
		}
		got := append(slices.Clone(s.Options), s.NoResponse)
		if len(got) != len(rows) {
			t.Fatalf("%s: %d rows, want %d", s.ID, len(got), len(rows))
		}
		for k, w := range rows {
			g := got[k]
			name := s.ID + "/" + w.key
			if g.Key != w.key || g.Count != w.count {
				t.Errorf("%s: key %q count %d, want %q %d", name, g.Key, g.Count, w.key, w.count)
			}
			near(t, name+" Share", g.Share, w.share)
			if math.IsNaN(w.mean) {
				undefined(t, name+" MeanTotal", g.MeanTotal)
			} else {
				near(t, name+" MeanTotal", g.MeanTotal, w.mean)
			}
		}
	}
}

// Flags from the figures above: q3's DI 14.29% is "very weak" and its DE
// is under Moodle's 15% "dubious" line; q4's DI is negative and its DE too.
func TestWorkedExampleFlags(t *testing.T) {
	r := workedReport(t)
	want := map[string][]Flag{
		"q1": nil,
		"q2": nil,
		"q3": {FlagLowDiscrimination, FlagLowEfficiency},
		"q4": {FlagNegativeDiscrimination, FlagLowEfficiency},
	}
	for _, s := range r.Items {
		if !slices.Equal(s.Flags, want[s.ID]) {
			t.Errorf("%s flags = %v, want %v", s.ID, s.Flags, want[s.ID])
		}
	}
}

// The attempts' order must not matter: every statistic is a function of
// the set of attempts (the sorted covariance sorts its own copies).
func TestOrderDoesNotMatter(t *testing.T) {
	items, attempts := workedExample()
	want := compute(t, items, attempts)
	reversed := slices.Clone(attempts)
	slices.Reverse(reversed)
	got := compute(t, items, reversed)
	near(t, "Alpha", got.Alpha, want.Alpha.Value)
	near(t, "Skewness", got.Skewness, want.Skewness.Value)
	for j := range want.Items {
		near(t, want.Items[j].ID+" DE", got.Items[j].DiscriminativeEfficiency, want.Items[j].DiscriminativeEfficiency.Value)
		near(t, want.Items[j].ID+" DI", got.Items[j].Discrimination, want.Items[j].Discrimination.Value)
	}
}

// Moodle's "negcovar" is about the covariance with the whole test,
// C(x,T) = V(x) + C(x,R), not with the rest: a long item can correlate
// negatively with the rest and still carry weight.
//
//	     a  b | T      a: max 1, b: max 3
//	     1  0 | 1
//	     1  1 | 2
//	     0  2 | 2
//	     0  3 | 3
//
//	dA = ½,½,−½,−½ (V(a) = 1/3); dB = −3/2,−½,½,3/2 (V(b) = 5/3)
//	Σ dA·dB = −¾ −¼ −¼ −¾ = −2 → C(a,b) = −2/3, the rest of the test for either item
//	DI(a) = DI(b) = 100·(−2/3)/√(1/3·5/3) = −200/√5 = −89.4427191%
//	C(a,T) = 1/3 − 2/3 = −1/3 → negcovar, no effective weight
//	C(b,T) = 5/3 − 2/3 = 1 → effective weight 100·√1/√1 = 100%
func TestNegativeCovarianceIsWithTotal(t *testing.T) {
	items := []Item{{ID: "a", Max: 1}, {ID: "b", Max: 3}}
	attempts := []Attempt{
		{Scores: []float64{1, 0}}, {Scores: []float64{1, 1}},
		{Scores: []float64{0, 2}}, {Scores: []float64{0, 3}},
	}
	r := compute(t, items, attempts)
	a, b := r.Items[0], r.Items[1]
	near(t, "a Discrimination", a.Discrimination, -200/math.Sqrt(5))
	near(t, "b Discrimination", b.Discrimination, -200/math.Sqrt(5))
	if !a.NegativeCovariance || b.NegativeCovariance {
		t.Errorf("NegativeCovariance a=%v b=%v, want true false", a.NegativeCovariance, b.NegativeCovariance)
	}
	undefined(t, "a EffectiveWeight", a.EffectiveWeight)
	near(t, "b EffectiveWeight", b.EffectiveWeight, 100)
}
