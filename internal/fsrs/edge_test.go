package fsrs

import (
	"math"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func mustNew(t *testing.T, p Params) *Scheduler {
	t.Helper()
	s, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func noSteps() Params {
	p := DefaultParams()
	p.LearningSteps, p.RelearningSteps = nil, nil
	return p
}

func mustReview(t *testing.T, s *Scheduler, c Card, r Rating, now time.Time) Card {
	t.Helper()
	next, err := s.Review(c, r, now)
	if err != nil {
		t.Fatal(err)
	}
	return next
}

// reviewCard is a card in Review, last reviewed daysAgo days before t0.
func reviewCard(s, d float64, daysAgo int) Card {
	last := t0.AddDate(0, 0, -daysAgo)
	return Card{Due: last, Stability: s, Difficulty: d, State: StateReview, Reps: 5, LastReview: last}
}

func TestFirstReview(t *testing.T) {
	w := DefaultParams().W
	d0 := func(g Rating) float64 { return clamp(w[4]-math.Exp(float64(g-1)*w[5])+1, 1, 10) }
	tests := []struct {
		name   string
		p      Params
		r      Rating
		state  State
		step   int
		due    time.Duration
		days   int
		wantS  float64
		wantD0 float64
	}{
		{"steps/again", DefaultParams(), Again, StateLearning, 0, time.Minute, 0, w[0], d0(Again)},
		{"steps/hard", DefaultParams(), Hard, StateLearning, 0, 6 * time.Minute, 0, w[1], d0(Hard)},
		{"steps/good", DefaultParams(), Good, StateLearning, 1, 10 * time.Minute, 0, w[2], d0(Good)},
		{"steps/easy", DefaultParams(), Easy, StateReview, 0, 8 * 24 * time.Hour, 8, w[3], 1},
		{"no-steps/again", noSteps(), Again, StateReview, 0, 24 * time.Hour, 1, w[0], d0(Again)},
		{"no-steps/hard", noSteps(), Hard, StateReview, 0, 24 * time.Hour, 1, w[1], d0(Hard)},
		{"no-steps/good", noSteps(), Good, StateReview, 0, 2 * 24 * time.Hour, 2, w[2], d0(Good)},
		{"no-steps/easy", noSteps(), Easy, StateReview, 0, 8 * 24 * time.Hour, 8, w[3], 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustReview(t, mustNew(t, tt.p), NewCard(t0), tt.r, t0)
			if !closeRel(got.Stability, tt.wantS) || !closeRel(got.Difficulty, tt.wantD0) {
				t.Errorf("S, D = %v, %v; want %v, %v", got.Stability, got.Difficulty, tt.wantS, tt.wantD0)
			}
			if got.State != tt.state || got.Step != tt.step || got.ScheduledDays != tt.days ||
				!got.Due.Equal(t0.Add(tt.due)) || got.Reps != 1 || got.Lapses != 0 || !got.LastReview.Equal(t0) {
				t.Errorf("got %+v; want state %v step %d days %d due %v", got, tt.state, tt.step, tt.days, t0.Add(tt.due))
			}
		})
	}
}

// TestAgainAfterLongGap checks the post-lapse stability formula, its cap at
// S/e^(w17·w18), the lapse count and the relearning step.
func TestAgainAfterLongGap(t *testing.T) {
	p := DefaultParams()
	w := p.W
	s := mustNew(t, p)
	const S, D, gap = 10.0, 5.0, 1000
	got := mustReview(t, s, reviewCard(S, D, gap), Again, t0)

	decay := -w[20]
	factor := math.Pow(0.9, 1/decay) - 1
	r := math.Pow(1+factor*gap/S, decay)
	forget := w[11] * math.Pow(D, -w[12]) * (math.Pow(S+1, w[13]) - 1) * math.Exp(w[14]*(1-r))
	wantS := min(forget, S/math.Exp(w[17]*w[18]))
	if !closeRel(got.Stability, wantS) {
		t.Errorf("stability %v, want %v", got.Stability, wantS)
	}
	if got.Difficulty <= D {
		t.Errorf("difficulty %v, want above %v after a lapse", got.Difficulty, D)
	}
	if got.State != StateRelearning || got.Step != 0 || got.Lapses != 1 || !got.Due.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("got %+v, want Relearning, 1 lapse, due in 10 minutes", got)
	}
	if r := s.Retrievability(reviewCard(S, D, gap), t0); r > 0.5 {
		t.Errorf("retrievability after %d days at S=%v is %v, want well below 0.5", gap, S, r)
	}
}

