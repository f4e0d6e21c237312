// Package sheet reads and writes tables of text cells as spreadsheets people
// open in Excel or WPS. Writing: CSV (UTF-8 with a BOM, CRLF, as Excel
// expects) and XLSX (streamed, text-formatted columns, a frozen bold header
// row), with every cell guarded against formula injection, so exported
// names, notes or chat ids can never run as formulas. Reading (Open): the
// format and CSV encoding sniffed from the content, Excel's row numbers,
// the sheet chosen by its header row, and damaged files reported as
// content errors rather than I/O failures, so importers such as roster and
// qbank only map columns.
package sheet

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (OWASP's list plus their full-width forms, which
// Chinese input methods produce).
const formulaStarts = "=+-@\t\r＝＋－＠"

// StartsFormula reports whether a spreadsheet would read s as a formula.
func StartsFormula(s string) bool {
	c, n := utf8.DecodeRuneInString(s)
	return n > 0 && c != utf8.RuneError && strings.ContainsRune(formulaStarts, c)
}

// Escape puts an apostrophe before a cell that would be read as a formula.
// This also hits plain negative numbers and "+86 …" phone numbers: the
// apostrophe is visible but harmless, and importers remove it again.
func Escape(s string) string {
	if StartsFormula(s) {
		return "'" + s
	}
	return s
}

// Write writes headers and rows as format "csv" or "xlsx"; name is the
// XLSX sheet's name.
func Write(w io.Writer, format, name string, headers []string, rows [][]string) error {
	switch strings.ToLower(format) {
	case "csv":
		return WriteCSV(w, headers, rows)
	case "xlsx":
		return WriteXLSX(w, name, headers, rows)
	}
	return fmt.Errorf("sheet: unknown format %q", format)
}

// WriteCSV writes a BOM, the escaped header and the escaped rows.
func WriteCSV(w io.Writer, headers []string, rows [][]string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	_ = cw.Write(escapeAll(headers))
	for _, r := range rows {
		_ = cw.Write(escapeAll(r))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	return nil
}

// WriteXLSX writes a one-sheet workbook.
func WriteXLSX(w io.Writer, name string, headers []string, rows [][]string) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	if err := Stream(f, name, headers, rows); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	return nil
}

// Stream writes headers and rows into an existing sheet of f. Columns are
// formatted as text so numbers typed into them later (mobiles, employee
// numbers with leading zeros) stay as typed. Settings such as data
// validation must be made before: the stream writer copies them when it
// starts.
func Stream(f *excelize.File, name string, headers []string, rows [][]string) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := setupColumns(sw, len(headers), text); err != nil {
		return err
	}
	if err := sw.SetRow("A1", cells(headers), excelize.RowOpts{StyleID: bold}); err != nil {
		return err
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells(r)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func setupColumns(sw *excelize.StreamWriter, n, style int) error {
	if n == 0 {
		return nil
	}
	if err := sw.SetColWidth(1, n, 16); err != nil {
		return err
	}
	if err := sw.SetColStyle(1, n, style); err != nil {
		return err
	}
	return sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

func escapeAll(in []string) []string {
	out := make([]string, len(in))
	for i, c := range in {
		out[i] = Escape(c)
	}
	return out
}

func cells(in []string) []any {
	out := make([]any, len(in))
	for i, c := range in {
		out[i] = Escape(c)
	}
	return out
}
