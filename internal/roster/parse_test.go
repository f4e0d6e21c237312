package roster

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16le(t *testing.T, s string) []byte {
	t.Helper()
	b, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const basicCSV = "工号,姓名,手机号,部门\r\nE001,张三,13800138000,运营部\r\nE002,李四,,客服部\r\n"

var basicRows = []Row{
	{Line: 2, EmployeeNo: "E001", Name: "张三", Mobile: "13800138000", Department: "运营部"},
	{Line: 3, EmployeeNo: "E002", Name: "李四", Department: "客服部"},
}

func TestParseCSV(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		max   int
		rows  []Row
		probs []Problem
	}{
		{name: "utf-8", input: []byte(basicCSV), rows: basicRows},
		{name: "utf-8 bom", input: []byte("\ufeff" + basicCSV), rows: basicRows},
		{name: "gbk", input: gbk(t, basicCSV), rows: basicRows},
		{name: "utf-16 tab separated", input: utf16le(t, strings.ReplaceAll(basicCSV, ",", "\t")), rows: basicRows},
		{name: "lf line ends", input: []byte(strings.ReplaceAll(basicCSV, "\r\n", "\n")), rows: basicRows},
		{
			name:  "title rows above header",
			input: []byte("2024年员工花名册\n导出时间：2024-05-01,,\n工号,姓名\nE001,张三\n"),
			rows:  []Row{{Line: 4, EmployeeNo: "E001", Name: "张三"}},
		},
		{
			name: "header aliases with markers and spaces",
			input: []byte(" 员工编号 * ,\u3000姓名（必填）,*手机号码,Email ,所属部门,职位,上级工号,导师,入职时间,在职状态,角色," +
				"负责店铺,钉钉userid,企微ID,飞书open_id,备注\n" +
				"E001,张三,138-0013-8000,A@B.CN,运营部,客服,E000,E002,2024/3/1,在职,学员、讲师,店1、店2,dd1,wc1,fs1,ignored\n"),
			rows: []Row{{Line: 2, EmployeeNo: "E001", Name: "张三", Mobile: "138-0013-8000", Email: "A@B.CN",
				Department: "运营部", Position: "客服", Manager: "E000", Mentor: "E002", HireDate: "2024/3/1",
				Status: "在职", Roles: "学员、讲师", Stores: "店1、店2", DingTalkID: "dd1", WeComID: "wc1", FeishuID: "fs1"}},
		},
		{
			name:  "english headers",
			input: []byte("Employee_No,Full Name,Phone,E-Mail,Hire Date\ne-1,Ann,+86 138 0013 8000,ann@example.com,45352\n"),
			rows:  []Row{{Line: 2, EmployeeNo: "e-1", Name: "Ann", Mobile: "+86 138 0013 8000", Email: "ann@example.com", HireDate: "45352"}},
		},
		{
			name:  "blank lines and short rows keep excel line numbers",
			input: []byte("工号,姓名,部门\n\nE001,张三\n,,\n\"E002\",\"李\n四\"\nE003,王五,运营部\n"),
			rows: []Row{
				{Line: 3, EmployeeNo: "E001", Name: "张三"},
				{Line: 5, EmployeeNo: "E002", Name: "李\n四"},
				{Line: 6, EmployeeNo: "E003", Name: "王五", Department: "运营部"},
			},
		},
		{
			name:  "apostrophe from export is removed",
			input: []byte("工号,姓名,部门\nE001,'=张三,'-1\n"),
			rows:  []Row{{Line: 2, EmployeeNo: "E001", Name: "=张三", Department: "-1"}},
		},
		{
			name:  "missing name column",
			input: []byte("标题\n工号,手机\nE001,13800138000\n"),
			probs: []Problem{{Line: 2, Field: "name", Msg: "roster.missing_column", Args: map[string]any{"Column": "name"}}},
		},
		{
			name:  "no header row",
			input: []byte("\nfoo,bar\n1,2\n"),
			probs: []Problem{
				{Line: 2, Field: "employee_no", Msg: "roster.missing_column", Args: map[string]any{"Column": "employee_no"}},
				{Line: 2, Field: "name", Msg: "roster.missing_column", Args: map[string]any{"Column": "name"}},
			},
		},
		{
			name:  "header below row 10 is not looked for",
			input: []byte(strings.Repeat("x\n", 10) + "工号,姓名\nE001,张三\n"),
			probs: []Problem{
				{Line: 1, Field: "employee_no", Msg: "roster.missing_column", Args: map[string]any{"Column": "employee_no"}},
				{Line: 1, Field: "name", Msg: "roster.missing_column", Args: map[string]any{"Column": "name"}},
			},
		},
		{name: "empty", input: nil, probs: []Problem{{Msg: "roster.empty"}}},
		{name: "only blanks", input: []byte("\n , \n"), probs: []Problem{{Msg: "roster.empty"}}},
		{
			name:  "exactly max rows",
			input: []byte("工号,姓名\nE1,a\n\nE2,b\n"),
			max:   2,
			rows:  []Row{{Line: 2, EmployeeNo: "E1", Name: "a"}, {Line: 4, EmployeeNo: "E2", Name: "b"}},
		},
		{
			name:  "too many rows",
			input: []byte("工号,姓名\nE1,a\nE2,b\nE3,c\n"),
			max:   2,
			probs: []Problem{{Line: 4, Msg: "roster.too_many_rows", Args: map[string]any{"Max": 2}}},
		},
		{name: "legacy xls", input: []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), probs: []Problem{{Msg: "roster.unsupported_format"}}},
		{name: "damaged xlsx", input: []byte("PK\x03\x04garbage"), probs: []Problem{{Msg: "roster.file_invalid"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, probs, err := Parse(bytes.NewReader(tt.input), tt.max)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.rows, rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.probs, probs); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// buildXLSX writes a workbook the way people make them by hand: a merged
// title row, a blank row, then the header, with typed cells (dates, numbers).
func buildXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const s = "Sheet1"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue(s, "A1", "2024年员工花名册"))
	must(f.MergeCell(s, "A1", "F1"))
	must(f.SetSheetRow(s, "A3", &[]any{"工号*", "姓名 *", "手机号", "入职日期", "状态", "角色"}))
	must(f.SetSheetRow(s, "A4", &[]any{"E001", "张三", 13800138000, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), "在职", "学员"}))
	must(f.SetSheetRow(s, "A6", &[]any{123, "李四", "+86 139 0013 9000", "2024年3月2日", "离职", "主管,导师"}))
	// Display the number 123 as 00123, as HR files with numeric ids do.
	zeros := "00000"
	st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &zeros})
	must(err)
	must(f.SetCellStyle(s, "A6", "A6", st))
	// A Chinese long-date display must not leak into the value.
	long := `yyyy"年"m"月"d"日"`
	ds, err := f.NewStyle(&excelize.Style{CustomNumFmt: &long})
	must(err)
	must(f.SetCellStyle(s, "D4", "D4", ds))
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func TestParseXLSX(t *testing.T) {
	rows, probs, err := Parse(bytes.NewReader(buildXLSX(t)), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := []Row{
		{Line: 4, EmployeeNo: "E001", Name: "张三", Mobile: "13800138000", HireDate: "45352", Status: "在职", Roles: "学员"},
		{Line: 6, EmployeeNo: "00123", Name: "李四", Mobile: "+86 139 0013 9000", HireDate: "2024年3月2日", Status: "离职", Roles: "主管,导师"},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Fatalf("rows (-want +got):\n%s", diff)
	}
	if probs := Validate(rows); len(probs) > 0 {
		t.Fatalf("validate: %v", probs)
	}
	want[0].HireDate, want[0].Status, want[0].Roles = "2024-03-01", "active", "learner"
	want[1].HireDate, want[1].Status, want[1].Roles = "2024-03-02", "left", "mentor,team_lead"
	want[1].Mobile = "13900139000"
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("validated rows (-want +got):\n%s", diff)
	}
}

func TestParseXLSXFindsDataSheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "A1", "请先阅读说明"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("人员"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("人员", "A1", &[]any{"工号", "姓名"}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("人员", "A2", &[]any{"E9", "赵六"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, probs, err := Parse(&buf, 0)
	if err != nil || len(probs) > 0 {
		t.Fatalf("Parse: %v %v", probs, err)
	}
	if diff := cmp.Diff([]Row{{Line: 2, EmployeeNo: "E9", Name: "赵六"}}, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestNormalizeHeader(t *testing.T) {
	tests := map[string]string{
		" 工号 * ":            "工号",
		"*工号":               "工号",
		"工号（必填）":            "工号",
		"工号(必填)*":           "工号",
		"\u3000姓名\u3000":    "姓名",
		"Employee_No":       "employee no",
		"EMPLOYEE   NUMBER": "employee number",
		"飞书open_id":         "飞书open id",
	}
	for in, want := range tests {
		if got := normalizeHeader(in); got != want {
			t.Errorf("normalizeHeader(%q) = %q, want %q", in, got, want)
		}
	}
}
