package kpi

import (
	"math"
	"slices"
	"time"
)

type orderAcc struct {
	created, createdPaid       int64
	paid, gmv, units           int64
	refundOrders, refundAmount int64
	buyers                     int64
	allocated, unallocated     bool
	rep                        [2]repAcc // 30 and 90 days
}

// piece is an order's share in a product group: w weighs its money.
type piece struct {
	order, product int32
	w              float64
	units          int64
	unallocated    bool
}

// orderDim tells whether orders can be split by the query's dimension.
func (p *Prepared) orderDim(d Dimension) bool {
	field := map[Dimension]string{ByStore: FieldStore, ByChannel: FieldChannel, ByRegion: FieldRegion}[d]
	if d == ByProduct {
		return p.ds.Orders.Has.Has(FieldProductID) || p.ds.Orders.Has.Has(FieldProductName)
	}
	return supports(d, ByStore, ByChannel, ByRegion) && (field == "" || p.ds.Orders.Has.Has(field))
}

// textGroup is the group of an order for a text dimension.
func (p *Prepared) textGroup(g *groups, o *order) int32 {
	var id int32
	var d *dict
	switch g.q.By {
	case ByStore:
		id, d = o.store, p.stores
	case ByChannel:
		id, d = o.channel, p.channels
	case ByRegion:
		id, d = o.region, p.regions
	}
	return g.atInt(int64(id), func(k int64) string { return d.words[k] })
}

func (p *Prepared) addOrders(g *groups) {
	if len(p.orders) == 0 {
		return
	}
	split := g.q.By != ByNone && g.q.By != ByProduct && p.orderDim(g.q.By)
	tot := &g.accs[0].o
	pairs := make([]uint64, 0, 2*len(p.orders))
	for i := range p.orders {
		o := &p.orders[i]
		if !o.created.IsZero() && g.q.inPeriod(o.created) {
			tot.addCreated(o)
			if split {
				g.accs[p.groupOf(g, o, o.created)].o.addCreated(o)
			}
		}
		if o.paid.IsZero() || !g.q.inPeriod(o.paid) {
			continue
		}
		amt := p.gmvAmount(o)
		tot.addPaid(o, amt, o.units, 1)
		pairs = appendBuyer(pairs, 0, o.buyer)
		if split {
			gi := p.groupOf(g, o, o.paid)
			g.accs[gi].o.addPaid(o, amt, o.units, 1)
			pairs = appendBuyer(pairs, gi, o.buyer)
		}
	}
	if g.q.By == ByProduct && p.orderDim(ByProduct) {
		pairs = p.addProducts(g, pairs)
	}
	p.countBuyers(g, pairs)
}

func (p *Prepared) groupOf(g *groups, o *order, t time.Time) int32 {
	if g.q.By.temporal() {
		return g.calAt(t)
	}
	return p.textGroup(g, o)
}

func (a *orderAcc) addCreated(o *order) {
	a.created++
	if !o.paid.IsZero() {
		a.createdPaid++
	}
}

// addPaid adds a paid order (or its share w of a product group).
func (a *orderAcc) addPaid(o *order, amt, units int64, w float64) {
	a.paid++
	a.units += units
	refund := o.refund
	if w != 1 {
		amt = int64(math.Round(float64(amt) * w))
		refund = int64(math.Round(float64(refund) * w))
	}
	a.gmv += amt
	a.refundAmount += refund
	if o.refunded {
		a.refundOrders++
	}
}

func appendBuyer(pairs []uint64, gi int32, buyer int32) []uint64 {
	if buyer < 0 {
		return pairs
	}
	return append(pairs, uint64(gi)<<32|uint64(uint32(buyer)))
}

// countBuyers sets each group's distinct paying buyers from (group, buyer)
// pairs.
func (p *Prepared) countBuyers(g *groups, pairs []uint64) {
	perGroupBuyers(pairs, len(g.accs), p.buyers, func(gi int, distinct, _ int64) { g.accs[gi].o.buyers = distinct })
}

// addProducts splits paid orders over the products of their lines.
func (p *Prepared) addProducts(g *groups, pairs []uint64) []uint64 {
	for _, pc := range p.pieces(g.q) {
		o := &p.orders[pc.order]
		gi := g.at(p.prods.words[pc.product])
		a := &g.accs[gi].o
		if pc.unallocated {
			a.unallocated = true
		} else if pc.w != 1 {
			a.allocated = true
		}
		a.addPaid(o, p.gmvAmount(o), pc.units, pc.w)
		pairs = appendBuyer(pairs, gi, o.buyer)
	}
	return pairs
}

// pieces lists, for the paid orders in the period, each (order, product)
// share in order and product order.
func (p *Prepared) pieces(q Query) []piece {
	type key struct{ order, product int32 }
	shares := map[key]*piece{}
	lines := p.ds.Orders.Lines
	for li := range lines {
		l := &lines[li]
		oi := p.lineOrder[li]
		o := &p.orders[oi]
		if o.paid.IsZero() || !q.inPeriod(o.paid) {
			continue
		}
		k := key{oi, p.prods.id(productKey(l.ProductID, l.ProductName))}
		pc := shares[k]
		if pc == nil {
			pc = &piece{order: k.order, product: k.product}
			shares[k] = pc
		}
		pc.units += l.Units
		w, ok := p.lineShare(o, l)
		pc.w += w
		pc.unallocated = pc.unallocated || !ok
	}
	out := make([]piece, 0, len(shares))
	for _, pc := range shares {
		out = append(out, *pc)
	}
	slices.SortFunc(out, func(a, b piece) int {
		if a.order != b.order {
			return int(a.order - b.order)
		}
		return int(a.product - b.product)
	})
	return out
}

