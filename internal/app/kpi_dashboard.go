package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// StoreDashboard is a store's diagnosis for a period: the figures (in
// total and by the chosen dimension), the gaps against targets ranked by
// what they cost, the GMV change against the previous period of the same
// length split into visitors × conversion × AOV, and the training plan
// the gaps point to.
type StoreDashboard struct {
	Store    shopdojo.Store
	Query    kpi.Query
	Result   kpi.Result
	Previous kpi.Group // the period of the same length just before
	Change   *kpi.Decomposition
	Targets  []kpi.Target // every target in force, in the order kpi picks them
	Stored   []kpi.Target // the targets set for this store (manager's, or peer values entered)
	Gaps     []kpi.Gap
	Plan     kpi.TrainingPlan
	Empty    bool                 // the store holds no data in or before the period
	Modules  map[string][2]string // module id → Chinese and English title, for the gaps' links
}

// DashboardQuery picks the period and grouping; zero From/To mean the
// last 30 days of the store's data.
type DashboardQuery struct {
	From, To    time.Time
	By          kpi.Dimension
	GrossMargin float64
}

// ParseDashboardQuery reads a period and grouping as people write them:
// from and to are YYYY-MM-DD days, both inclusive (empty: the last 30
// days of data), by a kpi dimension (empty: totals only). The query holds
// every part that was valid; the error names each that was not, for
// callers that report it (the web page simply keeps the default).
func (a *App) ParseDashboardQuery(from, to, by string) (DashboardQuery, error) {
	q := DashboardQuery{By: kpi.Dimension(by)}
	var v shopdojo.Validation
	switch q.By {
	case kpi.ByNone, kpi.ByDay, kpi.ByWeek, kpi.ByMonth, kpi.ByRegion, kpi.ByProduct, kpi.ByChannel:
	default:
		q.By = kpi.ByNone
		v.Add("by", "storedata.api_by_invalid")
	}
	for _, d := range []struct {
		field, s string
		into     *time.Time
		add      int
	}{{"from", from, &q.From, 0}, {"to", to, &q.To, 1}} {
		if d.s == "" {
			continue
		}
		t, err := time.ParseInLocation(time.DateOnly, d.s, a.Location())
		v.Check(err == nil, d.field, "storedata.api_date_invalid")
		if err == nil {
			*d.into = t.AddDate(0, 0, d.add)
		}
	}
	return q, v.Err()
}

// StoreDashboard computes a store's diagnosis over its prepared dataset
// (kpi_cache.go), so a view reads only the store, its targets and its
// import stamp from the database.
func (a *App) StoreDashboard(ctx context.Context, ac Actor, storeID string, dq DashboardQuery) (StoreDashboard, error) {
	var d StoreDashboard
	var st sqlq.Store
	var targets []sqlq.KpiTarget
	var stamp string
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if st, err = a.storeFor(ctx, q, ac, storeID, shopdojo.PermStoreDataRead); err != nil {
			return err
		}
		if targets, err = q.ListKPITargets(ctx, storeID); err != nil {
			return err
		}
		stamp, err = kpiStamp(ctx, q, storeID)
		return err
	})
	if err != nil {
		return d, err
	}
	e, err := a.preparedDataset(ctx, storeID, stamp)
	if err != nil {
		return d, err
	}
	d.Store = shopdojo.Store{ID: st.ID, Platform: shopdojo.Platform(st.Platform), Name: st.Name}
	d.Query = a.dashboardPeriod(e.last, dq, string(st.Platform))
	d.Empty = datasetEmpty(e.ds)
	e.mu.Lock()
	defer e.mu.Unlock()
	if d.Result, err = e.prep.Compute(d.Query); err != nil {
		return d, fmt.Errorf("dashboard of %s: %w", storeID, err)
	}
	prev := d.Query
	prev.To, prev.From, prev.By = d.Query.From, d.Query.From.Add(-d.Query.To.Sub(d.Query.From)), kpi.ByNone
	if pr, err := e.prep.Compute(prev); err == nil {
		d.Previous = pr.Total
		if f0, _, ok0 := kpi.FactorsOf(pr.Total); ok0 {
			if f1, _, ok1 := kpi.FactorsOf(d.Result.Total); ok1 {
				ch := kpi.Decompose(f0, f1)
				d.Change = &ch
			}
		}
	}
	d.Targets = storeTargets(targets, e.ds, d.Query, string(st.Platform))
	d.Stored = d.Targets[:len(targets)]
	d.Gaps = kpi.Gaps(d.Result.Total, storeID, d.Targets, kpi.DefaultRules())
	d.Plan = kpi.Plan(d.Gaps, kpi.DefaultRules())
	if sp, err := a.pack(ctx); err == nil {
		d.Modules = map[string][2]string{}
		for _, m := range sp.idx.Pack.Modules {
			d.Modules[m.ID] = [2]string{m.Title, m.TitleEN}
		}
	}
	return d, nil
}

