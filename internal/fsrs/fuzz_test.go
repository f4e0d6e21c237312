package fsrs

import (
	"testing"
	"time"
)

// The expected values below were printed by ts-fsrs 5.4.2 (get_fuzz_range,
// its internal alea, and JavaScript String(x) / Math.round) under Node 20.

func TestFuzzRange(t *testing.T) {
	tests := []struct{ ivl, elapsed, max, lo, hi int }{
		{3, 0, 36500, 2, 4},
		{10, 5, 36500, 8, 12},
		{100, 100, 36500, 93, 107},
		{36500, 0, 36500, 34673, 36500},
		{30, 40, 30, 27, 30},
		{7, 2, 5, 3, 5},
		{25, 3, 36500, 22, 28},
	}
	for _, tt := range tests {
		if lo, hi := fuzzRange(tt.ivl, tt.elapsed, tt.max); lo != tt.lo || hi != tt.hi {
			t.Errorf("fuzzRange(%d, %d, %d) = %d, %d; want %d, %d", tt.ivl, tt.elapsed, tt.max, lo, hi, tt.lo, tt.hi)
		}
	}
}

func TestAlea(t *testing.T) {
	tests := []struct {
		seed string
		want [3]float64
	}{
		{"", [3]float64{0.1666577742435038, 0.4869158477522433, 0.00011322717182338238}},
		{"1700000000000_1_0", [3]float64{0.3023136421106756, 0.7474515323992819, 0.7772101496811956}},
		{"1733998560000_2_8.2956", [3]float64{0.07033276907168329, 0.955637760926038, 0.7581295100972056}},
	}
	for _, tt := range tests {
		a := newAlea(tt.seed)
		if got := [3]float64{a.next(), a.next(), a.next()}; got != tt.want {
			t.Errorf("alea(%q) = %v, want %v", tt.seed, got, tt.want)
		}
	}
}

func TestJSNumber(t *testing.T) {
	tenth, fifth := 0.1, 0.2 // variables, so Go does not add them exactly at compile time
	tests := []struct {
		x    float64
		want string
	}{
		{0, "0"},
		{12.5, "12.5"},
		{tenth + fifth, "0.30000000000000004"},
		{1e-6, "0.000001"},
		{-12.5, "-12.5"},
		{1e21, "1e+21"},
		{1.5e-7, "1.5e-7"},
		{1e-7, "1e-7"},
		{123456789012, "123456789012"},
		{5068.463423012403, "5068.463423012403"},
		{2.5e-8, "2.5e-8"},
		{1.2345e25, "1.2345e+25"},
	}
	for _, tt := range tests {
		if got := jsNumber(tt.x); got != tt.want {
			t.Errorf("jsNumber(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

func TestJSRound(t *testing.T) {
	tests := []struct{ x, want float64 }{
		{2.5, 3}, {-2.5, -2}, {-0.5, 0}, {0.49999999999999994, 0}, {1.4999, 1}, {-1.6, -2},
	}
	for _, tt := range tests {
		if got := jsRound(tt.x); got != tt.want {
			t.Errorf("jsRound(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

// TestFuzzSpreads checks that fuzz is on when asked for, stays in its band,
// is deterministic, and leaves short intervals alone.
func TestFuzzSpreads(t *testing.T) {
	p := noSteps()
	p.EnableFuzz = true
	fz, plain := mustNew(t, p), mustNew(t, noSteps())
	seen := map[int]bool{}
	for i := range 50 {
		now := t0.Add(time.Duration(i) * time.Minute)
		c := reviewCard(20, 5, 20)
		want := mustReview(t, plain, c, Good, now).ScheduledDays
		got := mustReview(t, fz, c, Good, now)
		if again := mustReview(t, fz, c, Good, now); again != got {
			t.Fatal("fuzz is not deterministic")
		}
		lo, hi := fuzzRange(want, 20, p.MaxInterval)
		if got.ScheduledDays < lo || got.ScheduledDays > hi {
			t.Errorf("fuzzed %d outside [%d, %d] around %d", got.ScheduledDays, lo, hi, want)
		}
		seen[got.ScheduledDays] = true
	}
	if len(seen) < 3 {
		t.Errorf("50 fuzzed reviews gave only intervals %v", seen)
	}
	// Intervals under 2.5 days are never fuzzed.
	if got := mustReview(t, fz, NewCard(t0), Good, t0); got.ScheduledDays != 2 {
		t.Errorf("first Good: %d days, want 2 unfuzzed", got.ScheduledDays)
	}
}
