package ingest

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// DefaultMaxRows is the row limit when Options.MaxRows is 0: a year of a
// large store's order lines.
const DefaultMaxRows = 5_000_000

// Options tune Open.
type Options struct {
	// Zone is the store's time zone: naive times are read in it and dates
	// are its days. Nil means Asia/Shanghai.
	Zone *time.Location
	// HeaderScan is how many rows the header is looked for in, past title
	// rows; 0 means sheet.DefaultHeaderScan.
	HeaderScan int
	// MaxRows caps the data rows; past it reading stops with a
	// too_many_rows problem. 0 means DefaultMaxRows.
	MaxRows int
	// NoHeader reads every row as data, columns known by position (the
	// behaviour log); Mapping.NoHeader says the same.
	NoHeader bool
	// Defaults give fields that no column holds, as cell text: the store
	// chosen at import, the day of a one-day report, a cs period.
	Defaults map[string]string
}

// Summary describes a file read to its end.
type Summary struct {
	Format     string // "csv" or "xlsx"
	Sheet      string
	HeaderLine int
	Rows       int // rows below the header, blank and total rows included
	Records    int
	TotalRows  int // summary rows skipped (合计, Total …)
	BlankRows  int
	Problems   int // row problems over all records
	BadRecords int // records with at least one problem
	// From and To bound the records' times (see Record.When), for
	// replacing an overlapping period; zero when no record had one.
	From, To time.Time
	// FileProblems are faults found while reading that end it early: a
	// damaged file, too many rows.
	FileProblems []Problem
}

// Reader streams the records of one file; it holds one row at a time.
type Reader struct {
	src     *sheet.Reader
	preset  Preset
	mapping Mapping
	header  []string
	cols    []column
	zone    *time.Location
	xlsx    bool
	max     int
	sum     Summary
	fill    fillDown
	done    bool
	markers map[string]bool // normalized TotalMarkers
	buf     rowBuffers
}

// Open reads the header of r and prepares to read the records of preset
// p. With an empty mapping the columns are found by p's aliases; a saved
// mapping (for a generic preset, or a person's correction) is applied by
// header text, or by position for a headerless file. Problems mean the
// file cannot be read as p (unsupported or damaged, a required column
// missing) and the Reader is nil; error is kept for I/O failures.
func Open(r io.Reader, p Preset, m Mapping, opts Options) (*Reader, []Problem, error) {
	zone := opts.Zone
	if zone == nil {
		zone = shanghai()
	}
	noHeader := opts.NoHeader || m.NoHeader
	isHeader := func(c []string) bool { return p.matchesHeader(c) }
	if len(m.Columns) > 0 {
		isHeader = m.headerMatcher()
	}
	src, probs, err := openSheet(r, sheet.Options{IsHeader: isHeader, HeaderScan: opts.HeaderScan})
	if src == nil {
		return nil, probs, err
	}
	rd := &Reader{src: src, preset: p, zone: zone, xlsx: src.Format() == "xlsx", max: opts.MaxRows, markers: map[string]bool{}}
	for _, mk := range p.TotalMarkers {
		if n := normHeader(mk); n != "" {
			rd.markers[n] = true
		}
	}
	if rd.max <= 0 {
		rd.max = DefaultMaxRows
	}
	rd.sum.Format, rd.sum.Sheet = src.Format(), src.Sheet()
	if probs, err := rd.start(m, noHeader, opts.Defaults); len(probs) > 0 || err != nil {
		_ = src.Close()
		return nil, probs, err
	}
	return rd, nil, nil
}

// shanghai is the default store zone; the fixed +08:00 stands in where
// the zone database is missing (China has had no daylight saving since
// 1991).
func shanghai() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// openSheet opens the file, turning format faults into problems.
func openSheet(r io.Reader, opts sheet.Options) (*sheet.Reader, []Problem, error) {
	src, err := sheet.Open(r, opts)
	var ce *sheet.ContentError
	switch {
	case errors.Is(err, sheet.ErrUnsupported):
		return nil, []Problem{problem(0, "", MsgUnsupportedFormat, nil)}, nil
	case errors.As(err, &ce):
		return nil, []Problem{problem(ce.Line, "", MsgFileInvalid, nil)}, nil
	case err != nil:
		return nil, nil, fmt.Errorf("ingest.Open: %w", err)
	}
	return src, nil, nil
}

// start finds the header and resolves the columns.
func (rd *Reader) start(m Mapping, noHeader bool, defaults map[string]string) ([]Problem, error) {
	line := 0
	if !noHeader {
		h, err := rd.src.Header()
		if probs, ok := contentProblem(err); ok {
			return probs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("ingest.Open: %w", err)
		}
		if h.Line == 0 {
			return []Problem{problem(0, "", MsgEmpty, nil)}, nil
		}
		if !h.Found {
			// The rows looked through are gone: report against the first.
			return atLine(rd.notFound(h.Cells, m), h.Line), nil
		}
		rd.header, line = h.Cells, h.Line
	}
	rd.sum.HeaderLine = line
	if len(m.Columns) == 0 && !noHeader {
		var probs []Problem
		m, probs = rd.preset.Map(rd.header)
		probs = slices.DeleteFunc(probs, func(p Problem) bool {
			return p.Msg == MsgMissingColumn && defaults[p.Field] != ""
		})
		if len(probs) > 0 {
			return atLine(probs, line), nil
		}
	}
	m.Preset, m.Kind, m.NoHeader = rd.preset.ID, rd.preset.Kind, noHeader
	rd.mapping = m
	cols, probs := rd.columns(m, merge(rd.preset.Defaults, defaults))
	rd.cols = cols
	rd.buf = newRowBuffers(cols)
	return atLine(probs, line), nil
}