// dashboardPeriod is the query asked for, or the last 30 days of data.
// last is the latest time the store's data is about (lastDataDay).
func (a *App) dashboardPeriod(last time.Time, dq DashboardQuery, platform string) kpi.Query {
	q := kpi.Query{From: dq.From, To: dq.To, By: dq.By, Zone: a.Location(), Platform: platform, GrossMargin: dq.GrossMargin}
	if q.From.IsZero() || q.To.IsZero() || !q.From.Before(q.To) {
		if last.IsZero() {
			last = a.now()
		}
		y, m, day := last.In(a.Location()).Date()
		q.To = time.Date(y, m, day+1, 0, 0, 0, 0, a.Location())
		q.From = q.To.AddDate(0, 0, -30)
	}
	return q
}

// lastDataDay is the latest time any of the store's rows is about.
func lastDataDay(ds kpi.Dataset) time.Time {
	var last time.Time
	later := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	for _, l := range ds.Orders.Lines {
		later(l.CreatedAt)
		later(l.PaidAt)
	}
	for _, r := range ds.Traffic.Rows {
		later(r.Date)
	}
	for _, r := range ds.Ads.Rows {
		later(r.Date)
	}
	for _, r := range ds.CS.Rows {
		later(r.Date)
		later(r.PeriodEnd)
	}
	for _, e := range ds.Events.Rows {
		later(e.At)
	}
	return last
}

func datasetEmpty(ds kpi.Dataset) bool {
	return len(ds.Orders.Lines)+len(ds.Traffic.Rows)+len(ds.Ads.Rows)+len(ds.CS.Rows)+len(ds.Events.Rows) == 0
}

// storeTargets are the manager's targets, then the peer values of the
// store's own 生意参谋 rows, then the generic defaults of its platform
// (kpi picks the first for each metric).
func storeTargets(rows []sqlq.KpiTarget, ds kpi.Dataset, q kpi.Query, platform string) []kpi.Target {
	var out []kpi.Target
	for _, r := range rows {
		out = append(out, kpi.Target{Metric: r.Metric, Store: r.StoreID, Value: r.Value, Source: kpi.Source(r.Source), Note: r.Note})
	}
	out = append(out, kpi.PeerTargets(ds.Traffic, q)...)
	return append(out, kpi.DefaultTargets(platform)...)
}

// storeDataset reads a store's rows into the KPI engine's input.
func (a *App) storeDataset(ctx context.Context, q *store.Queries, storeID string, from, to time.Time) (kpi.Dataset, error) {
	ds, err := a.datasetFields(ctx, q, storeID)
	if err != nil {
		return ds, err
	}
	fromMs, toMs := int64(0), int64(1)<<62
	fromDay, toDay := "", "9999-12-31"
	if !from.IsZero() {
		fromMs, fromDay = from.UnixMilli(), from.In(a.Location()).Format(time.DateOnly)
	}
	if !to.IsZero() {
		toMs, toDay = to.UnixMilli(), to.In(a.Location()).Format(time.DateOnly)
	}
	if err := a.loadOrders(ctx, q, storeID, fromMs, toMs, &ds); err != nil {
		return ds, err
	}
	return ds, a.loadDaily(ctx, q, storeID, fromDay, toDay, fromMs, toMs, &ds)
}

