package attempt

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

var t0 = time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC) // 10:00 in Beijing

func TestDeadline(t *testing.T) {
	closes := t0.Add(30 * time.Minute)
	for _, c := range []struct {
		name         string
		limit, extra time.Duration
		closes       time.Time
		want         time.Time
	}{
		{"untimed, no window", 0, 0, time.Time{}, time.Time{}},
		{"limit", 20 * time.Minute, 0, time.Time{}, t0.Add(20 * time.Minute)},
		{"limit plus extra", 20 * time.Minute, 5 * time.Minute, time.Time{}, t0.Add(25 * time.Minute)},
		{"window closes first", 40 * time.Minute, 0, closes, closes},
		{"extra never past close", 20 * time.Minute, 30 * time.Minute, closes, closes},
		{"window only", 0, 0, closes, closes},
	} {
		if got := Deadline(t0, c.limit, c.extra, c.closes); !got.Equal(c.want) {
			t.Errorf("%s: Deadline = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCanSaveAtTheEdges(t *testing.T) {
	a := Attempt{State: InProgress, Started: t0, Deadline: t0.Add(time.Minute), Grace: 10 * time.Second}
	for _, c := range []struct {
		at   time.Duration
		want error
	}{{0, nil}, {time.Minute, nil}, {70 * time.Second, nil}, {70*time.Second + 1, ErrPastDue}} {
		if got := a.CanSave(t0.Add(c.at)); got != c.want {
			t.Errorf("CanSave at +%v = %v, want %v", c.at, got, c.want)
		}
	}
	if (Attempt{State: Finished}).CanSave(t0) != ErrClosed || (Attempt{State: "x"}).CanSave(t0) != ErrBadState {
		t.Error("finished or unknown attempts must refuse saves")
	}
	if (Attempt{State: InProgress}).CanSave(t0.Add(1000*time.Hour)) != nil {
		t.Error("an attempt without a deadline is never past due")
	}
}

func TestOverdueFinishesAtDeadline(t *testing.T) {
	a := Attempt{State: InProgress, Started: t0, Deadline: t0.Add(time.Minute), Grace: 5 * time.Second}
	late := t0.Add(time.Hour)
	if !a.Expire(late) || a.State != Overdue {
		t.Fatalf("Expire: state %s", a.State)
	}
	if !a.Finish(late) || !a.Finished.Equal(a.Deadline) {
		t.Fatalf("Finish: finished %v, want the deadline %v", a.Finished, a.Deadline)
	}
	if a.Finish(late.Add(time.Hour)) || !a.Finished.Equal(a.Deadline) {
		t.Fatal("a second finish must do nothing")
	}
}

// TestStateMachine runs random sequences of saves, finishes, expiries and
// gradings at random (non-decreasing) server times against the rules, and
// checks the invariants the exam pages rely on.
func TestStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		limit := time.Duration(rapid.IntRange(0, 120).Draw(t, "limit_s")) * time.Second
		grace := time.Duration(rapid.IntRange(0, 30).Draw(t, "grace_s")) * time.Second
		a := Attempt{State: InProgress, Started: t0, Grace: grace, Deadline: Deadline(t0, limit, 0, time.Time{})}
		now := t0
		var finishedAt time.Time
		for i, n := 0, rapid.IntRange(1, 40).Draw(t, "ops"); i < n; i++ {
			now = now.Add(time.Duration(rapid.IntRange(0, 20).Draw(t, "step_s")) * time.Second)
			before := a
			switch rapid.SampledFrom([]string{"save", "finish", "expire", "grade"}).Draw(t, "op") {
			case "save":
				err := a.CanSave(now)
				want := before.State == InProgress && (before.Deadline.IsZero() || !now.After(before.Deadline.Add(grace)))
				if (err == nil) != want {
					t.Fatalf("save at %v in %s (deadline %v): err %v", now.Sub(t0), before.State, before.Deadline.Sub(t0), err)
				}
			case "finish":
				changed := a.Finish(now)
				if changed != (before.State == InProgress || before.State == Overdue) {
					t.Fatalf("finish from %s changed=%v", before.State, changed)
				}
				if changed {
					finishedAt = a.Finished
				}
			case "expire":
				a.Expire(now)
			case "grade":
				a.Grade()
			}
			if a.State != before.State && !CanMove(before.State, a.State) {
				t.Fatalf("illegal move %s → %s", before.State, a.State)
			}
			if before.State.Done() && a.Finished != before.Finished {
				t.Fatalf("finish time changed after finish: %v → %v", before.Finished, a.Finished)
			}
			if a.State.Done() {
				if !a.Finished.Equal(finishedAt) || a.Finished.After(now) || a.Finished.Before(t0) {
					t.Fatalf("finished at %v (now %v)", a.Finished, now)
				}
				if !a.Deadline.IsZero() && a.Finished.After(a.Deadline) {
					t.Fatalf("finished %v after the deadline %v", a.Finished, a.Deadline)
				}
			}
		}
	})
}

func TestRemaining(t *testing.T) {
	a := Attempt{State: InProgress, Deadline: t0.Add(time.Minute)}
	if a.Remaining(t0) != time.Minute || a.Remaining(t0.Add(2*time.Minute)) != 0 || (Attempt{}).Remaining(t0) != 0 {
		t.Error("Remaining")
	}
}
