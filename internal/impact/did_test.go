package impact

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// arm makes n units whose KPI moves by trend + effect with noise.
func arm(rng *rand.Rand, n int, base, trend, effect float64) []Unit {
	out := make([]Unit, n)
	for i := range out {
		b := base + rng.NormFloat64()*0.01
		out[i] = Unit{ID: fmt.Sprint(i), Before: b, After: b + trend + effect + rng.NormFloat64()*0.01}
	}
	return out
}

func TestDiD(t *testing.T) {
	tests := []struct {
		name          string
		nt, nc        int
		effect        float64
		wantZeroIn    bool
		wantCaveats   []string
		controlOffset float64
		// A percentile bootstrap under-covers with a handful of units,
		// which is what the small-sample caveat warns about.
		cover bool
	}{
		{"known effect of +5 points", 40, 40, 0.05, false, nil, 0, true},
		{"no effect", 40, 40, 0, true, []string{CaveatIncludesZero}, 0, true},
		{"small arms", 3, 4, 0.05, false, []string{CaveatSmallSample}, 0, false},
		{"arms differ before training", 40, 40, 0.05, false, []string{CaveatPreDifference}, 0.1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			treated := arm(rng, tt.nt, 0.2, 0.01, tt.effect)
			control := arm(rng, tt.nc, 0.2+tt.controlOffset, 0.01, 0)
			e, err := DiD(treated, control, Options{Seed: 7})
			if err != nil {
				t.Fatal(err)
			}
			if tt.cover && (e.Low > tt.effect || e.High < tt.effect) {
				t.Errorf("interval [%v, %v] misses the true effect %v", e.Low, e.High, tt.effect)
			}
			if zeroIn := e.Low <= 0 && e.High >= 0; zeroIn != tt.wantZeroIn {
				t.Errorf("interval [%v, %v]: includes zero %v, want %v", e.Low, e.High, zeroIn, tt.wantZeroIn)
			}
			if !slices.Equal(e.Caveats, tt.wantCaveats) {
				t.Errorf("caveats %v, want %v", e.Caveats, tt.wantCaveats)
			}
			if e.NTreated != tt.nt || e.NControl != tt.nc || e.Level != 0.95 {
				t.Errorf("sizes %d/%d level %v", e.NTreated, e.NControl, e.Level)
			}
		})
	}
}

func TestDiDDeterministicAndEdgeCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	tr, co := arm(rng, 10, 100, 5, 10), arm(rng, 10, 100, 5, 0)
	a, _ := DiD(tr, co, Options{Seed: 42, Resamples: 500})
	b, _ := DiD(tr, co, Options{Seed: 42, Resamples: 500})
	c, _ := DiD(tr, co, Options{Seed: 43, Resamples: 500})
	if a.Low != b.Low || a.High != b.High {
		t.Error("same seed, different interval")
	}
	if a.Low == c.Low && a.High == c.High {
		t.Error("different seeds gave the very same interval")
	}
	if _, err := DiD(nil, co, Options{}); err != ErrNoTreated {
		t.Errorf("no treated: %v", err)
	}
	e, err := DiD(tr, nil, Options{Seed: 1})
	if err != nil || !slices.Contains(e.Caveats, CaveatNoControl) || e.Effect != e.TreatedChange {
		t.Errorf("no control: %+v %v", e, err)
	}
}
