package fsrs

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Scheduler applies one validated Params to cards. It holds no mutable
// state, so one Scheduler may serve any number of goroutines.
type Scheduler struct {
	p        Params
	m        model
	modifier float64 // interval per day of stability at the desired retention
	learn    []int   // learning steps, minutes
	relearn  []int   // relearning steps, minutes
	loc      *time.Location
}

// New validates p and returns a Scheduler for it. The step slices are
// copied, so later changes to p do not reach the Scheduler.
func New(p Params) (*Scheduler, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p.LearningSteps = append([]time.Duration(nil), p.LearningSteps...)
	p.RelearningSteps = append([]time.Duration(nil), p.RelearningSteps...)
	loc := p.Location
	if loc == nil {
		loc = time.UTC
	}
	m := newModel(p.W)
	return &Scheduler{
		p:        p,
		m:        m,
		modifier: m.intervalModifier(p.DesiredRetention),
		learn:    stepMinutes(p.LearningSteps),
		relearn:  stepMinutes(p.RelearningSteps),
		loc:      loc,
	}, nil
}

// Params returns a copy of the parameters the Scheduler was made with.
func (s *Scheduler) Params() Params {
	p := s.p
	p.LearningSteps = append([]time.Duration(nil), p.LearningSteps...)
	p.RelearningSteps = append([]time.Duration(nil), p.RelearningSteps...)
	return p
}

// ElapsedDays is how FSRS counts time: the number of calendar dates, in
// Params.Location, from last's date to now's (23:59 to 00:01 is one day;
// 00:01 to 23:59 is none). It is ts-fsrs dateDiffInDays, which does the same
// in UTC. It is negative when now's date is before last's.
func (s *Scheduler) ElapsedDays(last, now time.Time) int {
	return dayNumber(now, s.loc) - dayNumber(last, s.loc)
}

