package kpi

import (
	"math"
	"slices"
	"testing"
	"time"
)

// storeDataset: two days of a Taobao store's traffic with 同行同层 peers,
// orders, a 直通车 report and one customer-service agent.
func storeDataset() Dataset {
	zone := Shanghai()
	d1, d2 := time.Date(2026, 3, 1, 0, 0, 0, 0, zone), time.Date(2026, 3, 2, 0, 0, 0, 0, zone)
	traffic := Traffic{Has: FieldsOf(FieldDate, FieldStore, FieldVisitors, FieldItemVisitors, FieldCartUsers, FieldOrderBuyers,
		FieldPaidBuyers, FieldGMV, FieldPeerAvgConv, FieldPeerTopConv, FieldPeerAvgAOV),
		Rows: []TrafficRow{
			{Date: d1, Store: "旗舰店", Visitors: 1000, ItemVisitors: 800, CartUsers: 80, OrderBuyers: 30, PaidBuyers: 20, GMV: 200000,
				PeerAvgPayConversion: 0.04, PeerTopPayConversion: 0.08, PeerAvgAOV: 9000},
			{Date: d2, Store: "旗舰店", Visitors: 1000, ItemVisitors: 800, CartUsers: 80, OrderBuyers: 30, PaidBuyers: 20, GMV: 200000,
				PeerAvgPayConversion: 0.02, PeerTopPayConversion: 0.06, PeerAvgAOV: 11000},
		}}
	var lines []OrderLine
	for i := 0; i < 40; i++ {
		paid := d1.Add(time.Duration(i) * time.Hour)
		l := OrderLine{OrderID: string(rune('a' + i)), Store: "旗舰店", CreatedAt: paid, PaidAt: paid, AmountPaid: 10000}
		if i < 8 {
			l.RefundAmount = 10000
		}
		lines = append(lines, l)
	}
	orders := Orders{Lines: lines, Grain: GrainOrder, Has: FieldsOf(FieldOrderID, FieldStore, FieldCreatedAt, FieldPaidAt, FieldAmountPaid, FieldRefundAmount)}
	ads := Ads{Has: FieldsOf(FieldDate, FieldSpend, FieldAdGMV, FieldClicks, FieldImpressions),
		Rows: []AdRow{{Date: d1, Spend: 50000, AdGMV: 100000, Clicks: 500, Impressions: 20000}}}
	cs := CS{Has: FieldsOf(FieldDate, FieldAgent, FieldInquiries, FieldInquiryPaid, FieldCSSales),
		Rows: []CSRow{{Date: d1, Agent: "小美", Inquiries: 100, InquiryPaid: 20, CSSales: 200000}}}
	return Dataset{Traffic: traffic, Orders: orders, Ads: ads, CS: cs}
}

func TestGapsRankedByImpact(t *testing.T) {
	ds := storeDataset()
	q := Query{From: time.Date(2026, 3, 1, 0, 0, 0, 0, Shanghai()), To: time.Date(2026, 3, 3, 0, 0, 0, 0, Shanghai()), GrossMargin: 0.5}
	r, err := Compute(ds, q)
	if err != nil {
		t.Fatal(err)
	}
	targets := append(PeerTargets(ds.Traffic, q),
		Target{Metric: CSInquiryConv, Value: 0.4, Source: SourceManager},
		Target{Metric: RefundRateAmount, Value: 0.1, Source: SourceManager},
		Target{Metric: PayConversion, Store: "旗舰店", Value: 0.025, Source: SourceManager})
	gaps := Gaps(r.Total, "旗舰店", targets, DefaultRules())
	byMetric := map[string]Gap{}
	for _, g := range gaps {
		byMetric[g.Metric] = g
	}
	// GMV 400,000 fen (orders). 支付转化率 40/2000 = 2 % vs the manager's
	// 2.5 % (which wins over the peers'): 400,000 × (2.5/2 − 1) = 100,000.
	// ROI 2 vs break-even 1/(0.5 × (1 − 0.2)) = 2.5: 50,000 × 0.5 = 25,000.
	// 询单转化率 20 % vs 40 %: 0.2 × 100 inquirers × 10,000 per paying one.
	// Refund rate by amount 20 % vs 10 %: 400,000 × 0.1 = 40,000.
	want := map[string]int64{PayConversion: 100000, ROI: 25000, CSInquiryConv: 200000, RefundRateAmount: 40000}
	for k, v := range want {
		g, ok := byMetric[k]
		if !ok || !g.ImpactKnown || g.Impact != v {
			t.Errorf("%s gap = %+v, want impact %d", k, g, v)
		}
	}
	if g := byMetric[PayConversion]; g.Source != SourceManager {
		t.Errorf("支付转化率 target from %s, want the manager's", g.Source)
	}
	if g := byMetric[ROI]; g.Source != SourceBreakEven || math.Abs(g.Target-2.5) > 1e-9 {
		t.Errorf("ROI gap = %+v, want break-even 2.5", g)
	}
	order := []string{}
	for _, g := range gaps {
		order = append(order, g.Metric)
	}
	if !slices.Equal(order[:4], []string{CSInquiryConv, PayConversion, RefundRateAmount, ROI}) {
		t.Errorf("ranking %v", order)
	}
	if g := byMetric[CSInquiryConv]; !g.Matched || !slices.Contains(g.Rule.Modules, "m06") {
		t.Errorf("低询单转化率 should map to m06: %+v", g)
	}
	if g := byMetric[ROI]; !slices.Contains(g.Rule.Modules, "m04") {
		t.Errorf("low ROI should map to m04: %+v", g)
	}
	plan := Plan(gaps, DefaultRules())
	if len(plan.Items) != len(gaps) || plan.Items[0].Metric != CSInquiryConv || plan.Modules[0] != "m06" {
		t.Errorf("plan %+v", plan)
	}
	if !slices.Contains(plan.Positions, "客服专员") || !slices.Contains(plan.Positions, "推广专员") {
		t.Errorf("plan positions %v", plan.Positions)
	}
}

