package kpi

// Traffic field keys (Traffic.Has).
const (
	FieldDate            = "date"
	FieldVisitors        = "visitors"
	FieldPageViews       = "page_views"
	FieldItemVisitors    = "item_visitors"
	FieldFavUsers        = "fav_users"
	FieldCartUsers       = "cart_users"
	FieldOrderBuyers     = "order_buyers"
	FieldPaidBuyers      = "paid_buyers"
	FieldPaidOrders      = "paid_orders"
	FieldPaidUnits       = "paid_units"
	FieldGMV             = "gmv"
	FieldPeerAvgConv     = "peer_avg_pay_conversion"
	FieldPeerTopConv     = "peer_top_pay_conversion"
	FieldPeerAvgAOV      = "peer_avg_aov"
	FieldPeerTopAOV      = "peer_top_aov"
	FieldPeerAvgVisitors = "peer_avg_visitors"
	FieldPeerTopVisitors = "peer_top_visitors"
	FieldPeerAvgGMV      = "peer_avg_gmv"
	FieldPeerTopGMV      = "peer_top_gmv"
)

type trafficAcc struct {
	rows                              int64
	visitors, pageViews, itemVisitors int64
	favUsers, cartUsers, orderBuyers  int64
	paidBuyers, paidOrders, paidUnits int64
	gmv, refund                       int64
}

// textDim is the dimension field a non-order kind is split by.
func textDim(d Dimension, store, channel, product string) (string, bool) {
	switch d {
	case ByStore:
		return store, true
	case ByChannel:
		return channel, true
	case ByProduct:
		return product, true
	}
	return "", false
}

// splitField is the field a kind needs to be split by a text dimension.
func splitField(d Dimension) []string {
	switch d {
	case ByStore:
		return []string{FieldStore}
	case ByChannel:
		return []string{FieldChannel}
	case ByProduct:
		return []string{FieldProductID, FieldProductName}
	}
	return nil
}

// canSplit tells whether a kind with fields has can be grouped by d.
func canSplit(d Dimension, has Fields, dims ...Dimension) bool {
	if !supports(d, dims...) {
		return false
	}
	fs := splitField(d)
	for _, f := range fs {
		if has.Has(f) {
			return true
		}
	}
	return len(fs) == 0
}

func addTraffic(g *groups, t Traffic) {
	split := g.q.By != ByNone && canSplit(g.q.By, t.Has, ByStore, ByChannel, ByProduct)
	for i := range t.Rows {
		r := &t.Rows[i]
		if !g.q.inPeriod(dateIn(r.Date, g.zone)) {
			continue
		}
		g.accs[0].t.add(r)
		if !split {
			continue
		}
		if g.q.By.temporal() {
			g.accs[g.dateAt(r.Date)].t.add(r)
		} else {
			k, _ := textDim(g.q.By, r.Store, r.Channel, productKey(r.ProductID, r.ProductName))
			g.accs[g.at(k)].t.add(r)
		}
	}
}

func (a *trafficAcc) add(r *TrafficRow) {
	a.rows++
	a.visitors += r.Visitors
	a.pageViews += r.PageViews
	a.itemVisitors += r.ItemVisitors
	a.favUsers += r.FavUsers
	a.cartUsers += r.CartUsers
	a.orderBuyers += r.OrderBuyers
	a.paidBuyers += r.PaidBuyers
	a.paidOrders += r.PaidOrders
	a.paidUnits += r.PaidUnits
	a.gmv += r.GMV
	a.refund += r.RefundAmount
}

