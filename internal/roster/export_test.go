package roster

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// peopleRows are validated rows, including values that need escaping.
var peopleRows = []Row{
	{Line: 2, EmployeeNo: "E001", Name: "张三", Mobile: "13800138000", Email: "zs@example.com",
		Department: "运营部", Position: "客服专员", Manager: "E000", Mentor: "E002", HireDate: "2024-03-01",
		Status: "active", Roles: "trainer,learner", Stores: "天猫旗舰店、京东店", DingTalkID: "dd-1",
		WeComID: "wc_1", FeishuID: "ou_123"},
	{Line: 3, EmployeeNo: "-7", Name: "=HYPERLINK(\"http://evil\")", Department: "+86 部门",
		Position: "@SUM(A1)", Status: "left", Roles: "learner", Stores: "\tTab店"},
	{Line: 4, EmployeeNo: "00123", Name: "李四", Status: "leaving", Roles: "learner", Stores: "＝全角"},
}

func TestExportRoundTrip(t *testing.T) {
	for _, format := range []string{"xlsx", "csv"} {
		for _, lang := range []string{"zh-CN", "en"} {
			t.Run(format+"/"+lang, func(t *testing.T) {
				var buf bytes.Buffer
				if err := Export(&buf, format, Headers(lang), peopleRows); err != nil {
					t.Fatal(err)
				}
				rows, probs, err := Parse(&buf, 0)
				if err != nil || len(probs) > 0 {
					t.Fatalf("Parse: %v %v", probs, err)
				}
				want := append([]Row(nil), peopleRows...)
				want[1].Stores = "Tab店" // Parse trims, and a tab is white space
				if diff := cmp.Diff(want, rows); diff != "" {
					t.Errorf("round trip (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestExportCSVEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := Export(&buf, "csv", nil, peopleRows); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("no UTF-8 BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(headersZH, recs[0]); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	got := recs[2]
	want := map[int]string{0: "'-7", 1: "'=HYPERLINK(\"http://evil\")", 4: "'+86 部门", 5: "'@SUM(A1)", 11: "'\tTab店"}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("cell %d = %q, want %q", i, got[i], w)
		}
	}
	if recs[3][11] != "'＝全角" {
		t.Errorf("full-width = not escaped: %q", recs[3][11])
	}
	if recs[1][0] != "E001" {
		t.Errorf("plain cell changed: %q", recs[1][0])
	}
}

func TestExportXLSXEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := Export(&buf, "xlsx", nil, peopleRows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"A1": "工号*", "A3": "'-7", "B3": "'=HYPERLINK(\"http://evil\")", "A4": "00123"} {
		got, err := f.GetCellValue(peopleSheet, cell)
		if err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", cell, got, err, want)
		}
		if formula, _ := f.GetCellFormula(peopleSheet, cell); formula != "" {
			t.Errorf("%s has formula %q", cell, formula)
		}
	}
}

func TestExportErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := Export(&buf, "pdf", nil, nil); err == nil {
		t.Error("unknown format: no error")
	}
	if err := Export(&buf, "csv", []string{"a", "b"}, nil); err == nil {
		t.Error("short headers: no error")
	}
}

func TestTemplate(t *testing.T) {
	b, err := Template()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if diff := cmp.Diff([]string{peopleSheet, notesSheet}, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	header, err := f.GetRows(peopleSheet)
	if err != nil || len(header) != 2 {
		t.Fatalf("people sheet rows = %d, %v; want 2", len(header), err)
	}
	if diff := cmp.Diff(headersZH, header[0]); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	notes, err := f.GetRows(notesSheet)
	if err != nil || len(notes) < len(columns) {
		t.Fatalf("notes rows = %d, %v", len(notes), err)
	}
	if !strings.Contains(notes[0][3], "Notes") || notes[1][0] != "工号" {
		t.Errorf("notes do not explain in both languages: %q", notes[:2])
	}

	dvs, err := f.GetDataValidations(peopleSheet)
	if err != nil || len(dvs) != 1 || dvs[0].Sqref != "J2:J100001" || dvs[0].Formula1 != `"在职,待离职,离职"` {
		t.Errorf("status drop-down = %v, %v", dvs, err)
	}

	rows, probs, err := Parse(bytes.NewReader(b), 0)
	if err != nil || len(probs) > 0 {
		t.Fatalf("Parse(Template()): %v %v", probs, err)
	}
	if probs := Validate(rows); len(probs) > 0 {
		t.Errorf("example row is not valid: %v", probs)
	}
	if len(rows) != 1 || rows[0].Line != 2 || rows[0].Status != "active" || rows[0].Roles != "learner" {
		t.Errorf("example row = %+v", rows)
	}
}
