// Package fsrs schedules reviews of the learner's mistake deck (错题本) with
// FSRS-6, the Free Spaced Repetition Scheduler of open-spaced-repetition with
// its 21 trainable parameters w0..w20.
//
// It follows ts-fsrs v5.4.2 (the reference TypeScript implementation, with
// short-term scheduling enabled, as is its default) number for number: the
// package is checked against vectors that ts-fsrs produced
// (testdata/vectors.json, made by testdata/gen-vectors.mjs). The engine is
// pure: it knows nothing of storage, HTTP or the wall clock; the caller
// passes the review time.
//
// Elapsed time is counted in whole calendar days, as FSRS does: the days
// between the calendar dates of the last review and of now, both read in
// Params.Location (nil means UTC, which is what ts-fsrs uses). ShopDojo passes
// its company time zone, so a card reviewed at 23:30 and again at 00:30
// Beijing time has one elapsed day.
package fsrs

import (
	"fmt"
	"time"
)

// Rating is the learner's answer to a review, the four buttons.
type Rating int

// The ratings, numbered as in FSRS (the formulas use the numbers).
const (
	Again Rating = iota + 1 // forgot
	Hard                    // recalled with serious difficulty
	Good                    // recalled after some hesitation
	Easy                    // recalled at once
)

// Ratings lists the four ratings in button order.
func Ratings() [4]Rating { return [4]Rating{Again, Hard, Good, Easy} }

// Valid reports whether r is one of Again, Hard, Good, Easy.
func (r Rating) Valid() bool { return r >= Again && r <= Easy }

func (r Rating) String() string {
	switch r {
	case Again:
		return "Again"
	case Hard:
		return "Hard"
	case Good:
		return "Good"
	case Easy:
		return "Easy"
	}
	return fmt.Sprintf("Rating(%d)", int(r))
}

// State is where a card is in its life. Learning and Relearning occur only
// while learning steps (minutes apart, within a day) are configured; with
// no steps a card goes straight from New to Review and stays there.
type State int

// The states, numbered as in ts-fsrs so stored values line up.
const (
	StateNew        State = iota // never reviewed
	StateLearning                // first reviews, on learning steps
	StateReview                  // scheduled in days by the memory model
	StateRelearning              // forgotten in review, on relearning steps
)

func (s State) String() string {
	switch s {
	case StateNew:
		return "New"
	case StateLearning:
		return "Learning"
	case StateReview:
		return "Review"
	case StateRelearning:
		return "Relearning"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

func (s State) valid() bool { return s >= StateNew && s <= StateRelearning }

// Card is the scheduling state of one mistake-deck item. It is a value:
// Review returns a new Card and never changes its argument.
type Card struct {
	Due        time.Time // when the card should next be shown
	Stability  float64   // S: days until recall probability falls to 90%; 0 while New
	Difficulty float64   // D in [1, 10]; 0 while New
	// ScheduledDays is the interval chosen at the last review, in days;
	// 0 while on a learning step.
	ScheduledDays int
	Reps          int   // reviews so far
	Lapses        int   // times forgotten while in Review
	State         State // New, Learning, Review or Relearning
	// Step indexes the learning (or relearning) step the card is on.
	Step       int
	LastReview time.Time // zero while New
}

// NewCard returns a card that has never been reviewed, due at now.
func NewCard(now time.Time) Card {
	return Card{Due: now, State: StateNew}
}
