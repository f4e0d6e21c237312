package app_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/mask"
)

// A 千牛 order report as a store exports it, with the personal columns a
// real one carries: buyer nick, receiver, mobile, full address.
const tmallExport = "订单编号,买家会员名,收货人姓名,联系手机,收货地址 ,总金额,买家实际支付金额,订单状态,订单创建时间,订单付款时间 ,退款金额,宝贝标题\n" +
	"2026030112345678901,小雨爱购物,王小雨,13800138000,浙江省 杭州市 西湖区 文三路 90 号 3 幢 501,199.00,189.00,交易成功,2026-03-01 10:00:00,2026-03-01 10:01:10,0.00,纯棉 T 恤 白色 L\n" +
	"2026030112345678902,老李,李建国,+86 139 0013 9000,上海 上海市 浦东新区 世纪大道 100 号,59.90,59.90,交易关闭,2026-03-01 11:00:00,,0.00,帆布袋\n" +
	"2026030112345678903,小雨爱购物,王小雨,138-0013-8000,浙江省 杭州市 西湖区 文三路 90 号 3 幢 501,299.00,279.00,交易成功,2026-03-02 09:30:00,2026-03-02 09:31:00,279.00,羊毛衫 联系 13800138000\n"

type kpiFixture struct {
	e       *env
	mgr     app.Actor
	storeID string
}

func newKPIFixture(t *testing.T) kpiFixture {
	e := newEnv(t)
	_, mgr := e.person("M1", "许晴", "", shopdojo.RoleTrainingManager)
	st, err := e.app.CreateStore(e.ctx, mgr, app.StoreInput{Platform: shopdojo.PlatformTmall, Name: "示例天猫旗舰店"})
	e.must(err)
	return kpiFixture{e: e, mgr: mgr, storeID: st}
}

func (f kpiFixture) importCSV(ac app.Actor, body string, keep bool) (app.KPIImportReport, error) {
	return f.e.app.ImportKPI(f.e.ctx, ac, app.KPIImport{StoreID: f.storeID, FileName: "订单报表.csv", Size: int64(len(body)),
		KeepGood: keep, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(body)), nil }})
}

func TestImportKPIOrdersMasked(t *testing.T) {
	f := newKPIFixture(t)
	rep, err := f.importCSV(f.mgr, tmallExport, false)
	f.e.must(err)
	if rep.Status != app.ImportDone || rep.Preset != "tmall_orders" || rep.Stored != 3 || rep.Summary.Records != 3 {
		t.Fatalf("report %+v", rep)
	}
	if rep.From != "2026-03-01" || rep.To != "2026-03-02" {
		t.Errorf("period %s..%s", rep.From, rep.To)
	}
	cols := map[string]app.KPIMaskColumn{}
	for _, c := range rep.Masking {
		cols[strings.TrimSpace(c.Header)] = c
	}
	for header, want := range map[string]struct {
		kind  mask.Kind
		field string
	}{
		"联系手机": {mask.Phone, ""}, "收货人姓名": {mask.PersonName, ""}, "收货地址": {mask.Address, "region"},
		"买家会员名": {mask.BuyerID, "buyer_id"}, "订单编号": {mask.None, "order_id"},
	} {
		if c := cols[header]; c.Kind != want.kind || c.Field != want.field {
			t.Errorf("%s: %+v, want kind %s stored as %q", header, c, want.kind, want.field)
		}
	}
	if c := cols["收货地址"]; c.Seen != 3 || c.Changed != 3 {
		t.Errorf("address counts %+v", c)
	}
	rows := f.e.dump(t, "SELECT buyer, region, product_name, amount_paid, paid_at FROM kpi_orders ORDER BY order_id")
	if len(rows) != 3 || rows[0][0] != rows[2][0] || !strings.HasPrefix(rows[0][0], "u_") || rows[0][0] == rows[1][0] {
		t.Fatalf("buyers are not stable pseudonyms: %v", rows)
	}
	if rows[0][1] != "浙江省/杭州市" || rows[1][1] != "上海市" || rows[0][3] != "18900" || rows[1][4] != "0" {
		t.Errorf("stored rows %v", rows)
	}
	if strings.Contains(rows[2][2], "13800138000") {
		t.Errorf("a phone in a product title was stored: %q", rows[2][2])
	}
	// Nothing personal anywhere: not in the rows, not in the import's report.
	all := f.e.dump(t, "SELECT o.buyer || o.region || o.product_name || o.status FROM kpi_orders o UNION ALL SELECT report || file_name FROM kpi_imports")
	for _, r := range all {
		for _, raw := range []string{"13800138000", "13900139000", "0013", "王小雨", "李建国", "小雨爱购物", "文三路", "世纪大道"} {
			if strings.Contains(r[0], raw) {
				t.Errorf("%q was stored: %s", raw, r[0])
			}
		}
	}
	// The same file again, and an overlapping one: no duplicates.
	again, err := f.importCSV(f.mgr, tmallExport, false)
	f.e.must(err)
	if again.Stored != 3 || f.e.count(t, "SELECT COUNT(*) FROM kpi_orders") != 3 {
		t.Fatalf("re-import: %+v, %d rows", again, f.e.count(t, "SELECT COUNT(*) FROM kpi_orders"))
	}
	if n := f.e.count(t, "SELECT COUNT(*) FROM audit_events WHERE action = 'storedata.import'"); n != 2 {
		t.Errorf("%d audit events for two imports", n)
	}
}

