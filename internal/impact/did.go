// Package impact estimates the effect of training on a KPI: a
// difference-in-differences between trained and untrained units (stores,
// teams or customer-service agents) with a percentile bootstrap interval,
// and the caveats a manager must see next to the number. It is pure and
// deterministic for a seed; caveats are message ids of the kpi area.
package impact

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
)

// Unit is one store, team or agent with its KPI before and after the
// training period.
type Unit struct {
	ID            string
	Before, After float64
}

// Options tune the bootstrap; zero values take the defaults.
type Options struct {
	Resamples int     // default 2000
	Seed      uint64  // the same seed gives the same interval
	Level     float64 // default 0.95
}

// Caveats (message ids of the kpi area).
const (
	CaveatSmallSample   = "kpi.impact.small_sample"   // fewer than MinPerArm units in an arm
	CaveatNoControl     = "kpi.impact.no_control"     // no untrained units: a before/after change only
	CaveatPreDifference = "kpi.impact.pre_difference" // the arms differed a lot before training
	CaveatIncludesZero  = "kpi.impact.includes_zero"  // the interval includes no effect
)

// MinPerArm is the arm size below which the estimate is flagged.
const MinPerArm = 5

// MessageIDs lists the caveat ids (no placeholders).
func MessageIDs() []string {
	return []string{CaveatSmallSample, CaveatNoControl, CaveatPreDifference, CaveatIncludesZero}
}

// Estimate is a training effect in the KPI's unit with its interval.
type Estimate struct {
	Effect, Low, High  float64
	Level              float64
	NTreated, NControl int
	// TreatedChange and ControlChange are the arms' mean after − before.
	TreatedChange, ControlChange float64
	Caveats                      []string
}

// ErrNoTreated is returned without trained units.
var ErrNoTreated = errors.New("impact: no trained units")

// DiD estimates (mean change of the treated) − (mean change of the
// controls). The interval is a percentile bootstrap that resamples units
// with replacement within each arm. Without controls the effect is the
// treated arm's own change, flagged CaveatNoControl.
func DiD(treated, control []Unit, opt Options) (Estimate, error) {
	if len(treated) == 0 {
		return Estimate{}, ErrNoTreated
	}
	if opt.Resamples <= 0 {
		opt.Resamples = 2000
	}
	if opt.Level <= 0 || opt.Level >= 1 {
		opt.Level = 0.95
	}
	dt, dc := changes(treated), changes(control)
	e := Estimate{Level: opt.Level, NTreated: len(treated), NControl: len(control),
		TreatedChange: mean(dt), ControlChange: mean(dc)}
	e.Effect = e.TreatedChange - e.ControlChange
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	draws := make([]float64, opt.Resamples)
	for i := range draws {
		draws[i] = resampleMean(rng, dt) - resampleMean(rng, dc)
	}
	slices.Sort(draws)
	alpha := (1 - opt.Level) / 2
	e.Low, e.High = quantile(draws, alpha), quantile(draws, 1-alpha)
	e.Caveats = caveats(e, treated, control)
	return e, nil
}

func caveats(e Estimate, treated, control []Unit) []string {
	var out []string
	if e.NControl == 0 {
		out = append(out, CaveatNoControl)
	}
	if e.NTreated < MinPerArm || (e.NControl > 0 && e.NControl < MinPerArm) {
		out = append(out, CaveatSmallSample)
	}
	if e.NControl > 0 && preDifferent(treated, control) {
		out = append(out, CaveatPreDifference)
	}
	if e.Low <= 0 && e.High >= 0 {
		out = append(out, CaveatIncludesZero)
	}
	return out
}

// preDifferent: the arms' before means differ by more than half a pooled
// standard deviation (a standardized difference over 0.5), or by more than
// 20 % when the values do not vary.
func preDifferent(treated, control []Unit) bool {
	bt, bc := befores(treated), befores(control)
	mt, mc := mean(bt), mean(bc)
	sd := math.Sqrt((variance(bt) + variance(bc)) / 2)
	if sd > 0 {
		return math.Abs(mt-mc)/sd > 0.5
	}
	base := math.Max(math.Abs(mt), math.Abs(mc))
	return base > 0 && math.Abs(mt-mc)/base > 0.2
}

func changes(us []Unit) []float64 {
	out := make([]float64, len(us))
	for i, u := range us {
		out[i] = u.After - u.Before
	}
	return out
}

func befores(us []Unit) []float64 {
	out := make([]float64, len(us))
	for i, u := range us {
		out[i] = u.Before
	}
	return out
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func variance(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	m, s := mean(xs), 0.0
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return s / float64(len(xs)-1)
}

func resampleMean(rng *rand.Rand, xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for range xs {
		s += xs[rng.IntN(len(xs))]
	}
	return s / float64(len(xs))
}

// quantile of sorted xs by linear interpolation between order statistics.
func quantile(xs []float64, p float64) float64 {
	pos := p * float64(len(xs)-1)
	i := int(math.Floor(pos))
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (pos-float64(i))*(xs[i+1]-xs[i])
}
