package roster

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// DefaultMaxRows is the row limit Parse applies when given maxRows <= 0.
const DefaultMaxRows = 100_000

// headerScanRows is how far down Parse looks for the header row, past the
// title and notes rows that Chinese exports often start with.
const headerScanRows = 10

// unzipLimit caps the unpacked size of an XLSX so a zip bomb is refused.
const unzipLimit = 512 << 20

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts legacy .xls files and password-protected workbooks.
	oleMagic = []byte("\xd0\xcf\x11\xe0")
)

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
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("roster.Parse: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return parseXLSX(br, maxRows)
	case bytes.HasPrefix(head, oleMagic):
		return nil, []Problem{problem(0, "", MsgUnsupportedFormat, nil)}, nil
	}
	rows, probs, err := parseSource(newCSVSource(br, head), maxRows)
	if err != nil {
		return nil, nil, fmt.Errorf("roster.Parse: %w", err)
	}
	return rows, probs, nil
}

func parseXLSX(r io.Reader, maxRows int) (rows []Row, probs []Problem, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("roster.Parse: %w", err)
	}
	// excelize parses untrusted zip and XML; should it panic, the uploader
	// gets a message and the server keeps running.
	defer func() {
		if p := recover(); p != nil {
			rows, probs, err = nil, []Problem{problem(0, "", MsgFileInvalid, nil)}, nil
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit})
	if err != nil {
		return nil, []Problem{problem(0, "", MsgFileInvalid, nil)}, nil
	}
	defer func() { _ = f.Close() }()
	sheet, err := findDataSheet(f)
	if err != nil {
		return nil, []Problem{problem(0, "", MsgFileInvalid, nil)}, nil
	}
	if sheet == "" {
		sheet = firstSheet(f) // to report what is missing there
	}
	return parseXLSXSheet(f, sheet, maxRows)
}

// findDataSheet returns the first sheet with a header row, or "", so a
// workbook whose instructions sheet comes first or was left active still
// imports.
func findDataSheet(f *excelize.File) (string, error) {
	for _, name := range f.GetSheetList() {
		src, err := openXLSXSource(f, name)
		if err != nil {
			return "", err
		}
		h, err := findHeader(src)
		src.close()
		if err != nil {
			return "", err
		}
		if h.found {
			return name, nil
		}
	}
	return "", nil
}

func firstSheet(f *excelize.File) string {
	if l := f.GetSheetList(); len(l) > 0 {
		return l[0]
	}
	return ""
}

func parseXLSXSheet(f *excelize.File, sheet string, maxRows int) ([]Row, []Problem, error) {
	if sheet == "" {
		return nil, []Problem{problem(0, "", MsgEmpty, nil)}, nil
	}
	src, err := openXLSXSource(f, sheet)
	if err != nil {
		return nil, []Problem{problem(0, "", MsgFileInvalid, nil)}, nil
	}
	defer src.close()
	return parseSource(src, maxRows)
}

// header is the outcome of looking for the header row. When none is found,
// line and cells are those of the first non-empty row, to report against.
type header struct {
	found bool
	line  int
	cells []string
}

func findHeader(src source) (header, error) {
	var first header
	for {
		line, cells, _, err := src.next()
		if errors.Is(err, io.EOF) || (err == nil && line > headerScanRows) {
			return first, nil
		}
		if err != nil {
			return header{}, err
		}
		if isHeader(cells) {
			return header{found: true, line: line, cells: cells}, nil
		}
		if first.line == 0 && !blank(cells) {
			first = header{line: line, cells: append([]string(nil), cells...)}
		}
	}
}

// parseSource finds the header and reads the data rows below it.
func parseSource(src source, maxRows int) ([]Row, []Problem, error) {
	h, err := findHeader(src)
	if probs, ok := contentProblem(err); ok {
		return nil, probs, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if h.line == 0 {
		return nil, []Problem{problem(0, "", MsgEmpty, nil)}, nil
	}
	idx := mapHeader(h.cells)
	if probs := missingColumns(h.line, idx); len(probs) > 0 {
		return nil, probs, nil
	}
	rows, probs, err := readRows(src, idx, maxRows)
	if p, ok := contentProblem(err); ok {
		return nil, p, nil
	}
	return rows, probs, err
}

func contentProblem(err error) ([]Problem, bool) {
	var ce *contentError
	if errors.As(err, &ce) {
		return []Problem{problem(ce.line, "", MsgFileInvalid, nil)}, true
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

func readRows(src source, idx []int, maxRows int) ([]Row, []Problem, error) {
	var rows []Row
	for {
		line, shown, raw, err := src.next()
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

func blank(cells []string) bool {
	for _, c := range cells {
		if trim(c) != "" {
			return false
		}
	}
	return true
}