// notFound explains why no row within HeaderScan was the header: the
// columns of the mapping or the preset that the first row lacks.
func (rd *Reader) notFound(cells []string, m Mapping) []Problem {
	var probs []Problem
	if len(m.Columns) > 0 {
		for _, k := range sortedKeys(m.Columns) {
			if h := m.Columns[k].Header; h != "" && !matchOne(cells, h) {
				probs = append(probs, problem(0, k, MsgMissingColumn, map[string]any{"Column": h}))
			}
		}
		return probs
	}
	_, probs = rd.preset.Map(cells)
	probs = slices.DeleteFunc(probs, func(p Problem) bool { return p.Msg != MsgMissingColumn })
	if len(probs) == 0 && len(rd.preset.Fields) > 0 {
		f := rd.preset.Fields[0]
		probs = append(probs, problem(0, f.Key, MsgMissingColumn, map[string]any{"Column": firstAlias(f)}))
	}
	return probs
}

func matchOne(cells []string, header string) bool {
	want := normHeader(header)
	return slices.ContainsFunc(cells, func(c string) bool { return normHeader(c) == want })
}

func firstAlias(f PresetField) string {
	if len(f.Aliases) > 0 {
		return f.Aliases[0]
	}
	return f.Key
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func atLine(probs []Problem, line int) []Problem {
	for i := range probs {
		probs[i].Line = line
	}
	return probs
}

// contentProblem turns a damaged-file error into its problem.
func contentProblem(err error) ([]Problem, bool) {
	var ce *sheet.ContentError
	if errors.As(err, &ce) {
		return []Problem{problem(ce.Line, "", MsgFileInvalid, nil)}, true
	}
	return nil, false
}

// Header is the header row as written (nil for a headerless file), which
// names the cells of Record.Raw.
func (rd *Reader) Header() []string { return rd.header }

// Mapping is the mapping in use, to save for the next file.
func (rd *Reader) Mapping() Mapping { return rd.mapping }

// Preset is the preset being read.
func (rd *Reader) Preset() Preset { return rd.preset }

// Summary describes the rows read so far; complete after Next returned
// io.EOF.
func (rd *Reader) Summary() Summary { return rd.sum }

// Close releases the file.
func (rd *Reader) Close() error { return rd.src.Close() }

// Next returns the next record, skipping blank and total rows. A bad row
// is still returned, with its Problems, so the caller may keep the good
// ones. At the end (also when the file turns out damaged or too long, see
// Summary.FileProblems) Next returns io.EOF; other errors are I/O failures.
func (rd *Reader) Next() (Record, error) {
	for !rd.done {
		line, cells, raw, err := rd.src.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			if probs, ok := contentProblem(err); ok {
				rd.stop(probs...)
				break
			}
			return Record{}, fmt.Errorf("ingest.Next: %w", err)
		}
		rd.sum.Rows++
		switch {
		case sheet.Blank(cells):
			rd.sum.BlankRows++
		case rd.isTotal(cells):
			rd.sum.TotalRows++
		case rd.sum.Records >= rd.max:
			rd.stop(problem(line, "", MsgTooManyRows, map[string]any{"Max": rd.max}))
		default:
			rec := rd.record(line, cells, raw)
			rd.count(rec)
			return rec, nil
		}
	}
	rd.done = true
	return Record{}, io.EOF
}

func (rd *Reader) stop(probs ...Problem) {
	rd.sum.FileProblems = append(rd.sum.FileProblems, probs...)
	rd.done = true
}

func (rd *Reader) count(rec Record) {
	rd.sum.Records++
	rd.sum.Problems += len(rec.Problems)
	if len(rec.Problems) > 0 {
		rd.sum.BadRecords++
	}
	from, ok := rec.When()
	if !ok {
		return
	}
	to := from
	if end, ok := rec.Time("period_end"); ok && end.After(to) {
		to = end
	}
	if rd.sum.From.IsZero() || from.Before(rd.sum.From) {
		rd.sum.From = from
	}
	if to.After(rd.sum.To) {
		rd.sum.To = to
	}
}

// isTotal recognizes a summary row by its first non-empty cell, or by
// the cell of the first required field (a 合计 row may leave the first
// columns empty).
func (rd *Reader) isTotal(cells []string) bool {
	for _, c := range cells {
		if c = sheet.Trim(c); c != "" {
			if rd.totalMarker(c) {
				return true
			}
			break
		}
	}
	for _, c := range rd.cols {
		if c.required && c.index >= 0 {
			return rd.totalMarker(cellAt(cells, c.index))
		}
	}
	return false
}

func (rd *Reader) totalMarker(cell string) bool {
	// Ids and amounts, most cells, are never markers: skip folding them.
	if cell == "" || len(cell) > 32 || cell[0] >= '0' && cell[0] <= '9' {
		return false
	}
	return rd.markers[normHeader(cell)]
}

func cellAt(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}
