package e2e

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/app"
)

// ordersCSV is a 千牛 order report as a store exports it, personal columns
// included; the last row has an amount no one can read.
const ordersCSV = "订单编号,买家会员名,收货人姓名,联系手机,收货地址,总金额,买家实际支付金额,订单状态,订单创建时间,订单付款时间,退款金额,宝贝标题\n" +
	"202611280001,海边的猫,林小雨,13800138000,浙江省杭州市西湖区文三路 90 号,199.00,189.00,交易成功,2026-11-28 10:00:00,2026-11-28 10:01:00,0.00,纯棉四件套\n" +
	"202611280002,老王家,王建国,13900139000,上海市浦东新区世纪大道 100 号,59.90,59.90,交易成功,2026-11-28 11:00:00,2026-11-28 11:00:40,59.90,收纳箱\n" +
	"202611290003,海边的猫,林小雨,13800138000,浙江省杭州市西湖区文三路 90 号,299.00,279.00,交易成功,2026-11-29 09:30:00,2026-11-29 09:31:00,0.00,乳胶枕\n" +
	"202611290004,某人,某人,13700137000,北京市朝阳区建国路 1 号,abc,12.00,交易成功,2026-11-29 08:00:00,2026-11-29 08:00:30,0.00,浴巾\n"

// TestStoreDiagnosis follows a training manager importing a store's order
// export: a file with a bad row is refused and stores nothing, the good
// rows are then imported on request, the masking report shows phones and
// names were never stored and addresses kept to the city, and the
// diagnosis of the demo store shows its gaps, the sales change and the
// plan, in Chinese and English.
func TestStoreDiagnosis(t *testing.T) {
	s := start(t)
	file := filepath.Join(t.TempDir(), "订单报表.csv")
	if err := os.WriteFile(file, []byte(ordersCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	storeID := s.storeID(t, "示例家居天猫旗舰店")
	ctx := browser(t, 1280, 1000, false)
	signIn(t, ctx, s, "SD9001", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=stat-active]")), chromedp.Navigate(s.url+"/stores"),
		chromedp.Click(css(`a[href="/stores/`+storeID+`/data"]`)), chromedp.WaitVisible(css("[data-testid=storedata-file]")))
	upload := func(keep bool) {
		t.Helper()
		acts := []chromedp.Action[chromedp.Void]{chromedp.WaitVisible(css("[data-testid=storedata-file]")), chromedp.SetUploadFiles(css("[data-testid=storedata-file]"), []string{file})}
		if keep {
			acts = append(acts, chromedp.Click(css(`input[name=keep_good]`)))
		}
		acts = append(acts, chromedp.Click(css("[data-testid=storedata-submit]")), chromedp.WaitVisible(css("[data-testid=masking-report], [data-testid=import-problems]")))
		do(t, ctx, acts...)
		// A big file shows its progress first; this one is done at once
		// or after the page's refresh.
		do(t, ctx, chromedp.WaitVisible(css("[data-testid=import-stored]")))
	}
	upload(false)
	waitText(t, ctx, "[data-testid=import-status]", "未入库")
	waitText(t, ctx, "[data-testid=import-problems]", "abc")
	if got := text(t, ctx, "[data-testid=import-stored]"); got != "0" {
		t.Fatalf("a refused file stored %s rows", got)
	}
	s.shot(t, ctx, "storedata-01-refused")
	do(t, ctx, chromedp.Click(css(`.breadcrumbs a:nth-child(2)`)))
	upload(true)
	waitText(t, ctx, "[data-testid=import-status]", "已完成")
	waitText(t, ctx, "[data-testid=import-stored]", "3")
	report := text(t, ctx, "[data-testid=masking-report]")
	for _, want := range []string{"联系手机", "手机号", "不入库", "收货地址", "只保留省市", "买家会员名", "固定代号"} {
		if !strings.Contains(report, want) {
			t.Errorf("masking report lacks %q:\n%s", want, report)
		}
	}
	s.shot(t, ctx, "storedata-02-masking-report")
	// The demo's Tmall store has 60 days of data: its diagnosis.
	do(t, ctx, chromedp.Navigate(s.url+"/stores"), chromedp.Click(css(`a[href="/stores/`+storeID+`/diagnosis"]`)),
		chromedp.WaitVisible(css("[data-testid=kpi-cards]")))
	waitText(t, ctx, "[data-testid=gaps]", "同行同层平均")
	waitText(t, ctx, "[data-testid=gaps]", "客户服务与售后运营")
	waitText(t, ctx, "[data-testid=gmv-change]", "与上一周期相比")
	waitText(t, ctx, "[data-testid=training-plan]", "P1")
	do(t, ctx, chromedp.WaitVisible(css(`[data-chart-src=chart-trend] svg`)), chromedp.WaitVisible(css(`[data-chart-src=chart-change] svg`)))
	s.shot(t, ctx, "diagnosis-01-zh")
	checkDiagnosisDownloads(t, ctx)
	// A 同行同层优秀 value copied from 生意参谋 becomes the conversion target.
	do(t, ctx, chromedp.SetValue(css("#t-metric"), "pay_conversion"), chromedp.SendKeys(css("#t-value"), "4.2"),
		chromedp.SetValue(css("#t-source"), "peer_top"), chromedp.SendKeys(css("#t-note"), "生意参谋 同行同层优秀 11 月"),
		chromedp.Click(css("[data-testid=target-save]")), chromedp.WaitVisible(css("[data-testid=targets]")))
	waitText(t, ctx, "[data-testid=targets]", "4.20%")
	waitText(t, ctx, "[data-testid=gaps]", "同行同层优秀")
	// The manager accepts the plan: the positions' course maps are assigned.
	do(t, ctx, chromedp.Click(css("[data-testid=accept-plan]")), chromedp.WaitVisible(css(".toast")))
	waitText(t, ctx, ".toast", "已采纳培训计划")
	if n := countRows(t, s, "SELECT COUNT(*) FROM audit_events WHERE action = 'storedata.plan_accept'"); n != 1 {
		t.Fatalf("%d plan acceptances recorded", n)
	}
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css("[data-testid=kpi-cards]")))
	waitText(t, ctx, "[data-testid=gaps]", "peer top performers")
	waitText(t, ctx, "[data-testid=gmv-change]", "Against the previous period")
	do(t, ctx, chromedp.WaitVisible(css(`[data-chart-src=chart-trend] svg`)))
	s.shot(t, ctx, "diagnosis-02-en")
	// On a phone the page still reads.
	phone := browser(t, 390, 844, true)
	signIn(t, phone, s, "SD9001", app.DemoPassword)
	do(t, phone, chromedp.WaitVisible(css("[data-testid=stat-active]")), chromedp.Navigate(s.url+"/stores/"+storeID+"/diagnosis"),
		chromedp.WaitVisible(css("[data-testid=kpi-cards]")))
	s.shot(t, phone, "diagnosis-03-phone")
}

