package ingest

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// stamp is a time as written: its calendar fields and, when the text gave
// one, its offset or the instant itself (unix times).
type stamp struct {
	y, mo, d, h, mi, s, ns int
	offset                 *int // seconds east of UTC, when written
	unix                   *time.Time
}

// ParseTime reads a point in time: "2020-02-21 00:00:00", "2020/2/21
// 0:00", "2020-02-21T00:00:00+08:00", "2023-01-05 10:46:25 -0500",
// "2020年2月21日 10:05", "20200221103000", unix seconds (10 digits) or
// milliseconds (13 digits). A time without an offset is read in zone (the
// store's). "12/1/2023" needs unit UnitMDY or UnitDMY, since the order of
// day and month cannot be told from the text.
func ParseTime(s, unit string, zone *time.Location) (time.Time, bool) {
	st, ok := parseStamp(s, unit)
	if !ok {
		return time.Time{}, false
	}
	return st.in(zone), true
}

// ParseDate reads a calendar day, written as a date or as a time (whose
// day in zone is taken), and returns its midnight in zone.
func ParseDate(s, unit string, zone *time.Location) (time.Time, bool) {
	t, ok := ParseTime(s, unit, zone)
	if !ok {
		return time.Time{}, false
	}
	return midnight(t, zone), true
}

func midnight(t time.Time, zone *time.Location) time.Time {
	y, m, d := t.In(zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, zone)
}

// excelEpoch is day 0 of Excel's 1900 date system as it counts from
// 1 March 1900 on (it believes 1900 was a leap year).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// ExcelSerial reads the stored value of an XLSX date cell (days since
// 1899-12-30, the fraction being the time of day) as a naive time in
// zone. Serials before March 1900 are refused: no store export has them,
// and Excel numbers them wrongly.
func ExcelSerial(raw string, zone *time.Location) (time.Time, bool) {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f < 61 || f >= 2958466 {
		return time.Time{}, false
	}
	days := math.Floor(f)
	secs := math.Round((f - days) * 86400)
	t := excelEpoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, zone), true
}

func (st stamp) in(zone *time.Location) time.Time {
	switch {
	case st.unix != nil:
		return st.unix.In(zone)
	case st.offset != nil:
		loc := time.FixedZone("", *st.offset)
		return time.Date(st.y, time.Month(st.mo), st.d, st.h, st.mi, st.s, st.ns, loc).In(zone)
	}
	return time.Date(st.y, time.Month(st.mo), st.d, st.h, st.mi, st.s, st.ns, zone)
}

// dateReplacer turns Chinese date writing into the numeric form.
var dateReplacer = strings.NewReplacer("年", "-", "月", "-", "日", " ", "号", " ")

func parseStamp(s, unit string) (stamp, bool) {
	s = narrow(clean(s))
	if st, ok := isoStamp(s); ok {
		return st, st.valid()
	}
	if digits(s) {
		return compactStamp(s)
	}
	if !ascii(s) {
		s = strings.TrimSpace(dateReplacer.Replace(s))
	}
	datePart, rest := s, ""
	if i := strings.IndexAny(s, " T"); i >= 0 {
		datePart, rest = s[:i], strings.TrimSpace(s[i+1:])
	}
	st, ok := parseDay(datePart, unit)
	if !ok {
		return stamp{}, false
	}
	if rest != "" {
		if rest, ok = parseClock(&st, rest); !ok {
			return stamp{}, false
		}
		if !parseOffset(&st, strings.TrimSpace(rest)) {
			return stamp{}, false
		}
	}
	return st, st.valid()
}

// isoStamp reads the layout nearly every Chinese export uses,
// "2006-01-02 15:04:05" (or without seconds, or "/" between the date
// parts), by position: parsing times is most of reading an order file.
func isoStamp(s string) (stamp, bool) {
	if len(s) != 19 && len(s) != 16 || s[4] != s[7] || s[4] != '-' && s[4] != '/' || s[10] != ' ' && s[10] != 'T' || s[13] != ':' {
		return stamp{}, false
	}
	num := func(a, b int) (int, bool) {
		n := 0
		for i := a; i < b; i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			n = n*10 + int(s[i]-'0')
		}
		return n, true
	}
	var st stamp
	var ok [6]bool
	st.y, ok[0] = num(0, 4)
	st.mo, ok[1] = num(5, 7)
	st.d, ok[2] = num(8, 10)
	st.h, ok[3] = num(11, 13)
	st.mi, ok[4] = num(14, 16)
	ok[5] = true
	if len(s) == 19 {
		if s[16] != ':' {
			return stamp{}, false
		}
		st.s, ok[5] = num(17, 19)
	}
	return st, ok == [6]bool{true, true, true, true, true, true}
}

// compactStamp reads all-digit times: yyyymmdd, yyyymmddhhmmss, unix
// seconds and milliseconds.
func compactStamp(s string) (stamp, bool) {
	n := func(a, b int) int { v, _ := strconv.Atoi(s[a:b]); return v }
	var st stamp
	switch len(s) {
	case 8:
		st = stamp{y: n(0, 4), mo: n(4, 6), d: n(6, 8)}
	case 14:
		st = stamp{y: n(0, 4), mo: n(4, 6), d: n(6, 8), h: n(8, 10), mi: n(10, 12), s: n(12, 14)}
	case 10, 13:
		v, _ := strconv.ParseInt(s, 10, 64)
		t := time.Unix(v, 0)
		if len(s) == 13 {
			t = time.UnixMilli(v)
		}
		return stamp{unix: &t}, true
	default:
		return stamp{}, false
	}
	return st, st.valid()
}

