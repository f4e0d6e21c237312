package app_test

import (
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// Between 00:00 and 08:00 Beijing time the UTC date is still yesterday:
// "today", the new-hire window and audit date filters must follow the
// company's calendar, not UTC's.
func TestCompanyCalendarEarlyMorning(t *testing.T) {
	e := newEnv(t)
	e.now = time.Date(2026, 3, 1, 17, 30, 0, 0, time.UTC) // 2026-03-02 01:30 in Shanghai
	if got := e.app.Today(); got != "2026-03-02" {
		t.Fatalf("today %s", got)
	}
	// Hired on 2026-01-31 in company time is exactly 30 days before today.
	_, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "N1", Name: "新人", HireDate: "2026-01-31",
		Status: shopdojo.StatusActive})
	e.must(err)
	_, err = e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "N0", Name: "老人", HireDate: "2026-01-30",
		Status: shopdojo.StatusActive})
	e.must(err)
	o, err := e.app.Overview(e.ctx, e.sys)
	e.must(err)
	if o.HiredLast30 != 1 {
		t.Fatalf("hired in the last 30 days: %d", o.HiredLast30)
	}
	// The events above happened on 2026-03-02 in Shanghai (2026-03-01 UTC).
	evs, _, err := e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{Since: "2026-03-02", Until: "2026-03-02"})
	e.must(err)
	if len(evs) != 2 {
		t.Fatalf("%d events on 2026-03-02", len(evs))
	}
	evs, _, err = e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{Until: "2026-03-01"})
	e.must(err)
	if len(evs) != 0 {
		t.Fatalf("%d events filed under the UTC date", len(evs))
	}
}