// checkDiagnosisDownloads clicks 导出 Excel and a chart's 下载图片 and
// reads what the browser saved: a workbook whose metrics are numbers, and
// a PNG with the chart drawn on it.
func checkDiagnosisDownloads(t *testing.T, ctx context.Context) {
	t.Helper()
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click(css("[data-testid=diagnosis-export]")))
	book, err := excelize.OpenFile(waitDownload(t, dir, ".xlsx"))
	must(t, err)
	defer func() { _ = book.Close() }()
	if got := book.GetSheetList(); len(got) < 6 || got[0] != "核心指标" || !slices.Contains(got, "短板排行") {
		t.Fatalf("sheets %q", got)
	}
	rows, err := book.GetRows("核心指标")
	must(t, err)
	var conv []string
	for _, r := range rows {
		if len(r) > 1 && r[0] == "支付转化率" {
			conv = r
		}
	}
	if len(conv) < 4 || !strings.HasSuffix(conv[1], "%") || conv[3] == "" {
		t.Fatalf("支付转化率 row %q in %q", conv, rows)
	}
	do(t, ctx, chromedp.Click(css("[data-testid=png-trend]")))
	f, err := os.Open(waitDownload(t, dir, ".png"))
	must(t, err)
	defer func() { _ = f.Close() }()
	img, err := png.Decode(f)
	must(t, err)
	b := img.Bounds()
	if b.Dx() < 600 || b.Dy() < 300 {
		t.Fatalf("chart image %v", b)
	}
	inked := 0
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0xe000 {
				inked++
			}
		}
	}
	if inked < 200 {
		t.Fatalf("chart image is nearly blank (%d dark samples)", inked)
	}
}

// waitDownload waits for the browser to finish saving a file with ext.
func waitDownload(t *testing.T, dir, ext string) string {
	t.Helper()
	for range 200 {
		names, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
		if len(names) == 1 {
			return names[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no %s download in %s", ext, dir)
	return ""
}

// countRows runs a COUNT query against the site's database.
func countRows(t *testing.T, s *site, query string) int {
	t.Helper()
	var n int
	if err := s.srv.Store.Raw().QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStoreMapColumns: an export no preset knows goes to the mapping
// screen; the manager maps its columns, and the import runs with them.
func TestStoreMapColumns(t *testing.T) {
	s := start(t)
	file := filepath.Join(t.TempDir(), "自制订单.csv")
	body := "单号,会员,实付,支付时间\nB1,阿花,12.50,2026-11-28 10:00:00\nB2,阿草,7.00,2026-11-28 11:00:00\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	stores, err := s.srv.App.Stores(context.Background(), app.SystemActor("test"))
	must(t, err)
	ctx := browser(t, 1280, 1000, false)
	signIn(t, ctx, s, "SD9001", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=stat-active]")), chromedp.Navigate(s.url+"/stores/"+stores[0].ID+"/data"),
		chromedp.WaitVisible(css("[data-testid=storedata-file]")), chromedp.SetUploadFiles(css("[data-testid=storedata-file]"), []string{file}),
		chromedp.Click(css("[data-testid=storedata-submit]")), chromedp.WaitVisible(css("[data-testid=map-form]")))
	waitText(t, ctx, "[data-testid=map-sample]", "阿花")
	do(t, ctx, chromedp.SetValue(css("#map_order_id"), "0"), chromedp.SetValue(css("#map_buyer_id"), "1"),
		chromedp.SetValue(css("#map_amount_paid"), "2"), chromedp.SetValue(css("#map_paid_at"), "3"))
	s.shot(t, ctx, "storedata-03-map-columns")
	do(t, ctx, chromedp.Click(css("[data-testid=map-submit]")), chromedp.WaitVisible(css("[data-testid=import-stored]")))
	waitText(t, ctx, "[data-testid=import-status]", "已完成")
	waitText(t, ctx, "[data-testid=import-stored]", "2")
	waitText(t, ctx, "[data-testid=masking-report]", "会员")
}
