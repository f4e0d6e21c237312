package cadence

import (
	"cmp"
	"errors"
	"slices"
)

// Plan is the span of a training plan (a cohort's start and end dates,
// inclusive).
type Plan struct {
	Start, End Day
}

// Occurrence is one dated event of a rule.
type Occurrence struct {
	Rule    string
	N       int // 1-based: the rule's Nth date in the plan, its stable identity
	Day     Day // when it takes place (Nominal unless Moved)
	Nominal Day // the date the rule gives before the calendar is consulted
	Moved   bool
	Skipped bool   // nothing takes place; Day is Nominal
	Reason  string // why it moved or was skipped: see Reason* and the holiday or blackout name
	Why     string // that holiday's or blackout's name, if any
}

// Reasons an occurrence moved or was skipped.
const (
	ReasonWeekend  = "weekend"
	ReasonHoliday  = "holiday"
	ReasonBlackout = "blackout"
)

// ErrPlan marks a plan that ends before it starts.
var ErrPlan = errors.New("plan ends before it starts")

// Generate returns the occurrences of rules over plan on cal, skipped ones
// included, ordered by day and then by rule order. The same input always
// gives the same output.
func Generate(cal *Calendar, plan Plan, rules []Rule) ([]Occurrence, error) {
	if plan.End < plan.Start {
		return nil, ErrPlan
	}
	if err := cal.Check(); err != nil {
		return nil, err
	}
	var out []Occurrence
	order := map[string]int{}
	for i, r := range rules {
		if err := r.Check(); err != nil {
			return nil, err
		}
		order[r.ID] = i
		out = append(out, place(cal, r, windowOf(r, plan))...)
	}
	slices.SortStableFunc(out, func(a, b Occurrence) int {
		return cmp.Or(cmp.Compare(a.Day, b.Day), cmp.Compare(order[a.Rule], order[b.Rule]))
	})
	return out, nil
}

// windowOf is the part of plan that r applies to.
func windowOf(r Rule, plan Plan) Plan {
	w := Plan{Start: plan.Start.Add(r.From), End: plan.End}
	if r.Until > 0 && plan.Start.Add(r.Until-1) < w.End {
		w.End = plan.Start.Add(r.Until - 1)
	}
	return w
}

func place(cal *Calendar, r Rule, w Plan) []Occurrence {
	dates := r.nominal(w.Start, w.End)
	out := make([]Occurrence, 0, len(dates))
	for i, d := range dates {
		o := Occurrence{Rule: r.ID, N: i + 1, Day: d, Nominal: d}
		o.Reason, o.Why = cal.obstacle(r, d)
		if o.Reason != "" {
			limit := w.End
			if i+1 < len(dates) {
				limit = dates[i+1] - 1
			}
			o.Day, o.Moved = cal.later(r, d, limit)
			o.Skipped = !o.Moved
		}
		out = append(out, o)
	}
	return out
}

// obstacle says why r cannot take place on d ("" when it can).
func (c *Calendar) obstacle(r Rule, d Day) (reason, name string) {
	if !r.ThroughBlackouts {
		if b, ok := c.BlackoutOn(d); ok {
			return ReasonBlackout, b.Name
		}
	}
	if c.Workday(d) {
		return "", ""
	}
	if h, ok := c.Holidays[d]; ok {
		return ReasonHoliday, h
	}
	return ReasonWeekend, ""
}

// later finds the first day after d, up to limit and r's shift, that r
// can take place on; it returns d and false when there is none or r skips.
func (c *Calendar) later(r Rule, d, limit Day) (Day, bool) {
	if r.Policy != Later {
		return d, false
	}
	for n := d + 1; n <= limit && n <= d.Add(r.maxShift()); n++ {
		if reason, _ := c.obstacle(r, n); reason == "" {
			return n, true
		}
	}
	return d, false
}
