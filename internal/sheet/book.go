package sheet

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Table is one sheet of a workbook for analysis: unlike Write's text
// columns, numbers stay numbers (so a manager can sum and chart them) and
// each column may carry an Excel number format such as "0.00%" or
// "#,##0.00". Cells are string (escaped against formulas), int, int64,
// float64, Number (a value with its own format, for columns that mix
// units) or nil (empty).
type Table struct {
	Name    string
	Headers []string
	Formats []string // per column; "" = General
	Widths  []float64
	Rows    [][]any
}

// Number is a numeric cell with its own number format.
type Number struct {
	Value  float64
	Format string
}

// WriteBook writes tables as the sheets of one XLSX workbook, in order,
// each with a bold frozen header row.
func WriteBook(w io.Writer, tables []Table) error {
	if len(tables) == 0 {
		return fmt.Errorf("sheet: a workbook needs a sheet")
	}
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	for i, t := range tables {
		t.Name = SheetName(t.Name)
		if err := addTable(f, i, t); err != nil {
			return fmt.Errorf("sheet %q: %w", t.Name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.Write(w); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	return nil
}

// SheetName is name as Excel accepts it: without : \ / ? * [ ] and at
// most 31 characters.
func SheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		return "Sheet"
	}
	return name
}

func addTable(f *excelize.File, i int, t Table) error {
	if i == 0 {
		if err := f.SetSheetName(f.GetSheetName(0), t.Name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(t.Name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.Name)
	if err != nil {
		return err
	}
	st := &styleSet{f: f, ids: map[string]int{}}
	styles, err := st.columns(t.Formats, len(t.Headers))
	if err != nil {
		return err
	}
	if err := tableLayout(sw, t); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEF1FB"}}})
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", cells(t.Headers), excelize.RowOpts{StyleID: bold}); err != nil {
		return err
	}
	for r, row := range t.Rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		values, err := st.cells(row, styles)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, values); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// tableLayout sets column widths (16 unless given) and freezes the header.
func tableLayout(sw *excelize.StreamWriter, t Table) error {
	for c := range t.Headers {
		width := 16.0
		if c < len(t.Widths) && t.Widths[c] > 0 {
			width = t.Widths[c]
		}
		if err := sw.SetColWidth(c+1, c+1, width); err != nil {
			return err
		}
	}
	return sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// styleSet makes one style per number format, on demand.
type styleSet struct {
	f   *excelize.File
	ids map[string]int
}

func (s *styleSet) of(format string) (int, error) {
	if format == "" {
		return 0, nil
	}
	if id, ok := s.ids[format]; ok {
		return id, nil
	}
	code := format
	id, err := s.f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return 0, err
	}
	s.ids[format] = id
	return id, nil
}

// columns are the styles of the columns' formats.
func (s *styleSet) columns(formats []string, n int) ([]int, error) {
	styles := make([]int, n)
	for c := range styles {
		if c < len(formats) {
			id, err := s.of(formats[c])
			if err != nil {
				return nil, err
			}
			styles[c] = id
		}
	}
	return styles, nil
}

func (s *styleSet) cells(row []any, styles []int) ([]any, error) {
	out := make([]any, len(row))
	for c, v := range row {
		style := 0
		if c < len(styles) {
			style = styles[c]
		}
		switch x := v.(type) {
		case nil:
		case string:
			out[c] = excelize.Cell{StyleID: style, Value: Escape(x)}
		case int, int64, float64:
			out[c] = excelize.Cell{StyleID: style, Value: x}
		case Number:
			id, err := s.of(x.Format)
			if err != nil {
				return nil, err
			}
			out[c] = excelize.Cell{StyleID: id, Value: x.Value}
		default:
			out[c] = excelize.Cell{StyleID: style, Value: Escape(fmt.Sprint(x))}
		}
	}
	return out, nil
}
