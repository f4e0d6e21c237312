package fsrs

import (
	"math/rand/v2"
	"testing"
	"time"
)

// randomCard reviews a new card through a random history and returns it
// with the time of its last review. The history mixes same-day reviews,
// reviews at, before and long after the due time, and all four ratings.
func randomCard(t *testing.T, s *Scheduler, rng *rand.Rand) (Card, time.Time) {
	now := t0.Add(time.Duration(rng.IntN(24*60)) * time.Minute)
	c := NewCard(now)
	for range 1 + rng.IntN(15) {
		c = mustReview(t, s, c, Rating(1+rng.IntN(4)), now)
		now = randomLater(rng, c, now)
	}
	return c, c.LastReview
}

func randomLater(rng *rand.Rand, c Card, now time.Time) time.Time {
	switch rng.IntN(5) {
	case 0:
		return now.Add(time.Duration(rng.IntN(600)) * time.Minute)
	case 1:
		return latest(c.Due, now)
	case 2:
		return latest(c.Due, now).AddDate(0, 0, rng.IntN(60))
	case 3:
		return now.Add(max(c.Due.Sub(now), 0) / 2)
	default:
		return now.AddDate(0, 0, rng.IntN(2000))
	}
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func propertySchedulers(t *testing.T) map[string]*Scheduler {
	return map[string]*Scheduler{"steps": mustNew(t, DefaultParams()), "no-steps": mustNew(t, noSteps())}
}

// TestButtonsOrdered: at any point, a better rating never brings the card
// back sooner, never leaves it less stable, and never makes it harder.
func TestButtonsOrdered(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for name, s := range propertySchedulers(t) {
		for i := range 400 {
			c, last := randomCard(t, s, rng)
			now := randomLater(rng, c, last)
			out, err := s.Preview(c, now)
			if err != nil {
				t.Fatal(err)
			}
			for r := 1; r < 4; r++ {
				lo, hi := out[r-1], out[r]
				if hi.Due.Before(lo.Due) {
					t.Fatalf("%s #%d: %v due %v before %v due %v (card %+v at %v)", name, i, Rating(r+1), hi.Due, Rating(r), lo.Due, c, now)
				}
				if hi.Stability < lo.Stability || hi.Difficulty > lo.Difficulty {
					t.Fatalf("%s #%d: %v gives S=%v D=%v, %v gives S=%v D=%v (card %+v at %v)", name, i,
						Rating(r+1), hi.Stability, hi.Difficulty, Rating(r), lo.Stability, lo.Difficulty, c, now)
				}
			}
			if c.State == StateReview && !(out[1].ScheduledDays <= out[2].ScheduledDays && out[2].ScheduledDays < out[3].ScheduledDays) {
				t.Fatalf("%s #%d: Review intervals Hard %d, Good %d, Easy %d", name, i,
					out[1].ScheduledDays, out[2].ScheduledDays, out[3].ScheduledDays)
			}
		}
	}
}

// TestGoodLaterNeverShorter: from the same card, answering Good after more
// days have passed never gives a shorter interval (a harder recall that
// succeeds is worth more).
func TestGoodLaterNeverShorter(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	s := mustNew(t, noSteps())
	for i := range 200 {
		c, last := randomCard(t, s, rng)
		prev := 0
		for days := range 120 {
			got := mustReview(t, s, c, Good, last.AddDate(0, 0, days)).ScheduledDays
			if got < prev {
				t.Fatalf("#%d: Good after %d days gives %d days, after %d days gave %d (card %+v)", i, days, got, days-1, prev, c)
			}
			prev = got
		}
	}
}

// TestGoodAtDueNeverShrinks: a card answered Good every time it falls due
// gets non-decreasing intervals.
func TestGoodAtDueNeverShrinks(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for name, s := range propertySchedulers(t) {
		for i := range 200 {
			c, _ := randomCard(t, s, rng)
			prev := 0
			for n := range 12 {
				c = mustReview(t, s, c, Good, c.Due)
				if c.State != StateReview {
					continue // still on a learning step
				}
				if c.ScheduledDays < prev {
					t.Fatalf("%s #%d: Good #%d at due gave %d days after %d", name, i, n, c.ScheduledDays, prev)
				}
				prev = c.ScheduledDays
			}
		}
	}
}

// TestDueMeansDesiredRetention: without fuzz, at the due time of a Review
// card the forgetting curve is close to the desired retention (closer the
// longer the interval, since intervals are whole days).
func TestDueMeansDesiredRetention(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, retention := range []float64{0.8, 0.9, 0.95} {
		p := noSteps()
		p.DesiredRetention = retention
		s := mustNew(t, p)
		checked := 0
		for i := range 300 {
			c, _ := randomCard(t, s, rng)
			if c.State != StateReview || c.ScheduledDays < 30 || c.ScheduledDays >= p.MaxInterval {
				continue
			}
			if r := s.Retrievability(c, c.Due); r < retention-0.005 || r > retention+0.005 {
				t.Errorf("retention %v #%d: R at due %v (interval %d, S %v)", retention, i, r, c.ScheduledDays, c.Stability)
			}
			checked++
		}
		if checked < 20 {
			t.Errorf("retention %v: only %d cards with long intervals to check", retention, checked)
		}
	}
}
