package web

import (
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/kpi"
)

// diagnosisView is a store's diagnosis ready to print: the headline
// figures, the table by the chosen dimension, the GMV change, the gaps and
// the plan, every number already formatted for the page's locale.
type diagnosisView struct {
	Store       shopdojo.Store
	Empty       bool
	From, To    string // the period, inclusive, as YYYY-MM-DD
	By          string
	Cards       []metricCard
	Columns     []string // metric labels of the table
	Rows        []groupRow
	Change      *changeView
	Gaps        []gapRow
	Plan        []planRow
	NotComputed []metricCard // headline metrics this data cannot give, with why
	Dimensions  []string
	Targets     []targetRow  // the targets set for the store
	TargetKeys  []metricCard // metrics a target can be set for (Key, Label)
	Sources     []string
	TrendChart  template.JS // GMV (bars) and visitors (line) by group
	ChangeChart template.JS // the GMV change as a waterfall
	FunnelChart template.JS // visit → cart → order → pay, when the data has it
	RateChart   template.JS // 支付转化率 by group inside its target band
	RateBand    string      // the band's bounds, as text under the chart
	labels      []string    // the groups of the table, for the charts
	conversion  []any       // 支付转化率 by group (nil where not computable)
}

type metricCard struct {
	Key, Label, Value, Note, Reason string
	Target, Source                  string
}

type targetRow struct {
	Key, Label, Value, Source, Note string
}

// targetable are the metrics the targets form offers.
var targetable = []string{kpi.Visitors, kpi.PayConversion, kpi.AOV, kpi.AOVOrder, kpi.PaymentRate, kpi.CartRate,
	kpi.RefundRateOrders, kpi.RefundRateAmount, kpi.Repurchase30, kpi.Repurchase90, kpi.ROI, kpi.CTR, kpi.CPC,
	kpi.CSResponseRate3, kpi.CSInquiryConv, kpi.CSFirstResponse, kpi.CSAvgResponse}

func (v *diagnosisView) targets(p *page, d app.StoreDashboard) {
	for _, t := range d.Stored {
		v.Targets = append(v.Targets, targetRow{Key: t.Metric, Label: p.T(kpi.MetricNameID(t.Metric)),
			Value: formatMetric(kpi.UnitOf(t.Metric), t.Value), Source: p.T("diagnosis.source_" + string(t.Source)), Note: t.Note})
	}
	for _, k := range targetable {
		v.TargetKeys = append(v.TargetKeys, metricCard{Key: k, Label: p.T(kpi.MetricNameID(k))})
	}
	for _, s := range app.TargetSources() {
		v.Sources = append(v.Sources, string(s))
	}
}

type groupRow struct {
	Key    string
	Values []string
}

type changeView struct {
	Before, After, Delta      string
	Visitors, Conversion, AOV string
	Up                        bool
}

type gapRow struct {
	Rank                          int
	Label, Actual, Target, Source string
	Shortfall, Impact             string
	Modules                       []moduleLink
	Competencies, Position        []string
}

type planRow struct {
	Priority  int
	Metric    string
	Label     string
	Impact    string
	Modules   []moduleLink
	Positions []string
}

// moduleLink is a curriculum module a gap points to.
type moduleLink struct{ ID, Title string }

func modulesOf(p *page, d app.StoreDashboard, ids []string) []moduleLink {
	out := make([]moduleLink, len(ids))
	for i, id := range ids {
		out[i] = moduleLink{ID: id, Title: id}
		if t, ok := d.Modules[id]; ok {
			out[i].Title = p.L(t[0], t[1])
		}
	}
	return out
}

// headline are the cards at the top, in order.
var headline = []string{kpi.GMV, kpi.Visitors, kpi.PayConversion, kpi.AOV, kpi.AOVOrder, kpi.PaidOrders,
	kpi.PaymentRate, kpi.RefundRateAmount, kpi.RefundRateOrders, kpi.Repurchase30, kpi.ROI, kpi.CSResponseRate3, kpi.CSInquiryConv}

// tableMetrics are the columns of the table by dimension.
var tableMetrics = []string{kpi.GMV, kpi.PaidOrders, kpi.AOVOrder, kpi.Visitors, kpi.PayConversion, kpi.RefundRateAmount}