func TestDifficultyClamp(t *testing.T) {
	s := mustNew(t, noSteps())
	tests := []struct {
		name  string
		d     float64
		r     Rating
		check func(float64) bool
	}{
		{"easy at the floor stays 1", 1, Easy, func(d float64) bool { return d == 1 }},
		{"good near the floor stays >= 1", 1.01, Good, func(d float64) bool { return d >= 1 && d <= 1.01 }},
		{"again at the top stays <= 10", 10, Again, func(d float64) bool { return d <= 10 && d > 9.9 }},
		{"above 10 (foreign data) comes back to 10", 10.5, Again, func(d float64) bool { return d == 10 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustReview(t, s, reviewCard(5, tt.d, 5), tt.r, t0)
			if !tt.check(got.Difficulty) {
				t.Errorf("D %v after %v from %v", got.Difficulty, tt.r, tt.d)
			}
		})
	}
}

func TestStabilityFloor(t *testing.T) {
	s := mustNew(t, noSteps())
	for _, gap := range []int{0, 3} {
		got := mustReview(t, s, reviewCard(sMin, 5, gap), Again, t0)
		if got.Stability != sMin {
			t.Errorf("Again %d days after a review at S=%v: S = %v, want the floor %v", gap, sMin, got.Stability, sMin)
		}
		if got.ScheduledDays != 1 {
			t.Errorf("interval %d, want the 1-day minimum", got.ScheduledDays)
		}
	}
}

// TestMaxInterval pins ts-fsrs's behaviour at the cap: Hard gets the cap,
// and the rule Hard < Good < Easy pushes Good and Easy one and two days past
// it.
func TestMaxInterval(t *testing.T) {
	p := noSteps()
	p.MaxInterval = 30
	s := mustNew(t, p)
	out, err := s.Preview(reviewCard(1000, 5, 30), t0)
	if err != nil {
		t.Fatal(err)
	}
	if got := [3]int{out[1].ScheduledDays, out[2].ScheduledDays, out[3].ScheduledDays}; got != [3]int{30, 31, 32} {
		t.Errorf("Hard, Good, Easy intervals %v, want [30 31 32]", got)
	}
	if out[0].ScheduledDays < 1 || out[0].ScheduledDays > 30 {
		t.Errorf("Again interval %d, want within [1, 30]", out[0].ScheduledDays)
	}
	// Stability itself is capped at 36500 days.
	out, err = mustNew(t, noSteps()).Preview(reviewCard(30000, 1, 30000), t0)
	if err != nil {
		t.Fatal(err)
	}
	if out[3].Stability != sMax || out[1].ScheduledDays != 36500 || out[3].ScheduledDays != 36502 {
		t.Errorf("Easy S %v, Hard %d days, Easy %d days; want %v, 36500, 36502", out[3].Stability,
			out[1].ScheduledDays, out[3].ScheduledDays, float64(sMax))
	}
}

// TestSameDayReview checks the FSRS-6 short-term update: a success on the
// same day never lowers stability, and the day boundary is the calendar's.
func TestSameDayReview(t *testing.T) {
	s := mustNew(t, noSteps())
	c := reviewCard(10, 5, 0)
	c.LastReview = t0.Add(-8 * time.Hour) // 01:00 the same day
	for _, r := range []Rating{Hard, Good, Easy} {
		if got := mustReview(t, s, c, r, t0); got.Stability < c.Stability {
			t.Errorf("%v the same day: S %v < %v", r, got.Stability, c.Stability)
		}
	}
	if got := mustReview(t, s, c, Again, t0); got.Stability >= c.Stability {
		t.Errorf("Again the same day: S %v, want below %v", got.Stability, c.Stability)
	}
}

