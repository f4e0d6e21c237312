package fsrs

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Params configures a Scheduler. The zero value is not valid; start from
// DefaultParams.
type Params struct {
	// W holds the FSRS-6 weights w0..w20, as an optimizer produces them.
	W [21]float64
	// DesiredRetention is the recall probability at which a card falls due,
	// in (0, 1]. Higher means more reviews.
	DesiredRetention float64
	// MaxInterval caps the memory-model interval, in days. As in ts-fsrs,
	// the rule Hard < Good < Easy may still push Good and Easy one or two
	// days past it.
	MaxInterval int
	// LearningSteps are the delays for a New card before it graduates to
	// Review; RelearningSteps the delays after a lapse. Whole minutes each.
	// Nil or empty means no steps: the memory model schedules every review
	// in days from the first one.
	LearningSteps   []time.Duration
	RelearningSteps []time.Duration
	// EnableFuzz spreads intervals of 3 days or more over a small range, so
	// cards learned together do not fall due together. The spread is
	// seeded from the card and review time, so it is still deterministic.
	EnableFuzz bool
	// Location is the zone whose calendar dates count elapsed days; nil
	// means UTC.
	Location *time.Location
}

// DefaultParams returns the ts-fsrs defaults: the FSRS-6 default weights,
// 90% retention, a 36500-day cap, learning steps 1m and 10m, relearning
// step 10m, no fuzz, and UTC days.
func DefaultParams() Params {
	return Params{
		W: [21]float64{
			0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,
			1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014,
			1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
		},
		DesiredRetention: 0.9,
		MaxInterval:      36500,
		LearningSteps:    []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps:  []time.Duration{10 * time.Minute},
	}
}

// weightBounds are the ranges ts-fsrs clips weights to (with short-term
// scheduling on, which lifts w19's floor to 0.01). Outside them the
// formulas stop behaving (zero or negative stability, difficulty moving the
// wrong way), so Validate rejects rather than clips: a bad optimizer output
// should be seen, not silently changed.
func weightBounds() [21][2]float64 {
	return [21][2]float64{
		{sMin, initSMax}, {sMin, initSMax}, {sMin, initSMax}, {sMin, initSMax},
		{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
		{0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5},
		{0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
		{1, 6}, {0, w17w18Ceiling}, {0, w17w18Ceiling}, {0.01, 0.8},
		{0.1, 0.8},
	}
}

// Validate reports every way p is unusable, joined into one error.
func (p Params) Validate() error {
	var errs []error
	for i, b := range weightBounds() {
		v := p.W[i]
		if math.IsNaN(v) || v < b[0] || v > b[1] {
			errs = append(errs, fmt.Errorf("fsrs: w%d = %v, want within [%v, %v]", i, v, b[0], b[1]))
		}
	}
	if len(errs) == 0 && len(p.RelearningSteps) > 1 {
		if c := relearningCeiling(p.W, len(p.RelearningSteps)); p.W[17] > c || p.W[18] > c {
			errs = append(errs, fmt.Errorf("fsrs: with %d relearning steps w17 and w18 must be at most %v (got %v, %v)",
				len(p.RelearningSteps), c, p.W[17], p.W[18]))
		}
	}
	if !(p.DesiredRetention > 0 && p.DesiredRetention <= 1) {
		errs = append(errs, fmt.Errorf("fsrs: desired retention %v, want within (0, 1]", p.DesiredRetention))
	}
	if p.MaxInterval < 1 {
		errs = append(errs, fmt.Errorf("fsrs: maximum interval %d days, want at least 1", p.MaxInterval))
	}
	errs = append(errs, checkSteps("learning", p.LearningSteps)...)
	errs = append(errs, checkSteps("relearning", p.RelearningSteps)...)
	return errors.Join(errs...)
}

// checkSteps requires positive whole minutes, the unit ts-fsrs counts steps
// in; a zero step would silently mean "graduate" there.
func checkSteps(kind string, steps []time.Duration) []error {
	var errs []error
	for i, d := range steps {
		if d <= 0 || d%time.Minute != 0 {
			errs = append(errs, fmt.Errorf("fsrs: %s step %d is %v, want a positive whole number of minutes", kind, i, d))
		}
	}
	return errs
}

// relearningCeiling bounds w17 and w18 when a lapse is followed by several
// relearning steps. Good on each step multiplies stability by about
// e^(w17·w18); the bound keeps n such steps after a lapse from ending above
// the stability the card had before it (taken at S=1, D=1, R=0.7). This is
// ts-fsrs clipParameters, after fsrs-rs.
func relearningCeiling(w [21]float64, steps int) float64 {
	v := -(math.Log(w[11]) + math.Log(math.Pow(2, w[13])-1) + w[14]*0.3) / float64(steps)
	return min(max(round8(math.Sqrt(max(v, 0))), 0.01), w17w18Ceiling)
}

// stepMinutes converts validated steps to the whole minutes the step rules
// work in.
func stepMinutes(steps []time.Duration) []int {
	out := make([]int, len(steps))
	for i, d := range steps {
		out[i] = int(d / time.Minute)
	}
	return out
}
