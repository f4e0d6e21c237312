// Package cadence turns a training plan's rhythm — a weekly exercise, a
// biweekly live drill, a monthly cross-department share, a daily check-in
// — into dated occurrences on a company calendar that knows public
// holidays, 调休 make-up workdays and blackout periods such as 618 and 双11
// 大促. It has no database and no clock: callers pass the plan and the
// calendar, and get the same occurrences every time.
//
// Occurrences are numbered from the plan's start (the 3rd weekly exercise
// is N = 3 whatever its date), so when a plan moves the caller updates the
// stored event of each (rule, N) instead of deleting and re-creating it,
// and sign-ups and attendance stay attached.
package cadence

import (
	"fmt"
	"time"
)

// Day is a calendar date, counted in days from 1970-01-01. It has no zone:
// it is the company's date, and Time places it in the company's zone.
type Day int32

// DayOf is the date of t in t's location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// Date is the Day of year y, month m, day d (out-of-range values
// normalize, as with time.Date).
func Date(y int, m time.Month, d int) Day {
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDay reads YYYY-MM-DD.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DayOf(t), nil
}

func (d Day) utc() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String is YYYY-MM-DD.
func (d Day) String() string { return d.utc().Format(time.DateOnly) }

// Weekday is d's day of the week.
func (d Day) Weekday() time.Weekday { return d.utc().Weekday() }

// Month is d's year and month.
func (d Day) Month() (int, time.Month) {
	y, m, _ := d.utc().Date()
	return y, m
}

// Add is d plus n days.
func (d Day) Add(n int) Day { return d + Day(n) }

// Time is minute min of day d in loc (a wall-clock time: on a day with a
// daylight-saving change it normalizes as time.Date does).
func (d Day) Time(loc *time.Location, min int) time.Time {
	y, m, dd := d.utc().Date()
	return time.Date(y, m, dd, min/60, min%60, 0, 0, loc)
}

// weekStart is the Monday of d's week (Chinese calendars start on Monday).
func (d Day) weekStart() Day {
	return d - Day((int(d.Weekday())+6)%7)
}
