// Package attempt holds the rules of one exam attempt without storage: its
// state machine (in progress → overdue → finished → graded), the deadline
// the server computes and enforces with a small grace, and whether an
// answer save still counts. Client clocks never enter here: every "now" is
// the server's.
package attempt

import (
	"errors"
	"time"
)

// State is where an attempt stands.
type State string

// The attempt states, in the only order they may follow.
const (
	// InProgress accepts answer saves until the deadline plus grace.
	InProgress State = "in_progress"
	// Overdue is past its deadline plus grace and waits to be finished
	// (by the learner's submit or the overdue job); it accepts nothing.
	Overdue State = "overdue"
	// Finished is submitted; its answers never change again. Scores may,
	// when a grader marks an answer.
	Finished State = "finished"
	// Graded has every answer scored.
	Graded State = "graded"
)

func (s State) rank() int {
	switch s {
	case InProgress:
		return 1
	case Overdue:
		return 2
	case Finished:
		return 3
	case Graded:
		return 4
	}
	return 0
}

// Valid reports whether s is a known state.
func (s State) Valid() bool { return s.rank() > 0 }

// Open reports whether the attempt may still change its answers (state-wise;
// the deadline is checked by CanSave).
func (s State) Open() bool { return s == InProgress }

// Done reports whether the attempt has been submitted.
func (s State) Done() bool { return s == Finished || s == Graded }

// Errors of CanSave.
var (
	ErrClosed   = errors.New("attempt: already finished")
	ErrPastDue  = errors.New("attempt: past the deadline")
	ErrBadState = errors.New("attempt: unknown state")
)

// Attempt is the part of an attempt its rules need.
type Attempt struct {
	State    State
	Started  time.Time
	Deadline time.Time     // zero: no deadline (practice, no window)
	Grace    time.Duration // saves arriving up to Deadline+Grace still count
	Finished time.Time     // zero until finished
}

// Deadline is when an attempt started at start must end: the time limit
// plus any extra time granted, but never after the exam closes. A zero
// limit and a zero close mean no deadline.
func Deadline(start time.Time, limit, extra time.Duration, closes time.Time) time.Time {
	var d time.Time
	if limit > 0 {
		d = start.Add(limit + extra)
	}
	if !closes.IsZero() && (d.IsZero() || closes.Before(d)) {
		d = closes
	}
	return d
}

// Due reports whether an open attempt is past its deadline plus grace at
// now, so that it must be expired and finished.
func (a Attempt) Due(now time.Time) bool {
	return a.State == InProgress && !a.Deadline.IsZero() && now.After(a.Deadline.Add(a.Grace))
}

// CanSave says whether an answer arriving at now counts: only in progress
// and not after the deadline plus grace.
func (a Attempt) CanSave(now time.Time) error {
	switch {
	case !a.State.Valid():
		return ErrBadState
	case a.State.Done():
		return ErrClosed
	case a.State == Overdue || a.Due(now):
		return ErrPastDue
	}
	return nil
}

// Remaining is the time left at now, for display; zero when there is no
// deadline or it has passed (grace is not shown to learners).
func (a Attempt) Remaining(now time.Time) time.Duration {
	if a.Deadline.IsZero() || !now.Before(a.Deadline) {
		return 0
	}
	return a.Deadline.Sub(now)
}

// Expire moves a due attempt to Overdue and reports whether it changed.
func (a *Attempt) Expire(now time.Time) bool {
	if !a.Due(now) {
		return false
	}
	a.State = Overdue
	return true
}

// FinishTime is when an attempt finished at now is recorded as finished:
// now, but never later than the deadline, so an attempt the overdue job
// closes an hour late still finished at its deadline.
func (a Attempt) FinishTime(now time.Time) time.Time {
	if !a.Deadline.IsZero() && now.After(a.Deadline) {
		return a.Deadline
	}
	return now
}

// Finish submits an in-progress or overdue attempt at now and reports
// whether it changed; finishing a finished attempt does nothing. The
// finish time is FinishTime(now).
func (a *Attempt) Finish(now time.Time) bool {
	if a.State != InProgress && a.State != Overdue {
		return false
	}
	a.State, a.Finished = Finished, a.FinishTime(now)
	return true
}

// Grade marks a finished attempt as fully graded and reports whether it
// changed.
func (a *Attempt) Grade() bool {
	if a.State != Finished {
		return false
	}
	a.State = Graded
	return true
}

// CanMove reports whether the state machine allows from → to. Regrading a
// graded attempt keeps it Graded and is not a move.
func CanMove(from, to State) bool {
	switch from {
	case InProgress:
		return to == Overdue || to == Finished
	case Overdue:
		return to == Finished
	case Finished:
		return to == Graded
	}
	return false
}
