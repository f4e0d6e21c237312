package itemstats

import (
	"encoding/json"
	"math"
	"testing"
)

func sqrt(x float64) float64 { return math.Sqrt(x) }

// noLeak fails if any float in the report is NaN or infinite, or if an
// undefined Stat carries a value; json.Marshal would also refuse a NaN.
func noLeak(t *testing.T, r Report) {
	t.Helper()
	if _, err := json.Marshal(r); err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	check := func(name string, s Stat) {
		if math.IsNaN(s.Value) || math.IsInf(s.Value, 0) || (!s.Defined && s.Value != 0) {
			t.Errorf("%s = %+v", name, s)
		}
	}
	for name, s := range map[string]Stat{
		"Mean": r.Mean, "Median": r.Median, "SD": r.SD, "Skewness": r.Skewness,
		"Kurtosis": r.Kurtosis, "Alpha": r.Alpha, "KR20": r.KR20,
		"ErrorRatio": r.ErrorRatio, "StandardError": r.StandardError,
	} {
		check(name, s)
	}
	for _, it := range r.Items {
		for name, s := range map[string]Stat{
			"Mean": it.Mean, "Facility": it.Facility, "SD": it.SD, "GuessScore": it.GuessScore,
			"IntendedWeight": it.IntendedWeight, "EffectiveWeight": it.EffectiveWeight,
			"Discrimination": it.Discrimination, "DiscriminativeEfficiency": it.DiscriminativeEfficiency,
		} {
			check(it.ID+" "+name, s)
		}
		for _, o := range append(it.Options, it.NoResponse) {
			check(it.ID+" "+o.Key+" Share", o.Share)
			check(it.ID+" "+o.Key+" MeanTotal", o.MeanTotal)
		}
	}
}

// Everyone scores the same: the spread is a defined 0, and everything that
// divides by it is undefined, as in Moodle's `if ($k2 != 0)` and
// `if ($markvariance * $othermarkvariance)`.
func TestAllSameScore(t *testing.T) {
	items, attempts := dichotomous([][]float64{{1, 1}, {1, 1}, {1, 1}, {1, 1}})
	r := compute(t, items, attempts)
	noLeak(t, r)
	near(t, "Mean", r.Mean, 2)
	near(t, "Median", r.Median, 2)
	near(t, "SD", r.SD, 0)
	for name, s := range map[string]Stat{
		"Skewness": r.Skewness, "Kurtosis": r.Kurtosis, "Alpha": r.Alpha,
		"KR20": r.KR20, "ErrorRatio": r.ErrorRatio, "StandardError": r.StandardError,
	} {
		undefined(t, name, s)
	}
	for _, s := range r.Items {
		near(t, s.ID+" Facility", s.Facility, 100)
		near(t, s.ID+" SD", s.SD, 0)
		undefined(t, s.ID+" Discrimination", s.Discrimination)
		undefined(t, s.ID+" DiscriminativeEfficiency", s.DiscriminativeEfficiency)
		undefined(t, s.ID+" EffectiveWeight", s.EffectiveWeight)
		if s.NegativeCovariance {
			t.Errorf("%s: NegativeCovariance with zero covariance", s.ID)
		}
		if len(s.Flags) != 1 || s.Flags[0] != FlagTooEasy {
			t.Errorf("%s flags = %v, want [too_easy]", s.ID, s.Flags)
		}
	}
}

// Marks that are equal but not exactly representable (0.1) must still give
// a variance of exactly 0, not rounding noise that would "define" a
// correlation with a constant.
func TestConstantNonIntegerMarks(t *testing.T) {
	items := []Item{{ID: "a", Max: 1}, {ID: "b", Max: 1}}
	var attempts []Attempt
	for i := range 7 {
		attempts = append(attempts, Attempt{Scores: []float64{0.1, float64(i % 2)}})
	}
	r := compute(t, items, attempts)
	noLeak(t, r)
	near(t, "a SD", r.Items[0].SD, 0)
	undefined(t, "a Discrimination", r.Items[0].Discrimination)
	undefined(t, "a DiscriminativeEfficiency", r.Items[0].DiscriminativeEfficiency)
}

