package kpi

import (
	"fmt"
	"time"
)

// Dimension is what a Result is grouped by.
type Dimension string

const (
	ByNone    Dimension = ""
	ByDay     Dimension = "day"
	ByWeek    Dimension = "week" // ISO week in the query's zone
	ByMonth   Dimension = "month"
	ByStore   Dimension = "store"
	ByChannel Dimension = "channel"
	ByProduct Dimension = "product"
	ByRegion  Dimension = "region"
	ByAgent   Dimension = "agent" // customer-service agent
)

// Query selects the period and grouping of a computation.
type Query struct {
	// From and To bound the period [From, To); a zero bound is open.
	From, To time.Time
	By       Dimension
	// Zone places days, weeks and months; nil means Asia/Shanghai.
	Zone *time.Location
	// Platform (taobao, tmall, jd, douyin, pdd, shopify, amazon …) picks
	// the ad metric names (Amazon: ROAS and ACoS instead of ROI).
	Platform string
	// GrossMargin is the gross margin as a fraction, for the break-even
	// ROI; 0 means unknown.
	GrossMargin float64
}

func (d Dimension) valid() bool {
	switch d {
	case ByNone, ByDay, ByWeek, ByMonth, ByStore, ByChannel, ByProduct, ByRegion, ByAgent:
		return true
	}
	return false
}

func (d Dimension) temporal() bool { return d == ByDay || d == ByWeek || d == ByMonth }

// Shanghai returns the Asia/Shanghai zone, or a fixed UTC+8 zone when the
// system has no tz database (China has kept UTC+8 without DST since 1991,
// so both give the same days for any export).
func Shanghai() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

func (q Query) zone() *time.Location {
	if q.Zone == nil {
		return Shanghai()
	}
	return q.Zone
}

func (q Query) inPeriod(t time.Time) bool {
	return (q.From.IsZero() || !t.Before(q.From)) && (q.To.IsZero() || t.Before(q.To))
}

// calKey is a calendar group as a sortable integer: yyyymmdd for days,
// yyyyww for ISO weeks, yyyymm for months.
func calKey(d Dimension, t time.Time, zone *time.Location) int64 {
	t = t.In(zone)
	switch d {
	case ByWeek:
		y, w := t.ISOWeek()
		return int64(y*100 + w)
	case ByMonth:
		return int64(t.Year()*100 + int(t.Month()))
	}
	return dayNumber(t.Date())
}

// dateKey is calKey for a calendar date (traffic and ads rows), read in the
// date's own location.
func dateKey(d Dimension, date time.Time, zone *time.Location) int64 {
	y, m, dd := date.Date()
	return calKey(d, time.Date(y, m, dd, 12, 0, 0, 0, zone), zone)
}

func dayNumber(y int, m time.Month, d int) int64 { return int64(y*10000 + int(m)*100 + d) }

// dateIn is the start of a date's calendar day in zone.
func dateIn(date time.Time, zone *time.Location) time.Time {
	y, m, d := date.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, zone)
}

// calLabel formats a calendar key: 2026-02-11, 2026-W07, 2026-02.
func calLabel(d Dimension, k int64) string {
	switch d {
	case ByWeek:
		return fmt.Sprintf("%04d-W%02d", k/100, k%100)
	case ByMonth:
		return fmt.Sprintf("%04d-%02d", k/100, k%100)
	}
	return fmt.Sprintf("%04d-%02d-%02d", k/10000, k/100%100, k%100)
}

// calEnd is the end (exclusive) of a calendar group in zone.
func calEnd(d Dimension, k int64, zone *time.Location) time.Time {
	switch d {
	case ByWeek:
		y, w := int(k/100), int(k%100)
		// ISO week 1 holds 4 January; its Monday starts the ISO year.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, zone)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		return monday.AddDate(0, 0, 7*w)
	case ByMonth:
		return time.Date(int(k/100), time.Month(k%100)+1, 1, 0, 0, 0, 0, zone)
	}
	return time.Date(int(k/10000), time.Month(k/100%100), int(k%100)+1, 0, 0, 0, 0, zone)
}
