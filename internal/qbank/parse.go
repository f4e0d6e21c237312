package qbank

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// DefaultMaxRows is the row limit Parse applies when given maxRows <= 0.
const DefaultMaxRows = 10_000

// Parse reads a question spreadsheet (XLSX or CSV in any encoding sheet.Open
// reads) laid out as Template shows, one question per row:
//
//	题型 | 题干 | 选项A … 选项H | 答案 | 分值 | 解析 | 难度 | 标签 | 多选计分 | 编号
//
// 题型, 题干 and 答案 are required columns, the others optional, in any
// order; English headers (Type, Stem, Option A, Answer, …) work as well.
// The header row is found among the first ten rows of the first sheet that
// has one, so title rows and an instructions sheet in front do no harm. The
// template's 说明 sheet (notes.go) describes each column's forms.
//
// Every non-blank row is returned as a Row, with the Problems of its line:
// the format's own (qbank.* ids, Field a column key) and those of
// quiz.Question.Validate. A row with problems is returned as far as it could
// be read so the caller can show it; keep only rows whose Line has no
// problem, or import nothing. File-level problems (Line 0, or the header
// row for a missing column) come with no rows, as does a file of more than
// maxRows questions, so a partial bank is never imported by mistake.
// error is kept for I/O failures of r.
func Parse(r io.Reader, maxRows int) ([]Row, []Problem, error) {
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	hdr := newHeaderIndex()
	src, err := sheet.Open(r, sheet.Options{IsHeader: hdr.isHeader})
	var ce *sheet.ContentError
	switch {
	case errors.Is(err, sheet.ErrUnsupported):
		return nil, []Problem{{Msg: MsgUnsupportedFormat}}, nil
	case errors.As(err, &ce):
		return nil, []Problem{{Msg: MsgFileInvalid}}, nil
	case err != nil:
		return nil, nil, fmt.Errorf("qbank.Parse: %w", err)
	}
	defer func() { _ = src.Close() }()
	rows, probs, err := parseTable(src, hdr, maxRows)
	if errors.As(err, &ce) {
		return nil, []Problem{{Line: ce.Line, Msg: MsgFileInvalid}}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("qbank.Parse: %w", err)
	}
	return rows, probs, nil
}

func parseTable(src *sheet.Reader, hdr headerIndex, maxRows int) ([]Row, []Problem, error) {
	h, err := src.Header()
	if err != nil {
		return nil, nil, err
	}
	if h.Line == 0 {
		return nil, []Problem{{Msg: MsgEmpty}}, nil
	}
	idx := hdr.mapHeader(h.Cells)
	if probs := missingColumns(h.Line, idx); len(probs) > 0 {
		return nil, probs, nil
	}
	cells, probs, err := readRows(src, idx, maxRows)
	if err != nil || len(probs) > 0 {
		return nil, probs, err
	}
	if len(cells) == 0 {
		return nil, []Problem{{Msg: MsgEmpty}}, nil
	}
	rows, probs := decodeRows(cells)
	return rows, probs, nil
}

func missingColumns(line int, idx map[string]int) []Problem {
	var probs []Problem
	for _, key := range requiredColumns() {
		if _, ok := idx[key]; !ok {
			probs = append(probs, Problem{Line: line, Field: key, Msg: MsgMissingColumn,
				Args: map[string]any{"Column": key, "Name": columnName(key)}})
		}
	}
	return probs
}

// readRows reads the data rows into cells; blank rows are skipped and not
// counted against maxRows.
func readRows(src *sheet.Reader, idx map[string]int, maxRows int) ([]cellRow, []Problem, error) {
	var rows []cellRow
	for {
		line, shown, raw, err := src.Next()
		if errors.Is(err, io.EOF) {
			return rows, nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		row, ok := makeCellRow(line, shown, raw, idx)
		if !ok {
			continue
		}
		if len(rows) == maxRows {
			return nil, []Problem{{Line: line, Msg: MsgTooManyRows, Args: map[string]any{"Max": maxRows}}}, nil
		}
		rows = append(rows, row)
	}
}

// cellRow is one data row: the cleaned text of each known column.
type cellRow struct {
	line  int
	cells map[string]string
}

func (r cellRow) get(key string) string { return r.cells[key] }

// makeCellRow picks the known columns out of a row; ok is false when all of
// them are empty. 分值 and 难度 are read from the stored value, since a
// number format can show 2.5 as "3".
func makeCellRow(line int, shown, raw []string, idx map[string]int) (cellRow, bool) {
	row := cellRow{line: line, cells: map[string]string{}}
	ok := false
	for key, i := range idx {
		cells := shown
		if raw != nil && (key == ColPoints || key == ColDifficulty) {
			cells = raw
		}
		if i >= len(cells) {
			continue
		}
		v := cleanCell(cells[i])
		row.cells[key] = v
		ok = ok || v != ""
	}
	return row, ok
}

// cleanCell trims a cell, makes it valid UTF-8 and undoes the apostrophe
// that sheet puts before text a spreadsheet would take for a formula.
func cleanCell(s string) string {
	return sheet.Trim(sheet.Unescape(sheet.Trim(strings.ToValidUTF8(s, "\uFFFD"))))
}
