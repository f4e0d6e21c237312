package kpi

import "strings"

// Ads field keys (Ads.Has).
const (
	FieldSpend         = "spend"
	FieldImpressions   = "impressions"
	FieldClicks        = "clicks"
	FieldAdGMV         = "ad_gmv"
	FieldAdOrders      = "ad_orders"
	FieldAdOrderAmount = "ad_order_amount"
	FieldCampaign      = "campaign"
)

type adAcc struct {
	spend, impressions, clicks int64
	gmv, orders, orderAmount   int64
}

func addAds(g *groups, ads Ads) {
	split := g.q.By != ByNone && canSplit(g.q.By, ads.Has, ByStore, ByChannel, ByProduct)
	for i := range ads.Rows {
		r := &ads.Rows[i]
		if !g.q.inPeriod(dateIn(r.Date, g.zone)) {
			continue
		}
		g.accs[0].a.add(r)
		if !split {
			continue
		}
		if g.q.By.temporal() {
			g.accs[g.dateAt(r.Date)].a.add(r)
		} else {
			k, _ := textDim(g.q.By, r.Store, r.Channel, r.ProductID)
			g.accs[g.at(k)].a.add(r)
		}
	}
}

func (a *adAcc) add(r *AdRow) {
	a.spend += r.Spend
	a.impressions += r.Impressions
	a.clicks += r.Clicks
	a.gmv += r.AdGMV
	a.orders += r.AdOrders
	a.orderAmount += r.AdOrderAmount
}

// amazon tells whether ad returns are named the Amazon way (ROAS, ACoS).
func amazon(platform string) bool { return strings.EqualFold(platform, "amazon") }

// adMetrics computes the ad figures; ms holds the group's metrics so far,
// for TACoS (spend ÷ all sales).
func adMetrics(g *groups, a *acc, total bool, has Fields, ms []Metric) []Metric {
	keys := []string{AdSpend, AdImpressions, AdClicks, AdGMV, AdOrders, CTR, CPC, ROI, OrderROI, TACoS}
	if amazon(g.q.Platform) {
		keys = []string{AdSpend, AdImpressions, AdClicks, AdGMV, AdOrders, CTR, CPC, ROAS, ACoS, TACoS}
	}
	if !total && !canSplit(g.q.By, has, ByStore, ByChannel, ByProduct) {
		return unsplit(keys...)
	}
	x := &a.a
	count := func(key, field string, v int64) Metric {
		if !has.Has(field) {
			return missing(key, ReasonNoField)
		}
		return value(key, float64(v))
	}
	rate := func(key, numF, denF string, num, den int64) Metric {
		if !has.Has(numF) || !has.Has(denF) {
			return missing(key, ReasonNoField)
		}
		return ratio(key, float64(num), float64(den))
	}
	out := []Metric{
		count(AdSpend, FieldSpend, x.spend), count(AdImpressions, FieldImpressions, x.impressions),
		count(AdClicks, FieldClicks, x.clicks), count(AdGMV, FieldAdGMV, x.gmv), count(AdOrders, FieldAdOrders, x.orders),
		rate(CTR, FieldClicks, FieldImpressions, x.clicks, x.impressions),
		rate(CPC, FieldSpend, FieldClicks, x.spend, x.clicks),
	}
	if amazon(g.q.Platform) {
		out = append(out, rate(ROAS, FieldAdGMV, FieldSpend, x.gmv, x.spend), rate(ACoS, FieldSpend, FieldAdGMV, x.spend, x.gmv))
	} else {
		out = append(out, rate(ROI, FieldAdGMV, FieldSpend, x.gmv, x.spend),
			rate(OrderROI, FieldAdOrderAmount, FieldSpend, x.orderAmount, x.spend))
	}
	tacos := missing(TACoS, ReasonNoAmount)
	if gmv, ok := pick(ms, GMV); ok && gmv.OK && has.Has(FieldSpend) {
		tacos = ratio(TACoS, float64(x.spend), gmv.Value)
	}
	return append(out, tacos)
}

// breakEven is 保本ROI = 1 ÷ (gross margin × (1 − refund rate)), the
// refund rate by amount from the same group's data.
func breakEven(q Query, ms []Metric) Metric {
	if q.GrossMargin <= 0 || q.GrossMargin > 1 {
		return missing(BreakEvenROI, ReasonNoMargin)
	}
	rr, ok := pick(ms, RefundRateAmount)
	if !ok || !rr.OK {
		return missing(BreakEvenROI, ReasonNoRefund)
	}
	den := q.GrossMargin * (1 - rr.Value)
	if den <= 0 {
		return missing(BreakEvenROI, ReasonZeroDenominator)
	}
	m := value(BreakEvenROI, 1/den)
	m.Num, m.Den = 1, den
	return m
}
