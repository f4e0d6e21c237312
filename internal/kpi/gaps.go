package kpi

import (
	"math"
	"slices"
)

// Gap is a metric worse than its target, with the estimated GMV at stake.
type Gap struct {
	Metric    string
	Store     string
	Actual    float64
	Target    float64
	Source    Source
	Note      string // the target's note
	Direction Direction
	// Shortfall is how much worse than target, as a fraction of the
	// target (0.2 = 20 % short, or 20 % over for lower-is-better).
	Shortfall float64
	// Impact is the estimated GMV (fen) gained if this metric alone
	// reached its target; ImpactKnown is false when no model applies.
	Impact      int64
	ImpactKnown bool
	Rank        int // 1 = largest impact
	Rule        Rule
	Matched     bool
}

// impact models: how a shortfall turns into GMV.
var (
	multiplicative = []string{Visitors, PayConversion, AOV, AOVOrder, UVValue, ItemViewRate, CartRate,
		OrderRate, CartToOrder, PayRateOfOrders, PaymentRate, PaidBuyers, PaidOrders, EventCartRate, EventBuyRate}
)

// Gaps compares a group's metrics with the targets for store and returns
// the metrics worse than target, ranked by estimated GMV impact (unknown
// impacts last, by shortfall). ROI (ROAS) without a target of its own is
// held to the group's break-even ROI. Impacts are each "this metric alone
// at target, all else equal": funnel steps overlap their product 支付转化率,
// so they must not be added up.
func Gaps(g Group, store string, targets []Target, rules Rules) []Gap {
	targets = withBreakEven(g, store, targets)
	var out []Gap
	for _, m := range g.Metrics {
		if !m.OK {
			continue
		}
		t, ok := chooseTarget(targets, m.Key, store)
		if !ok || t.Value <= 0 {
			continue
		}
		dir := DirectionOf(m.Key)
		short := (t.Value - m.Value) / t.Value
		if dir == LowerBetter {
			short = -short
		}
		if short <= 0 {
			continue
		}
		gap := Gap{Metric: m.Key, Store: store, Actual: m.Value, Target: t.Value, Source: t.Source,
			Note: t.Note, Direction: dir, Shortfall: short}
		gap.Impact, gap.ImpactKnown = gmvAtStake(g, m, t.Value)
		gap.Rule, gap.Matched = rules.Match(m.Key, short)
		out = append(out, gap)
	}
	slices.SortStableFunc(out, func(a, b Gap) int {
		if a.ImpactKnown != b.ImpactKnown {
			if a.ImpactKnown {
				return -1
			}
			return 1
		}
		if a.Impact != b.Impact {
			return cmpInt(b.Impact, a.Impact)
		}
		return cmpFloat(b.Shortfall, a.Shortfall)
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// withBreakEven adds the break-even ROI (and ACoS) as targets.
func withBreakEven(g Group, store string, targets []Target) []Target {
	be, ok := g.Metric(BreakEvenROI)
	if !ok || !be.OK || be.Value <= 0 {
		return targets
	}
	out := slices.Clone(targets)
	for _, k := range []string{ROI, ROAS} {
		out = append(out, Target{Metric: k, Store: store, Value: be.Value, Source: SourceBreakEven, Note: TargetBreakEven})
	}
	return append(out, Target{Metric: ACoS, Store: store, Value: 1 / be.Value, Source: SourceBreakEven, Note: TargetBreakEven})
}

func metricValue(g Group, key string) (Metric, bool) {
	m, ok := g.Metric(key)
	return m, ok && m.OK
}

// gmvAtStake estimates the GMV (fen) at stake in one gap; see docs/metrics.md.
func gmvAtStake(g Group, m Metric, target float64) (int64, bool) {
	gmv, haveGMV := metricValue(g, GMV)
	fen := func(v float64) (int64, bool) { return int64(math.Round(v)), true }
	switch {
	case slices.Contains(multiplicative, m.Key):
		if !haveGMV || m.Value <= 0 {
			return 0, false
		}
		return fen(gmv.Value * (target/m.Value - 1))
	case m.Key == GMV:
		return fen(target - m.Value)
	case m.Key == RefundRateOrders || m.Key == RefundRateAmount:
		if !haveGMV {
			return 0, false
		}
		return fen(gmv.Value * (m.Value - target))
	case m.Key == Repurchase30 || m.Key == Repurchase90:
		aov, ok := metricValue(g, AOVOrder)
		if !ok {
			return 0, false
		}
		return fen((target - m.Value) * m.Den * aov.Value)
	case m.Key == ROI || m.Key == ROAS:
		spend, ok := metricValue(g, AdSpend)
		if !ok {
			return 0, false
		}
		return fen(spend.Value * (target - m.Value))
	case m.Key == ACoS:
		sales, ok := metricValue(g, AdGMV)
		if !ok {
			return 0, false
		}
		return fen(sales.Value * (m.Value - target))
	case m.Key == CSInquiryConv:
		return csImpact(g, m, target)
	}
	return 0, false
}

// csImpact: the extra paying inquirers at target, each worth the
// customer-service sales per paying inquirer when known, else 客单价 or
// 笔单价.
func csImpact(g Group, m Metric, target float64) (int64, bool) {
	inq, ok := metricValue(g, CSInquiries)
	if !ok {
		return 0, false
	}
	var worth float64
	if sales, ok := metricValue(g, CSSales); ok && m.Num > 0 && m.Den > 0 {
		worth = sales.Value / m.Num
	} else if aov, ok := metricValue(g, AOV); ok {
		worth = aov.Value
	} else if aov, ok := metricValue(g, AOVOrder); ok {
		worth = aov.Value
	} else {
		return 0, false
	}
	return int64(math.Round((target - m.Value) * inq.Value * worth)), true
}
