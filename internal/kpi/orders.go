package kpi

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrGrainUnset is returned when an order has several lines but the caller
// did not say whether its amounts are per order or per line.
var ErrGrainUnset = errors.New("kpi: orders have several lines but Orders.Grain is unset")

// order is one order folded from its lines; text fields are interned.
type order struct {
	created, paid                   time.Time
	buyer                           int32 // -1: none
	store, region, channel, product int32 // product: the first line's
	amountPaid, amountTotal         int64
	refund, units, lineValue        int64
	lines                           int32
	refunded, multiProduct          bool
}

// dict interns strings to small integers so grouping needs no string
// hashing per order.
type dict struct {
	idx   map[string]int32
	words []string
}

func newDict() *dict { return &dict{idx: map[string]int32{}} }

func (d *dict) id(s string) int32 {
	if i, ok := d.idx[s]; ok {
		return i
	}
	i := int32(len(d.words))
	d.idx[s] = i
	d.words = append(d.words, s)
	return i
}

// Prepared holds a Dataset with its orders folded, so that several queries
// over the same import fold the lines once.
type Prepared struct {
	ds                               Dataset
	orders                           []order
	lineOrder                        []int32 // order index of each line
	stores, regions, channels, prods *dict
	buyers                           int
	firstPaid                        time.Time
}

// Prepare folds order lines into orders by OrderID (lines without an id are
// orders of their own). It fails with ErrGrainUnset when an order has more
// than one line and ds.Orders.Grain is GrainUnset.
func Prepare(ds Dataset) (*Prepared, error) {
	p := &Prepared{ds: ds, stores: newDict(), regions: newDict(), channels: newDict(), prods: newDict()}
	lines := ds.Orders.Lines
	byID := make(map[string]int32, len(lines))
	buyers := make(map[string]int32)
	p.lineOrder = make([]int32, len(lines))
	p.orders = make([]order, 0, len(lines))
	for li := range lines {
		l := &lines[li]
		oi, seen := byID[l.OrderID]
		if !seen || l.OrderID == "" {
			oi = int32(len(p.orders))
			p.orders = append(p.orders, p.newOrder(l, buyers))
			if l.OrderID != "" {
				byID[l.OrderID] = oi
			}
		} else if err := p.addLine(&p.orders[oi], l); err != nil {
			return nil, fmt.Errorf("order %q: %w", l.OrderID, err)
		}
		p.lineOrder[li] = oi
	}
	p.buyers = len(buyers)
	p.finishOrders()
	return p, nil
}

func (p *Prepared) newOrder(l *OrderLine, buyers map[string]int32) order {
	o := order{created: l.CreatedAt, paid: l.PaidAt, buyer: -1,
		store: p.stores.id(l.Store), region: p.regions.id(l.Region),
		channel: p.channels.id(l.Channel), product: p.prods.id(productKey(l.ProductID, l.ProductName)),
		amountPaid: l.AmountPaid, amountTotal: l.AmountTotal, refund: l.RefundAmount,
		units: l.Units, lineValue: l.Units * l.UnitPrice, lines: 1, refunded: refundedStatus(l.RefundStatus)}
	if l.BuyerID != "" {
		b, ok := buyers[l.BuyerID]
		if !ok {
			b = int32(len(buyers))
			buyers[l.BuyerID] = b
		}
		o.buyer = b
	}
	return o
}

// addLine merges a further line of the same order.
func (p *Prepared) addLine(o *order, l *OrderLine) error {
	switch p.ds.Orders.Grain {
	case GrainLine:
		o.amountPaid += l.AmountPaid
		o.amountTotal += l.AmountTotal
		o.refund += l.RefundAmount
	case GrainOrder:
		o.amountPaid = firstNonZero(o.amountPaid, l.AmountPaid)
		o.amountTotal = firstNonZero(o.amountTotal, l.AmountTotal)
		o.refund = firstNonZero(o.refund, l.RefundAmount)
	default:
		return ErrGrainUnset
	}
	o.created = earliest(o.created, l.CreatedAt)
	o.paid = earliest(o.paid, l.PaidAt)
	o.units += l.Units
	o.lines++
	o.lineValue += l.Units * l.UnitPrice
	o.refunded = o.refunded || refundedStatus(l.RefundStatus)
	if p.prods.id(productKey(l.ProductID, l.ProductName)) != o.product {
		o.multiProduct = true
	}
	return nil
}

func (p *Prepared) finishOrders() {
	hasAmount := p.ds.Orders.Has.Has(FieldRefundAmount)
	for i := range p.orders {
		o := &p.orders[i]
		if hasAmount {
			o.refunded = o.refund > 0
		}
		if !o.paid.IsZero() && (p.firstPaid.IsZero() || o.paid.Before(p.firstPaid)) {
			p.firstPaid = o.paid
		}
	}
}

func firstNonZero(a, b int64) int64 {
	if a != 0 {
		return a
	}
	return b
}

func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

func productKey(id, name string) string {
	if id != "" {
		return id
	}
	return name
}

// refundedStatus reads a 售后状态/退款状态 text when the file has no refund
// amount: only wordings of a completed refund count, so 退款中 or
// 售后关闭 do not.
func refundedStatus(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, w := range []string{"退款成功", "退货退款成功", "售后成功", "售后完成", "已退款", "refunded"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// gmvAmount is the amount an order adds to GMV: 买家实际支付金额 when the
// file has it, else 总金额.
func (p *Prepared) gmvAmount(o *order) int64 {
	if p.ds.Orders.Has.Has(FieldAmountPaid) {
		return o.amountPaid
	}
	return o.amountTotal
}