// lineShare is the share of its order's money a line carries: its own
// amount for per-line exports, else its units × unit price. A single-
// product order needs no split.
func (p *Prepared) lineShare(o *order, l *OrderLine) (float64, bool) {
	if !o.multiProduct {
		return 1 / float64(o.lines), true
	}
	if amt := p.gmvAmount(o); p.ds.Orders.Grain == GrainLine && amt > 0 {
		la := l.AmountTotal
		if p.ds.Orders.Has.Has(FieldAmountPaid) {
			la = l.AmountPaid
		}
		return float64(la) / float64(amt), true
	}
	if o.lineValue > 0 {
		return float64(l.Units*l.UnitPrice) / float64(o.lineValue), true
	}
	return 0, false
}

// orderMetrics turns a group's order sums into metrics.
func (p *Prepared) orderMetrics(g *groups, a *acc, total bool) []Metric {
	keys := []string{CreatedOrders, PaymentRate, PaidOrders, GMV, PaidUnits, PaidBuyers, AOV, AOVOrder,
		RefundAmount, RefundRateOrders, RefundRateAmount, Repurchase30, Repurchase90}
	if !total && !p.orderDim(g.q.By) {
		return unsplit(keys...)
	}
	has := p.ds.Orders.Has
	o := &a.o
	need := func(m Metric, fields ...string) Metric {
		for _, f := range fields {
			if !has.Has(f) {
				return missing(m.Key, ReasonNoField)
			}
		}
		return m
	}
	gmv := p.gmvMetric(o)
	ms := []Metric{
		need(value(CreatedOrders, float64(o.created)), FieldCreatedAt),
		need(ratio(PaymentRate, float64(o.createdPaid), float64(o.created)), FieldCreatedAt, FieldPaidAt),
		need(value(PaidOrders, float64(o.paid)), FieldPaidAt),
		gmv,
		need(value(PaidUnits, float64(o.units)), FieldPaidAt, FieldUnits),
		p.buyerMetric(value(PaidBuyers, float64(o.buyers))),
		p.buyerMetric(withNote(per(AOV, gmv, float64(o.buyers)), gmv.Note)),
		withNote(per(AOVOrder, gmv, float64(o.paid)), gmv.Note),
	}
	ms = append(ms, p.refundMetrics(o, gmv)...)
	return append(ms, p.repurchaseMetrics(o)...)
}

func (p *Prepared) gmvMetric(o *orderAcc) Metric {
	has := p.ds.Orders.Has
	switch {
	case !has.Has(FieldPaidAt):
		return missing(GMV, ReasonNoField)
	case !has.Has(FieldAmountPaid) && !has.Has(FieldAmountTotal):
		return missing(GMV, ReasonNoAmount)
	case o.unallocated:
		return missing(GMV, ReasonUnallocated)
	}
	m := value(GMV, float64(o.gmv))
	if !has.Has(FieldAmountPaid) {
		m.Note = NoteGMVFromTotal
	} else if o.allocated {
		m.Note = NoteAllocated
	}
	return m
}

func (p *Prepared) buyerMetric(m Metric) Metric {
	if !p.ds.Orders.Has.Has(FieldBuyerID) {
		return missing(m.Key, ReasonNoBuyerID)
	}
	return m
}

// per divides a money metric by a count, or passes its reason on.
func per(key string, m Metric, den float64) Metric {
	if !m.OK {
		return missing(key, m.Reason)
	}
	return ratio(key, m.Value, den)
}

func withNote(m Metric, note string) Metric {
	if m.OK && m.Note == "" {
		m.Note = note
	}
	return m
}

func (p *Prepared) refundMetrics(o *orderAcc, gmv Metric) []Metric {
	has := p.ds.Orders.Has
	byAmount, byStatus := has.Has(FieldRefundAmount), has.Has(FieldRefundStatus)
	if !has.Has(FieldPaidAt) || (!byAmount && !byStatus) {
		return unsplitReason(ReasonNoRefund, RefundAmount, RefundRateOrders, RefundRateAmount)
	}
	ms := []Metric{missing(RefundAmount, ReasonNoRefund), ratio(RefundRateOrders, float64(o.refundOrders), float64(o.paid)),
		missing(RefundRateAmount, ReasonNoRefund)}
	if byAmount {
		ms[0] = value(RefundAmount, float64(o.refundAmount))
		ms[2] = per(RefundRateAmount, value(RefundRateAmount, float64(o.refundAmount)), gmv.Value)
		if !gmv.OK {
			ms[2] = missing(RefundRateAmount, gmv.Reason)
		}
	}
	return ms
}

func unsplitReason(reason string, keys ...string) []Metric {
	out := make([]Metric, len(keys))
	for i, k := range keys {
		out[i] = missing(k, reason)
	}
	return out
}
