package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// want is one expected field of a fixture record: index of the record,
// key, and the value as text (fen for money, RFC 3339 for times).
type want struct {
	rec  int
	key  string
	text string
}

func show(v Value) string {
	switch v.Type {
	case Int, Money:
		return itoa(v.Int)
	case Ratio, Seconds:
		return ftoa(v.Float)
	case Time:
		return v.Time.Format(time.RFC3339)
	case Date:
		return v.Time.Format(time.DateOnly)
	}
	return v.Text
}

// TestFixtures reads a small file written for every built-in preset: it
// must be detected as that preset, read without problems, and give the
// values below.
func TestFixtures(t *testing.T) {
	for _, c := range []struct {
		file, preset   string
		defaults       map[string]string
		records, total int
		fields         []want
		absent         [][2]any // record index, key
	}{
		{file: "tmall_orders.csv", preset: "tmall_orders", records: 3, fields: []want{
			{0, "amount_paid", "17880"}, {1, "amount_total", "123450"}, {1, "created_at", "2024-03-01T23:59:00+08:00"},
			{0, "region", "浙江省 杭州市 西湖区 文三路1号"}, {2, "refund_amount", "9900"}, {0, "buyer_id", "tb_alice"}, {2, "units", "3"},
		}, absent: [][2]any{{1, "paid_at"}}},
		{file: "tmall_orders_gbk.csv", preset: "tmall_orders", records: 3, fields: []want{{1, "status", "等待买家付款"}, {2, "product_name", "棉袜"}}},
		{file: "doudian_orders.csv", preset: "doudian_orders", records: 3, fields: []want{
			{0, "order_id", "6912345678901234567"}, {1, "line_id", "6912345678901234569"}, {1, "refund_status", "退款成功"},
			{1, "amount_total", "3980"}, {2, "channel", "商品卡"}, {1, "sku", "FS-009-B"},
		}, absent: [][2]any{{0, "refund_status"}}},
		{file: "pdd_orders.csv", preset: "pdd_orders", records: 2, total: 1, fields: []want{
			{0, "amount_paid", "1990"}, {0, "amount_total", "2580"}, {1, "region", "广东省"}, {0, "units", "2"},
			{0, "order_id", "240301-123456789012345"},
		}, absent: [][2]any{{0, "region"}, {1, "paid_at"}}},
		{file: "jd_orders.csv", preset: "jd_orders", records: 2, fields: []want{
			{0, "product_id", "100012345678"}, {1, "unit_price", "2900"}, {1, "amount_paid", "14900"},
		}},
		{file: "shopify_orders.csv", preset: "shopify_orders", records: 3, fields: []want{
			{1, "paid_at", "2024-03-01T23:46:25+08:00"}, {1, "buyer_id", "ann@example.com"}, {1, "status", "paid"},
			{1, "region", "CA"}, {1, "units", "2"}, {0, "amount_total", "3300"}, {2, "created_at", "2024-03-02T22:00:00+08:00"},
		}, absent: [][2]any{{1, "amount_total"}, {2, "paid_at"}}},
		{file: "amazon_business_report.csv", preset: "amazon_business_report", defaults: map[string]string{"date": "2024-03-01"}, records: 2, fields: []want{
			{0, "visitors", "1204"}, {0, "gmv", "173942"}, {0, "paid_units", "58"}, {1, "paid_orders", "9"},
			{0, "product_id", "B0CHILD001"}, {1, "date", "2024-03-01"}, {0, "page_views", "1880"},
		}},
		{file: "sycm_items.csv", preset: "sycm_items", records: 2, fields: []want{
			{0, "product_id", "712345678901"}, {0, "item_visitors", "1520"}, {0, "gmv", "468000"}, {0, "refund_amount", "30000"},
			{1, "cart_units", "33"},
		}},
		{file: "wanxiangtai_ads.csv", preset: "wanxiangtai_ads", records: 2, fields: []want{
			{0, "spend", "120050"}, {0, "impressions", "85300"}, {0, "ad_gmv", "480200"}, {0, "channel", "万相台无界"}, {1, "ad_orders", "35"},
		}},
		{file: "qianchuan_ads.csv", preset: "qianchuan_ads", records: 1, fields: []want{
			{0, "spend", "300000"}, {0, "ad_gmv", "1200000"}, {0, "channel", "巨量千川"}, {0, "clicks", "6300"},
		}},
		{file: "qianniu_cs.csv", preset: "qianniu_cs", total: 1, records: 2,
			defaults: map[string]string{"period_start": "2024-03-01", "period_end": "2024-03-31", "store": "旗舰店"}, fields: []want{
				{0, "agent", "旗舰店:小美"}, {0, "inquiry_conversion", "0.4"}, {0, "response_rate_3min", "0.9707"},
				{0, "first_response_seconds", "12"}, {0, "avg_response_seconds", "65"}, {1, "avg_response_seconds", "80"},
				{1, "cs_sales", "1980050"}, {1, "period_end", "2024-03-31"},
			}},
	} {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			recs, sum := readFixture(t, data, c.preset, c.defaults)
			if len(recs) != c.records || sum.TotalRows != c.total || sum.Problems != 0 {
				t.Fatalf("%d records, summary %+v", len(recs), sum)
			}
			for _, w := range c.fields {
				if got := show(recs[w.rec].Fields()[w.key]); got != w.text {
					t.Errorf("record %d %s = %q, want %q", w.rec, w.key, got, w.text)
				}
			}
			for _, a := range c.absent {
				if v, ok := recs[a[0].(int)].Fields()[a[1].(string)]; ok {
					t.Errorf("record %d %s = %+v, want absent", a[0], a[1], v)
				}
			}
			keys := map[string]bool{}
			for _, r := range recs {
				keys[r.Key()] = true
			}
			if len(keys) != len(recs) {
				t.Errorf("keys not distinct: %v", keys)
			}
		})
	}
}

