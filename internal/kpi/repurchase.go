package kpi

import (
	"slices"
	"time"
)

// repurchaseDays are the windows of repurchase_30 and repurchase_90.
var repurchaseDays = [2]int{30, 90}

type repAcc struct {
	buyers, repeat int64
	truncated      bool
}

// buyerTimes lists each buyer's paid times (unix ns) in order, buyer b's
// at times[offs[b]:offs[b+1]].
type buyerTimes struct {
	offs  []int32
	times []int64
}

func (p *Prepared) paidTimes() buyerTimes {
	bt := buyerTimes{offs: make([]int32, p.buyers+1)}
	for i := range p.orders {
		if o := &p.orders[i]; o.buyer >= 0 && !o.paid.IsZero() {
			bt.offs[o.buyer+1]++
		}
	}
	for b := 1; b <= p.buyers; b++ {
		bt.offs[b] += bt.offs[b-1]
	}
	bt.times = make([]int64, bt.offs[p.buyers])
	next := slices.Clone(bt.offs[:p.buyers])
	for i := range p.orders {
		if o := &p.orders[i]; o.buyer >= 0 && !o.paid.IsZero() {
			bt.times[next[o.buyer]] = o.paid.UnixNano()
			next[o.buyer]++
		}
	}
	for b := 0; b < p.buyers; b++ {
		slices.Sort(bt.times[bt.offs[b]:bt.offs[b+1]])
	}
	return bt
}

// windowEnd is the end of the repurchase window of the total and of
// non-calendar groups: the query's To, else the end of the last paid day.
func (p *Prepared) windowEnd(q Query) time.Time {
	if !q.To.IsZero() {
		return q.To
	}
	y, m, d := p.lastPaid.In(q.zone()).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, q.zone())
}

// addRepurchase counts, per group and window, the buyers with a paid order
// in the window and those with two or more. Calendar groups use the
// window ending with the group (capped at To); others the window ending at
// To. A buyer's orders in other stores, regions … of the window do not
// count towards that group.
func (p *Prepared) addRepurchase(g *groups) {
	has := p.ds.Orders.Has
	if len(p.orders) == 0 || !has.Has(FieldBuyerID) || !has.Has(FieldPaidAt) {
		return
	}
	end := p.windowEnd(g.q)
	split := !g.q.By.temporal() && g.q.By != ByNone && p.orderDim(g.q.By)
	for w, days := range repurchaseDays {
		start := end.In(g.zone).AddDate(0, 0, -days)
		p.totalRepeat(&g.accs[0].o.rep[w], start, end)
		if split {
			p.countRepeat(g, p.windowPairs(g, start, end), w, p.firstPaid.After(start))
		}
	}
	if g.q.By.temporal() {
		p.sweepCalendar(g, end)
	}
}

// totalRepeat counts the buyers with paid orders in [start, end) from
// their sorted paid times, two binary searches per buyer.
func (p *Prepared) totalRepeat(r *repAcc, start, end time.Time) {
	s, e := start.UnixNano(), end.UnixNano()
	for b := 0; b < p.buyers; b++ {
		ts := p.paid.times[p.paid.offs[b]:p.paid.offs[b+1]]
		lo, _ := slices.BinarySearch(ts, s)
		hi, _ := slices.BinarySearch(ts, e)
		if n := hi - lo; n > 0 {
			r.buyers++
			if n >= 2 {
				r.repeat++
			}
		}
	}
	r.truncated = p.firstPaid.After(start)
}

// windowPairs lists (group, buyer) for the paid orders in [start, end),
// for groups of a text dimension.
func (p *Prepared) windowPairs(g *groups, start, end time.Time) []uint64 {
	var pairs []uint64
	win := Query{From: start, To: end}
	if g.q.By != ByProduct {
		for i := range p.orders {
			if o := &p.orders[i]; !o.paid.IsZero() && win.inPeriod(o.paid) {
				pairs = appendBuyer(pairs, p.textGroup(g, o), o.buyer)
			}
		}
	} else {
		for _, pc := range p.pieces(win) {
			pairs = appendBuyer(pairs, g.at(p.prods.words[pc.product]), p.orders[pc.order].buyer)
		}
	}
	return pairs
}

// countRepeat counts each group's buyers in the window and those with two
// or more paid orders (or product lines) there.
func (p *Prepared) countRepeat(g *groups, pairs []uint64, w int, truncated bool) {
	perGroupBuyers(pairs, len(g.accs), p.buyers, func(gi int, distinct, twice int64) {
		if gi == 0 {
			return // the total is counted by totalRepeat
		}
		r := &g.accs[gi].o.rep[w]
		r.buyers, r.repeat = distinct, twice
		r.truncated = truncated && distinct > 0
	})
}

// sweepCalendar walks each buyer's sorted paid times once per window,
// moving two pointers along the calendar groups' ends.
func (p *Prepared) sweepCalendar(g *groups, capEnd time.Time) {
	idx := make([]int32, 0, len(g.accs)-1)
	for i := 1; i < len(g.accs); i++ {
		idx = append(idx, int32(i))
	}
	ends := func(i int32) time.Time {
		if e := g.accs[i].end; e.Before(capEnd) {
			return e
		}
		return capEnd
	}
	slices.SortFunc(idx, func(a, b int32) int { return ends(a).Compare(ends(b)) })
	bt := p.paid
	for w, days := range repurchaseDays {
		e := make([]int64, len(idx))
		s := make([]int64, len(idx))
		for j, gi := range idx {
			end := ends(gi)
			e[j], s[j] = end.UnixNano(), end.In(g.zone).AddDate(0, 0, -days).UnixNano()
			g.accs[gi].o.rep[w].truncated = p.firstPaid.UnixNano() > s[j]
		}
		for b := 0; b < p.buyers; b++ {
			ts := bt.times[bt.offs[b]:bt.offs[b+1]]
			lo, hi := 0, 0
			for j, gi := range idx {
				for hi < len(ts) && ts[hi] < e[j] {
					hi++
				}
				for lo < hi && ts[lo] < s[j] {
					lo++
				}
				if n := hi - lo; n > 0 {
					r := &g.accs[gi].o.rep[w]
					r.buyers++
					if n >= 2 {
						r.repeat++
					}
				}
			}
		}
	}
}

func (p *Prepared) repurchaseMetrics(o *orderAcc) []Metric {
	out := make([]Metric, 2)
	for w, key := range []string{Repurchase30, Repurchase90} {
		switch {
		case !p.ds.Orders.Has.Has(FieldBuyerID):
			out[w] = missing(key, ReasonNoBuyerID)
		case !p.ds.Orders.Has.Has(FieldPaidAt):
			out[w] = missing(key, ReasonNoField)
		default:
			out[w] = ratio(key, float64(o.rep[w].repeat), float64(o.rep[w].buyers))
			if o.rep[w].truncated && out[w].OK {
				out[w].Note = NoteWindowTruncated
			}
		}
	}
	return out
}