// One attempt: a mean and a median, no spread of any kind.
func TestSingleAttempt(t *testing.T) {
	items, attempts := dichotomous([][]float64{{1, 0, 1}})
	r := compute(t, items, attempts)
	noLeak(t, r)
	near(t, "Mean", r.Mean, 2)
	near(t, "Median", r.Median, 2)
	for name, s := range map[string]Stat{
		"SD": r.SD, "Skewness": r.Skewness, "Kurtosis": r.Kurtosis, "Alpha": r.Alpha,
		"KR20": r.KR20, "ErrorRatio": r.ErrorRatio, "StandardError": r.StandardError,
	} {
		undefined(t, name, s)
	}
	near(t, "i1 Facility", r.Items[0].Facility, 100)
	near(t, "i2 Facility", r.Items[1].Facility, 0)
	for _, s := range r.Items {
		if s.N != 1 {
			t.Errorf("%s N = %d", s.ID, s.N)
		}
		undefined(t, s.ID+" SD", s.SD)
		undefined(t, s.ID+" Discrimination", s.Discrimination)
		undefined(t, s.ID+" DiscriminativeEfficiency", s.DiscriminativeEfficiency)
		undefined(t, s.ID+" EffectiveWeight", s.EffectiveWeight)
	}
}

// Moodle computes skewness and CIC from three attempts, kurtosis from four.
func TestAttemptThresholds(t *testing.T) {
	two := [][]float64{{1, 1}, {0, 1}}
	three := append(two, []float64{0, 0})
	four := append(three, []float64{1, 0})
	items, attempts := dichotomous(two)
	r := compute(t, items, attempts)
	undefined(t, "2 attempts Skewness", r.Skewness)
	undefined(t, "2 attempts Alpha", r.Alpha)
	if !r.SD.Defined {
		t.Error("2 attempts: SD undefined")
	}
	items, attempts = dichotomous(three)
	r = compute(t, items, attempts)
	if !r.Skewness.Defined || !r.Alpha.Defined {
		t.Errorf("3 attempts: skewness %+v alpha %+v, want defined", r.Skewness, r.Alpha)
	}
	undefined(t, "3 attempts Kurtosis", r.Kurtosis)
	items, attempts = dichotomous(four)
	r = compute(t, items, attempts)
	if !r.Kurtosis.Defined {
		t.Error("4 attempts: kurtosis undefined")
	}
}

// No attempts at all: a valid, empty report.
func TestNoAttempts(t *testing.T) {
	items, _ := workedExample()
	r := compute(t, items, nil)
	noLeak(t, r)
	if r.Attempts != 0 || r.MaxTotal != 5 {
		t.Errorf("Attempts %d MaxTotal %v, want 0 and 5", r.Attempts, r.MaxTotal)
	}
	undefined(t, "Mean", r.Mean)
	undefined(t, "Median", r.Median)
	for _, s := range r.Items {
		undefined(t, s.ID+" Facility", s.Facility)
		if s.Flags != nil {
			t.Errorf("%s flags %v with no data", s.ID, s.Flags)
		}
	}
	near(t, "q3 IntendedWeight", r.Items[2].IntendedWeight, 40)
	undefined(t, "q1/A Share", r.Items[0].Options[0].Share)
}

