package ingest

import (
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// sampleFile opens a file of the shared sample data (never copied into
// the repository): $SHOPDOJO_SAMPLE_DATA, else ../shared/data found by
// walking up from the package, else /work/shared/data. It skips when
// the file is absent.
func sampleFile(t *testing.T, name string) *os.File {
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
		if f, err := os.Open(filepath.Join(d, name)); err == nil {
			t.Cleanup(func() { _ = f.Close() })
			return f
		}
	}
	t.Skipf("sample data %s not found", name)
	return nil
}

// readAll reads every record, failing on an I/O error.
func readAll(t *testing.T, rd *Reader) []Record {
	t.Helper()
	var out []Record
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec.Clone())
	}
}

func builtin(t testing.TB) Set {
	t.Helper()
	s, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func preset(t testing.TB, id string) Preset {
	t.Helper()
	p, probs := builtin(t).Lookup(id)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return p
}

// TestTmallSample checks the real Tmall order report against the
// reference figures of shared/data/README.md.
func TestTmallSample(t *testing.T) {
	f := sampleFile(t, "tmall_order_report.csv")
	if m := builtin(t).Detect(headerOf(t, f)); len(m) == 0 || m[0].Preset != "tmall_orders" {
		t.Fatalf("detect: %+v", m)
	}
	rd, probs, err := Open(f, preset(t, "tmall_orders"), Mapping{}, Options{})
	if err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	var orders, paid, refunded int
	var sumPaid, sumRefund int64
	keys := map[string]bool{}
	for _, rec := range readAll(t, rd) {
		if len(rec.Problems) > 0 {
			t.Fatalf("line %d: %+v", rec.Line, rec.Problems)
		}
		orders++
		keys[rec.Key()] = true
		if _, ok := rec.Time("paid_at"); !ok {
			continue
		}
		paid++
		amt, _ := rec.Int("amount_paid")
		ref, _ := rec.Int("refund_amount")
		sumPaid += amt
		sumRefund += ref
		if ref > 0 {
			refunded++
		}
	}
	round := func(x float64, places int) float64 { p := math.Pow(10, float64(places)); return math.Round(x*p) / p }
	checks := []struct {
		name      string
		got, want float64
	}{
		{"orders", float64(orders), 28010},
		{"distinct keys", float64(len(keys)), 28010},
		{"paid", float64(paid), 24087},
		{"payment rate %", round(100*float64(paid)/float64(orders), 1), 86.0},
		{"Σ amount_paid yuan", math.Round(float64(sumPaid) / 100), 1902487},
		{"paid orders refunded", float64(refunded), 5646},
		{"refunded share %", round(100*float64(refunded)/float64(paid), 1), 23.4},
		{"Σ refund / Σ paid %", round(100*float64(sumRefund)/float64(sumPaid), 1), 30.1},
		{"笔单价 yuan", round(float64(sumPaid)/100/float64(paid), 2), 78.98},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	sum := rd.Summary()
	if sum.Records != 28010 || sum.Problems != 0 || sum.From.IsZero() || sum.From.Location().String() != "Asia/Shanghai" {
		t.Errorf("summary %+v", sum)
	}
}

// headerOf reads the first line of f as a header and rewinds f.
func headerOf(t *testing.T, f *os.File) []string {
	t.Helper()
	s, probs, err := builtin(t).Sniff(f, Options{}, 1)
	if err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	return s.Header
}

// TestBehaviourLogSample reads the headerless Tianchi log through the
// generic events preset and checks the funnel of the README.
func TestBehaviourLogSample(t *testing.T) {
	f := sampleFile(t, "taobao_userbehavior_head84k.csv")
	set := builtin(t)
	sn, probs, err := set.Sniff(f, Options{NoHeader: true}, 50)
	if err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	m := Mapping{Preset: "generic_events", Kind: Events, NoHeader: true, Columns: map[string]Column{
		"user_id": {Index: 0}, "item_id": {Index: 1}, "category_id": {Index: 2}, "action": {Index: 3}, "at": {Index: 4},
	}}
	if got := set.Suggest(Events, nil, sn.Sample); !mappingEqual(got, m) {
		t.Errorf("Suggest = %+v", got)
	}
	p, _ := set.Generic(Events)
	rd, probs, err := Open(f, p, m, Options{})
	if err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	events, early := map[string]int{}, 0
	first := time.Date(2017, 11, 25, 0, 0, 0, 0, shanghai())
	users := map[string]map[string]bool{}
	for _, rec := range readAll(t, rd) {
		if len(rec.Problems) > 0 {
			t.Fatalf("line %d: %+v", rec.Line, rec.Problems)
		}
		if at, _ := rec.Time("at"); at.Before(first) {
			early++
		}
		a := rec.Text("action")
		events[a]++
		if users[a] == nil {
			users[a] = map[string]bool{}
		}
		users[a][rec.Text("user_id")] = true
	}
	want := map[string][2]int{"pv": {75872, 813}, "cart": {4497, 601}, "fav": {2356, 305}, "buy": {1750, 559}}
	for a, w := range want {
		if events[a] != w[0] || len(users[a]) != w[1] {
			t.Errorf("%s: %d events, %d users; want %v", a, events[a], len(users[a]), w)
		}
	}
	// The log's days are 2017-11-25..12-03 in UTC+8, but for 35 stray
	// events (the earliest in September), as a count by unix time shows.
	sum := rd.Summary()
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	if day(sum.From) != "2017-09-11" || day(sum.To) != "2017-12-03" || early != 35 {
		t.Errorf("days %s..%s in UTC+8, %d before 11-25", sum.From, sum.To, early)
	}
}

func mappingEqual(a, b Mapping) bool {
	if a.Preset != b.Preset || a.Kind != b.Kind || a.NoHeader != b.NoHeader || len(a.Columns) != len(b.Columns) {
		return false
	}
	for k, c := range a.Columns {
		if b.Columns[k] != c {
			return false
		}
	}
	return true
}
