package cadence

import (
	"fmt"
	"time"
)

// Calendar is a company's working calendar.
type Calendar struct {
	// Holidays are days off by the public-holiday schedule (including the
	// weekdays a 调休 moved into a holiday), with the holiday's name.
	Holidays map[Day]string
	// Workdays are weekend days that are working days (调休 上班), with the
	// holiday they make up for.
	Workdays map[Day]string
	// Blackouts are periods without training events, such as 大促.
	Blackouts []Blackout
}

// Blackout is a period, From to To inclusive, when the team is busy with
// the business (618, 双11 大促) and training events are moved or dropped.
type Blackout struct {
	From, To Day
	Name     string
}

// Contains reports whether d is inside b.
func (b Blackout) Contains(d Day) bool { return d >= b.From && d <= b.To }

// Workday reports whether d is a working day: Monday to Friday unless a
// holiday, and a weekend day that a 调休 made a working day.
func (c *Calendar) Workday(d Day) bool {
	if _, ok := c.Workdays[d]; ok {
		return true
	}
	if _, ok := c.Holidays[d]; ok {
		return false
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// BlackoutOn is the blackout d falls in, if any.
func (c *Calendar) BlackoutOn(d Day) (Blackout, bool) {
	for _, b := range c.Blackouts {
		if b.Contains(d) {
			return b, true
		}
	}
	return Blackout{}, false
}

// Check reports the first inconsistency: a day that is both a holiday and
// a make-up workday, a make-up workday that is not a weekend day, or a
// blackout that ends before it starts.
func (c *Calendar) Check() error {
	for d, name := range c.Workdays {
		if _, ok := c.Holidays[d]; ok {
			return fmt.Errorf("%s is both a holiday and a make-up workday (%s)", d, name)
		}
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return fmt.Errorf("make-up workday %s (%s) is not a Saturday or Sunday", d, name)
		}
	}
	for _, b := range c.Blackouts {
		if b.To < b.From {
			return fmt.Errorf("blackout %s ends (%s) before it starts (%s)", b.Name, b.To, b.From)
		}
	}
	return nil
}

// Span is a named run of days, From to To inclusive.
type Span struct {
	From, To string // YYYY-MM-DD
	Name     string
}

// AddHolidays marks every day of each span as a holiday and each of
// makeUp as a make-up workday, named after the span they belong to.
func (c *Calendar) AddHolidays(spans []Span, makeUp map[string]string) error {
	if c.Holidays == nil {
		c.Holidays = map[Day]string{}
	}
	if c.Workdays == nil {
		c.Workdays = map[Day]string{}
	}
	for _, s := range spans {
		from, to, err := parseSpan(s)
		if err != nil {
			return err
		}
		for d := from; d <= to; d++ {
			c.Holidays[d] = s.Name
		}
	}
	for day, name := range makeUp {
		d, err := ParseDay(day)
		if err != nil {
			return err
		}
		c.Workdays[d] = name
	}
	return c.Check()
}

func parseSpan(s Span) (Day, Day, error) {
	from, err := ParseDay(s.From)
	if err != nil {
		return 0, 0, err
	}
	to, err := ParseDay(s.To)
	if err != nil {
		return 0, 0, err
	}
	if to < from {
		return 0, 0, fmt.Errorf("%s: %s is before %s", s.Name, s.To, s.From)
	}
	return from, to, nil
}

// China2026 is the State Council's public-holiday schedule for 2026
// (国务院办公厅关于2026年部分节假日安排的通知): the days off and the 调休
// Saturdays and Sundays that are worked. Later years are entered by a
// manager when the schedule is published (usually in November).
func China2026() (spans []Span, makeUp map[string]string) {
	spans = []Span{
		{"2026-01-01", "2026-01-03", "元旦"},
		{"2026-02-15", "2026-02-23", "春节"},
		{"2026-04-04", "2026-04-06", "清明节"},
		{"2026-05-01", "2026-05-05", "劳动节"},
		{"2026-06-19", "2026-06-21", "端午节"},
		{"2026-09-25", "2026-09-27", "中秋节"},
		{"2026-10-01", "2026-10-07", "国庆节"},
	}
	makeUp = map[string]string{
		"2026-01-04": "元旦", "2026-02-14": "春节", "2026-02-28": "春节",
		"2026-05-09": "劳动节", "2026-09-20": "国庆节", "2026-10-10": "国庆节",
	}
	return spans, makeUp
}
