package sheet

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteBook writes two sheets: numbers stay numeric with their
// column's format, text is escaped, nil is an empty cell.
func TestWriteBook(t *testing.T) {
	var b bytes.Buffer
	err := WriteBook(&b, []Table{
		{Name: "指标", Headers: []string{"指标", "数值", "目标"}, Formats: []string{"", "0.00%", "0.00%"},
			Rows: [][]any{{"支付转化率", 0.0312, 0.045}, {"=1+1", nil, int64(3)}, {"客单价", Number{Value: 158.5, Format: "#,##0.00"}, nil}}},
		{Name: "差距", Headers: []string{"#", "金额"}, Formats: []string{"0", "#,##0.00"}, Rows: [][]any{{1, 12345.5}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "指标" || got[1] != "差距" {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("指标")
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][1] != "3.12%" || rows[1][2] != "4.50%" || rows[2][0] != "'=1+1" || rows[2][1] != "" {
		t.Fatalf("rows %q", rows)
	}
	raw, _ := f.GetCellValue("指标", "B2", excelize.Options{RawCellValue: true})
	typ, _ := f.GetCellType("指标", "B2")
	if raw != "0.0312" || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Fatalf("B2 raw %q type %v: want a number", raw, typ)
	}
	if rows[3][1] != "158.50" {
		t.Fatalf("own format %q", rows[3])
	}
	if v, _ := f.GetCellValue("差距", "B2"); v != "12,345.50" {
		t.Fatalf("money %q", v)
	}
	if err := WriteBook(&b, nil); err == nil {
		t.Fatal("empty workbook accepted")
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{"差距 / 缺口": "差距 - 缺口", "": "Sheet", "a[1]?": "a-1--",
		"Recommended training plan for the whole store": "Recommended training plan for t"} {
		if got := SheetName(in); got != want {
			t.Errorf("SheetName(%q) = %q, want %q", in, got, want)
		}
	}
}