// datasetFields is an empty dataset with the fields the store's imports
// had and the order grain.
func (a *App) datasetFields(ctx context.Context, q *store.Queries, storeID string) (kpi.Dataset, error) {
	var ds kpi.Dataset
	imports, err := q.ListKPIImportFields(ctx, storeID)
	if err != nil {
		return ds, err
	}
	ds.Orders.Has, ds.Traffic.Has, ds.Ads.Has = kpi.Fields{}, kpi.Fields{}, kpi.Fields{}
	ds.CS.Has, ds.Events.Has = kpi.Fields{}, kpi.Fields{}
	for i, im := range imports {
		for _, f := range strings.Fields(im.Fields) {
			hasOf(&ds, im.Kind)[f] = true
		}
		if im.Kind == "orders" && (i == 0 || ds.Orders.Grain == kpi.GrainUnset) {
			ds.Orders.Grain = kpi.GrainLine
			if im.Grain == "order" {
				ds.Orders.Grain = kpi.GrainOrder
			}
		}
	}
	return ds, nil
}

func hasOf(ds *kpi.Dataset, kind string) kpi.Fields {
	switch kind {
	case "orders":
		return ds.Orders.Has
	case "traffic":
		return ds.Traffic.Has
	case "ads":
		return ds.Ads.Has
	case "cs":
		return ds.CS.Has
	}
	return ds.Events.Has
}

func (a *App) loadOrders(ctx context.Context, q *store.Queries, storeID string, fromMs, toMs int64, ds *kpi.Dataset) error {
	rows, err := q.ListKPIOrders(ctx, sqlq.ListKPIOrdersParams{StoreID: storeID, PaidAt: fromMs, PaidAt_2: toMs})
	if err != nil {
		return err
	}
	ds.Orders.Lines = make([]kpi.OrderLine, len(rows))
	for i, r := range rows {
		ds.Orders.Lines[i] = kpi.OrderLine{OrderID: r.OrderID, LineID: r.LineID, BuyerID: r.Buyer,
			CreatedAt: msTime(r.CreatedAt), PaidAt: msTime(r.PaidAt), Status: r.Status, AmountTotal: r.AmountTotal,
			AmountPaid: r.AmountPaid, RefundAmount: r.RefundAmount, RefundStatus: r.RefundStatus, ProductID: r.ProductID,
			ProductName: r.ProductName, SKU: r.Sku, Units: r.Units, UnitPrice: r.UnitPrice, Region: r.Region, Channel: r.Channel}
	}
	return nil
}