// trafficMetrics: people counts summed over several rows (days, sources,
// products) are upper bounds of the distinct people, so they carry
// NoteSumOfRows, and so do ratios built from them.
func trafficMetrics(g *groups, a *acc, total bool, has Fields, haveOrders bool) []Metric {
	keys := []string{Visitors, PageViews, ItemVisitors, CartUsers, FavUsers, OrderBuyers,
		ItemViewRate, CartRate, FavRate, OrderRate, CartToOrder, PayRateOfOrders}
	t := &a.t
	if !haveOrders {
		keys = append(keys, GMV, PaidOrders, PaidBuyers, PaidUnits, AOV, AOVOrder, RefundAmount, RefundRateAmount)
	}
	if !total && !canSplit(g.q.By, has, ByStore, ByChannel, ByProduct) {
		return unsplit(keys...)
	}
	note := ""
	if t.rows > 1 {
		note = NoteSumOfRows
	}
	count := func(key, field string, v int64) Metric {
		if !has.Has(field) {
			return missing(key, ReasonNoField)
		}
		return withNote(value(key, float64(v)), note)
	}
	rate := func(key, numF, denF string, num, den int64) Metric {
		if !has.Has(numF) || !has.Has(denF) {
			return missing(key, ReasonNoField)
		}
		return withNote(ratio(key, float64(num), float64(den)), note)
	}
	ms := []Metric{
		count(Visitors, FieldVisitors, t.visitors), count(PageViews, FieldPageViews, t.pageViews),
		count(ItemVisitors, FieldItemVisitors, t.itemVisitors), count(CartUsers, FieldCartUsers, t.cartUsers),
		count(FavUsers, FieldFavUsers, t.favUsers), count(OrderBuyers, FieldOrderBuyers, t.orderBuyers),
		rate(ItemViewRate, FieldItemVisitors, FieldVisitors, t.itemVisitors, t.visitors),
		rate(CartRate, FieldCartUsers, FieldItemVisitors, t.cartUsers, t.itemVisitors),
		rate(FavRate, FieldFavUsers, FieldVisitors, t.favUsers, t.visitors),
		rate(OrderRate, FieldOrderBuyers, FieldVisitors, t.orderBuyers, t.visitors),
		rate(CartToOrder, FieldOrderBuyers, FieldCartUsers, t.orderBuyers, t.cartUsers),
		rate(PayRateOfOrders, FieldPaidBuyers, FieldOrderBuyers, t.paidBuyers, t.orderBuyers),
	}
	if haveOrders {
		return ms
	}
	from := func(m Metric) Metric {
		if m.OK && m.Note == "" {
			m.Note = NoteFromTraffic
		}
		return m
	}
	gmv := from(count(GMV, FieldGMV, t.gmv))
	return append(ms, gmv, from(count(PaidOrders, FieldPaidOrders, t.paidOrders)),
		from(count(PaidBuyers, FieldPaidBuyers, t.paidBuyers)), from(count(PaidUnits, FieldPaidUnits, t.paidUnits)),
		from(rate(AOV, FieldGMV, FieldPaidBuyers, t.gmv, t.paidBuyers)),
		from(rate(AOVOrder, FieldGMV, FieldPaidOrders, t.gmv, t.paidOrders)),
		from(count(RefundAmount, FieldRefundAmount, t.refund)),
		from(rate(RefundRateAmount, FieldRefundAmount, FieldGMV, t.refund, t.gmv)))
}

// conversionMetrics are 支付转化率 and UV价值, which need visitors from
// traffic and buyers and GMV from traffic, or else from the orders.
func (p *Prepared) conversionMetrics(g *groups, a *acc, total bool) []Metric {
	th := p.ds.Traffic.Has
	if len(p.ds.Traffic.Rows) == 0 || !th.Has(FieldVisitors) {
		return unsplitReason(ReasonNoTraffic, PayConversion, UVValue)
	}
	if !total && !canSplit(g.q.By, th, ByStore, ByChannel, ByProduct) {
		return unsplit(PayConversion, UVValue)
	}
	vis := float64(a.t.visitors)
	note := ""
	if a.t.rows > 1 {
		note = NoteSumOfRows
	}
	var conv, uv Metric
	switch {
	case th.Has(FieldPaidBuyers):
		conv = withNote(ratio(PayConversion, float64(a.t.paidBuyers), vis), note)
	case len(p.orders) > 0 && p.ds.Orders.Has.Has(FieldBuyerID) && p.orderDim(g.q.By):
		conv = withNote(ratio(PayConversion, float64(a.o.buyers), vis), NoteMixedSources)
	default:
		conv = missing(PayConversion, ReasonNoBuyerID)
	}
	switch {
	case th.Has(FieldGMV):
		uv = withNote(ratio(UVValue, float64(a.t.gmv), vis), note)
	case len(p.orders) > 0 && p.orderDim(g.q.By):
		gmv := p.gmvMetric(&a.o)
		uv = withNote(per(UVValue, gmv, vis), NoteMixedSources)
	default:
		uv = missing(UVValue, ReasonNoAmount)
	}
	return []Metric{conv, uv}
}