func diagnosisViewOf(p *page, d app.StoreDashboard) diagnosisView {
	v := diagnosisView{Store: d.Store, Empty: d.Empty, By: string(d.Query.By),
		From: d.Query.From.In(p.h.app.Location()).Format("2006-01-02"),
		To:   d.Query.To.In(p.h.app.Location()).AddDate(0, 0, -1).Format("2006-01-02"),
		Dimensions: []string{string(kpi.ByDay), string(kpi.ByWeek), string(kpi.ByMonth), string(kpi.ByRegion),
			string(kpi.ByProduct), string(kpi.ByChannel)}}
	targets := firstTargets(d.Targets)
	for _, key := range headline {
		m, ok := d.Result.Total.Metric(key)
		if !ok {
			continue
		}
		c := metricCard{Key: key, Label: p.T(kpi.MetricNameID(key))}
		if !m.OK {
			if m.Reason != "" && key != kpi.ROI && key != kpi.CSResponseRate3 && key != kpi.CSInquiryConv {
				c.Reason = p.T(m.Reason)
				v.NotComputed = append(v.NotComputed, c)
			}
			continue
		}
		c.Value = formatMetric(m.Unit, m.Value)
		if m.Note != "" {
			c.Note = p.T(m.Note)
		}
		if t, ok := targets[key]; ok {
			c.Target, c.Source = formatMetric(m.Unit, t.Value), p.T("diagnosis.source_"+string(t.Source))
		}
		v.Cards = append(v.Cards, c)
	}
	v.table(p, d.Result)
	v.Change = changeOf(d.Change)
	v.gaps(p, d)
	v.targets(p, d)
	if d.Change != nil {
		v.ChangeChart = jsonScript(waterfall(p, *d.Change))
	}
	if f := funnel(p, d.Result.Total); f != nil {
		v.FunnelChart = jsonScript(f)
	}
	v.rateChart(p, d.Targets)
	return v
}

// rateChart draws 支付转化率 by group against its targets: a band from the
// lowest to the highest target in force (say the peer average to the peer
// top), and a line at the one the gaps use.
func (v *diagnosisView) rateChart(p *page, targets []kpi.Target) {
	var vals []float64
	var first *kpi.Target
	for i, t := range targets {
		if t.Metric == kpi.PayConversion && !slices.Contains(vals, t.Value) {
			vals = append(vals, t.Value)
			if first == nil {
				first = &targets[i]
			}
		}
	}
	if first == nil || slices.IndexFunc(v.conversion, func(x any) bool { return x != nil }) < 0 {
		return
	}
	lo, hi := slices.Min(vals), slices.Max(vals)
	series := map[string]any{"type": "line", "name": p.T(kpi.MetricNameID(kpi.PayConversion)), "data": v.conversion,
		"connectNulls": false, "markLine": map[string]any{"symbol": "none", "silent": true,
			"label":     map[string]any{"formatter": p.T("diagnosis.band_target", "S", p.T("diagnosis.source_"+string(first.Source))), "position": "insideEndTop"},
			"lineStyle": map[string]any{"type": "dashed", "color": "#f59f00"}, "data": []any{map[string]any{"yAxis": first.Value}}}}
	v.RateBand = p.T("diagnosis.band_text", "Lo", formatMetric(kpi.UnitRatio, lo), "Hi", formatMetric(kpi.UnitRatio, hi))
	if hi > lo {
		series["markArea"] = map[string]any{"silent": true, "itemStyle": map[string]any{"color": "rgba(18,184,134,0.10)"},
			"data": []any{[]any{map[string]any{"yAxis": lo}, map[string]any{"yAxis": hi}}}}
	} else {
		v.RateBand = p.T("diagnosis.band_one", "V", formatMetric(kpi.UnitRatio, lo))
	}
	yMax := hi * 1.25
	for _, x := range v.conversion {
		if f, ok := x.(float64); ok && f*1.1 > yMax {
			yMax = f * 1.1
		}
	}
	v.RateChart = jsonScript(map[string]any{
		"tooltip": map[string]any{"trigger": "axis"},
		"grid":    map[string]any{"left": 8, "right": 16, "top": 24, "bottom": 8, "containLabel": true},
		"xAxis":   map[string]any{"type": "category", "data": v.labels},
		"yAxis":   map[string]any{"type": "value", "min": 0, "max": math.Ceil(yMax*100) / 100},
		"series":  []any{series},
	})
}

