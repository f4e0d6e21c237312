package app

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/shopdojo/shopdojo/internal/ingest"
	"github.com/shopdojo/shopdojo/internal/mask"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// kpiWriter turns good records into stored rows, masking their text
// fields, and writes them kpiBatch at a time. Reading, parsing and
// masking (the caller's goroutine) overlap with the writes: a goroutine
// of the writer commits one batch while the next is being built, so an
// import keeps both of a small server's cores busy.
type kpiWriter struct {
	a       *App
	job     *kpiJob
	masker  *mask.Masker
	columns map[string]maskedColumn // canonical text field → its column's plan
	cur     *kpiBatchRows
	batches chan *kpiBatchRows // full batches to the write goroutine
	free    chan *kpiBatchRows // written batches back, for reuse
	done    chan error         // the write goroutine's first error, when it ends
	failed  atomic.Bool        // a write failed: stop reading
}

// rowWrite writes one stored row.
type rowWrite func(ctx context.Context, tx *store.Tx) error

// kpiBatchRows is one transaction's rows: order lines (most of a big
// import, written many to a statement) and the rows of the other kinds.
type kpiBatchRows struct {
	orders []sqlq.UpsertKPIOrderParams
	rows   []rowWrite
}

func (b *kpiBatchRows) len() int { return len(b.orders) + len(b.rows) }

func (b *kpiBatchRows) reset() *kpiBatchRows {
	b.orders, b.rows = b.orders[:0], b.rows[:0]
	return b
}

// newKPIWriter starts a writer's write goroutine; close ends it.
func (a *App) newKPIWriter(ctx context.Context, job *kpiJob) *kpiWriter {
	w := &kpiWriter{a: a, job: job, masker: a.opt.Masker, cur: &kpiBatchRows{}, batches: make(chan *kpiBatchRows, 1),
		free: make(chan *kpiBatchRows, 2), done: make(chan error, 1)}
	go w.writeLoop(ctx)
	return w
}

// writeLoop commits the batches in order; after a failure it only drains.
func (w *kpiWriter) writeLoop(ctx context.Context) {
	var err error
	for rows := range w.batches {
		if err == nil {
			if err = w.write(ctx, rows); err != nil {
				w.failed.Store(true)
			}
		}
		select {
		case w.free <- rows.reset():
		default:
		}
	}
	w.done <- err
}

// maskedColumn is where a canonical field comes from and how it is masked.
type maskedColumn struct {
	index int
	plan  mask.Column
}

// columnsOf pairs each mapped field with its column's masking plan.
func columnsOf(m ingest.Mapping, plan []mask.Column) map[string]maskedColumn {
	out := map[string]maskedColumn{}
	for key, c := range m.Columns {
		mc := maskedColumn{index: c.Index, plan: mask.Column{Kind: mask.None, Action: mask.ActionKeep}}
		if c.Index >= 0 && c.Index < len(plan) {
			mc.plan = plan[c.Index]
		}
		out[key] = mc
	}
	return out
}

// text is a record's text field as it may be stored: masked as its
// column's plan says; buyer and user ids always become pseudonyms and
// regions always province/city, whatever the column was taken for.
func (w *kpiWriter) text(rec ingest.Record, key string) string {
	v := rec.Text(key)
	if v == "" {
		return ""
	}
	mc, ok := w.columns[key]
	out := v
	switch {
	case ok && (mc.plan.Kind != mask.None || mc.plan.Action == mask.ActionScan):
		out = w.masker.Value(mc.plan.Kind, mc.plan.Action, v)
	case freeText[key] && (!ok || mc.plan.Decided != mask.ByOverride):
		// A title or status column is never personal by its header, but
		// what a shop typed into it may be: its spans are masked anyway.
		out, _ = w.masker.Text(v)
	}
	switch key {
	case "buyer_id", "user_id":
		if !ok || mc.plan.Action != mask.ActionPseudonym {
			out = w.masker.Pseudonym(mask.BuyerID, v)
		}
	case "region":
		if !ok || mc.plan.Action != mask.ActionGeneralize {
			out, _ = mask.Generalize(v)
		}
	}
	if ok && mc.index >= 0 {
		w.job.count(mc.index, out != v)
	}
	return out
}

