package sheet

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// mixedWorkbook has every kind of cell the one-pass reader decodes:
// shared and inline strings, rich text, styled numbers, booleans,
// formulas, escapes, and gaps between rows and cells.
func mixedWorkbook(t *testing.T, date1904 bool) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	if date1904 {
		yes := true
		must(f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	}
	sh := "Sheet1"
	must(f.SetSheetRow(sh, "A1", &[]any{"订单编号", "金额", "日期", "比率", "编码", "布尔", "公式"}))
	must(f.SetSheetRow(sh, "A2", &[]any{"T1", 12.5, 45352.75, 0.0418, 123, true}))
	must(f.SetCellFormula(sh, "G2", "B2*2"))
	must(f.SetSheetRow(sh, "A4", &[]any{"T2", 1234567.891, 45353, 1.5, 7, false, "x"}))
	must(f.SetCellValue(sh, "C6", "行\r\n尾_x"))
	must(f.SetCellRichText(sh, "A6", []excelize.RichTextRun{{Text: "粗"}, {Text: "体", Font: &excelize.Font{Bold: true}}}))
	must(f.SetCellValue(sh, "E7", 6912345678901234567))
	must(f.SetCellValue(sh, "B7", 0.1+0.2))
	custom := `yyyy"年"m"月"d"日" hh:mm`
	for _, s := range []struct {
		cell  string
		style excelize.Style
	}{
		{"B2:B4", excelize.Style{NumFmt: 4}}, {"C2:C4", excelize.Style{CustomNumFmt: &custom}},
		{"D2:D4", excelize.Style{NumFmt: 10}}, {"E2:E4", excelize.Style{CustomNumFmt: strPtr("000000")}},
		{"B7:B7", excelize.Style{NumFmt: 49}},
	} {
		id, err := f.NewStyle(&s.style)
		must(err)
		must(f.SetCellStyle(sh, s.cell[:2], s.cell[3:], id))
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func strPtr(s string) *string { return &s }

// excelizeRows reads a sheet as the former reader did: excelize's Rows
// twice, once for the displayed text and once for the stored values.
func excelizeRows(t *testing.T, data []byte, sheet string) []row {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	shown, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := f.Rows(sheet)
	var out []row
	for line := 1; shown.Next(); line++ {
		raw.Next()
		s, err1 := shown.Columns()
		r, err2 := raw.Columns(excelize.Options{RawCellValue: true})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		out = append(out, row{line, s, r})
	}
	return out
}

func TestXLSXOnePassMatchesExcelize(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		data := mixedWorkbook(t, date1904)
		want := excelizeRows(t, data, "Sheet1")
		r, err := Open(bytes.NewReader(data), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []row
		for {
			line, cells, raw, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, row{line, clone(cells), clone(raw)})
		}
		_ = r.Close()
		if len(got) != 7 || len(got[1].Cells) != 7 || got[1].Cells[3] != "4.18%" || got[1].Raw[3] != "0.0418" {
			t.Errorf("date1904 %v: rows %+v", date1904, got)
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []string) bool {
			return cmp.Equal(a, b) || len(a) == 0 && len(b) == 0
		})); diff != "" {
			t.Errorf("date1904 %v (-excelize +one pass):\n%s", date1904, diff)
		}
	}
}
