package ingest

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// column is one canonical field as this file holds it.
type column struct {
	key      string
	typ      Type
	unit     string
	index    int    // cell position; -1 when a default stands in
	name     string // the header as written, or the column letter
	required bool
	def      *Value
}

// columns resolves the mapping against the file's header (or positions)
// in schema order, filling fields no column holds from defaults.
func (rd *Reader) columns(m Mapping, defaults map[string]string) ([]column, []Problem) {
	var probs []Problem
	for _, k := range sortedKeys(m.Columns) {
		if _, ok := fieldOf(rd.preset.Kind, k); !ok {
			probs = append(probs, problem(0, k, MsgMappingUnknown, map[string]any{"Value": k}))
		}
	}
	var cols []column
	for _, f := range schema[rd.preset.Kind] {
		c, p, ok := rd.column(f, m, defaults)
		probs = append(probs, p...)
		if ok {
			cols = append(cols, c)
		}
	}
	if rd.preset.Kind == CS && !hasPeriod(cols) {
		probs = append(probs, problem(0, "date", MsgPeriodMissing, nil))
	}
	return cols, probs
}

func hasPeriod(cols []column) bool {
	has := func(k string) bool {
		return slices.ContainsFunc(cols, func(c column) bool { return c.key == k })
	}
	return has("date") || has("period_start") && has("period_end")
}

func (rd *Reader) column(f Field, m Mapping, defaults map[string]string) (column, []Problem, bool) {
	pf, _ := rd.preset.field(f.Key)
	c := column{key: f.Key, typ: f.Type, unit: pf.Unit, index: -1, required: f.Required || pf.Required}
	if mc, ok := m.Columns[f.Key]; ok {
		return rd.locate(c, mc)
	}
	if d := defaults[f.Key]; d != "" {
		v, msg, ok := c.parse(d, "", false, rd.zone)
		if msg != "" || !ok {
			return c, []Problem{problem(0, f.Key, MsgDefaultInvalid, map[string]any{"Value": d})}, false
		}
		c.def = &v
		return c, nil, true
	}
	switch {
	case !c.required:
		return c, nil, false
	case rd.preset.Generic || len(pf.Aliases) == 0:
		return c, []Problem{problem(0, f.Key, MsgFieldUnmapped, nil)}, false
	}
	return c, []Problem{problem(0, f.Key, MsgMissingColumn, map[string]any{"Column": pf.Aliases[0]})}, false
}

// locate finds a mapped column: by its header text when the file has a
// header, else by position.
func (rd *Reader) locate(c column, mc Column) (column, []Problem, bool) {
	if rd.header == nil || mc.Header == "" {
		if mc.Index < 0 {
			return c, []Problem{problem(0, c.key, MsgFieldUnmapped, nil)}, false
		}
		c.index, c.name = mc.Index, ColumnName(mc.Index)
		if mc.Index < len(rd.header) {
			c.name = rd.header[mc.Index]
		}
		return c, nil, true
	}
	want := normHeader(mc.Header)
	for i, h := range rd.header {
		if normHeader(h) == want {
			c.index, c.name = i, h
			return c, nil, true
		}
	}
	return c, []Problem{problem(0, c.key, MsgMissingColumn, map[string]any{"Column": mc.Header})}, false
}

// rowBuffers are the Reader's per-row buffers, reused by every record
// (see Record): the values by column, the displayed cells, and which
// columns held a cell that could not be read.
type rowBuffers struct {
	layout *layout
	vals   []Value
	raw    []string
	bad    []bool
}

func newRowBuffers(cols []column) rowBuffers {
	keys := make([]string, len(cols))
	for i, c := range cols {
		keys[i] = c.key
	}
	return rowBuffers{layout: newLayout(keys), vals: make([]Value, len(cols)), bad: make([]bool, len(cols))}
}

// record parses one data row into the Reader's buffers.
func (rd *Reader) record(line int, cells, raw []string) Record {
	b := &rd.buf
	b.raw = append(b.raw[:0], cells...)
	clear(b.vals)
	clear(b.bad)
	rec := Record{Line: line, Kind: rd.preset.Kind, Raw: b.raw, layout: b.layout, vals: b.vals}
	for i := range rd.cols {
		c := &rd.cols[i]
		if c.def != nil {
			b.vals[i] = *c.def
			continue
		}
		cell := cellAt(cells, c.index)
		v, msg, ok := c.parse(cell, cellAt(raw, c.index), rd.xlsx, rd.zone)
		switch {
		case msg != "":
			b.bad[i] = true
			rec.Problems = append(rec.Problems, problem(line, c.key, msg,
				map[string]any{"Column": c.name, "Value": strings.TrimSpace(cell)}))
		case ok:
			b.vals[i] = v
		}
	}
	if rec.Kind == Orders {
		rd.fill.apply(&rec, rd.preset.FillDown)
	}
	rec.Problems = append(rec.Problems, rd.missing(rec)...)
	return rec
}