// parseDay reads y-m-d, y/m/d or y.m.d; a year written last needs the
// unit to say which of the others is the month.
func parseDay(s, unit string) (stamp, bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) != 3 {
		return stamp{}, false
	}
	var v [3]int
	for i, p := range parts {
		if !digits(p) || len(p) > 4 {
			return stamp{}, false
		}
		v[i], _ = strconv.Atoi(p)
	}
	switch {
	case len(parts[0]) == 4:
		return stamp{y: v[0], mo: v[1], d: v[2]}, true
	case len(parts[2]) == 4 && unit == UnitMDY:
		return stamp{y: v[2], mo: v[0], d: v[1]}, true
	case len(parts[2]) == 4 && unit == UnitDMY:
		return stamp{y: v[2], mo: v[1], d: v[0]}, true
	}
	return stamp{}, false
}

// parseClock reads h:mm[:ss[.fff]] and returns what follows it.
func parseClock(st *stamp, s string) (string, bool) {
	end := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != ':' && r != '.' })
	if end < 0 {
		end = len(s)
	}
	parts := strings.Split(s[:end], ":")
	if len(parts) < 2 || len(parts) > 3 {
		return "", false
	}
	var ok bool
	if st.h, ok = smallInt(parts[0], 2); !ok {
		return "", false
	}
	if st.mi, ok = smallInt(parts[1], 2); !ok {
		return "", false
	}
	if len(parts) == 3 {
		sec, frac, _ := strings.Cut(parts[2], ".")
		if st.s, ok = smallInt(sec, 2); !ok || !digits(frac) || len(frac) > 9 {
			return "", false
		}
		if frac != "" {
			st.ns, _ = strconv.Atoi((frac + "000000000")[:9])
		}
	}
	return s[end:], true
}

func smallInt(s string, maxLen int) (int, bool) {
	if s == "" || len(s) > maxLen || !digits(s) {
		return 0, false
	}
	v, _ := strconv.Atoi(s)
	return v, true
}

// parseOffset reads "", "Z", "UTC", "GMT", "+08:00", "+0800", "+08",
// "-0500".
func parseOffset(st *stamp, s string) bool {
	switch s {
	case "":
		return true
	case "Z", "UTC", "GMT":
		zero := 0
		st.offset = &zero
		return true
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "UTC"), "GMT")
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return false
	}
	hm := strings.ReplaceAll(s[1:], ":", "")
	if !digits(hm) || (len(hm) != 2 && len(hm) != 4) {
		return false
	}
	h, _ := strconv.Atoi(hm[:2])
	m := 0
	if len(hm) == 4 {
		m, _ = strconv.Atoi(hm[2:])
	}
	if h > 14 || m > 59 {
		return false
	}
	off := (h*60 + m) * 60
	if s[0] == '-' {
		off = -off
	}
	st.offset = &off
	return true
}

// valid checks the fields name a real moment (no 30 February, no 25:00).
func (st stamp) valid() bool {
	if st.y < 1900 || st.y > 9999 || st.h > 23 || st.mi > 59 || st.s > 59 {
		return false
	}
	t := time.Date(st.y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC)
	return t.Month() == time.Month(st.mo) && t.Day() == st.d
}

// durationUnits are the words of a written duration, longest first so
// "分钟" is not read as "分".
var durationUnits = []struct {
	word string
	secs float64
}{
	{"小时", 3600}, {"hours", 3600}, {"hour", 3600}, {"hrs", 3600}, {"hr", 3600}, {"时", 3600}, {"h", 3600},
	{"分钟", 60}, {"minutes", 60}, {"minute", 60}, {"mins", 60}, {"min", 60}, {"分", 60},
	{"毫秒", 0.001}, {"ms", 0.001},
	{"seconds", 1}, {"second", 1}, {"secs", 1}, {"sec", 1}, {"秒", 1}, {"s", 1}, {"m", 60},
}

// ParseSeconds reads a duration into seconds: "80", "80s", "80秒",
// "1分20秒", "1h 2m", "00:01:20", "01:20" (minutes:seconds). A bare number
// is seconds, or minutes with UnitMinutes.
func ParseSeconds(s, unit string) (float64, bool) {
	s = strings.ToLower(narrow(clean(s)))
	if strings.Contains(s, ":") {
		return clockSeconds(s)
	}
	if f, ok := plainFloat(s); ok {
		if unit == UnitMinutes {
			f *= 60
		}
		return f, true
	}
	total, seen := 0.0, false
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		end := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
		if end <= 0 {
			return 0, false
		}
		f, ok := plainFloat(s[:end])
		if !ok {
			return 0, false
		}
		rest := strings.TrimSpace(s[end:])
		mult, n := durationUnit(rest)
		if n == 0 {
			return 0, false
		}
		total, seen, s = total+f*mult, true, rest[n:]
	}
	return total, seen
}

func durationUnit(s string) (float64, int) {
	for _, u := range durationUnits {
		if strings.HasPrefix(s, u.word) {
			return u.secs, len(u.word)
		}
	}
	return 0, 0
}

// plainFloat reads a non-negative decimal without exponent or sign.
func plainFloat(s string) (float64, bool) {
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" && frac == "" || !digits(intPart) || !digits(frac) || len(s) > 30 {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// clockSeconds reads h:mm:ss or mm:ss.
func clockSeconds(s string) (float64, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	total := 0.0
	for i, p := range parts {
		f, ok := plainFloat(p)
		if !ok || (i > 0 && f >= 60) || (i < len(parts)-1 && strings.Contains(p, ".")) {
			return 0, false
		}
		total = total*60 + f
	}
	return total, true
}
