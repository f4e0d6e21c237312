package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

func sample() Calendar {
	bj := time.FixedZone("CST", 8*3600)
	start := time.Date(2026, 10, 8, 19, 0, 0, 0, bj)
	long := strings.Repeat("大促前店铺自查：主图、SKU、库存、客服话术；逐项打勾，", 6)
	return Calendar{ProdID: "-//ShopDojo//Training calendar//ZH", Name: "2026 秋季新人营, 客服组",
		Events: []Event{
			{UID: "ev-1@shopdojo", Sequence: 2, Start: start, End: start.Add(time.Hour), Summary: "每周练习：退款话术, 第 2 周",
				Description: long + "\n第二行; 带分号, 带逗号 \\ 反斜杠", Location: "杭州 3F 培训室", URL: "https://shopdojo.example/cal/ev-1",
				Alarm: 15 * time.Minute, Modified: start.Add(-48 * time.Hour)},
			{UID: "ev-2@shopdojo", Start: start.Add(24 * time.Hour), End: start.Add(26 * time.Hour), Summary: "双周实战演练", Cancelled: true},
		}}
}

// TestParsedByAnIndependentParser writes a feed and reads it back with
// arran4/golang-ical: every field survives, in UTC.
func TestParsedByAnIndependentParser(t *testing.T) {
	var buf bytes.Buffer
	stamp := time.Date(2026, 12, 7, 1, 2, 3, 0, time.UTC)
	in := sample()
	if err := Write(&buf, in, stamp); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, buf.String())
	}
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events", len(evs))
	}
	for i, ev := range evs {
		want := in.Events[i]
		prop := func(p ics.ComponentProperty) string {
			if v := ev.GetProperty(p); v != nil {
				return ics.FromText(v.Value)
			}
			return ""
		}
		if got := prop(ics.ComponentPropertyUniqueId); got != want.UID {
			t.Errorf("uid %q", got)
		}
		if got := prop(ics.ComponentPropertySummary); got != want.Summary {
			t.Errorf("summary %q, want %q", got, want.Summary)
		}
		if got := prop(ics.ComponentPropertyDescription); got != want.Description {
			t.Errorf("description %q,\nwant %q", got, want.Description)
		}
		if got := prop(ics.ComponentPropertyLocation); got != want.Location {
			t.Errorf("location %q", got)
		}
		st, err1 := ev.GetStartAt()
		en, err2 := ev.GetEndAt()
		if err1 != nil || err2 != nil || !st.Equal(want.Start) || !en.Equal(want.End) {
			t.Errorf("times %v–%v (%v %v), want %v–%v", st, en, err1, err2, want.Start, want.End)
		}
		status := prop(ics.ComponentPropertyStatus)
		if (status == "CANCELLED") != want.Cancelled {
			t.Errorf("status %s", status)
		}
		if got := len(ev.Alarms()); got != map[bool]int{true: 1, false: 0}[want.Alarm > 0] {
			t.Errorf("%d alarms", got)
		}
	}
	if v := cal.CalendarProperties; len(v) == 0 {
		t.Error("no calendar properties")
	}
}

// TestLines: CRLF everywhere, no line over 75 octets, and folding never
// splits a character.
func TestLines(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample(), time.Now()); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if !strings.HasSuffix(s, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Fatal("lines must end in CRLF")
	}
	folded := 0
	for _, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("folding split a character: %q", line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded < 3 {
		t.Errorf("only %d continuation lines for a long description", folded)
	}
}

func TestRefusesBadEvents(t *testing.T) {
	now := time.Now()
	for _, e := range []Event{{Start: now, End: now.Add(time.Hour)}, {UID: "x", Start: now, End: now}} {
		if err := Write(&bytes.Buffer{}, Calendar{ProdID: "p", Events: []Event{e}}, now); err == nil {
			t.Errorf("wrote %+v", e)
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("SUMMARY:" + strings.Repeat("退款", 50))
	f.Add("X:" + strings.Repeat("a", 200))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\n") {
			return // values are escaped: a content line has no line breaks
		}
		out := fold(s)
		back := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", "")
		if back != s {
			t.Fatalf("unfold(fold(%q)) = %q", s, back)
		}
		for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Fatalf("line of %d octets", len(l))
			}
		}
	})
}
