package kpi

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"pgregory.net/rapid"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtureOrders reads testdata/orders.csv (amounts in yuan, Beijing times).
func fixtureOrders(t testing.TB) Orders {
	recs := readCSV(t, filepath.Join("testdata", "orders.csv"))
	zone := Shanghai()
	at := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		tm, err := time.ParseInLocation("2006-01-02 15:04:05", s, zone)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	var lines []OrderLine
	for _, r := range recs[1:] {
		lines = append(lines, OrderLine{OrderID: r[0], LineID: r[1], BuyerID: r[2], CreatedAt: at(r[3]), PaidAt: at(r[4]),
			AmountTotal: yuanToFen(t, r[5]), AmountPaid: yuanToFen(t, r[6]), RefundAmount: yuanToFen(t, r[7]),
			ProductID: r[8], Units: yuanToFen(t, r[9]) / 100, UnitPrice: yuanToFen(t, r[10]), Region: r[11]})
	}
	return Orders{Lines: lines, Grain: GrainOrder, Has: FieldsOf(recs[0]...)}
}

// report writes a result as an aligned table, the golden format.
func report(r Result) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 1, ' ', 0)
	for _, g := range append([]Group{r.Total}, r.Groups...) {
		name := g.Key
		if g.Label != "" {
			name = g.Label
		}
		for _, m := range g.Metrics {
			v := "—"
			if m.OK {
				v = strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.6f", m.Value), "0"), ".")
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%g/%g\t%s%s\n", name, m.Key, v, m.Unit, m.Num, m.Den, m.Reason, m.Note)
		}
	}
	w.Flush()
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n%s", name, got)
	}
}

func TestComputeGolden(t *testing.T) {
	ds := Dataset{Orders: fixtureOrders(t)}
	march := Query{From: time.Date(2026, 3, 1, 0, 0, 0, 0, Shanghai()), To: time.Date(2026, 3, 4, 0, 0, 0, 0, Shanghai())}
	for _, by := range []Dimension{ByDay, ByRegion, ByProduct} {
		t.Run(string(by), func(t *testing.T) {
			q := march
			q.By = by
			r, err := Compute(ds, q)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "orders_by_"+string(by)+".txt", report(r))
		})
	}
}

// TestComputeFacts pins the figures of the fixture that the golden file
// could silently drift on.
func TestComputeFacts(t *testing.T) {
	q := Query{From: time.Date(2026, 3, 1, 0, 0, 0, 0, Shanghai()), To: time.Date(2026, 3, 4, 0, 0, 0, 0, Shanghai()), By: ByDay}
	r, err := Compute(Dataset{Orders: fixtureOrders(t)}, q)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		group, key string
		want       float64
	}{
		{"", GMV, 9000 + 5990 + 18000 + 4500}, // A1 counted once, not per line
		{"", PaidOrders, 4}, {"", PaidBuyers, 2}, {"", CreatedOrders, 6}, {"", PaymentRate, 4.0 / 6},
		{"", RefundRateOrders, 0.5},
		{"", Repurchase30, 2.0 / 3},           // u1 and u2 bought twice, u5 once on 20 February
		{"2026-03-02", Repurchase30, 1.0 / 3}, // by the end of 2 March only u1 had bought twice
		{"2026-03-01", PaidOrders, 1},         // A2 was paid after midnight Beijing time
		{"2026-03-02", PaidOrders, 2}, {"2026-03-01", CreatedOrders, 2},
		{"2026-03-01", Repurchase30, 0},
	}
	for _, tt := range tests {
		g := r.Total
		for _, x := range r.Groups {
			if x.Key == tt.group {
				g = x
			}
		}
		if m, _ := g.Metric(tt.key); !m.OK || math.Abs(m.Value-tt.want) > 1e-9 {
			t.Errorf("%s %s = %+v, want %v", tt.group, tt.key, m, tt.want)
		}
	}
}

func TestGrainMustBeChosen(t *testing.T) {
	o := fixtureOrders(t)
	o.Grain = GrainUnset
	if _, err := Compute(Dataset{Orders: o}, Query{}); err == nil {
		t.Fatal("multi-line orders with an unset grain were accepted")
	}
	o.Grain = GrainLine
	r, err := Compute(Dataset{Orders: o}, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := r.Total.Metric(GMV); m.Value != 9000*2+5990+18000*2+4500+6600 {
		t.Errorf("per-line GMV = %v", m.Value)
	}
}

func TestComputeRejectsUnknownDimension(t *testing.T) {
	if _, err := Compute(Dataset{}, Query{By: "colour"}); err == nil {
		t.Fatal("accepted an unknown dimension")
	}
}

// TestComputeNeverPanics: over random datasets, Compute returns, bounded
// ratios stay in [0, 1], and a metric is either OK or has a reason.
func TestComputeNeverPanics(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 30).Draw(t, "n")
		var lines []OrderLine
		for i := 0; i < n; i++ {
			l := OrderLine{OrderID: fmt.Sprint(rapid.IntRange(0, 10).Draw(t, "id")),
				BuyerID:    rapid.SampledFrom([]string{"", "a", "b", "c"}).Draw(t, "buyer"),
				CreatedAt:  base.Add(time.Duration(rapid.IntRange(0, 2000).Draw(t, "c")) * time.Hour),
				AmountPaid: rapid.Int64Range(0, 1e6).Draw(t, "paid"), RefundAmount: rapid.Int64Range(0, 1e6).Draw(t, "refund"),
				ProductID: rapid.SampledFrom([]string{"p", "q"}).Draw(t, "p"), Units: rapid.Int64Range(0, 5).Draw(t, "u"),
				Region: rapid.SampledFrom([]string{"", "浙江"}).Draw(t, "r")}
			if rapid.Bool().Draw(t, "isPaid") {
				l.PaidAt = l.CreatedAt.Add(time.Minute)
			}
			lines = append(lines, l)
		}
		fields := rapid.SliceOfDistinct(rapid.SampledFrom([]string{FieldBuyerID, FieldCreatedAt, FieldPaidAt, FieldAmountPaid,
			FieldRefundAmount, FieldProductID, FieldUnits, FieldRegion}), func(s string) string { return s }).Draw(t, "has")
		ds := Dataset{Orders: Orders{Lines: lines, Has: FieldsOf(fields...), Grain: GrainLine},
			Events: Events{Rows: []Event{{UserID: "a", Action: "buy", At: base}}}}
		by := rapid.SampledFrom([]Dimension{ByNone, ByDay, ByWeek, ByMonth, ByStore, ByChannel, ByProduct, ByRegion, ByAgent}).Draw(t, "by")
		r, err := Compute(ds, Query{By: by, GrossMargin: 0.4})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range append([]Group{r.Total}, r.Groups...) {
			for _, m := range g.Metrics {
				if m.OK == (m.Reason != "") {
					t.Fatalf("%s: OK %v with reason %q", m.Key, m.OK, m.Reason)
				}
				if m.OK && Bounded(m.Key) && (m.Value < 0 || m.Value > 1) {
					t.Fatalf("%s = %v outside [0, 1] in %q", m.Key, m.Value, g.Key)
				}
			}
		}
	})
}
