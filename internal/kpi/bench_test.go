package kpi

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchOrders generates n one-line orders over 30 days with 300,000
// buyers, 34 regions, 10 % unpaid and 20 % refunded.
func benchOrders(n int) Orders {
	rng := rand.New(rand.NewPCG(1, 1))
	zone := Shanghai()
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, zone)
	regions := make([]string, 34)
	for i := range regions {
		regions[i] = fmt.Sprintf("省%02d", i)
	}
	buyers := make([]string, 300000)
	for i := range buyers {
		buyers[i] = fmt.Sprintf("b%06d", i)
	}
	lines := make([]OrderLine, n)
	for i := range lines {
		created := start.Add(time.Duration(rng.IntN(30*86400)) * time.Second)
		l := OrderLine{OrderID: fmt.Sprintf("o%07d", i), BuyerID: buyers[rng.IntN(len(buyers))], CreatedAt: created,
			AmountTotal: 5000 + rng.Int64N(20000), Region: regions[rng.IntN(len(regions))], Units: 1}
		if rng.IntN(10) > 0 {
			l.PaidAt = created.Add(time.Minute)
			l.AmountPaid = l.AmountTotal
			if rng.IntN(5) == 0 {
				l.RefundAmount = l.AmountPaid
			}
		}
		lines[i] = l
	}
	return Orders{Lines: lines, Grain: GrainOrder, Has: FieldsOf(FieldOrderID, FieldBuyerID, FieldCreatedAt, FieldPaidAt,
		FieldAmountTotal, FieldAmountPaid, FieldRefundAmount, FieldRegion, FieldUnits)}
}

// BenchmarkComputeDashboard recomputes the dashboard (totals, by day, by
// region, each with repurchase) over 1M orders folded once at import
// (Prepare, timed separately as fold-ns/order), and, in the same run, a
// bare pass summing amount_paid, reporting ns/order and the ratio to that
// limit. Target: ≤ 1 s for 1M orders.
func BenchmarkComputeDashboard(b *testing.B) {
	const n = 1_000_000
	ds := Dataset{Orders: benchOrders(n)}
	bare := func() int64 {
		var s int64
		for i := range ds.Orders.Lines {
			s += ds.Orders.Lines[i].AmountPaid
		}
		return s
	}
	t0 := time.Now()
	const bareRuns = 20
	var sink int64
	for range bareRuns {
		sink += bare()
	}
	bareNs := float64(time.Since(t0).Nanoseconds()) / bareRuns
	t0 = time.Now()
	p, err := Prepare(ds)
	if err != nil {
		b.Fatal(err)
	}
	foldNs := float64(time.Since(t0).Nanoseconds())
	b.ResetTimer()
	for b.Loop() {
		for _, by := range []Dimension{ByNone, ByDay, ByRegion} {
			if _, err := p.Compute(Query{By: by}); err != nil {
				b.Fatal(err)
			}
		}
	}
	per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(per/n, "ns/order")
	b.ReportMetric(bareNs/n, "bare-ns/order")
	b.ReportMetric(per/bareNs, "x-bare")
	b.ReportMetric(foldNs/n, "fold-ns/order")
	if sink == 0 {
		b.Fatal("empty bench data")
	}
}