func TestImportKPIBadRows(t *testing.T) {
	f := newKPIFixture(t)
	bad := tmallExport + "2026030112345678904,某人,某人,13700137000,北京市 朝阳区,abc,12.00,交易成功,2026-03-03 08:00:00,2026-03-03 08:00:30,0,袜子\n"
	rep, err := f.importCSV(f.mgr, bad, false)
	f.e.must(err)
	if rep.Status != app.ImportRejected || rep.Stored != 0 || len(rep.Problems) != 1 || rep.Problems[0].Line != 5 {
		t.Fatalf("a file with a bad row: %+v", rep)
	}
	if n := f.e.count(t, "SELECT COUNT(*) FROM kpi_orders"); n != 0 {
		t.Fatalf("%d rows stored from a rejected file", n)
	}
	rep, err = f.importCSV(f.mgr, bad, true)
	f.e.must(err)
	if rep.Status != app.ImportDone || rep.Stored != 3 || f.e.count(t, "SELECT COUNT(*) FROM kpi_orders") != 3 {
		t.Fatalf("keeping the good rows: %+v", rep)
	}
	if _, err := f.importCSV(f.mgr, "随便,什么\n1,2\n", false); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("a file no preset fits: %v", err)
	}
	if n := f.e.count(t, "SELECT COUNT(*) FROM kpi_imports"); n != 2 {
		t.Errorf("%d imports recorded, want 2 (a file no preset reads records none)", n)
	}
}

func TestImportKPIAccess(t *testing.T) {
	f := newKPIFixture(t)
	_, learner := f.e.person("L1", "学员", "", shopdojo.RoleLearner)
	if _, err := f.importCSV(learner, tmallExport, false); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner imported: %v", err)
	}
	leadID, lead := f.e.person("T1", "组长", "", shopdojo.RoleTeamLead)
	if _, err := f.importCSV(lead, tmallExport, false); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("a team lead imported into a store not theirs: %v", err)
	}
	f.e.must(f.e.app.UpdateStore(f.e.ctx, f.mgr, f.storeID, app.StoreInput{Platform: shopdojo.PlatformTmall, Name: "示例天猫旗舰店", OwnerID: leadID}))
	if rep, err := f.importCSV(lead, tmallExport, false); err != nil || rep.Stored != 3 {
		t.Fatalf("the store's owner could not import: %+v %v", rep, err)
	}
}

// dump returns every row of query as strings.
func (e *env) dump(t *testing.T, query string) [][]string {
	t.Helper()
	rows, err := e.store.Raw().QueryContext(e.ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			switch x := v.(type) {
			case []byte:
				row[i] = string(x)
			case nil:
			default:
				row[i] = fmt.Sprint(x)
			}
		}
		out = append(out, row)
	}
	return out
}

