package ingest

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopdojo/shopdojo/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite golden files")

// report renders what an import screen shows of a file: its summary and
// each problem, row-numbered, in both locales.
func report(t *testing.T, rd *Reader, recs []Record) string {
	t.Helper()
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	s := rd.Summary()
	fmt.Fprintf(&sb, "format=%s header=%d rows=%d records=%d total=%d blank=%d problems=%d bad=%d\n",
		s.Format, s.HeaderLine, s.Rows, s.Records, s.TotalRows, s.BlankRows, s.Problems, s.BadRecords)
	fmt.Fprintf(&sb, "from=%s to=%s\n", s.From.Format(time.RFC3339), s.To.Format(time.RFC3339))
	for _, r := range recs {
		for _, p := range r.Problems {
			fmt.Fprintf(&sb, "line %d [%s] %s\n  zh: %s\n  en: %s\n", p.Line, p.Field, p.Msg,
				b.T("zh-CN", p.Msg, p.Args), b.T("en", p.Msg, p.Args))
		}
	}
	for _, p := range s.FileProblems {
		fmt.Fprintf(&sb, "file line %d %s\n  zh: %s\n", p.Line, p.Msg, b.T("zh-CN", p.Msg, p.Args))
	}
	return sb.String()
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
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

func open(t *testing.T, data []byte, p Preset, m Mapping, opts Options) *Reader {
	t.Helper()
	rd, probs, err := Open(bytes.NewReader(data), p, m, opts)
	if err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	t.Cleanup(func() { _ = rd.Close() })
	return rd
}

// TestBadRowsReport: every bad row is reported with its Excel row
// number and keeps being read; the good rows are still returned for a
// caller that chooses to keep them.
func TestBadRowsReport(t *testing.T) {
	data, err := os.ReadFile("testdata/bad_orders.csv")
	if err != nil {
		t.Fatal(err)
	}
	rd := open(t, data, preset(t, "tmall_orders"), Mapping{}, Options{})
	recs := readAll(t, rd)
	golden(t, "bad_orders.golden", report(t, rd, recs))
	var good []string
	for _, r := range recs {
		if len(r.Problems) == 0 {
			good = append(good, r.Text("order_id"))
		}
	}
	if !slices.Equal(good, []string{"2001", "2006"}) {
		t.Errorf("good rows %v", good)
	}
}

func TestOpenProblems(t *testing.T) {
	tmall := preset(t, "tmall_orders")
	amazon := preset(t, "amazon_business_report")
	for _, c := range []struct {
		name string
		data string
		p    Preset
		m    Mapping
		opts Options
		want []string
	}{
		{"xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", tmall, Mapping{}, Options{}, []string{MsgUnsupportedFormat}},
		{"damaged xlsx", "PK\x03\x04junk", tmall, Mapping{}, Options{}, []string{MsgFileInvalid}},
		{"empty", "\n\n", tmall, Mapping{}, Options{}, []string{MsgEmpty}},
		{"wrong report", "访客数,浏览量\n1,2\n", tmall, Mapping{}, Options{}, []string{MsgMissingColumn}},
		{"no date and no default", "(Child) ASIN,Sessions - Total\nB0,1\n", amazon, Mapping{}, Options{}, []string{MsgMissingColumn}},
		{"bad default", "(Child) ASIN,Sessions - Total\nB0,1\n", amazon, Mapping{}, Options{Defaults: map[string]string{"date": "soon"}}, []string{MsgDefaultInvalid}},
		{"duplicate", "订单编号,订单编号,总金额\n1,2,3\n", tmall, Mapping{}, Options{}, []string{MsgDuplicateColumn}},
		{"mapping names a moved column", "订单号,金额\n1,2\n", tmall,
			Mapping{Columns: map[string]Column{"order_id": {Index: 0, Header: "订单编号"}}}, Options{}, []string{MsgMissingColumn}},
		{"mapping names an unknown key", "订单编号\n1\n", tmall,
			Mapping{Columns: map[string]Column{"order_id": {Header: "订单编号"}, "colour": {Index: 1}}}, Options{}, []string{MsgMappingUnknown}},
		{"generic without order id", "x,y\n1,2\n", genericOf(t, Orders),
			Mapping{Columns: map[string]Column{"units": {Index: 0, Header: "x"}}}, Options{}, []string{MsgFieldUnmapped}},
		{"cs without period", "客服昵称,询单人数\n小美,3\n", preset(t, "qianniu_cs"), Mapping{}, Options{}, []string{MsgPeriodMissing}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rd, probs, err := Open(strings.NewReader(c.data), c.p, c.m, c.opts)
			if err != nil || rd != nil {
				t.Fatalf("reader %v, err %v", rd, err)
			}
			var got []string
			for _, p := range probs {
				got = append(got, p.Msg)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("problems %+v, want %v", probs, c.want)
			}
		})
	}
}

