package fsrs

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	if err := DefaultParams().Validate(); err != nil {
		t.Fatalf("DefaultParams: %v", err)
	}
	tests := []struct {
		name   string
		change func(*Params)
		want   string
	}{
		{"NaN weight", func(p *Params) { p.W[3] = math.NaN() }, "w3 = NaN"},
		{"w0 below S_MIN", func(p *Params) { p.W[0] = 0 }, "w0 = 0"},
		{"w4 above 10", func(p *Params) { p.W[4] = 11 }, "w4 = 11"},
		{"w16 below 1", func(p *Params) { p.W[16] = 0.5 }, "w16 = 0.5"},
		{"w19 below short-term floor", func(p *Params) { p.W[19] = 0 }, "w19 = 0"},
		{"w20 decay too high", func(p *Params) { p.W[20] = 0.9 }, "w20 = 0.9"},
		{"w17 over ceiling for two relearning steps", func(p *Params) {
			p.RelearningSteps = []time.Duration{10 * time.Minute, time.Hour}
			p.W[17] = 0.9
		}, "w17 and w18 must be at most 0.6"},
		{"zero retention", func(p *Params) { p.DesiredRetention = 0 }, "desired retention"},
		{"retention above 1", func(p *Params) { p.DesiredRetention = 1.5 }, "desired retention"},
		{"NaN retention", func(p *Params) { p.DesiredRetention = math.NaN() }, "desired retention"},
		{"zero max interval", func(p *Params) { p.MaxInterval = 0 }, "maximum interval"},
		{"negative step", func(p *Params) { p.LearningSteps = []time.Duration{-time.Minute} }, "learning step 0"},
		{"sub-minute step", func(p *Params) { p.RelearningSteps = []time.Duration{90 * time.Second} }, "relearning step 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultParams()
			tt.change(&p)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.want)
			}
			if _, err := New(p); err == nil {
				t.Error("New accepted it")
			}
		})
	}
}

func TestValidateJoinsErrors(t *testing.T) {
	p := DefaultParams()
	p.W[0], p.MaxInterval = -1, 0
	err := p.Validate()
	if err == nil || !strings.Contains(err.Error(), "w0") || !strings.Contains(err.Error(), "maximum interval") {
		t.Errorf("Validate() = %v, want both problems", err)
	}
}

func TestRelearningCeiling(t *testing.T) {
	// With the default weights: -(ln w11 + ln(2^w13 - 1) + 0.3·w14) / 2,
	// square-rooted, rounded to 8 places.
	w := DefaultParams().W
	want := round8(math.Sqrt(-(math.Log(w[11]) + math.Log(math.Pow(2, w[13])-1) + w[14]*0.3) / 2))
	if got := relearningCeiling(w, 2); got != want || got < 0.6 || got > 0.61 {
		t.Errorf("ceiling %v, want %v (about 0.6005)", got, want)
	}
	p := DefaultParams()
	p.RelearningSteps = []time.Duration{10 * time.Minute, time.Hour}
	if err := p.Validate(); err != nil {
		t.Errorf("defaults with two relearning steps: %v", err)
	}
}