// freeText are the stored fields people type into; identifiers are not
// scanned (a long order number is no ID card).
var freeText = map[string]bool{"product_name": true, "status": true, "refund_status": true, "channel": true, "campaign": true}

// count adds a stored cell of column i to the masking report.
func (job *kpiJob) count(i int, changed bool) {
	for len(job.seen) <= i {
		job.seen, job.changed = append(job.seen, 0), append(job.changed, 0)
	}
	job.seen[i]++
	if changed {
		job.changed[i]++
	}
}

// add queues rec's row, handing the batch to the write goroutine when it
// is full. It fails once a write has failed, so the reading stops.
func (w *kpiWriter) add(rec ingest.Record) error {
	if w.failed.Load() {
		return errKPIWriteFailed
	}
	if rec.Kind == ingest.Orders {
		w.cur.orders = append(w.cur.orders, w.order(rec, w.job.in.StoreID, w.job.rep.ID))
	} else if row := w.row(rec); row != nil {
		w.cur.rows = append(w.cur.rows, row)
	}
	if w.cur.len() >= kpiBatch {
		w.batches <- w.cur
		select {
		case w.cur = <-w.free:
		default:
			w.cur = &kpiBatchRows{}
		}
	}
	return nil
}

// errKPIWriteFailed stops the reading; close returns the write's error.
var errKPIWriteFailed = errors.New("import kpi: a write failed")

// close writes what is queued, ends the write goroutine and returns the
// first write error.
func (w *kpiWriter) close() error {
	if w.cur.len() > 0 {
		w.batches <- w.cur
		w.cur = nil
	}
	close(w.batches)
	return <-w.done
}