// readFixture detects data's preset (it must be want), then reads it.
func readFixture(t *testing.T, data []byte, want string, defaults map[string]string) ([]Record, Summary) {
	t.Helper()
	set := builtin(t)
	sn, probs, err := set.Sniff(bytes.NewReader(data), Options{}, 5)
	if err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	if len(sn.Matches) == 0 || sn.Matches[0].Preset != want {
		t.Fatalf("detected %+v, want %s", sn.Matches, want)
	}
	p, _ := set.Lookup(want)
	rd, probs, err := Open(bytes.NewReader(data), p, Mapping{}, Options{Defaults: defaults})
	if err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	defer func() { _ = rd.Close() }()
	recs := readAll(t, rd)
	for _, r := range recs {
		if len(r.Problems) > 0 {
			t.Errorf("line %d: %+v", r.Line, r.Problems)
		}
		if len(r.Raw) < len(rd.Header()) {
			t.Errorf("line %d: %d raw cells for %d columns", r.Line, len(r.Raw), len(rd.Header()))
		}
	}
	return recs, rd.Summary()
}

// overviewXLSX is a 生意参谋 overview as a workbook: two title rows above
// the header, dates as date cells, a percent-formatted rate, a 合计 row.
func overviewXLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sh := "Sheet1"
	must(f.SetCellValue(sh, "A1", "生意参谋 - 店铺概况"))
	must(f.SetCellValue(sh, "A2", "统计时间：2024-03-01 ~ 2024-03-02"))
	must(f.SetSheetRow(sh, "A3", &[]any{"统计日期", "访客数", "浏览量", "支付买家数", "支付金额", "支付转化率", "同行同层平均支付转化率", "客单价"}))
	must(f.SetSheetRow(sh, "A4", &[]any{45352, 1520, 3204, 36, 4680.5, 0.0237, "1.95%", 130.01}))
	must(f.SetSheetRow(sh, "A5", &[]any{45353, 1300, 2800, 30, 3900, 0.0231, "1.90%", 130}))
	must(f.SetSheetRow(sh, "A6", &[]any{"合计", 2820, 6004, 66, 8580.5, 0.0234, "", 130.01}))
	date, pct, money := 14, 10, 4
	for _, s := range []struct {
		cell   string
		numFmt int
	}{{"A4:A5", date}, {"F4:F6", pct}, {"E4:E6", money}} {
		st, err := f.NewStyle(&excelize.Style{NumFmt: s.numFmt})
		must(err)
		must(f.SetCellStyle(sh, s.cell[:2], s.cell[3:], st))
	}
	var b bytes.Buffer
	must(f.Write(&b))
	return b.Bytes()
}

func TestOverviewXLSX(t *testing.T) {
	recs, sum := readFixture(t, overviewXLSX(t), "sycm_overview", nil)
	if len(recs) != 2 || sum.TotalRows != 1 || sum.HeaderLine != 3 || sum.Format != "xlsx" {
		t.Fatalf("%d records, %+v", len(recs), sum)
	}
	for key, w := range map[string]string{"date": "2024-03-01", "visitors": "1520", "gmv": "468050", "peer_avg_pay_conversion": "0.0195"} {
		if got := show(recs[0].Fields()[key]); got != w {
			t.Errorf("%s = %q, want %q", key, got, w)
		}
	}
	if recs[0].Line != 4 || recs[1].Key() == recs[0].Key() {
		t.Errorf("line %d keys %q %q", recs[0].Line, recs[0].Key(), recs[1].Key())
	}
	if f, _ := recs[1].Float("peer_avg_pay_conversion"); !near(f, 0.019) {
		t.Errorf("peer rate %v", f)
	}
}
