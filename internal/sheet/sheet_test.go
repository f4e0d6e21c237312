package sheet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+86 138": "'+86 138", "-1": "'-1", "@SUM": "'@SUM",
		"＝1+1": "'＝1+1", "\tx": "'\tx", "张三": "张三", "": "", "SD1001": "SD1001", "a=b": "a=b",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "csv", "x", []string{"姓名", "备注"}, [][]string{{"李娜", "=cmd|' /C calc'!A0"}, {"刘洋", "多行\n备注"}}); err != nil {
		t.Fatal(err)
	}
	want := "\ufeff姓名,备注\r\n李娜,'=cmd|' /C calc'!A0\r\n刘洋,\"多行\r\n备注\"\r\n"
	if b.String() != want {
		t.Fatalf("csv %q", b.String())
	}
}

func TestXLSX(t *testing.T) {
	var b bytes.Buffer
	rows := [][]string{{"SD001", "+8613800138000"}, {"SD002", "普通"}}
	if err := Write(&b, "XLSX", "审计日志", []string{"工号", "手机"}, rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.GetRows("审计日志")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[1][0] != "SD001" || got[1][1] != "'+8613800138000" || got[2][1] != "普通" {
		t.Fatalf("rows %q", got)
	}
	if err := Write(&b, "ods", "x", nil, nil); err == nil || !strings.Contains(err.Error(), "ods") {
		t.Fatalf("unknown format: %v", err)
	}
}