// write stores rows in one transaction.
func (w *kpiWriter) write(ctx context.Context, b *kpiBatchRows) error {
	err := w.a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.UpsertKPIOrders(ctx, b.orders); err != nil {
			return err
		}
		for _, r := range b.rows {
			if err := r(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		w.job.stored.Add(int64(b.len()))
	}
	return err
}

// row is the write of rec's row for its kind.
func (w *kpiWriter) row(rec ingest.Record) rowWrite {
	id, storeID := w.job.rep.ID, w.job.in.StoreID
	switch rec.Kind {
	case ingest.Traffic:
		p := w.traffic(rec, storeID, id)
		return func(ctx context.Context, tx *store.Tx) error { return tx.UpsertKPITraffic(ctx, p) }
	case ingest.Ads:
		p := w.ad(rec, storeID, id)
		return func(ctx context.Context, tx *store.Tx) error { return tx.UpsertKPIAd(ctx, p) }
	case ingest.CS:
		p := w.cs(rec, storeID, id)
		return func(ctx context.Context, tx *store.Tx) error { return tx.UpsertKPICS(ctx, p) }
	case ingest.Events:
		p := w.event(rec, storeID, id)
		return func(ctx context.Context, tx *store.Tx) error { return tx.UpsertKPIEvent(ctx, p) }
	}
	return nil
}

func (w *kpiWriter) order(rec ingest.Record, storeID, importID string) sqlq.UpsertKPIOrderParams {
	line := rec.Text("line_id")
	if line == "" {
		line = "#" + strconv.Itoa(max(rec.Seq, 1))
	}
	return sqlq.UpsertKPIOrderParams{StoreID: storeID, OrderID: rec.Text("order_id"), LineID: line,
		Buyer: w.text(rec, "buyer_id"), CreatedAt: recMs(rec, "created_at"), PaidAt: recMs(rec, "paid_at"),
		Status: w.text(rec, "status"), AmountTotal: intOf(rec, "amount_total"), AmountPaid: intOf(rec, "amount_paid"),
		RefundAmount: intOf(rec, "refund_amount"), RefundStatus: w.text(rec, "refund_status"),
		ProductID: w.text(rec, "product_id"), ProductName: w.text(rec, "product_name"), Sku: w.text(rec, "sku"),
		Units: intOf(rec, "units"), UnitPrice: intOf(rec, "unit_price"), Region: w.text(rec, "region"),
		Channel: w.text(rec, "channel"), ImportID: importID}
}

func (w *kpiWriter) traffic(rec ingest.Record, storeID, importID string) sqlq.UpsertKPITrafficParams {
	peer := map[string]any{}
	for _, f := range ingest.Schema(ingest.Traffic) {
		if len(f.Key) > 5 && f.Key[:5] == "peer_" && rec.Has(f.Key) {
			if f.Type == ingest.Ratio {
				peer[f.Key], _ = rec.Float(f.Key)
			} else {
				peer[f.Key], _ = rec.Int(f.Key)
			}
		}
	}
	pj, _ := json.Marshal(peer) // numbers only: cannot fail
	return sqlq.UpsertKPITrafficParams{StoreID: storeID, Day: dayOf(rec, "date"), Channel: w.text(rec, "channel"),
		ProductID: w.text(rec, "product_id"), ProductName: w.text(rec, "product_name"),
		Visitors: intOf(rec, "visitors"), PageViews: intOf(rec, "page_views"), ItemVisitors: intOf(rec, "item_visitors"),
		FavUsers: intOf(rec, "fav_users"), CartUsers: intOf(rec, "cart_users"), CartUnits: intOf(rec, "cart_units"),
		OrderBuyers: intOf(rec, "order_buyers"), OrderAmount: intOf(rec, "order_amount"),
		PaidBuyers: intOf(rec, "paid_buyers"), PaidOrders: intOf(rec, "paid_orders"), PaidUnits: intOf(rec, "paid_units"),
		Gmv: intOf(rec, "gmv"), RefundAmount: intOf(rec, "refund_amount"), NewBuyers: intOf(rec, "new_buyers"),
		ReturningBuyers: intOf(rec, "returning_buyers"), Peer: string(pj), ImportID: importID}
}

func (w *kpiWriter) ad(rec ingest.Record, storeID, importID string) sqlq.UpsertKPIAdParams {
	return sqlq.UpsertKPIAdParams{StoreID: storeID, Day: dayOf(rec, "date"), Channel: w.text(rec, "channel"),
		Campaign: w.text(rec, "campaign"), ProductID: w.text(rec, "product_id"), Spend: intOf(rec, "spend"),
		Impressions: intOf(rec, "impressions"), Clicks: intOf(rec, "clicks"), AdGmv: intOf(rec, "ad_gmv"),
		AdOrders: intOf(rec, "ad_orders"), AdOrderAmount: intOf(rec, "ad_order_amount"), ImportID: importID}
}

func (w *kpiWriter) cs(rec ingest.Record, storeID, importID string) sqlq.UpsertKPICSParams {
	from, to := dayOf(rec, "date"), dayOf(rec, "date")
	if from == "" {
		from, to = dayOf(rec, "period_start"), dayOf(rec, "period_end")
	}
	return sqlq.UpsertKPICSParams{StoreID: storeID, Day: from, DayTo: to, Agent: rec.Text("agent"),
		Inquiries: intOf(rec, "inquiries"), InquiryPaid: intOf(rec, "inquiry_paid"),
		InquiryConversion: floatOf(rec, "inquiry_conversion"), Rounds: intOf(rec, "rounds"),
		Rounds3min: intOf(rec, "rounds_3min"), ResponseRate3min: floatOf(rec, "response_rate_3min"),
		FirstResponseSeconds: floatOf(rec, "first_response_seconds"),
		AvgResponseSeconds:   floatOf(rec, "avg_response_seconds"), CsSales: intOf(rec, "cs_sales"), ImportID: importID}
}

func (w *kpiWriter) event(rec ingest.Record, storeID, importID string) sqlq.UpsertKPIEventParams {
	return sqlq.UpsertKPIEventParams{StoreID: storeID, UserID: w.text(rec, "user_id"), ItemID: rec.Text("item_id"),
		CategoryID: rec.Text("category_id"), Action: rec.Text("action"), At: recMs(rec, "at"), ImportID: importID}
}

func intOf(rec ingest.Record, key string) int64 {
	v, _ := rec.Int(key)
	return v
}

func floatOf(rec ingest.Record, key string) float64 {
	v, _ := rec.Float(key)
	return v
}

func recMs(rec ingest.Record, key string) int64 {
	if t, ok := rec.Time(key); ok {
		return t.UnixMilli()
	}
	return 0
}

// dayOf is a date field as the store's calendar day (the reader gives
// midnight in the store's zone).
func dayOf(rec ingest.Record, key string) string {
	if t, ok := rec.Time(key); ok {
		return t.Format(time.DateOnly)
	}
	return ""
}
