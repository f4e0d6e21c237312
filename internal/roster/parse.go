package roster

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// DefaultMaxRows is the row limit Parse applies when given maxRows <= 0.
const DefaultMaxRows = 100_000

// headerScanRows is how far down Parse looks for the header row, past the
// title and notes rows that Chinese exports often start with.
const headerScanRows = 10

// Parse reads a CSV or XLSX people list. The format is detected from the
// content; CSV may be UTF-8 (with or without BOM), UTF-16 with BOM, or
// GB18030/GBK, and comma or tab separated.
//
// Faults in the file are returned as Problems; error is kept for I/O
// failures of r. When the file has more than maxRows data rows (blank rows
// are not counted) Parse returns no rows and a "roster.too_many_rows"
// Problem, so a partial list is never imported by mistake. Memory is bounded
// by the row limit plus, for XLSX, the file itself, which excelize needs
// whole; callers should cap the upload size.
//
// CSV encoding is judged from the first 64 KiB; bytes that do not decode
// later on become U+FFFD. XLSX is read from the first sheet that has a header
// row; a date cell yields its serial number (1900 date system), which
// Validate turns into a date.
//
// Fields are trimmed and a leading apostrophe that Export put before a
// formula character is removed; Validate does the rest of the normalizing.
func Parse(r io.Reader, maxRows int) ([]Row, []Problem, error) {
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	src, err := sheet.Open(r, sheet.Options{IsHeader: isHeader, HeaderScan: headerScanRows})
	var ce *sheet.ContentError
	switch {
	case errors.Is(err, sheet.ErrUnsupported):
		return nil, []Problem{problem(0, "", MsgUnsupportedFormat, nil)}, nil
	case errors.As(err, &ce):
		// A workbook that cannot be opened or whose sheets cannot be
		// searched is damaged as a whole.
		return nil, []Problem{problem(0, "", MsgFileInvalid, nil)}, nil
	case err != nil:
		return nil, nil, fmt.Errorf("roster.Parse: %w", err)
	}
	defer func() { _ = src.Close() }()
	rows, probs, err := parseSource(src, maxRows)
	if err != nil {
		return nil, nil, fmt.Errorf("roster.Parse: %w", err)
	}
	return rows, probs, nil
}

// parseSource finds the header and reads the data rows below it.
func parseSource(src *sheet.Reader, maxRows int) ([]Row, []Problem, error) {
	h, err := src.Header()
	if probs, ok := contentProblem(err); ok {
		return nil, probs, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if h.Line == 0 {
		return nil, []Problem{problem(0, "", MsgEmpty, nil)}, nil
	}
	idx := mapHeader(h.Cells)
	if probs := missingColumns(h.Line, idx); len(probs) > 0 {
		return nil, probs, nil
	}
	rows, probs, err := readRows(src, idx, maxRows)
	if p, ok := contentProblem(err); ok {
		return nil, p, nil
	}
	return rows, probs, err
}

func contentProblem(err error) ([]Problem, bool) {
	var ce *sheet.ContentError
	if errors.As(err, &ce) {
		return []Problem{problem(ce.Line, "", MsgFileInvalid, nil)}, true
	}
	return nil, false
}

func missingColumns(line int, idx []int) []Problem {
	var probs []Problem
	for i, c := range columns {
		if idx[i] < 0 && (c.key == ColEmployeeNo || c.key == ColName) {
			probs = append(probs, problem(line, c.key, MsgMissingColumn, map[string]any{"Column": c.key}))
		}
	}
	return probs
}

func readRows(src *sheet.Reader, idx []int, maxRows int) ([]Row, []Problem, error) {
	var rows []Row
	for {
		line, shown, raw, err := src.Next()
		if errors.Is(err, io.EOF) {
			return rows, nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		row, ok := makeRow(line, shown, raw, idx)
		if !ok {
			continue
		}
		if len(rows) == maxRows {
			return nil, []Problem{problem(line, "", MsgTooManyRows, map[string]any{"Max": maxRows})}, nil
		}
		rows = append(rows, row)
	}
}

// makeRow fills a Row from the cells; ok is false when every known column is
// empty, so blank and spacer rows are skipped.
func makeRow(line int, shown, raw []string, idx []int) (Row, bool) {
	row := Row{Line: line}
	ok := false
	for i, c := range columns {
		cells := shown
		if c.key == ColHireDate && raw != nil {
			cells = raw // a date cell's serial, not its locale-dependent display
		}
		if idx[i] < 0 || idx[i] >= len(cells) {
			continue
		}
		v := cleanCell(cells[idx[i]])
		*c.field(&row) = v
		ok = ok || v != ""
	}
	return row, ok
}

// cleanCell trims a cell, makes it valid UTF-8 and undoes Export's
// formula-injection apostrophe.
func cleanCell(s string) string {
	s = trim(strings.ToValidUTF8(s, "\uFFFD"))
	if len(s) > 1 && s[0] == '\'' && sheet.StartsFormula(s[1:]) {
		s = trim(s[1:])
	}
	return s
}
