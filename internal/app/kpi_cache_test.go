package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/mask"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/storetest"
)

const cacheHeader = "订单编号,买家会员名,收货地址,总金额,买家实际支付金额,订单状态,订单创建时间,订单付款时间,退款金额,宝贝标题\n"

// cacheOrder is one paid order line of a 千牛 report.
func cacheOrder(no int, yuan string, day int) string {
	return fmt.Sprintf("20260301%011d,买家%d,浙江省杭州市西湖区文三路%d号,%s,%s,交易成功,2026-03-%02d 10:00:00,2026-03-%02d 10:01:00,0.00,T 恤\n",
		no, no, no, yuan, yuan, day, day)
}

// newCacheNode is an app node over s, as another server on the same
// database would be: its own caches, the same zone (so results compare).
func newCacheNode(t *testing.T, s *store.Store, zone *time.Location) *App {
	t.Helper()
	m, err := mask.New([]byte("a test installation's masking key"), mask.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 20, 2, 0, 0, 0, time.UTC)
	return New(s, Options{Clock: func() time.Time { return now }, Location: zone, Masker: m,
		Logger: slog.New(slog.DiscardHandler)})
}

func importOrders(t *testing.T, a *App, storeID, body string) {
	t.Helper()
	rep, err := a.ImportKPI(context.Background(), SystemActor("test"), KPIImport{StoreID: storeID, FileName: "orders.csv",
		Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(body)), nil }})
	if err != nil || rep.Status != ImportDone {
		t.Fatalf("import: %v %+v", err, rep)
	}
}

func dashboardGMV(t *testing.T, a *App, storeID string) (StoreDashboard, int64) {
	t.Helper()
	d, err := a.StoreDashboard(context.Background(), SystemActor("test"), storeID, DashboardQuery{By: kpi.ByDay})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := d.Result.Total.Metric(kpi.GMV)
	return d, int64(m.Value)
}

// The cached dashboard equals one computed from the database, is really
// served from the cache, and is rebuilt after an import by this node or by
// another one.
func TestStoreDashboardCache(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	a := newCacheNode(t, s, shanghai())
	storeID, err := a.CreateStore(ctx, SystemActor("test"), StoreInput{Platform: shopdojo.PlatformTmall, Name: "旗舰店"})
	if err != nil {
		t.Fatal(err)
	}
	importOrders(t, a, storeID, cacheHeader+cacheOrder(1, "100.00", 1)+cacheOrder(2, "50.00", 2))
	built, gmv := dashboardGMV(t, a, storeID)
	if gmv != 15000 {
		t.Fatalf("GMV %d fen, want 150 yuan", gmv)
	}
	cached, _ := dashboardGMV(t, a, storeID)
	fresh, _ := dashboardGMV(t, newCacheNode(t, s, a.Location()), storeID)
	zones := cmp.Comparer(func(x, y *time.Location) bool { return x.String() == y.String() })
	if diff := cmp.Diff(fresh, cached, zones); diff != "" || cmp.Diff(built, cached, zones) != "" {
		t.Fatalf("cached dashboard differs from an uncached one (-fresh +cached):\n%s", diff)
	}
	// Rows changed behind the app's back, without an import: the cache
	// must not see them, a node without the cache must.
	if err := s.Exec(ctx, "UPDATE kpi_orders SET amount_paid = amount_paid * 2 WHERE store_id = $1", storeID); err != nil {
		t.Fatal(err)
	}
	if _, gmv := dashboardGMV(t, a, storeID); gmv != 15000 {
		t.Fatalf("GMV %d: the dashboard was not served from the cache", gmv)
	}
	if _, gmv := dashboardGMV(t, newCacheNode(t, s, a.Location()), storeID); gmv != 30000 {
		t.Fatalf("GMV %d on a fresh node, want the changed 300 yuan", gmv)
	}
	other := newCacheNode(t, s, a.Location())
	importOrders(t, other, storeID, cacheHeader+cacheOrder(3, "7.00", 3))
	if _, gmv := dashboardGMV(t, a, storeID); gmv != 30700 {
		t.Fatalf("GMV %d after another node's import, want 307 yuan", gmv)
	}
	importOrders(t, a, storeID, cacheHeader+cacheOrder(4, "1.00", 3))
	if _, gmv := dashboardGMV(t, a, storeID); gmv != 30800 {
		t.Fatalf("GMV %d after this node's import, want 308 yuan", gmv)
	}
}

// The cache keeps at most kpiCacheStores datasets, dropping the least
// recently used.
func TestKPICacheBound(t *testing.T) {
	var c kpiCache
	for i := range kpiCacheStores {
		c.put(fmt.Sprint("s", i), &kpiEntry{stamp: "x"})
	}
	if c.get("s0", "x") == nil {
		t.Fatal("s0 missing")
	}
	c.put("new", &kpiEntry{stamp: "x"})
	if len(c.entries) != kpiCacheStores || c.get("s1", "x") != nil || c.get("s0", "x") == nil || c.get("new", "x") == nil {
		t.Fatalf("after one more store: %d entries, s1 (least recently used) kept: %v", len(c.entries), c.get("s1", "x") != nil)
	}
	if c.get("s0", "y") != nil {
		t.Fatal("an entry built under another stamp was returned")
	}
}
