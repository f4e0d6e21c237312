package cadence

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func day(t *testing.T, s string) Day {
	t.Helper()
	d, err := ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func china(t *testing.T, blackouts ...Blackout) *Calendar {
	t.Helper()
	c := &Calendar{Blackouts: blackouts}
	if err := c.AddHolidays(China2026()); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDay(t *testing.T) {
	d := day(t, "2026-10-01")
	if d.String() != "2026-10-01" || d.Weekday() != time.Thursday || d.Add(-1).String() != "2026-09-30" {
		t.Fatalf("day %s %s", d, d.Weekday())
	}
	if ws := d.weekStart(); ws.String() != "2026-09-28" {
		t.Fatalf("week of %s starts %s", d, ws)
	}
	// 07:30 in Beijing is 23:30 UTC the day before; the day stays the
	// company's day both ways.
	bj := time.FixedZone("CST", 8*3600)
	at := d.Time(bj, 7*60+30)
	if got := at.UTC().Format(time.DateTime); got != "2026-09-30 23:30:00" {
		t.Fatalf("07:30 Beijing on %s = %s UTC", d, got)
	}
	if DayOf(at) != d || DayOf(at.UTC()) != d-1 {
		t.Fatalf("DayOf %s / %s", DayOf(at), DayOf(at.UTC()))
	}
	if _, err := ParseDay("2026-13-01"); err == nil {
		t.Fatal("month 13 parsed")
	}
}

func TestCalendar(t *testing.T) {
	c := china(t)
	for s, want := range map[string]bool{
		"2026-10-01": false, // 国庆节, a Thursday
		"2026-10-08": true,  // back to work
		"2026-10-10": true,  // 调休: a Saturday worked for 国庆节
		"2026-10-11": false, // an ordinary Sunday
		"2026-02-14": true,  // 春节 调休 Saturday
		"2026-02-16": false, // 春节 Monday
		"2026-06-19": false, // 端午节 Friday
		"2026-06-22": true,  // an ordinary Monday
	} {
		if got := c.Workday(day(t, s)); got != want {
			t.Errorf("workday %s = %v, want %v", s, got, want)
		}
	}
	if n := len(c.Holidays); n != 3+9+3+5+3+3+7 {
		t.Errorf("2026 has %d holiday days", n)
	}
	bad := &Calendar{Holidays: map[Day]string{day(t, "2026-10-10"): "x"}, Workdays: map[Day]string{day(t, "2026-10-10"): "y"}}
	if bad.Check() == nil {
		t.Error("a day both off and worked passed")
	}
	if (&Calendar{Workdays: map[Day]string{day(t, "2026-10-12"): "x"}}).Check() == nil {
		t.Error("a Monday as a make-up workday passed")
	}
	if (&Calendar{}).AddHolidays([]Span{{"2026-10-07", "2026-10-01", "x"}}, nil) == nil {
		t.Error("a backwards span passed")
	}
}

func TestNthWeekday(t *testing.T) {
	for _, tc := range []struct {
		y    int
		m    time.Month
		wd   time.Weekday
		n    int
		want string
	}{
		{2026, 2, time.Monday, 1, "2026-02-02"},
		{2026, 2, time.Sunday, 1, "2026-02-01"},
		{2026, 10, time.Friday, -1, "2026-10-30"},
		{2026, 10, time.Saturday, -1, "2026-10-31"},
		{2026, 12, time.Thursday, 4, "2026-12-24"},
		{2026, 13, time.Friday, 1, "2027-01-01"}, // month 13 normalizes
	} {
		if got := nthWeekday(tc.y, tc.m, tc.wd, tc.n).String(); got != tc.want {
			t.Errorf("%d-%d %v #%d = %s, want %s", tc.y, tc.m, tc.wd, tc.n, got, tc.want)
		}
	}
}

// rules are the brief's rhythm as an onboarding plan might set it.
func rules() []Rule {
	return []Rule{
		{ID: "exercise", Freq: Weekly, Weekday: time.Wednesday, Minute: 19 * 60, Duration: 60, Policy: Later},
		{ID: "drill", Freq: Biweekly, Weekday: time.Thursday, Minute: 14 * 60, Duration: 120, Policy: Later},
		{ID: "share", Freq: Monthly, Weekday: time.Friday, Nth: -1, Minute: 16 * 60, Duration: 90, Policy: Later},
		{ID: "checkin", Freq: Daily, Minute: 18 * 60, Duration: 10, Policy: Skip, ThroughBlackouts: true},
	}
}

func show(os []Occurrence, rule string) string {
	var b []string
	for _, o := range os {
		if o.Rule != rule {
			continue
		}
		s := fmt.Sprintf("%d:%s", o.N, o.Day)
		switch {
		case o.Skipped:
			s += " skip(" + o.Reason + " " + o.Why + ")"
		case o.Moved:
			s += " from " + o.Nominal.String()
		}
		b = append(b, s)
	}
	return strings.Join(b, ", ")
}

// TestGenerate checks October 2026 by hand: 国庆节 1–7 (8 Oct back to
// work, Saturday 10 Oct worked) and a 双11 blackout from 20 Oct.
func TestGenerate(t *testing.T) {
	cal := china(t, Blackout{From: day(t, "2026-10-20"), To: day(t, "2026-11-11"), Name: "双11 大促"})
	plan := Plan{Start: day(t, "2026-09-28"), End: day(t, "2026-10-31")}
	os, err := Generate(cal, plan, rules())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		// 7 Oct is in 国庆节: moved to the next working day, 8 Oct.
		"exercise": "1:2026-09-30, 2:2026-10-08 from 2026-10-07, 3:2026-10-14, " +
			"4:2026-10-21 skip(blackout 双11 大促), 5:2026-10-28 skip(blackout 双11 大促)",
		// 1 Oct: every day up to its shift of 5 is a holiday, so no drill.
		"drill": "1:2026-10-01 skip(holiday 国庆节), 2:2026-10-15, 3:2026-10-29 skip(blackout 双11 大促)",
		// The September share (25 Sep) is before the plan; 30 Oct is in 双11
		// and Later finds no day before the plan ends.
		"share": "1:2026-10-30 skip(blackout 双11 大促)",
	}
	for rule, w := range want {
		if got := show(os, rule); got != w {
			t.Errorf("%s:\n got %s\nwant %s", rule, got, w)
		}
	}
	// Check-ins: working days only, 调休 Saturday included, through 双11.
	var days []string
	for _, o := range os {
		if o.Rule == "checkin" && !o.Skipped && o.Day < day(t, "2026-10-13") {
			days = append(days, o.Day.String()[5:])
		}
	}
	if got := strings.Join(days, " "); got != "09-28 09-29 09-30 10-08 10-09 10-10 10-12" {
		t.Errorf("check-ins %s", got)
	}
	for i := 1; i < len(os); i++ {
		if os[i].Day < os[i-1].Day {
			t.Fatalf("not in date order at %d", i)
		}
	}
}

// TestPlanMoves: a plan moved a week keeps each occurrence's number, so
// the stored event of (rule, N) is updated, not replaced.
func TestPlanMoves(t *testing.T) {
	cal := china(t)
	start := day(t, "2026-11-02")
	a, err := Generate(cal, Plan{Start: start, End: start.Add(27)}, rules()[:1])
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(cal, Plan{Start: start.Add(7), End: start.Add(34)}, rules()[:1])
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 4 || len(b) != 4 {
		t.Fatalf("%d and %d weekly exercises in four weeks", len(a), len(b))
	}
	for i := range a {
		if a[i].N != b[i].N || b[i].Day != a[i].Day.Add(7) {
			t.Errorf("#%d: %d on %s became %d on %s", i, a[i].N, a[i].Day, b[i].N, b[i].Day)
		}
	}
	// A window: drills only in days 7–20 of the plan.
	w := Rule{ID: "w", Freq: Weekly, Weekday: time.Monday, From: 7, Until: 21, Minute: 600, Duration: 60, Policy: Skip}
	os, _ := Generate(cal, Plan{Start: start, End: start.Add(60)}, []Rule{w})
	if got := show(os, "w"); got != "1:2026-11-09, 2:2026-11-16" {
		t.Errorf("windowed rule: %s", got)
	}
}

func TestRuleCheck(t *testing.T) {
	ok := rules()[0]
	for name, mut := range map[string]func(*Rule){
		"no id":        func(r *Rule) { r.ID = "" },
		"frequency":    func(r *Rule) { r.Freq = "hourly" },
		"weekday":      func(r *Rule) { r.Weekday = 7 },
		"nth":          func(r *Rule) { r.Freq, r.Nth = Monthly, 5 },
		"minute":       func(r *Rule) { r.Minute = 24 * 60 },
		"duration":     func(r *Rule) { r.Duration = 0 },
		"window":       func(r *Rule) { r.From, r.Until = 10, 5 },
		"policy":       func(r *Rule) { r.Policy = "" },
		"negative gap": func(r *Rule) { r.MaxShift = -1 },
	} {
		r := ok
		mut(&r)
		if err := r.Check(); !errors.Is(err, ErrRule) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(&Calendar{}, Plan{Start: 10, End: 9}, nil); !errors.Is(err, ErrPlan) {
		t.Errorf("backwards plan: %v", err)
	}
}

// BenchmarkYear is a year of the four rules for one cohort.
func BenchmarkYear(b *testing.B) {
	cal := &Calendar{}
	_ = cal.AddHolidays(China2026())
	start := Date(2026, 1, 1)
	for b.Loop() {
		if _, err := Generate(cal, Plan{Start: start, End: start.Add(364)}, rules()); err != nil {
			b.Fatal(err)
		}
	}
}