// An item everyone was shown and nobody answered: facility 0, no spread,
// every attempt in the no-response row.
func TestItemNobodyAnswered(t *testing.T) {
	items, attempts := workedExample()
	items = append(items, Item{ID: "q5", Max: 1, Options: []string{"A", "B"}})
	for i := range attempts {
		attempts[i].Scores = append(attempts[i].Scores, 0)
		attempts[i].Choices = append(attempts[i].Choices, nil)
	}
	r := compute(t, items, attempts)
	noLeak(t, r)
	s := r.Items[4]
	near(t, "Facility", s.Facility, 0)
	near(t, "SD", s.SD, 0)
	undefined(t, "Discrimination", s.Discrimination)
	if s.NoResponse.Count != 6 {
		t.Errorf("NoResponse.Count = %d, want 6", s.NoResponse.Count)
	}
	near(t, "NoResponse.Share", s.NoResponse.Share, 100)
	near(t, "NoResponse.MeanTotal", s.NoResponse.MeanTotal, 3)
	if len(s.Flags) != 1 || s.Flags[0] != FlagTooHard {
		t.Errorf("flags = %v, want [too_hard]", s.Flags)
	}
	// A constant item adds nothing to V(T) but is one more of Moodle's p
	// slots: CIC = 100·5/4·(1 − (23/15)/(8/5)) = 100·5/4·1/24 = 125/24.
	near(t, "Alpha", r.Alpha, 125.0/24)
}

// An item no attempt was presented: N = 0, nothing defined for it, and the
// rest of the report exactly as if the item did not exist.
func TestItemNeverPresented(t *testing.T) {
	items, attempts := workedExample()
	want := compute(t, items, attempts)
	items = append(items, Item{ID: "q5", Max: 3, Options: []string{"A", "B"}})
	for i := range attempts {
		attempts[i].Scores = append(attempts[i].Scores, math.NaN())
		attempts[i].Presented = []bool{true, true, true, true, false}
		attempts[i].Choices = append(attempts[i].Choices, []string{"no such key"})
	}
	r := compute(t, items, attempts)
	noLeak(t, r)
	s := r.Items[4]
	if s.N != 0 {
		t.Errorf("N = %d, want 0", s.N)
	}
	undefined(t, "Mean", s.Mean)
	undefined(t, "Facility", s.Facility)
	undefined(t, "EffectiveWeight", s.EffectiveWeight)
	if s.Options[0].Count != 0 || s.NoResponse.Count != 0 {
		t.Errorf("responses counted for an item nobody saw: %+v %+v", s.Options, s.NoResponse)
	}
	if r.MaxTotal != want.MaxTotal {
		t.Errorf("MaxTotal = %v, want %v", r.MaxTotal, want.MaxTotal)
	}
	for name, pair := range map[string][2]Stat{
		"Mean": {r.Mean, want.Mean}, "SD": {r.SD, want.SD}, "Alpha": {r.Alpha, want.Alpha},
		"Kurtosis": {r.Kurtosis, want.Kurtosis}, "StandardError": {r.StandardError, want.StandardError},
	} {
		near(t, name, pair[0], pair[1].Value)
	}
	for j, w := range want.Items {
		near(t, w.ID+" Facility", r.Items[j].Facility, w.Facility.Value)
		near(t, w.ID+" Discrimination", r.Items[j].Discrimination, w.Discrimination.Value)
		near(t, w.ID+" IntendedWeight", r.Items[j].IntendedWeight, w.IntendedWeight.Value)
		if w.EffectiveWeight.Defined {
			near(t, w.ID+" EffectiveWeight", r.Items[j].EffectiveWeight, w.EffectiveWeight.Value)
		}
	}
}

// A zero-mark item (Moodle allows maxmark 0) has no facility or SD share.
func TestZeroMaxItem(t *testing.T) {
	items := []Item{{ID: "a", Max: 1}, {ID: "z", Max: 0}}
	attempts := []Attempt{{Scores: []float64{1, 0}}, {Scores: []float64{0, 0}}, {Scores: []float64{1, 0}}}
	r := compute(t, items, attempts)
	noLeak(t, r)
	undefined(t, "z Facility", r.Items[1].Facility)
	undefined(t, "z SD", r.Items[1].SD)
	near(t, "z Mean", r.Items[1].Mean, 0)
	undefined(t, "KR20", r.KR20)
}
