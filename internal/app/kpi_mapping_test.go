package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/ingest"
)

// TestImportKPIMapped: a file no preset knows is refused with "unknown
// preset", imported through a checked mapping, and the mapping is offered
// again for the next file with the same header.
func TestImportKPIMapped(t *testing.T) {
	f := newKPIFixture(t)
	body := "单号,会员,实付,支付时间\nA1,阿花,12.50,2026-03-01 10:00:00\nA2,阿草,7.00,2026-03-01 11:00:00\n"
	upload := func() string {
		file, err := f.e.app.UploadFile(f.e.ctx, f.mgr, app.PurposeStoreData, "自定义订单.csv", strings.NewReader(body))
		f.e.must(err)
		return file.ID
	}
	fileID := upload()
	if _, err := f.e.app.StartKPIImportFile(f.e.ctx, f.mgr, f.storeID, fileID, "", false); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("a file no preset fits: %v", err)
	}
	v, err := f.e.app.KPIMappingFor(f.e.ctx, f.mgr, f.storeID, fileID, ingest.Orders, false)
	f.e.must(err)
	if v.Saved || len(v.Header) != 4 || len(v.Sample) != 2 {
		t.Fatalf("mapping view %+v", v)
	}
	bad := ingest.Mapping{Kind: ingest.Orders, Columns: map[string]ingest.Column{"buyer_id": {Index: 1}}}
	if _, err := f.e.app.StartKPIImportMapped(f.e.ctx, f.mgr, f.storeID, fileID, bad, false); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("a mapping without the order id: %v", err)
	}
	m := ingest.Mapping{Kind: ingest.Orders, Columns: map[string]ingest.Column{"order_id": {Index: 0}, "buyer_id": {Index: 1},
		"amount_paid": {Index: 2}, "paid_at": {Index: 3}}}
	id, err := f.e.app.StartKPIImportMapped(f.e.ctx, f.mgr, f.storeID, fileID, m, false)
	f.e.must(err)
	row := waitImport(t, f, id)
	if row.Status != app.ImportDone || row.Stored != 2 {
		t.Fatalf("mapped import %+v", row.KpiImport)
	}
	if rows := f.e.dump(t, "SELECT buyer, amount_paid FROM kpi_orders ORDER BY order_id"); len(rows) != 2 || rows[0][1] != "1250" || !strings.HasPrefix(rows[0][0], "u_") {
		t.Fatalf("stored %v", rows)
	}
	again, err := f.e.app.KPIMappingFor(f.e.ctx, f.mgr, f.storeID, upload(), ingest.Orders, false)
	f.e.must(err)
	if !again.Saved || again.Mapping.Columns["amount_paid"].Index != 2 {
		t.Fatalf("the saved mapping is not offered again: %+v", again.Mapping)
	}
}

// TestImportKPIEventsNoHeader: a headerless behaviour log (the Taobao
// UserBehavior layout) through the mapping the screen suggests.
func TestImportKPIEventsNoHeader(t *testing.T) {
	f := newKPIFixture(t)
	body := "1,2268318,2520377,pv,1511544070\n1,2333346,2520771,cart,1511561733\n2,2576651,149192,buy,1511572885\n"
	file, err := f.e.app.UploadFile(f.e.ctx, f.mgr, app.PurposeStoreData, "UserBehavior.csv", strings.NewReader(body))
	f.e.must(err)
	v, err := f.e.app.KPIMappingFor(f.e.ctx, f.mgr, f.storeID, file.ID, ingest.Events, true)
	f.e.must(err)
	if len(v.Sample) != 3 || v.Header != nil {
		t.Fatalf("a headerless file's view: %+v", v)
	}
	id, err := f.e.app.StartKPIImportMapped(f.e.ctx, f.mgr, f.storeID, file.ID, v.Mapping, false)
	f.e.must(err)
	if row := waitImport(t, f, id); row.Status != app.ImportDone || row.Stored != 3 {
		t.Fatalf("events import %+v (suggested %+v)", row.KpiImport, v.Mapping)
	}
	rows := f.e.dump(t, "SELECT user_id, action FROM kpi_events ORDER BY at")
	if len(rows) != 3 || rows[0][0] == "1" || rows[0][0] != rows[1][0] || rows[2][1] != "buy" {
		t.Fatalf("stored events %v", rows)
	}
}

// waitImport waits for a background import to finish.
func waitImport(t *testing.T, f kpiFixture, id string) app.KPIImportRow {
	t.Helper()
	for range 200 {
		row, err := f.e.app.KPIImportStatus(f.e.ctx, f.mgr, f.storeID, id)
		f.e.must(err)
		if row.Status != app.ImportRunning {
			return row
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the import did not finish")
	return app.KPIImportRow{}
}