// msTime is a stored Unix-millisecond time; 0 stays the zero time.
func msTime(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

func (a *App) loadDaily(ctx context.Context, q *store.Queries, storeID, fromDay, toDay string, fromMs, toMs int64, ds *kpi.Dataset) error {
	day := a.day
	tr, err := q.ListKPITraffic(ctx, sqlq.ListKPITrafficParams{StoreID: storeID, Day: fromDay, Day_2: toDay})
	if err != nil {
		return err
	}
	for _, r := range tr {
		ds.Traffic.Rows = append(ds.Traffic.Rows, trafficRow(r, day(r.Day)))
	}
	ads, err := q.ListKPIAds(ctx, sqlq.ListKPIAdsParams{StoreID: storeID, Day: fromDay, Day_2: toDay})
	if err != nil {
		return err
	}
	for _, r := range ads {
		ds.Ads.Rows = append(ds.Ads.Rows, kpi.AdRow{Date: day(r.Day), Channel: r.Channel, Campaign: r.Campaign,
			ProductID: r.ProductID, Spend: r.Spend, Impressions: r.Impressions, Clicks: r.Clicks, AdGMV: r.AdGmv,
			AdOrders: r.AdOrders, AdOrderAmount: r.AdOrderAmount})
	}
	if err := a.loadCS(ctx, q, storeID, fromDay, toDay, ds); err != nil {
		return err
	}
	ev, err := q.ListKPIEvents(ctx, sqlq.ListKPIEventsParams{StoreID: storeID, At: fromMs, At_2: toMs})
	if err != nil {
		return err
	}
	for _, e := range ev {
		ds.Events.Rows = append(ds.Events.Rows, kpi.Event{UserID: e.UserID, ItemID: e.ItemID, CategoryID: e.CategoryID,
			Action: e.Action, At: msTime(e.At)})
	}
	return nil
}

// loadCS adds the store's customer-service rows of the days [fromDay, toDay).
func (a *App) loadCS(ctx context.Context, q *store.Queries, storeID, fromDay, toDay string, ds *kpi.Dataset) error {
	cs, err := q.ListKPICS(ctx, sqlq.ListKPICSParams{StoreID: storeID, Day: fromDay, Day_2: toDay})
	if err != nil {
		return err
	}
	for _, r := range cs {
		ds.CS.Rows = append(ds.CS.Rows, csRow(r, a.day))
	}
	return nil
}

// day is a stored YYYY-MM-DD as midnight in the company's zone.
func (a *App) day(s string) time.Time {
	t, _ := time.ParseInLocation(time.DateOnly, s, a.Location())
	return t
}

func trafficRow(r sqlq.KpiTraffic, day time.Time) kpi.TrafficRow {
	t := kpi.TrafficRow{Date: day, Channel: r.Channel, ProductID: r.ProductID, ProductName: r.ProductName,
		Visitors: r.Visitors, PageViews: r.PageViews, ItemVisitors: r.ItemVisitors, FavUsers: r.FavUsers,
		CartUsers: r.CartUsers, CartUnits: r.CartUnits, OrderBuyers: r.OrderBuyers, OrderAmount: r.OrderAmount,
		PaidBuyers: r.PaidBuyers, PaidOrders: r.PaidOrders, PaidUnits: r.PaidUnits, GMV: r.Gmv,
		RefundAmount: r.RefundAmount, NewBuyers: r.NewBuyers, ReturningBuyers: r.ReturningBuyers}
	var peer struct {
		AvgConv float64 `json:"peer_avg_pay_conversion"`
		TopConv float64 `json:"peer_top_pay_conversion"`
		AvgAOV  int64   `json:"peer_avg_aov"`
		TopAOV  int64   `json:"peer_top_aov"`
		AvgVis  int64   `json:"peer_avg_visitors"`
		TopVis  int64   `json:"peer_top_visitors"`
		AvgGMV  int64   `json:"peer_avg_gmv"`
		TopGMV  int64   `json:"peer_top_gmv"`
	}
	if json.Unmarshal([]byte(r.Peer), &peer) == nil {
		t.PeerAvgPayConversion, t.PeerTopPayConversion = peer.AvgConv, peer.TopConv
		t.PeerAvgAOV, t.PeerTopAOV, t.PeerAvgVisitors, t.PeerTopVisitors = peer.AvgAOV, peer.TopAOV, peer.AvgVis, peer.TopVis
		t.PeerAvgGMV, t.PeerTopGMV = peer.AvgGMV, peer.TopGMV
	}
	return t
}

func csRow(r sqlq.KpiC, day func(string) time.Time) kpi.CSRow {
	c := kpi.CSRow{Agent: r.Agent, Inquiries: r.Inquiries, InquiryPaid: r.InquiryPaid, InquiryConversion: r.InquiryConversion,
		Rounds: r.Rounds, Rounds3Min: r.Rounds3min, ResponseRate3Min: r.ResponseRate3min,
		FirstResponseSeconds: r.FirstResponseSeconds, AvgResponseSeconds: r.AvgResponseSeconds, CSSales: r.CsSales}
	if r.Day == r.DayTo {
		c.Date = day(r.Day)
	} else {
		c.PeriodStart, c.PeriodEnd = day(r.Day), day(r.DayTo)
	}
	return c
}
