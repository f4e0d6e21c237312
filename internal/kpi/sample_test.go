package kpi

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sampleData finds the shared sample data (never copied into the
// repository): $SHOPDOJO_SAMPLE_DATA, else ../shared/data above the
// package, else /work/shared/data; the test skips when none exists.
func sampleData(t testing.TB, name string) string {
	t.Helper()
	var dirs []string
	if d := os.Getenv("SHOPDOJO_SAMPLE_DATA"); d != "" {
		dirs = append(dirs, d)
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			dirs = append(dirs, filepath.Join(d, "..", "shared", "data"))
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	dirs = append(dirs, "/work/shared/data")
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skipf("sample data %s not found", name)
	return ""
}

func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// yuanToFen reads "78.98" as 7898 fen without going through a float.
func yuanToFen(t testing.TB, s string) int64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return n
}

// tmallOrders reads the Tmall sample's 7 columns into order lines.
func tmallOrders(t testing.TB) Orders {
	recs := readCSV(t, sampleData(t, "tmall_order_report.csv"))
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	zone := Shanghai()
	parse := func(s string) time.Time {
		if s = strings.TrimSpace(s); s == "" {
			return time.Time{}
		}
		tm, err := time.ParseInLocation("2006-01-02 15:04:05", s, zone)
		if err != nil {
			t.Fatalf("time %q: %v", s, err)
		}
		return tm
	}
	var lines []OrderLine
	for _, r := range recs[1:] {
		lines = append(lines, OrderLine{
			OrderID: r[col["订单编号"]], AmountTotal: yuanToFen(t, r[col["总金额"]]),
			AmountPaid: yuanToFen(t, r[col["买家实际支付金额"]]), Region: strings.TrimSpace(r[col["收货地址"]]),
			CreatedAt: parse(r[col["订单创建时间"]]), PaidAt: parse(r[col["订单付款时间"]]),
			RefundAmount: yuanToFen(t, r[col["退款金额"]]),
		})
	}
	return Orders{Lines: lines, Grain: GrainOrder, Has: FieldsOf(FieldOrderID, FieldAmountTotal, FieldAmountPaid,
		FieldRegion, FieldCreatedAt, FieldPaidAt, FieldRefundAmount)}
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestSampleTmallOrders(t *testing.T) {
	res, err := Compute(Dataset{Orders: tmallOrders(t)}, Query{})
	if err != nil {
		t.Fatal(err)
	}
	get := func(k string) Metric { m, _ := res.Total.Metric(k); return m }
	checks := []struct {
		key       string
		want, tol float64
	}{
		{CreatedOrders, 28010, 0}, {PaidOrders, 24087, 0}, {PaymentRate, 0.860, 0.0005},
		{GMV, 190248700, 50}, {AOVOrder, 7898, 0.5}, {RefundRateOrders, 0.234, 0.0005},
		{RefundRateAmount, 0.301, 0.0005},
	}
	for _, c := range checks {
		if m := get(c.key); !m.OK || !near(m.Value, c.want, c.tol) {
			t.Errorf("%s = %+v, want %v ± %v", c.key, m, c.want, c.tol)
		}
	}
	if m := get(RefundRateOrders); m.Num != 5646 {
		t.Errorf("refund orders = %v, want 5646", m.Num)
	}
	for _, k := range []string{AOV, PaidBuyers, Repurchase30} {
		if m := get(k); m.OK || m.Reason != ReasonNoBuyerID {
			t.Errorf("%s = %+v, want not computable for want of a buyer id", k, m)
		}
	}
	if m := get(PayConversion); m.OK || m.Reason != ReasonNoTraffic {
		t.Errorf("pay_conversion = %+v, want no_traffic", m)
	}
}

func TestSampleUserBehaviourFunnel(t *testing.T) {
	recs := readCSV(t, sampleData(t, "taobao_userbehavior_head84k.csv"))
	var ev []Event
	for _, r := range recs {
		sec, err := strconv.ParseInt(r[4], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		ev = append(ev, Event{UserID: r[0], ItemID: r[1], CategoryID: r[2], Action: r[3], At: time.Unix(sec, 0)})
	}
	res, err := Compute(Dataset{Events: Events{Rows: ev, Has: FieldsOf("user_id", "item_id", "category_id", "action", "at")}}, Query{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{EventPV: 75872, EventCart: 4497, EventFav: 2356, EventBuy: 1750,
		EventUsersPV: 813, EventUsersCart: 601, EventUsersFav: 305, EventUsersBuy: 559}
	for k, v := range want {
		if m, _ := res.Total.Metric(k); !m.OK || m.Value != v {
			t.Errorf("%s = %+v, want %v", k, m, v)
		}
	}
}
