package cadence

import (
	"errors"
	"fmt"
	"time"
)

// Freq is how often a rule's events recur.
type Freq string

// The frequencies of the brief's rhythm.
const (
	Daily    Freq = "daily"    // 每日打卡
	Weekly   Freq = "weekly"   // 每周练习
	Biweekly Freq = "biweekly" // 双周实战演练
	Monthly  Freq = "monthly"  // 月度跨部门分享
)

// Policy says what happens to an occurrence whose date is not a working
// day or falls in a blackout.
type Policy string

// The policies.
const (
	// Later moves it to the next working day outside blackouts, at most
	// MaxShift days on and never onto or past the rule's next date.
	Later Policy = "later"
	// Skip drops it.
	Skip Policy = "skip"
)

// Rule is one recurring kind of event of a plan.
type Rule struct {
	ID      string
	Freq    Freq
	Weekday time.Weekday // weekly, biweekly and monthly rules
	// Nth picks a monthly rule's day: the Nth Weekday of the month (1–4),
	// or the last one (-1).
	Nth int
	// From and Until bound the rule to days From ≤ i < Until after the
	// plan's start (Until 0: to the plan's end), e.g. drills only in
	// months 1–3 of onboarding.
	From, Until int
	Minute      int // start, in minutes after midnight
	Duration    int // minutes
	Policy      Policy
	// MaxShift is how many days Later may move an occurrence; 0 takes the
	// frequency's default (daily 0, weekly 3, biweekly 5, monthly 7).
	MaxShift int
	// ThroughBlackouts keeps the rule going in blackouts (a short daily
	// check-in may; a two-hour drill in 双11 week may not).
	ThroughBlackouts bool
}

var defaultShift = map[Freq]int{Daily: 0, Weekly: 3, Biweekly: 5, Monthly: 7}

// ErrRule marks an invalid rule.
var ErrRule = errors.New("invalid cadence rule")

// Check reports what is wrong with r.
func (r Rule) Check() error {
	bad := func(what string) error { return fmt.Errorf("%w %q: %s", ErrRule, r.ID, what) }
	switch {
	case r.ID == "":
		return bad("no id")
	case defaultShift[r.Freq] == 0 && r.Freq != Daily:
		return bad("unknown frequency " + string(r.Freq))
	case r.Weekday < time.Sunday || r.Weekday > time.Saturday:
		return bad("weekday out of range")
	case r.Freq == Monthly && (r.Nth < -1 || r.Nth == 0 || r.Nth > 4):
		return bad("monthly rules need nth 1–4 or -1 (last)")
	case r.Minute < 0 || r.Minute >= 24*60 || r.Duration < 1 || r.Duration > 24*60:
		return bad("start or length out of range")
	case r.From < 0 || (r.Until != 0 && r.Until <= r.From) || r.MaxShift < 0:
		return bad("window or shift out of range")
	case r.Policy != Later && r.Policy != Skip:
		return bad("unknown policy " + string(r.Policy))
	}
	return nil
}

func (r Rule) maxShift() int {
	if r.MaxShift > 0 {
		return r.MaxShift
	}
	return defaultShift[r.Freq]
}

// nominal lists the rule's dates in from..to before the calendar is
// consulted.
func (r Rule) nominal(from, to Day) []Day {
	var out []Day
	switch r.Freq {
	case Daily:
		for d := from; d <= to; d++ {
			out = append(out, d)
		}
	case Weekly, Biweekly:
		step := 7
		if r.Freq == Biweekly {
			step = 14
		}
		first := from.Add((int(r.Weekday) - int(from.Weekday()) + 7) % 7)
		for d := first; d <= to; d = d.Add(step) {
			out = append(out, d)
		}
	case Monthly:
		y, m := from.Month()
		for d := nthWeekday(y, m, r.Weekday, r.Nth); d <= to; {
			if d >= from {
				out = append(out, d)
			}
			m++
			d = nthWeekday(y, m, r.Weekday, r.Nth)
		}
	}
	return out
}

// nthWeekday is the nth wd of month m of year y (n = -1: the last).
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) Day {
	if n < 0 {
		last := Date(y, m+1, 0)
		return last.Add(-((int(last.Weekday()) - int(wd) + 7) % 7))
	}
	first := Date(y, m, 1)
	return first.Add((int(wd)-int(first.Weekday())+7)%7 + 7*(n-1))
}
