// Package ical writes iCalendar feeds (RFC 5545) of training events: the
// personal and cohort feeds that people subscribe to from Outlook, Apple
// Calendar, Google Calendar, 钉钉 or 飞书 calendars at their secret URLs.
//
// Times are written in UTC (the "Z" form), which every client reads and
// which needs no VTIMEZONE; clients show them in the reader's zone. Lines
// are folded at 75 octets without splitting a UTF-8 character, text is
// escaped, and lines end in CRLF, as the RFC requires.
package ical

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is one feed.
type Calendar struct {
	ProdID string // e.g. "-//ShopDojo//Training calendar//ZH"
	Name   string // X-WR-CALNAME, the name clients show
	Events []Event
}

// Event is one VEVENT.
type Event struct {
	UID         string // stable across feeds and edits, e.g. "<event id>@shopdojo"
	Sequence    int    // bumped when the event moves or changes, so clients update it
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	URL         string
	Cancelled   bool
	Modified    time.Time // LAST-MODIFIED (zero: left out)
	// Alarm, if positive, adds a display reminder that long before Start.
	Alarm time.Duration
}

// Write writes cal to w; stamp is the DTSTAMP of every event (when the
// feed was generated).
func Write(w io.Writer, cal Calendar, stamp time.Time) error {
	lw := &lineWriter{w: w}
	lw.prop("BEGIN", "VCALENDAR")
	lw.prop("VERSION", "2.0")
	lw.prop("PRODID", cal.ProdID)
	lw.prop("CALSCALE", "GREGORIAN")
	lw.prop("METHOD", "PUBLISH")
	if cal.Name != "" {
		lw.prop("X-WR-CALNAME", text(cal.Name))
	}
	for _, e := range cal.Events {
		if err := e.check(); err != nil {
			return err
		}
		writeEvent(lw, e, stamp)
	}
	lw.prop("END", "VCALENDAR")
	return lw.err
}

func (e Event) check() error {
	switch {
	case e.UID == "":
		return fmt.Errorf("ical: event %q has no UID", e.Summary)
	case !e.End.After(e.Start):
		return fmt.Errorf("ical: event %s ends before it starts", e.UID)
	}
	return nil
}

func writeEvent(lw *lineWriter, e Event, stamp time.Time) {
	lw.prop("BEGIN", "VEVENT")
	lw.prop("UID", text(e.UID))
	lw.prop("DTSTAMP", utc(stamp))
	lw.prop("DTSTART", utc(e.Start))
	lw.prop("DTEND", utc(e.End))
	lw.prop("SEQUENCE", fmt.Sprint(e.Sequence))
	lw.prop("SUMMARY", text(e.Summary))
	lw.optional("DESCRIPTION", text(e.Description))
	lw.optional("LOCATION", text(e.Location))
	lw.optional("URL", e.URL)
	if !e.Modified.IsZero() {
		lw.prop("LAST-MODIFIED", utc(e.Modified))
	}
	status := "CONFIRMED"
	if e.Cancelled {
		status = "CANCELLED"
	}
	lw.prop("STATUS", status)
	if e.Alarm > 0 && !e.Cancelled {
		lw.prop("BEGIN", "VALARM")
		lw.prop("ACTION", "DISPLAY")
		lw.prop("DESCRIPTION", text(e.Summary))
		lw.prop("TRIGGER", fmt.Sprintf("-PT%dM", int(e.Alarm.Minutes())))
		lw.prop("END", "VALARM")
	}
	lw.prop("END", "VEVENT")
}

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// text escapes a TEXT value (RFC 5545 §3.3.11).
func text(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// lineWriter writes content lines, folded at 75 octets, keeping the first
// error.
type lineWriter struct {
	w   io.Writer
	err error
}

func (lw *lineWriter) optional(name, value string) {
	if value != "" {
		lw.prop(name, value)
	}
}

func (lw *lineWriter) prop(name, value string) {
	if lw.err != nil {
		return
	}
	_, lw.err = io.WriteString(lw.w, fold(name+":"+value))
}

// fold splits line into pieces of at most 75 octets (the first) and 74
// plus the leading space (the rest), at character boundaries, each ending
// in CRLF.
func fold(line string) string {
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}
