package kpi

import (
	"slices"
	"strings"
)

// Source says where a target value comes from.
type Source string

const (
	SourceManager   Source = "manager"    // set by the store's manager
	SourcePeerAvg   Source = "peer_avg"   // 同行同层平均 from 生意参谋
	SourcePeerTop   Source = "peer_top"   // 同行同层优秀
	SourceGeneric   Source = "generic"    // a built-in published benchmark, not this store's
	SourceBreakEven Source = "break_even" // 保本ROI from the store's own margin and refunds
)

// precedence orders sources when several targets exist for one metric.
var precedence = []Source{SourceManager, SourcePeerAvg, SourcePeerTop, SourceBreakEven, SourceGeneric}

// Target is a value a metric should reach (or stay below, for metrics
// where lower is better). Store "" applies to every store. Note is a
// message id for built-in and peer targets, the manager's own words
// otherwise.
type Target struct {
	Metric string
	Store  string
	Value  float64
	Source Source
	Note   string
}

// DefaultTargets are the built-in generic targets for a platform: only
// where the reference has a published figure (Shopify conversion, cart
// abandonment and repeat purchase; Amazon ACoS). Chinese platforms get
// none: no citable category benchmark exists, and their 同行同层 values
// (PeerTargets) are the better reference.
func DefaultTargets(platform string) []Target {
	switch strings.ToLower(platform) {
	case "shopify":
		return []Target{
			{Metric: PayConversion, Value: 0.014, Source: SourceGeneric, Note: TargetShopifyConversion},
			{Metric: CartToOrder, Value: 0.30, Source: SourceGeneric, Note: TargetCartAbandonment},
			{Metric: Repurchase90, Value: 0.28, Source: SourceGeneric, Note: TargetRepeatPurchase},
		}
	case "amazon":
		return []Target{{Metric: ACoS, Value: 0.30, Source: SourceGeneric, Note: TargetAmazonACoS}}
	}
	return nil
}

// PeerTargets turns the 同行同层 columns of traffic rows in the query's
// period into targets per store. Each store-day is read once (the first
// row of that day, as the peer values are shop-level and repeat on
// channel or product rows); conversion and AOV are the mean over days,
// visitors and GMV the sum over days, as the store's own figures are.
func PeerTargets(t Traffic, q Query) []Target {
	type day struct {
		store string
		key   int64
	}
	zone := q.zone()
	seen := map[day]bool{}
	sums := map[string]*peerSum{}
	var stores []string
	for i := range t.Rows {
		r := &t.Rows[i]
		d := day{r.Store, dateKey(ByDay, r.Date, zone)}
		if seen[d] || !q.inPeriod(dateIn(r.Date, zone)) {
			continue
		}
		seen[d] = true
		if sums[r.Store] == nil {
			sums[r.Store] = &peerSum{}
			stores = append(stores, r.Store)
		}
		sums[r.Store].add(r)
	}
	slices.Sort(stores)
	var out []Target
	for _, s := range stores {
		out = append(out, sums[s].targets(s, t.Has)...)
	}
	return out
}

type peerSum struct {
	days                             float64
	avgConv, topConv, avgAOV, topAOV float64
	avgVis, topVis, avgGMV, topGMV   float64
}

func (p *peerSum) add(r *TrafficRow) {
	p.days++
	p.avgConv += r.PeerAvgPayConversion
	p.topConv += r.PeerTopPayConversion
	p.avgAOV += float64(r.PeerAvgAOV)
	p.topAOV += float64(r.PeerTopAOV)
	p.avgVis += float64(r.PeerAvgVisitors)
	p.topVis += float64(r.PeerTopVisitors)
	p.avgGMV += float64(r.PeerAvgGMV)
	p.topGMV += float64(r.PeerTopGMV)
}

func (p *peerSum) targets(store string, has Fields) []Target {
	var out []Target
	add := func(field, metric string, v float64, src Source) {
		if has.Has(field) {
			note := TargetPeerAvg
			if src == SourcePeerTop {
				note = TargetPeerTop
			}
			out = append(out, Target{Metric: metric, Store: store, Value: v, Source: src, Note: note})
		}
	}
	add(FieldPeerAvgConv, PayConversion, p.avgConv/p.days, SourcePeerAvg)
	add(FieldPeerTopConv, PayConversion, p.topConv/p.days, SourcePeerTop)
	add(FieldPeerAvgAOV, AOV, p.avgAOV/p.days, SourcePeerAvg)
	add(FieldPeerTopAOV, AOV, p.topAOV/p.days, SourcePeerTop)
	add(FieldPeerAvgVisitors, Visitors, p.avgVis, SourcePeerAvg)
	add(FieldPeerTopVisitors, Visitors, p.topVis, SourcePeerTop)
	add(FieldPeerAvgGMV, GMV, p.avgGMV, SourcePeerAvg)
	add(FieldPeerTopGMV, GMV, p.topGMV, SourcePeerTop)
	return out
}

// chooseTarget picks the target for a metric and store: the store's own
// before the all-stores one, then by source precedence (manager first).
func chooseTarget(targets []Target, metric, store string) (Target, bool) {
	best, found := Target{}, false
	rank := func(t Target) int {
		r := slices.Index(precedence, t.Source)
		if r < 0 {
			r = len(precedence)
		}
		if t.Store != store {
			r += 100
		}
		return r
	}
	for _, t := range targets {
		if t.Metric != metric || (t.Store != "" && t.Store != store) {
			continue
		}
		if !found || rank(t) < rank(best) {
			best, found = t, true
		}
	}
	return best, found
}
