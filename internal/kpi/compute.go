package kpi

import (
	"fmt"
	"slices"
	"time"
)

// Result is a computation: the period's totals and, when grouped, one
// Group per key in key order.
type Result struct {
	By     Dimension
	Total  Group
	Groups []Group
}

// Group is the metrics of one group. Key is a calendar label (2026-02-11,
// 2026-W07, 2026-02) or a store, channel, product, region or agent value;
// Label is a message id for the total or an empty value, else "".
type Group struct {
	Key     string
	Label   string
	End     time.Time `json:"-"` // end of a calendar group; zero otherwise
	Metrics []Metric
}

// Metric returns the group's metric with the key.
func (g Group) Metric(key string) (Metric, bool) {
	i := slices.IndexFunc(g.Metrics, func(m Metric) bool { return m.Key == key })
	if i < 0 {
		return Metric{}, false
	}
	return g.Metrics[i], true
}

// acc accumulates one group's sums over every kind of record.
type acc struct {
	key string
	end time.Time
	o   orderAcc
	t   trafficAcc
	a   adAcc
	c   csAcc
	e   eventAcc
}

// groups maps group keys to accumulators; index 0 is the total.
type groups struct {
	q     Query
	zone  *time.Location
	byKey map[string]int32
	accs  []*acc
	cache map[int64]int32 // integer order keys → index
}

func newGroups(q Query) *groups {
	g := &groups{q: q, zone: q.zone(), byKey: map[string]int32{}, cache: map[int64]int32{}}
	g.accs = []*acc{{}}
	return g
}

func (g *groups) at(key string) int32 {
	if i, ok := g.byKey[key]; ok {
		return i
	}
	i := int32(len(g.accs))
	a := &acc{key: key}
	g.accs = append(g.accs, a)
	g.byKey[key] = i
	return i
}

// atInt finds the group of an integer key, naming it only when new.
func (g *groups) atInt(k int64, name func(int64) string) int32 {
	if i, ok := g.cache[k]; ok {
		return i
	}
	i := g.at(name(k))
	if g.q.By.temporal() {
		g.accs[i].end = calEnd(g.q.By, k, g.zone)
	}
	g.cache[k] = i
	return i
}

// calAt is the group of a time for a calendar dimension.
func (g *groups) calAt(t time.Time) int32 {
	return g.atInt(calKey(g.q.By, t, g.zone), func(k int64) string { return calLabel(g.q.By, k) })
}

// dateAt is the group of a calendar date for a calendar dimension.
func (g *groups) dateAt(d time.Time) int32 {
	return g.atInt(dateKey(g.q.By, d, g.zone), func(k int64) string { return calLabel(g.q.By, k) })
}

// Compute computes every metric the dataset supports for the query. See
// Prepare for its error.
func Compute(ds Dataset, q Query) (Result, error) {
	p, err := Prepare(ds)
	if err != nil {
		return Result{}, err
	}
	return p.Compute(q)
}

// Compute computes every metric the prepared dataset supports.
func (p *Prepared) Compute(q Query) (Result, error) {
	if !q.By.valid() {
		return Result{}, fmt.Errorf("kpi: unknown dimension %q", q.By)
	}
	g := newGroups(q)
	p.addOrders(g)
	addTraffic(g, p.ds.Traffic)
	addAds(g, p.ds.Ads)
	addCS(g, p.ds.CS)
	addEvents(g, p.ds.Events)
	p.addRepurchase(g)
	return p.result(g), nil
}

func (p *Prepared) result(g *groups) Result {
	r := Result{By: g.q.By}
	r.Total = p.finish(g, g.accs[0], true)
	r.Total.Label = LabelTotal
	for _, a := range g.accs[1:] {
		gr := p.finish(g, a, false)
		gr.Key, gr.End = a.key, a.end
		if a.key == "" {
			gr.Label = LabelUnknown
		}
		r.Groups = append(r.Groups, gr)
	}
	slices.SortFunc(r.Groups, func(a, b Group) int {
		switch {
		case a.Key < b.Key:
			return -1
		case a.Key > b.Key:
			return 1
		}
		return 0
	})
	return r
}

// finish turns a group's sums into metrics, kind by kind, for the kinds
// present in the dataset.
func (p *Prepared) finish(g *groups, a *acc, total bool) Group {
	var ms []Metric
	ds := p.ds
	if len(ds.Orders.Lines) > 0 {
		ms = append(ms, p.orderMetrics(g, a, total)...)
	}
	if len(ds.Traffic.Rows) > 0 {
		ms = append(ms, trafficMetrics(g, a, total, ds.Traffic.Has, len(ds.Orders.Lines) > 0)...)
	}
	if len(ds.Orders.Lines) > 0 || len(ds.Traffic.Rows) > 0 {
		ms = append(ms, p.conversionMetrics(g, a, total)...)
	}
	if len(ds.Ads.Rows) > 0 {
		ms = append(ms, adMetrics(g, a, total, ds.Ads.Has, ms)...)
	}
	if len(ds.Ads.Rows) > 0 || len(ds.Orders.Lines) > 0 {
		ms = append(ms, breakEven(g.q, ms))
	}
	if len(ds.CS.Rows) > 0 {
		ms = append(ms, csMetrics(g, a, total, ds.CS.Has)...)
	}
	if len(ds.Events.Rows) > 0 {
		ms = append(ms, eventMetrics(g, a, total, ds.Events.Has)...)
	}
	order := func(m Metric) int { return slices.IndexFunc(defs, func(d metricDef) bool { return d.key == m.Key }) }
	slices.SortStableFunc(ms, func(x, y Metric) int { return order(x) - order(y) })
	return Group{Metrics: ms}
}

// pick returns a metric from an earlier kind's list.
func pick(ms []Metric, key string) (Metric, bool) {
	return Group{Metrics: ms}.Metric(key)
}

// supports tells whether a kind can be split by the query's dimension;
// dims lists the non-calendar dimensions it has.
func supports(d Dimension, dims ...Dimension) bool {
	return d == ByNone || d.temporal() || slices.Contains(dims, d)
}

// unsplit marks all of a kind's metrics not computable in a group the kind
// cannot be split into.
func unsplit(keys ...string) []Metric {
	out := make([]Metric, len(keys))
	for i, k := range keys {
		out[i] = missing(k, ReasonNoDimension)
	}
	return out
}
