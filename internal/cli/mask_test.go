package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// secrets are the personal data of the fixtures; none may survive.
var secrets = []string{"13800138000", "0013", "13900139000", "11010519491231002X", "6222021234567890128", "张三丰", "文三路", "zhang.san@qq.com", "tb_zhang"}

const maskCSVFixture = "订单编号,买家会员名,收货人姓名,联系手机,收货地址,买家留言,身份证号\n" +
	"1234567890123456789,tb_zhang,张三丰,13800138000,浙江省杭州市西湖区文三路 90 号,退款到6222021234567890128,11010519491231002X\n" +
	"1234567890123456790,tb_zhang,张三丰,+86 138 0013 8000,浙江省杭州市西湖区文三路 90 号,邮箱zhang.san@qq.com,11010519491231002X\n" +
	"1234567890123456791,tb_li,李四,13900139000,上海,好评,\n"

var token = regexp.MustCompile(`[mu]_[0-9a-z]{10}`)

func runMask(t *testing.T, name string, content []byte, extra ...string) (dir, out string) {
	t.Helper()
	dir = t.TempDir()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, content, 0o600); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(dir, "out-"+name)
	args := append([]string{"mask", in, "--out", out, "--data", filepath.Join(dir, "data"), "--report", filepath.Join(dir, "r.json")}, extra...)
	if code, _, errOut := run(t, args...); code != 0 {
		t.Fatalf("mask %s: %d %s", name, code, errOut)
	}
	return dir, out
}

func noSecrets(t *testing.T, got string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(got, s) {
			t.Errorf("%q survives in\n%s", s, got)
		}
	}
}

func TestMaskCSV(t *testing.T) {
	dir, out := runMask(t, "orders.csv", []byte(maskCSVFixture))
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	noSecrets(t, got)
	if !strings.HasPrefix(got, "\ufeff订单编号,") || !strings.Contains(got, "1234567890123456790") || !strings.Contains(got, "浙江省/杭州市") {
		t.Errorf("output:\n%s", got)
	}
	lines := strings.Split(got, "\r\n")
	if tok := token.FindAllString(lines[1], -1); len(tok) < 2 || !strings.Contains(lines[2], tok[0]) || !strings.Contains(lines[2], tok[1]) {
		t.Errorf("a repeat buyer and phone get other tokens:\n%s\n%s", lines[1], lines[2])
	}
	var reps []struct {
		Rows    int
		Columns []struct{ Kind, Action string }
	}
	rb, _ := os.ReadFile(filepath.Join(dir, "r.json"))
	if err := json.Unmarshal(rb, &reps); err != nil || len(reps) != 1 || reps[0].Rows != 3 || reps[0].Columns[6].Kind != "id_card" {
		t.Errorf("report %s: %v", rb, err)
	}
	if st, err := os.Stat(filepath.Join(dir, "data", "mask.key")); err != nil || st.Size() != 32 {
		t.Errorf("key: %v", err)
	}
}

func TestMaskXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := strings.Split(strings.TrimSpace(maskCSVFixture), "\n")
	_ = f.SetCellStr("Sheet1", "A1", "订单导出 联系人13900139000")
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		vals := []any{}
		for _, c := range strings.Split(r, ",") {
			vals = append(vals, c)
		}
		_ = f.SetSheetRow("Sheet1", cell, &vals)
	}
	_, _ = f.NewSheet("备注")
	_ = f.SetSheetRow("备注", "A1", &[]any{"说明", "电话"})
	_ = f.SetSheetRow("备注", "A2", &[]any{"老客户 tb_zhang", "13800138000"})
	path := filepath.Join(t.TempDir(), "in.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	_, out := runMask(t, "orders.xlsx", b)
	g, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if names := g.GetSheetList(); strings.Join(names, ",") != "Sheet1,备注" {
		t.Fatalf("sheets %v", names)
	}
	var all strings.Builder
	for _, name := range g.GetSheetList() {
		rs, _ := g.GetRows(name)
		for _, r := range rs {
			all.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	got := all.String()
	for _, s := range secrets[:len(secrets)-1] { // tb_zhang in free text is not personal data the scanner knows
		if strings.Contains(got, s) {
			t.Errorf("%q survives in\n%s", s, got)
		}
	}
	rs, _ := g.GetRows("Sheet1")
	if len(rs) != 5 || rs[1][0] != "订单编号" || rs[2][4] != "浙江省/杭州市" || rs[2][1] != rs[3][1] {
		t.Errorf("Sheet1:\n%s", got)
	}
}

func TestMaskText(t *testing.T) {
	in := "买家留言：电话13800138000，卡号6222021234567890128\n订单号1234567890123456789\n身份证11010519491231002X 电话 138 0013 8000"
	_, out := runMask(t, "chat.txt", []byte(in))
	b, _ := os.ReadFile(out)
	got := string(b)
	noSecrets(t, got)
	if strings.Count(got, "\n") != 2 || !strings.Contains(got, "订单号1234567890123456789\n") {
		t.Errorf("output %q", got)
	}
	if tok := token.FindAllString(got, -1); len(tok) != 2 || tok[0] != tok[1] {
		t.Errorf("one phone in two forms gets tokens %v", tok)
	}
}

func TestMaskRefuses(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.csv")
	_ = os.WriteFile(in, []byte(maskCSVFixture), 0o600)
	_ = os.WriteFile(filepath.Join(dir, "short.key"), []byte("short"), 0o600)
	for _, args := range [][]string{
		{"mask", in, "--out", in, "--data", dir},
		{"mask", in, "--out", in + ".out", "--data", dir, "--column", "手机=hide"},
		{"mask", in, "--out", in + ".out", "--key-file", filepath.Join(dir, "short.key")},
	} {
		if code, _, _ := run(t, args...); code == 0 {
			t.Errorf("%v succeeded", args)
		}
	}
}
