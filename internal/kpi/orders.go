package kpi

import (
	"errors"
	"fmt"
	"hash/maphash"
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
// hashing per order. It is keyed by a 64-bit hash checked against the
// word, with a string map for the rare collision (see idIndex).
type dict struct {
	seed     maphash.Seed
	idx      map[uint64]int32
	collided map[string]int32
	words    []string
	// last is the most recent word: exports repeat one store, an empty
	// channel … on every line, and a comparison is cheaper than a lookup.
	last   string
	lastID int32
}

func newDict() *dict {
	return &dict{seed: maphash.MakeSeed(), idx: map[uint64]int32{}, collided: map[string]int32{}}
}

func (d *dict) id(s string) int32 {
	if len(d.words) > 0 && s == d.last {
		return d.lastID
	}
	h := maphash.String(d.seed, s)
	i, ok := d.idx[h]
	switch {
	case ok && d.words[i] == s:
	case ok:
		if i, ok = d.collided[s]; !ok {
			i = d.add(s)
			d.collided[s] = i
		}
	default:
		i = d.add(s)
		d.idx[h] = i
	}
	d.last, d.lastID = s, i
	return i
}

func (d *dict) add(s string) int32 {
	d.words = append(d.words, s)
	return int32(len(d.words) - 1)
}

// Prepared holds a Dataset with its orders folded, so that several queries
// over the same import fold the lines once.
type Prepared struct {
	ds                               Dataset
	orders                           []order
	lineOrder                        []int32 // order index of each line
	stores, regions, channels, prods *dict
	buyers                           int
	firstPaid, lastPaid              time.Time
	paid                             buyerTimes // each buyer's paid times
	firstLine                        []int32    // first line of each order
	usePaid                          bool       // GMV from amount_paid
}

// idIndex finds orders by id through a 64-bit hash of the id, checked
// against the order's first line, with a string map for the rare
// collision: hashing once into an integer-keyed map was half the cost of
// a string-keyed one on a million orders.
type idIndex struct {
	seed     maphash.Seed
	byHash   map[uint64]int32
	collided map[string]int32
}

func newIDIndex(n int) *idIndex {
	return &idIndex{seed: maphash.MakeSeed(), byHash: make(map[uint64]int32, n), collided: map[string]int32{}}
}

// find looks an id up; an empty id is never found (each such line is an
// order of its own).
func (x *idIndex) find(id string, lines []OrderLine, first []int32) (int32, bool) {
	if id == "" {
		return 0, false
	}
	if oi, ok := x.byHash[maphash.String(x.seed, id)]; ok && lines[first[oi]].OrderID == id {
		return oi, true
	}
	oi, ok := x.collided[id]
	return oi, ok
}

func (x *idIndex) add(id string, oi int32) {
	if id == "" {
		return
	}
	h := maphash.String(x.seed, id)
	if _, taken := x.byHash[h]; taken {
		x.collided[id] = oi
		return
	}
	x.byHash[h] = oi
}

// Prepare folds order lines into orders by OrderID (lines without an id are
// orders of their own). It fails with ErrGrainUnset when an order has more
// than one line and ds.Orders.Grain is GrainUnset.
func Prepare(ds Dataset) (*Prepared, error) {
	p := &Prepared{ds: ds, stores: newDict(), regions: newDict(), channels: newDict(), prods: newDict()}
	lines := ds.Orders.Lines
	ids := newIDIndex(len(lines))
	buyers := newDict()
	p.lineOrder = make([]int32, len(lines))
	p.orders = make([]order, 0, len(lines))
	for li := range lines {
		l := &lines[li]
		oi, seen := ids.find(l.OrderID, lines, p.firstLine)
		if !seen {
			oi = int32(len(p.orders))
			p.orders = append(p.orders, p.newOrder(l, buyers))
			p.firstLine = append(p.firstLine, int32(li))
			ids.add(l.OrderID, oi)
		} else if err := p.addLine(&p.orders[oi], l); err != nil {
			return nil, fmt.Errorf("order %q: %w", l.OrderID, err)
		}
		p.lineOrder[li] = oi
	}
	p.usePaid = ds.Orders.Has.Has(FieldAmountPaid)
	p.buyers = len(buyers.words)
	p.finishOrders()
	return p, nil
}

func (p *Prepared) newOrder(l *OrderLine, buyers *dict) order {
	o := order{created: l.CreatedAt, paid: l.PaidAt, buyer: -1,
		store: p.stores.id(l.Store), region: p.regions.id(l.Region),
		channel: p.channels.id(l.Channel), product: p.prods.id(productKey(l.ProductID, l.ProductName)),
		amountPaid: l.AmountPaid, amountTotal: l.AmountTotal, refund: l.RefundAmount,
		units: l.Units, lineValue: l.Units * l.UnitPrice, lines: 1, refunded: refundedStatus(l.RefundStatus)}
	if l.BuyerID != "" {
		o.buyer = buyers.id(l.BuyerID)
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
		if o.paid.After(p.lastPaid) {
			p.lastPaid = o.paid
		}
	}
	p.paid = p.paidTimes()
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
	if p.usePaid {
		return o.amountPaid
	}
	return o.amountTotal
}