func genericOf(t *testing.T, k Kind) Preset {
	t.Helper()
	p, probs := builtin(t).Generic(k)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return p
}

// TestSavedMapping: a mapping made on the mapping screen survives JSON
// and is applied by header text, so a later file with reordered columns
// and a title row maps the same.
func TestSavedMapping(t *testing.T) {
	set := builtin(t)
	header := []string{"单号", "下单时间", "实付(元)", "省份"}
	m := set.Suggest(Orders, header, [][]string{{"A1", "2024-03-01 10:00", "12.50", "上海"}})
	want := map[string]int{"created_at": 1, "amount_paid": 2, "region": 3, "order_id": 0}
	for k, i := range want {
		if m.Columns[k].Index != i {
			t.Errorf("Suggest %s = %+v, want column %d (mapping %+v)", k, m.Columns[k], i, m)
		}
	}
	js, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var saved Mapping
	if err := json.Unmarshal(js, &saved); err != nil {
		t.Fatal(err)
	}
	data := "导出于 2024-03-05\n省份,实付(元),单号,下单时间\n北京,9.90,B7,2024-03-04 08:00\n"
	rd := open(t, []byte(data), genericOf(t, Orders), saved, Options{})
	recs := readAll(t, rd)
	if len(recs) != 1 || recs[0].Text("order_id") != "B7" || show(recs[0].Fields()["amount_paid"]) != "990" || recs[0].Line != 3 {
		t.Errorf("records %+v", recs)
	}
	if got := rd.Mapping().Columns["order_id"].Index; got != 0 {
		t.Logf("saved index stays as saved: %d", got)
	}
}

// TestReimportKeys: the same order in two overlapping exports has one
// key; lines of a line-grain export without line ids are numbered.
func TestReimportKeys(t *testing.T) {
	tmall := preset(t, "tmall_orders")
	a := "订单编号,订单创建时间\n1,2024-03-01 10:00\n2,2024-03-02 10:00\n"
	b := "订单编号,订单创建时间\n2,2024-03-02 10:00\n3,2024-03-03 10:00\n"
	keys := map[string]int{}
	for _, f := range []string{a, b} {
		for _, r := range readAll(t, open(t, []byte(f), tmall, Mapping{}, Options{})) {
			keys[r.Key()]++
		}
	}
	if len(keys) != 3 || keys[joinKey("orders", "2", "#1")] != 2 {
		t.Errorf("keys %v", keys)
	}
	shop := "Name,Lineitem name\n#1,a\n#1,b\n#2,c\n"
	var got []string
	for _, r := range readAll(t, open(t, []byte(shop), preset(t, "shopify_orders"), Mapping{}, Options{})) {
		got = append(got, strings.ReplaceAll(r.Key(), "\x1f", "|"))
	}
	if !slices.Equal(got, []string{"orders|#1|#1", "orders|#1|#2", "orders|#2|#1"}) {
		t.Errorf("line keys %q", got)
	}
}

func TestMaxRows(t *testing.T) {
	data := "订单编号\n1\n2\n3\n"
	rd := open(t, []byte(data), preset(t, "tmall_orders"), Mapping{}, Options{MaxRows: 2})
	if recs := readAll(t, rd); len(recs) != 2 {
		t.Errorf("%d records", len(recs))
	}
	if fp := rd.Summary().FileProblems; len(fp) != 1 || fp[0].Msg != MsgTooManyRows || fp[0].Line != 4 {
		t.Errorf("file problems %+v", fp)
	}
}

// TestZone: naive times are read in the store's zone.
func TestZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	rd := open(t, []byte("订单编号,订单创建时间\n1,2024-03-01 23:30\n"), preset(t, "tmall_orders"), Mapping{}, Options{Zone: ny})
	recs := readAll(t, rd)
	if at, _ := recs[0].Time("created_at"); at.UTC().Format(time.RFC3339) != "2024-03-02T04:30:00Z" {
		t.Errorf("created_at %v", at)
	}
}