// dayNumber is the count of days from 1970-01-01 to t's date in loc.
func dayNumber(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Retrievability is the probability that the learner still recalls c at
// now, by the forgetting curve over whole elapsed days — the value Review
// uses. It is 0 for a New card (nothing learned yet) and for a card with no
// valid stability, and counts a now before the last review as no time.
//
// Unlike ts-fsrs get_retrievability, which floors 24-hour periods, this
// counts calendar days, so it agrees with what a review at now would use.
func (s *Scheduler) Retrievability(c Card, now time.Time) float64 {
	if c.State == StateNew || c.LastReview.IsZero() || !(c.Stability >= sMin) {
		return 0
	}
	return s.m.retrievability(max(s.ElapsedDays(c.LastReview, now), 0), c.Stability)
}

// Review returns the card after the learner rates it r at now. c itself is
// not changed. It fails on an invalid rating, on a card whose fields cannot
// come from this package (such as a reviewed card without a last review or
// with a stability below 0.001), and when now falls on a calendar date
// before the last review.
func (s *Scheduler) Review(c Card, r Rating, now time.Time) (Card, error) {
	if !r.Valid() {
		return Card{}, fmt.Errorf("fsrs: invalid rating %d, want 1 (Again) to 4 (Easy)", int(r))
	}
	a, err := s.begin(c, now)
	if err != nil {
		return Card{}, err
	}
	return a.rate(r), nil
}

// Preview returns the outcome of each rating at now, indexed by rating-1
// (Again, Hard, Good, Easy): what the four buttons would do.
func (s *Scheduler) Preview(c Card, now time.Time) ([4]Card, error) {
	var out [4]Card
	a, err := s.begin(c, now)
	if err != nil {
		return out, err
	}
	for i, r := range Ratings() {
		out[i] = a.rate(r)
	}
	return out, nil
}

// attempt is one review in progress: the card as it was, when, and the
// calendar days elapsed since its last review.
type attempt struct {
	s       *Scheduler
	prev    Card
	now     time.Time
	elapsed int
	seed    string // fuzz seed
}

func (s *Scheduler) begin(c Card, now time.Time) (attempt, error) {
	if err := checkCard(c); err != nil {
		return attempt{}, err
	}
	elapsed := 0
	if c.State != StateNew {
		elapsed = s.ElapsedDays(c.LastReview, now)
		if elapsed < 0 {
			return attempt{}, fmt.Errorf("fsrs: review at %v is on a date before the last review at %v",
				now.In(s.loc), c.LastReview.In(s.loc))
		}
	}
	return attempt{s: s, prev: c, now: now, elapsed: elapsed, seed: fuzzSeed(now, c)}, nil
}

// checkCard rejects cards that no sequence of reviews could produce, which
// would otherwise turn into NaN or nonsense intervals.
func checkCard(c Card) error {
	mem := memory{d: c.Difficulty, s: c.Stability}
	switch {
	case !c.State.valid():
		return fmt.Errorf("fsrs: invalid card state %d", int(c.State))
	case c.Step < 0:
		return fmt.Errorf("fsrs: invalid learning step %d", c.Step)
	case c.State != StateNew && c.LastReview.IsZero():
		return errors.New("fsrs: card in state " + c.State.String() + " has no last review")
	case math.IsNaN(c.Difficulty) || math.IsNaN(c.Stability) || math.IsInf(c.Stability, 0):
		return fmt.Errorf("fsrs: invalid memory state D=%v S=%v", c.Difficulty, c.Stability)
	case !mem.isNew() && (c.Difficulty < 1 || c.Stability < sMin):
		return fmt.Errorf("fsrs: invalid memory state D=%v S=%v, want D >= 1 and S >= %v", c.Difficulty, c.Stability, sMin)
	}
	return nil
}

// rate dispatches on the state the card was in, as ts-fsrs BasicScheduler.
func (a attempt) rate(r Rating) Card {
	switch a.prev.State {
	case StateNew:
		return a.learning(r, StateLearning)
	case StateLearning, StateRelearning:
		return a.learning(r, a.prev.State)
	default:
		return a.review(r)
	}
}

// reviewed is the card with the memory update for r and the bookkeeping
// every review does; scheduling is left to the caller.
func (a attempt) reviewed(r Rating) Card {
	next := a.prev
	mem := a.s.m.next(memory{d: a.prev.Difficulty, s: a.prev.Stability}, a.elapsed, r)
	next.Difficulty, next.Stability = mem.d, mem.s
	next.LastReview = a.now
	next.Reps++
	return next
}

// learning handles New, Learning and Relearning cards: a step if the
// rating lands on one (staying in, or entering, state onStep), otherwise
// graduation to Review.
func (a attempt) learning(r Rating, onStep State) Card {
	next := a.reviewed(r)
	a.applyStep(&next, r, onStep)
	return next
}

// review handles a Review card. Again is a lapse, sent to the relearning
// steps if there are any. Hard, Good and Easy get memory-model intervals
// forced into strict order Hard < Good < Easy (Hard lowered to Good, then
// Good and Easy raised a day past the one below), so a better button never
// means an earlier review.
func (a attempt) review(r Rating) Card {
	next := a.reviewed(r)
	if r == Again {
		next.Lapses++
		a.applyStep(&next, r, StateRelearning)
		return next
	}
	hard := a.interval(a.reviewed(Hard).Stability)
	good := a.interval(a.reviewed(Good).Stability)
	easy := a.interval(a.reviewed(Easy).Stability)
	hard = min(hard, good)
	good = max(good, hard+1)
	easy = max(easy, good+1)
	a.scheduleDays(&next, [4]int{0, hard, good, easy}[r-1])
	return next
}

// applyStep puts next on the learning step the rating leads to, or
// graduates it. A step of a day or more leaves the steps' minute scale, so
// ts-fsrs marks such a card Review while keeping its step index.
func (a attempt) applyStep(next *Card, r Rating, onStep State) {
	st := learningStep(a.s.learn, a.s.relearn, a.prev.State, a.prev.Step, r)
	switch {
	case st.ok && st.minutes < minutesPerDay:
		next.State, next.Step, next.ScheduledDays = onStep, st.next, 0
		next.Due = a.now.Add(time.Duration(st.minutes) * time.Minute)
	case st.ok:
		next.State, next.Step, next.ScheduledDays = StateReview, st.next, st.minutes/minutesPerDay
		next.Due = a.now.Add(time.Duration(st.minutes) * time.Minute)
	default:
		a.scheduleDays(next, a.interval(next.Stability))
	}
}

const minutesPerDay = 24 * 60

// scheduleDays makes next a Review card due ivl calendar days from now, at
// the same local time of day.
func (a attempt) scheduleDays(next *Card, ivl int) {
	next.State, next.Step, next.ScheduledDays = StateReview, 0, ivl
	next.Due = a.now.In(a.s.loc).AddDate(0, 0, ivl).In(a.now.Location())
}

// interval is the next interval for stability st: the days until recall
// probability falls to the desired retention, at least 1, at most
// MaxInterval, then fuzzed if enabled.
func (a attempt) interval(st float64) int {
	ivl := min(max(1, int(jsRound(st*a.s.modifier))), a.s.p.MaxInterval)
	if !a.s.p.EnableFuzz || ivl < 3 {
		return ivl
	}
	return fuzz(ivl, a.elapsed, a.s.p.MaxInterval, a.seed)
}