func TestNoGapWhenBetterThanTarget(t *testing.T) {
	g := Group{Metrics: []Metric{value(PayConversion, 0.05), value(ACoS, 0.2), value(GMV, 1000)}}
	targets := []Target{{Metric: PayConversion, Value: 0.04, Source: SourceManager}, {Metric: ACoS, Value: 0.3, Source: SourceGeneric}}
	if gaps := Gaps(g, "", targets, DefaultRules()); len(gaps) != 0 {
		t.Errorf("gaps %+v", gaps)
	}
	targets[1].Value = 0.1 // lower is better: 20 % ACoS is now a gap
	gaps := Gaps(g, "", targets, DefaultRules())
	if len(gaps) != 1 || gaps[0].Metric != ACoS || gaps[0].Direction != LowerBetter || math.Abs(gaps[0].Shortfall-1) > 1e-9 {
		t.Errorf("gaps %+v", gaps)
	}
}

func TestPeerTargets(t *testing.T) {
	ds := storeDataset()
	got := PeerTargets(ds.Traffic, Query{})
	want := map[Source]float64{SourcePeerAvg: 0.03, SourcePeerTop: 0.07}
	n := 0
	for _, tg := range got {
		if tg.Metric == PayConversion {
			n++
			if math.Abs(tg.Value-want[tg.Source]) > 1e-12 || tg.Store != "旗舰店" {
				t.Errorf("peer target %+v", tg)
			}
		}
		if tg.Metric == AOV && tg.Value != 10000 {
			t.Errorf("peer AOV %+v", tg)
		}
		if tg.Metric == Visitors {
			t.Errorf("peer visitors without the column: %+v", tg)
		}
	}
	if n != 2 {
		t.Errorf("%d conversion targets, want 2", n)
	}
	for _, p := range []string{"shopify", "amazon"} {
		for _, tg := range DefaultTargets(p) {
			if tg.Source != SourceGeneric || tg.Note == "" {
				t.Errorf("%s default %+v not labelled generic with provenance", p, tg)
			}
		}
	}
	if len(DefaultTargets("taobao")) != 0 {
		t.Error("Taobao has no citable generic benchmark")
	}
}

func TestSourcesAndNotes(t *testing.T) {
	ds := storeDataset()
	r, err := Compute(ds, Query{GrossMargin: 0.5, By: ByAgent})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := r.Total.Metric(Visitors); m.Note != NoteSumOfRows {
		t.Errorf("two days of visitors: %+v, want the upper-bound note", m)
	}
	if m, _ := r.Total.Metric(PayConversion); !m.OK || m.Value != 0.02 {
		t.Errorf("支付转化率 %+v", m)
	}
	if len(r.Groups) != 1 || r.Groups[0].Key != "小美" {
		t.Fatalf("groups %+v", r.Groups)
	}
	if m, _ := r.Groups[0].Metric(Visitors); m.OK || m.Reason != ReasonNoDimension {
		t.Errorf("visitors per agent: %+v", m)
	}
	if m, _ := r.Groups[0].Metric(CSInquiryConv); !m.OK || m.Value != 0.2 {
		t.Errorf("询单转化率 per agent: %+v", m)
	}
}

// TestCSWeighting: ratios are recomputed from counts when present; reported
// ratios are weighted by rounds (3-minute rate, 平响) or inquiries.
func TestCSWeighting(t *testing.T) {
	rows := []CSRow{
		{Agent: "a", Inquiries: 100, InquiryConversion: 0.5, Rounds: 300, ResponseRate3Min: 0.9, AvgResponseSeconds: 20},
		{Agent: "b", Inquiries: 300, InquiryConversion: 0.1, Rounds: 100, ResponseRate3Min: 0.5, AvgResponseSeconds: 60},
	}
	tests := []struct {
		name string
		has  Fields
		key  string
		want float64
		note string
	}{
		{"conversion weighted by inquiries", FieldsOf(FieldInquiries, FieldInquiryConversion, FieldRounds), CSInquiryConv, 0.2, NoteWeightedRatio},
		{"3-minute rate weighted by rounds", FieldsOf(FieldRounds, FieldResponseRate3Min), CSResponseRate3, 0.8, NoteWeightedRatio},
		{"平响 weighted by rounds is exact", FieldsOf(FieldRounds, FieldAvgResponse), CSAvgResponse, 30, ""},
		{"no counts: plain mean", FieldsOf(FieldResponseRate3Min), CSResponseRate3, 0.7, NoteUnweighted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Compute(Dataset{CS: CS{Rows: rows, Has: tt.has}}, Query{})
			if err != nil {
				t.Fatal(err)
			}
			if m, _ := r.Total.Metric(tt.key); !m.OK || math.Abs(m.Value-tt.want) > 1e-12 || m.Note != tt.note {
				t.Errorf("%s = %+v, want %v with note %q", tt.key, m, tt.want, tt.note)
			}
		})
	}
}