// missing reports required fields left empty (after filling down), and a
// cs row with neither a day nor a period.
func (rd *Reader) missing(rec Record) []Problem {
	var probs []Problem
	bad := rd.buf.bad
	for i, c := range rd.cols {
		if c.required && rec.vals[i].Type == "" && !bad[i] {
			probs = append(probs, problem(rec.Line, c.key, MsgRequiredMissing, map[string]any{"Column": c.name}))
		}
	}
	isBad := func(key string) bool {
		i := rec.layout.pos(key)
		return i >= 0 && bad[i]
	}
	if rec.Kind == CS && !isBad("date") && !isBad("period_start") && !isBad("period_end") {
		if !rec.Has("date") && !(rec.Has("period_start") && rec.Has("period_end")) {
			probs = append(probs, problem(rec.Line, "date", MsgPeriodMissing, nil))
		}
	}
	return probs
}

// fillDown carries order-level fields to the following lines of the same
// order, as Shopify writes them only on the first, and numbers the lines.
// prev is indexed like the record's values.
type fillDown struct {
	order string
	seq   int
	prev  []Value
}

func (f *fillDown) apply(rec *Record, keys []string) {
	id := rec.Text("order_id")
	same := id != "" && id == f.order
	if same {
		f.seq++
	} else {
		f.order, f.seq = id, 1
	}
	rec.Seq = f.seq
	if len(keys) == 0 {
		return
	}
	if f.prev == nil {
		f.prev = make([]Value, len(rec.vals))
	}
	for _, k := range keys {
		i := rec.layout.pos(k)
		if i < 0 {
			continue
		}
		if same && rec.vals[i].Type == "" {
			rec.vals[i] = f.prev[i]
		}
		f.prev[i] = rec.vals[i]
	}
}

// parse reads one cell: ok is false for an empty cell, msg names the
// problem of a cell that cannot be read. raw is the stored XLSX value.
func (c *column) parse(cell, raw string, xlsx bool, zone *time.Location) (v Value, msg string, ok bool) {
	s := clean(cell)
	if empty(s) {
		return Value{}, "", false
	}
	v.Type = c.typ
	switch c.typ {
	case Text:
		return c.text(s)
	case Int:
		v.Int, ok = ParseInt(numericSource(s, raw))
		msg = MsgIntInvalid
	case Money:
		v.Int, ok = ParseMoney(numericSource(s, raw), c.unit)
		msg = MsgMoneyInvalid
	case Ratio:
		src := s
		if !strings.Contains(s, "%") {
			src = numericSource(s, raw)
		}
		v.Float, ok = ParseRatio(src, c.unit)
		msg = MsgRatioInvalid
	case Seconds:
		v.Float, ok = ParseSeconds(s, c.unit)
		msg = MsgSecondsInvalid
	case Time, Date:
		v.Time, ok = c.when(s, raw, xlsx, zone)
		msg = MsgTimeInvalid
		if c.typ == Date {
			msg = MsgDateInvalid
		}
	}
	if !ok {
		return Value{}, msg, false
	}
	return v, "", true
}

func (c *column) text(s string) (Value, string, bool) {
	if idLike(c.key) && sciNotation(s) {
		return Value{}, MsgIDMangled, false
	}
	if c.key == "action" {
		a, ok := actionWords[strings.ToLower(strings.ReplaceAll(s, " ", ""))]
		if !ok {
			return Value{}, MsgActionInvalid, false
		}
		s = a
	}
	return Value{Type: Text, Text: s}, "", true
}

// when reads a time or date cell; an XLSX date cell is read from its
// stored serial, whatever its display format.
func (c *column) when(s, raw string, xlsx bool, zone *time.Location) (time.Time, bool) {
	t, ok := time.Time{}, false
	if xlsx && raw != "" && raw != s && plainNumber(raw) {
		t, ok = ExcelSerial(raw, zone)
	}
	if !ok {
		t, ok = ParseTime(s, c.unit, zone)
	}
	if !ok && xlsx && plainNumber(s) {
		t, ok = ExcelSerial(s, zone)
	}
	if ok && c.typ == Date {
		t = midnight(t, zone)
	}
	return t, ok
}

// numericSource prefers an XLSX cell's stored number to its display,
// which a format may have rounded.
func numericSource(shown, raw string) string {
	if raw != "" && plainNumber(raw) {
		return raw
	}
	return shown
}

func plainNumber(s string) bool {
	if s == "" || !numberChars(s) {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func numberChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-' {
			return false
		}
	}
	return true
}

// sciNotation recognizes an id that Excel turned into a rounded number
// ("2.02002E+18"): its digits are lost and must not be stored as an id.
func sciNotation(s string) bool {
	if indexEither(s, 'e', 'E') < 0 { // most ids; ToUpper below would copy them
		return false
	}
	mant, exp, ok := strings.Cut(strings.ToUpper(s), "E")
	if !ok || len(mant) == 0 || mant[0] < '0' || mant[0] > '9' {
		return false
	}
	exp = strings.TrimPrefix(exp, "+")
	intPart, frac, _ := strings.Cut(mant, ".")
	return len(intPart) == 1 && digits(frac) && exp != "" && digits(exp)
}
