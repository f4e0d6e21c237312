package itemstats

import (
	"math"
	"testing"
)

// tolerance for hand-computed figures.
const tolerance = 1e-6

// near fails unless got is defined and within tolerance of want.
func near(t *testing.T, name string, got Stat, want float64) {
	t.Helper()
	if !got.Defined {
		t.Errorf("%s undefined, want %.10g", name, want)
		return
	}
	if math.Abs(got.Value-want) > tolerance {
		t.Errorf("%s = %.10g, want %.10g", name, got.Value, want)
	}
}

// undefined fails unless got is undefined with a zero value.
func undefined(t *testing.T, name string, got Stat) {
	t.Helper()
	if got.Defined || got.Value != 0 {
		t.Errorf("%s = %+v, want undefined", name, got)
	}
}

// compute fails the test on an error.
func compute(t *testing.T, items []Item, attempts []Attempt) Report {
	t.Helper()
	r, err := Compute(items, attempts)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return r
}

// dichotomous builds Max-1 items named i1, i2, … and attempts from a
// matrix of marks.
func dichotomous(marks [][]float64) ([]Item, []Attempt) {
	items := make([]Item, len(marks[0]))
	for j := range items {
		items[j] = Item{ID: "i" + string(rune('1'+j)), Max: 1}
	}
	attempts := make([]Attempt, len(marks))
	for i, row := range marks {
		attempts[i] = Attempt{Scores: row}
	}
	return items, attempts
}