func (e *env) count(t *testing.T, query string) int {
	t.Helper()
	var n int
	if err := e.store.Raw().QueryRowContext(e.ctx, query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStoreDashboard(t *testing.T) {
	f := newKPIFixture(t)
	d, err := f.e.app.StoreDashboard(f.e.ctx, f.mgr, f.storeID, app.DashboardQuery{})
	f.e.must(err)
	if !d.Empty || len(d.Gaps) != 0 {
		t.Fatalf("a store without data: %+v", d)
	}
	_, err = f.importCSV(f.mgr, tmallExport, false)
	f.e.must(err)
	d, err = f.e.app.StoreDashboard(f.e.ctx, f.mgr, f.storeID, app.DashboardQuery{By: kpi.ByRegion})
	f.e.must(err)
	metric := func(g kpi.Group, key string) kpi.Metric {
		m, _ := g.Metric(key)
		return m
	}
	if d.Empty || d.Query.To.Format(time.DateOnly) != "2026-03-03" || d.Query.From.Format(time.DateOnly) != "2026-02-01" {
		t.Fatalf("period %v..%v", d.Query.From, d.Query.To)
	}
	if m := metric(d.Result.Total, kpi.GMV); !m.OK || m.Value != 46800 {
		t.Errorf("GMV %+v, want 468.00 yuan in fen", m)
	}
	if m := metric(d.Result.Total, kpi.AOV); !m.OK || m.Value != 46800 {
		t.Errorf("客单价 %+v: one buyer paid twice", m)
	}
	if m := metric(d.Result.Total, kpi.RefundRateAmount); !m.OK || m.Value < 0.596 || m.Value > 0.597 {
		t.Errorf("refund rate by amount %+v, want 279/468", m)
	}
	regions := map[string]bool{}
	for _, g := range d.Result.Groups {
		regions[g.Key] = true
	}
	if !regions["浙江省/杭州市"] || !regions["上海市"] || len(regions) != 2 {
		t.Errorf("regions %v", regions)
	}
	_, lead := f.e.person("T9", "别的组长", "", shopdojo.RoleTeamLead)
	if _, err := f.e.app.StoreDashboard(f.e.ctx, lead, f.storeID, app.DashboardQuery{}); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("a team lead saw another store's dashboard: %v", err)
	}
}

func TestKPITargets(t *testing.T) {
	f := newKPIFixture(t)
	set := func(ac app.Actor, metric, value string) error {
		return f.e.app.SetKPITarget(f.e.ctx, ac, f.storeID, app.KPITargetInput{Metric: metric, Value: value, Source: kpi.SourceManager, Note: "Q4 目标"})
	}
	f.e.must(set(f.mgr, kpi.RefundRateAmount, "5%"))
	f.e.must(set(f.mgr, kpi.AOV, "¥1,200"))
	for _, bad := range [][2]string{{kpi.RefundRateAmount, "150"}, {kpi.AOV, "-1"}, {"no_such_metric", "3"}, {kpi.AOV, "abc"}} {
		if err := set(f.mgr, bad[0], bad[1]); kind(err) != shopdojo.KindInvalid {
			t.Errorf("target %v: %v", bad, err)
		}
	}
	ts, err := f.e.app.KPITargets(f.e.ctx, f.mgr, f.storeID)
	f.e.must(err)
	got := map[string]float64{}
	for _, tg := range ts {
		got[tg.Metric] = tg.Value
	}
	if len(ts) != 2 || got[kpi.RefundRateAmount] != 0.05 || got[kpi.AOV] != 120000 {
		t.Fatalf("targets %+v", ts)
	}
	_, err = f.importCSV(f.mgr, tmallExport, false)
	f.e.must(err)
	d, err := f.e.app.StoreDashboard(f.e.ctx, f.mgr, f.storeID, app.DashboardQuery{})
	f.e.must(err)
	if len(d.Stored) != 2 || len(d.Gaps) < 2 || d.Gaps[0].Source != kpi.SourceManager {
		t.Fatalf("gaps against the targets %+v", d.Gaps)
	}
	_, learner := f.e.person("L7", "学员", "", shopdojo.RoleLearner)
	if err := set(learner, kpi.AOV, "1"); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner set a target: %v", err)
	}
	f.e.must(f.e.app.DeleteKPITarget(f.e.ctx, f.mgr, f.storeID, kpi.AOV))
	if ts, _ := f.e.app.KPITargets(f.e.ctx, f.mgr, f.storeID); len(ts) != 1 {
		t.Fatalf("after delete %+v", ts)
	}
	if n := f.e.count(t, "SELECT COUNT(*) FROM audit_events WHERE action LIKE 'storedata.target%'"); n != 3 {
		t.Errorf("%d target audit events, want 3", n)
	}
}

// blockingBody gives the export at once for the first read (the preset
// and masking plan) and then holds every later read until release is
// closed, like an import whose process stalls.
type blockingBody struct {
	opens   int
	release chan struct{}
}

func (b *blockingBody) open() (io.ReadCloser, error) {
	b.opens++
	if b.opens > 1 {
		<-b.release
	}
	return io.NopCloser(strings.NewReader(tmallExport)), nil
}

// TestFailStaleImports: an import that stops showing signs of life (its
// process died) is marked failed with a message saying so; a live one is
// left alone.
func TestFailStaleImports(t *testing.T) {
	f := newKPIFixture(t)
	body := &blockingBody{release: make(chan struct{})}
	started, done := make(chan string, 1), make(chan error, 1)
	go func() {
		_, err := f.e.app.ImportKPI(f.e.ctx, f.mgr, app.KPIImport{StoreID: f.storeID, FileName: "订单报表.csv",
			Size: int64(len(tmallExport)), Open: body.open, OnStart: func(id string) { started <- id }})
		done <- err
	}()
	id := <-started
	if n, err := f.e.app.FailStaleImports(f.e.ctx); err != nil || n != 0 {
		t.Fatalf("a live import was failed: %d %v", n, err)
	}
	f.e.now = f.e.now.Add(3 * time.Minute)
	if n, err := f.e.app.FailStaleImports(f.e.ctx); err != nil || n != 1 {
		t.Fatalf("stale imports failed: %d %v, want 1", n, err)
	}
	row, err := f.e.app.KPIImportStatus(f.e.ctx, f.mgr, f.storeID, id)
	f.e.must(err)
	if row.Status != app.ImportFailed || row.ErrorID() != "storedata.import_interrupted" {
		t.Fatalf("stale import: %s %q", row.Status, row.Error)
	}
	close(body.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n, _ := f.e.app.FailStaleImports(f.e.ctx); n != 0 {
		t.Fatalf("%d imports failed twice", n)
	}
}
