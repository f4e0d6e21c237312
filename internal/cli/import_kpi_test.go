package cli

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/server"
)

// newStoreData makes a data directory holding one Tmall store.
func newStoreData(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	cfg := config.Default()
	cfg.DataDir = data
	inst, err := server.OpenApp(context.Background(), cfg, slog.New(slog.DiscardHandler), server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	if _, err := inst.App.CreateStore(context.Background(), cliActor, app.StoreInput{Platform: shopdojo.PlatformTmall, Name: "旗舰店"}); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestImportKPICommand(t *testing.T) {
	data := newStoreData(t)
	file := filepath.Join(t.TempDir(), "orders.csv")
	body := "订单编号,买家会员名,联系手机,收货地址,买家实际支付金额,订单创建时间,订单付款时间\n" +
		"1001,小雨,13800138000,浙江省杭州市西湖区文三路1号,10.00,2026-03-01 10:00:00,2026-03-01 10:00:30\n" +
		"1002,老李,13900139000,上海市浦东新区世纪大道2号,oops,2026-03-01 11:00:00,\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "--data", data, "import", "kpi", "--store", "旗舰店", file)
	if code == 0 || !strings.Contains(errOut, "row 3") || !strings.Contains(out, "rejected") {
		t.Fatalf("a file with a bad row: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, "--data", data, "import", "kpi", "--store", "旗舰店", "--keep-good", "--column", "联系手机=drop", file)
	if code != 0 || !strings.Contains(out, "done") || !strings.Contains(out, "1 stored") || !strings.Contains(errOut, "100%") {
		t.Fatalf("keeping the good rows: %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "address") || !strings.Contains(errOut, "→ region") || !strings.Contains(errOut, "emptied") {
		t.Errorf("no masking report:\n%s", errOut)
	}
	if code, _, errOut := run(t, "--data", data, "import", "kpi", "--store", "没有这家店", file); code == 0 || !strings.Contains(errOut, "no store") {
		t.Fatalf("an unknown store: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "--data", data, "import", "kpi", "--store", "旗舰店", "--column", "x", file); code == 0 || !strings.Contains(errOut, "HEADER=ACTION") {
		t.Fatalf("a bad --column: %d %s", code, errOut)
	}
}

// TestImportKPIRealTmall imports the real Tmall sample when it is here.
func TestImportKPIRealTmall(t *testing.T) {
	file := sampleData(t, "tmall_order_report.csv")
	data := newStoreData(t)
	code, out, errOut := run(t, "--data", data, "import", "kpi", "--store", "旗舰店", "--preset", "tmall_orders", file)
	if code != 0 || !strings.Contains(out, "28010 records, 28010 stored, 0 problems") {
		t.Fatalf("the real Tmall sample: %d\n%s\n%s", code, out, errOut)
	}
}

// sampleData is a file of the shared sample data, or a skip.
func sampleData(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("SHOPDOJO_SAMPLE_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("sample data %s not here", p)
	}
	return p
}