func (v *diagnosisView) table(p *page, res kpi.Result) {
	for _, key := range tableMetrics {
		v.Columns = append(v.Columns, p.T(kpi.MetricNameID(key)))
	}
	var labels []string
	var gmvs, visitors []any
	for _, g := range res.Groups {
		row := groupRow{Key: g.Key}
		if g.Label != "" {
			row.Key = p.T(g.Label)
		}
		for _, key := range tableMetrics {
			m, _ := g.Metric(key)
			row.Values = append(row.Values, formatOK(m))
		}
		v.Rows = append(v.Rows, row)
		gmv, _ := g.Metric(kpi.GMV)
		vis, _ := g.Metric(kpi.Visitors)
		conv, _ := g.Metric(kpi.PayConversion)
		labels = append(labels, row.Key)
		gmvs, visitors = append(gmvs, math.Round(gmv.Value)/100), append(visitors, okValue(vis))
		v.conversion = append(v.conversion, okValue(conv))
	}
	v.labels = labels
	if len(labels) > 0 {
		v.TrendChart = jsonScript(trend(p, labels, gmvs, visitors))
	}
}

func okValue(m kpi.Metric) any {
	if !m.OK {
		return nil
	}
	return m.Value
}

// trend is GMV as bars and visitors as a line, by group.
func trend(p *page, labels []string, gmv, visitors []any) map[string]any {
	return map[string]any{
		"tooltip": map[string]any{"trigger": "axis"},
		"legend":  map[string]any{"bottom": 0},
		"grid":    map[string]any{"left": 8, "right": 8, "top": 24, "bottom": 36, "containLabel": true},
		"xAxis":   map[string]any{"type": "category", "data": labels},
		"yAxis": []any{map[string]any{"type": "value", "name": p.T("diagnosis.axis_gmv")},
			map[string]any{"type": "value", "name": p.T("diagnosis.axis_visitors"), "splitLine": map[string]any{"show": false}}},
		"series": []any{
			map[string]any{"type": "bar", "name": p.T(kpi.MetricNameID(kpi.GMV)), "data": gmv, "barMaxWidth": 24},
			map[string]any{"type": "line", "name": p.T(kpi.MetricNameID(kpi.Visitors)), "data": visitors, "yAxisIndex": 1, "smooth": true},
		},
	}
}

// waterfall draws the previous GMV, each factor's part and the new GMV,
// each part floating from where the previous one ended.
func waterfall(p *page, d kpi.Decomposition) map[string]any {
	yuan := func(f float64) float64 { return math.Round(f) / 100 }
	labels := []string{p.T("diagnosis.change_before"), p.T("diagnosis.change_visitors"), p.T("diagnosis.change_conversion"),
		p.T("diagnosis.change_aov"), p.T("diagnosis.change_after")}
	base, up, down := []any{0.0}, []any{yuan(d.Before)}, []any{0.0}
	level := d.Before
	for _, part := range []float64{d.Visitors, d.Conversion, d.AOV} {
		lo := math.Min(level, level+part)
		base = append(base, yuan(lo))
		if part >= 0 {
			up, down = append(up, yuan(part)), append(down, 0.0)
		} else {
			up, down = append(up, 0.0), append(down, yuan(-part))
		}
		level += part
	}
	base, up, down = append(base, 0.0), append(up, yuan(d.After)), append(down, 0.0)
	stack := func(name string, data []any, color string) map[string]any {
		s := map[string]any{"type": "bar", "stack": "w", "name": name, "data": data, "barMaxWidth": 40}
		if color == "" {
			s["itemStyle"] = map[string]any{"color": "transparent"}
			s["tooltip"] = map[string]any{"show": false}
		} else {
			s["itemStyle"] = map[string]any{"color": color}
		}
		return s
	}
	return map[string]any{
		"tooltip": map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
		"grid":    map[string]any{"left": 8, "right": 8, "top": 16, "bottom": 8, "containLabel": true},
		"xAxis":   map[string]any{"type": "category", "data": labels},
		"yAxis":   map[string]any{"type": "value"},
		"series": []any{stack("", base, ""), stack(p.T("diagnosis.change_up"), up, "#16a34a"),
			stack(p.T("diagnosis.change_down"), down, "#dc2626")},
	}
}

