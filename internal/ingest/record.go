package ingest

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Value is one parsed cell. Which member holds it follows Type: Text for
// text, Int for int and money (fen), Float for ratio and seconds, Time for
// time and date (a date is midnight in the store's zone).
type Value struct {
	Type  Type
	Text  string
	Int   int64
	Float float64
	Time  time.Time
}

// Record is one data row. A Record returned by Reader.Next shares its
// buffers (Raw and the parsed values) with the Reader and is valid until
// the next call to Next, so reading a million rows allocates no per-row
// map or slices; Clone keeps one longer.
type Record struct {
	Line int // the row number a person sees in Excel
	Kind Kind
	// Raw is every cell of the row as displayed, for the masker to plan
	// and mask personal columns; Reader.Header names them.
	Raw []string
	// Seq numbers the lines of one order (1, 2 …) in a line-grain export
	// without a line id, so each line has a key of its own.
	Seq      int
	Problems []Problem

	layout *layout
	// vals holds the value of each layout key; a zero Type marks a field
	// without a value.
	vals []Value
}

// layout names the values of the records of one Reader: its columns'
// keys in schema order.
type layout struct {
	keys  []string
	index map[string]int
}

func newLayout(keys []string) *layout {
	l := &layout{keys: keys, index: make(map[string]int, len(keys))}
	for i, k := range keys {
		l.index[k] = i
	}
	return l
}

// pos is the position of key's value, -1 when the reader has no such field.
func (l *layout) pos(key string) int {
	if l == nil {
		return -1
	}
	if i, ok := l.index[key]; ok {
		return i
	}
	return -1
}

// Value returns a field's parsed value. An empty cell (or "-", or a
// platform's **** mask) has none, so an order without paid_at is unpaid.
func (r Record) Value(key string) (Value, bool) {
	if i := r.layout.pos(key); i >= 0 && i < len(r.vals) && r.vals[i].Type != "" {
		return r.vals[i], true
	}
	return Value{}, false
}

// Has reports whether a field has a value.
func (r Record) Has(key string) bool {
	_, ok := r.Value(key)
	return ok
}

// Keys lists the fields that have a value, in schema order.
func (r Record) Keys() []string {
	var keys []string
	for i, v := range r.vals {
		if v.Type != "" {
			keys = append(keys, r.layout.keys[i])
		}
	}
	return keys
}

// Fields returns the fields that have a value as a new map, for tests and
// diagnostics; reading a field needs no map.
func (r Record) Fields() map[string]Value {
	m := make(map[string]Value, len(r.vals))
	for _, k := range r.Keys() {
		m[k], _ = r.Value(k)
	}
	return m
}

// Clone returns a copy that stays valid after the next Reader.Next.
func (r Record) Clone() Record {
	r.Raw = slices.Clone(r.Raw)
	r.vals = slices.Clone(r.vals)
	r.Problems = slices.Clone(r.Problems)
	return r
}

// Text returns a text field, "" when absent.
func (r Record) Text(key string) string {
	v, _ := r.Value(key)
	return v.Text
}

// Int returns an int or money field (fen).
func (r Record) Int(key string) (int64, bool) {
	v, ok := r.Value(key)
	return v.Int, ok
}

// Float returns a ratio or seconds field.
func (r Record) Float(key string) (float64, bool) {
	v, ok := r.Value(key)
	return v.Float, ok
}

// Time returns a time or date field.
func (r Record) Time(key string) (time.Time, bool) {
	v, ok := r.Value(key)
	return v.Time, ok
}

// Key is the record's natural key: the same row imported again, from the
// same file or from an export of an overlapping period, has the same key,
// so the app upserts instead of adding a duplicate.
func (r Record) Key() string {
	day := func(k string) string {
		if t, ok := r.Time(k); ok {
			return t.Format(time.DateOnly)
		}
		return ""
	}
	switch r.Kind {
	case Orders:
		line := r.Text("line_id")
		if line == "" {
			line = "#" + strconv.Itoa(max(r.Seq, 1))
		}
		return joinKey("orders", r.Text("order_id"), line)
	case Traffic:
		return joinKey("traffic", day("date"), r.Text("store"), r.Text("channel"), r.Text("product_id"))
	case Ads:
		return joinKey("ads", day("date"), r.Text("store"), r.Text("channel"), r.Text("campaign"), r.Text("product_id"))
	case CS:
		period := day("date")
		if period == "" {
			period = day("period_start") + "~" + day("period_end")
		}
		return joinKey("cs", period, r.Text("store"), r.Text("agent"))
	case Events:
		at := ""
		if t, ok := r.Time("at"); ok {
			at = t.UTC().Format(time.RFC3339Nano)
		}
		return joinKey("events", r.Text("user_id"), r.Text("item_id"), r.Text("action"), at)
	}
	return ""
}

// joinKey joins parts with the ASCII unit separator, which no cell of a
// key field can hold after cleaning, so ("a|b","c") and ("a","b|c") differ.
func joinKey(parts ...string) string { return strings.Join(parts, "\x1f") }

// When is the time the record belongs to, for a file's date range:
// created_at (else paid_at) of an order, the date of traffic, ads and cs
// rows (else a cs period's start), the time of an event.
func (r Record) When() (time.Time, bool) {
	for _, k := range whenKeys[r.Kind] {
		if t, ok := r.Time(k); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

var whenKeys = map[Kind][]string{
	Orders: {"created_at", "paid_at"}, Traffic: {"date"}, Ads: {"date"},
	CS: {"date", "period_start"}, Events: {"at"},
}