func TestReviewErrors(t *testing.T) {
	s := mustNew(t, DefaultParams())
	ok := reviewCard(5, 5, 2)
	tests := []struct {
		name string
		c    Card
		r    Rating
		now  time.Time
		want string
	}{
		{"rating 0", ok, 0, t0, "invalid rating"},
		{"rating 5", ok, 5, t0, "invalid rating"},
		{"unknown state", func() Card { c := ok; c.State = 7; return c }(), Good, t0, "invalid card state"},
		{"negative step", func() Card { c := ok; c.Step = -1; return c }(), Good, t0, "invalid learning step"},
		{"no last review", func() Card { c := ok; c.LastReview = time.Time{}; return c }(), Good, t0, "no last review"},
		{"zero stability", func() Card { c := ok; c.Stability = 0; return c }(), Good, t0, "invalid memory state"},
		{"NaN stability", func() Card { c := ok; c.Stability = math.NaN(); return c }(), Good, t0, "invalid memory state"},
		{"difficulty below 1", func() Card { c := ok; c.Difficulty = 0.5; return c }(), Good, t0, "invalid memory state"},
		{"date before the last review", ok, Good, ok.LastReview.AddDate(0, 0, -1), "before the last review"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Review(tt.c, tt.r, tt.now)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
			if tt.r.Valid() {
				if _, err := s.Preview(tt.c, tt.now); err == nil {
					t.Error("Preview accepted it")
				}
			}
		})
	}
	// Earlier the same calendar day is not an error: it counts as 0 days.
	c := reviewCard(5, 5, 0)
	if _, err := s.Review(c, Good, c.LastReview.Add(-time.Hour)); err != nil {
		t.Errorf("an hour before the last review, same date: %v", err)
	}
}

func TestRetrievability(t *testing.T) {
	s := mustNew(t, DefaultParams())
	if r := s.Retrievability(NewCard(t0), t0.AddDate(1, 0, 0)); r != 0 {
		t.Errorf("New card: %v, want 0", r)
	}
	if r := s.Retrievability(reviewCard(7, 5, 7), t0); math.Abs(r-0.9) > 1e-6 {
		t.Errorf("after S days: %v, want 0.9 (the definition of stability)", r)
	}
	if r := s.Retrievability(reviewCard(7, 5, 0), t0.AddDate(0, 0, -3)); r != 1 {
		t.Errorf("before the last review: %v, want 1", r)
	}
	if r1, r2 := s.Retrievability(reviewCard(7, 5, 10), t0), s.Retrievability(reviewCard(7, 5, 20), t0); !(r2 < r1) {
		t.Errorf("R after 20 days %v not below R after 10 days %v", r2, r1)
	}
}

// TestElapsedDaysInLocation checks that days are counted on the calendar of
// Params.Location: ShopDojo counts in Beijing time.
func TestElapsedDaysInLocation(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	last := time.Date(2025, 1, 1, 23, 30, 0, 0, shanghai) // 15:30 UTC
	now := last.Add(time.Hour)                            // 00:30 Beijing, 16:30 UTC
	p := DefaultParams()
	if got := mustNew(t, p).ElapsedDays(last, now); got != 0 {
		t.Errorf("UTC: %d elapsed days, want 0", got)
	}
	p.Location = shanghai
	s := mustNew(t, p)
	if got := s.ElapsedDays(last, now); got != 1 {
		t.Errorf("Beijing: %d elapsed days, want 1", got)
	}
	// 00:30 to 07:59 Beijing is the same day there but not in UTC.
	if got := s.ElapsedDays(now, now.Add(7*time.Hour+29*time.Minute)); got != 0 {
		t.Errorf("Beijing 00:30 to 07:59: %d elapsed days, want 0", got)
	}
}

// TestDueKeepsLocalTime checks that a day interval is a calendar day in
// Params.Location, so across a DST change the due time keeps its wall clock.
func TestDueKeepsLocalTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	p := noSteps()
	p.Location = ny
	now := time.Date(2024, 3, 9, 9, 0, 0, 0, ny) // the day before DST starts
	got := mustReview(t, mustNew(t, p), NewCard(now), Again, now)
	if want := time.Date(2024, 3, 10, 9, 0, 0, 0, ny); got.ScheduledDays != 1 || !got.Due.Equal(want) {
		t.Errorf("due %v (%d days), want %v", got.Due.In(ny), got.ScheduledDays, want)
	}
}

func TestReviewIsPure(t *testing.T) {
	p := DefaultParams()
	s := mustNew(t, p)
	p.LearningSteps[0] = time.Hour // must not reach the scheduler
	c := NewCard(t0)
	before := c
	first := mustReview(t, s, c, Again, t0)
	if c != before {
		t.Error("Review changed its argument")
	}
	if again := mustReview(t, s, c, Again, t0); again != first || !first.Due.Equal(t0.Add(time.Minute)) {
		t.Errorf("second review %+v, first %+v; want equal and due in 1 minute", again, first)
	}
	s.Params().RelearningSteps[0] = time.Hour
	if s.Params().RelearningSteps[0] != 10*time.Minute {
		t.Error("Params() exposes the scheduler's steps")
	}
}