// funnel is the buyer funnel from traffic rows (visitors → add to cart →
// order → pay) or from a behaviour log, whichever the data has.
func funnel(p *page, g kpi.Group) map[string]any {
	steps := [][2]string{{kpi.Visitors, "diagnosis.funnel_visit"}, {kpi.CartUsers, "diagnosis.funnel_cart"},
		{kpi.OrderBuyers, "diagnosis.funnel_order"}, {kpi.PaidBuyers, "diagnosis.funnel_pay"}}
	if m, _ := g.Metric(kpi.Visitors); !m.OK {
		steps = [][2]string{{kpi.EventUsersPV, "diagnosis.funnel_visit"}, {kpi.EventUsersCart, "diagnosis.funnel_cart"},
			{kpi.EventUsersFav, "diagnosis.funnel_fav"}, {kpi.EventUsersBuy, "diagnosis.funnel_pay"}}
	}
	var data []any
	for _, st := range steps {
		m, _ := g.Metric(st[0])
		if !m.OK || m.Value == 0 {
			continue
		}
		data = append(data, map[string]any{"name": p.T(st[1]), "value": m.Value})
	}
	if len(data) < 2 {
		return nil
	}
	return map[string]any{
		"tooltip": map[string]any{"trigger": "item"},
		"series": []any{map[string]any{"type": "funnel", "sort": "descending", "gap": 2, "left": "10%", "width": "80%", "minSize": "18%",
			"label": map[string]any{"show": true, "position": "inside"}, "data": data}},
	}
}

func (v *diagnosisView) gaps(p *page, d app.StoreDashboard) {
	for _, g := range d.Gaps {
		unit := kpi.UnitOf(g.Metric)
		r := gapRow{Rank: g.Rank, Label: p.T(kpi.MetricNameID(g.Metric)), Actual: formatMetric(unit, g.Actual),
			Target: formatMetric(unit, g.Target), Source: p.T("diagnosis.source_" + string(g.Source)),
			Shortfall: strconv.FormatFloat(g.Shortfall*100, 'f', 1, 64) + "%"}
		if g.ImpactKnown {
			r.Impact = money(float64(g.Impact))
		}
		if g.Matched {
			r.Modules, r.Competencies, r.Position = modulesOf(p, d, g.Rule.Modules), g.Rule.Competencies, g.Rule.Positions
		}
		v.Gaps = append(v.Gaps, r)
	}
	for _, it := range d.Plan.Items {
		r := planRow{Priority: it.Priority, Metric: it.Metric, Label: p.T(kpi.MetricNameID(it.Metric)), Modules: modulesOf(p, d, it.Modules), Positions: it.Positions}
		if it.ImpactKnown {
			r.Impact = money(float64(it.Impact))
		}
		v.Plan = append(v.Plan, r)
	}
}

func changeOf(d *kpi.Decomposition) *changeView {
	if d == nil {
		return nil
	}
	return &changeView{Before: money(d.Before), After: money(d.After), Delta: signedMoney(d.Delta),
		Visitors: signedMoney(d.Visitors), Conversion: signedMoney(d.Conversion), AOV: signedMoney(d.AOV), Up: d.Delta >= 0}
}

func formatOK(m kpi.Metric) string {
	if !m.OK {
		return "—"
	}
	return formatMetric(m.Unit, m.Value)
}

// formatMetric writes a value in its unit: ¥ with two decimals for money
// (fen in), a percentage for ratios, grouped digits for counts.
func formatMetric(u kpi.Unit, v float64) string {
	switch u {
	case kpi.UnitMoney:
		return money(v)
	case kpi.UnitRatio:
		return strconv.FormatFloat(v*100, 'f', 2, 64) + "%"
	case kpi.UnitSeconds:
		return strconv.FormatFloat(v, 'f', 1, 64) + " s"
	case kpi.UnitMultiple:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return groupDigits(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
}

func money(fen float64) string {
	s := strconv.FormatFloat(math.Abs(fen)/100, 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	sign := ""
	if fen < 0 {
		sign = "-"
	}
	return sign + "¥" + groupDigits(whole) + "." + frac
}

func signedMoney(fen float64) string {
	if fen > 0 {
		return "+" + money(fen)
	}
	return money(fen)
}

// groupDigits puts thousands separators into a run of digits.
func groupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
