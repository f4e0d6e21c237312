package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBuiltinPresets: every built-in preset loads, every kind has its
// generic preset, and every platform preset has a fixture in testdata
// (named by its id) so a new preset cannot come without one.
func TestBuiltinPresets(t *testing.T) {
	set := builtin(t)
	want := []string{"amazon_business_report", "doudian_orders", "jd_orders", "pdd_orders", "qianchuan_ads",
		"qianniu_cs", "shopify_orders", "sycm_items", "sycm_overview", "tmall_orders", "wanxiangtai_ads"}
	var ids []string
	for _, p := range set.All() {
		if p.Generic {
			continue
		}
		ids = append(ids, p.ID)
		if p.ID == "sycm_overview" {
			continue // built in TestOverviewXLSX
		}
		if _, err := os.Stat(filepath.Join("testdata", p.ID+".csv")); err != nil {
			t.Errorf("preset %s has no fixture: %v", p.ID, err)
		}
	}
	if !slices.Equal(ids, want) {
		t.Errorf("presets %v", ids)
	}
	for _, k := range Kinds() {
		p, probs := set.Generic(k)
		if len(probs) > 0 || !p.Generic || len(p.Fields) != len(Schema(k)) {
			t.Errorf("generic %s: %+v %v", k, p, probs)
		}
	}
}

const editedTmall = `
id = "tmall_orders"
kind = "orders"
platform = "tmall"
name_zh = "天猫订单（公司版）"
name_en = "Tmall orders (our edit)"
grain = "order"

[fields.order_id]
aliases = ["单据号"]
required = true
`

func TestPresetsOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"tmall_orders.toml": {Data: []byte(editedTmall)},
		"mine.toml":         {Data: []byte(strings.ReplaceAll(editedTmall, `id = "tmall_orders"`, `id = "mine"`))},
		"broken.toml":       {Data: []byte("id = \"x\"\nkind = [\n")},
		"notes.txt":         {Data: []byte("ignored")},
	}
	set, probs, err := Presets(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || probs[0].Msg != MsgPresetSyntax || probs[0].Args["File"] != "broken.toml" || probs[0].Line == 0 {
		t.Errorf("problems %+v", probs)
	}
	p, _ := set.Lookup("tmall_orders")
	if p.NameZh != "天猫订单（公司版）" || p.File != "tmall_orders.toml" || len(p.Fields) != 1 {
		t.Errorf("override %+v", p)
	}
	if _, probs := set.Lookup("mine"); len(probs) > 0 {
		t.Error("added preset missing")
	}
	if _, probs := set.Lookup("nope"); len(probs) != 1 || probs[0].Msg != MsgUnknownPreset {
		t.Errorf("unknown: %+v", probs)
	}
	if len(set.All()) != len(builtin(t).All())+1 {
		t.Errorf("%d presets", len(set.All()))
	}
}

func TestParsePresetProblems(t *testing.T) {
	base := editedTmall
	for _, c := range []struct {
		name, edit string
		want       string
	}{
		{"unknown key", base + "colour = \"red\"\n", MsgPresetKeyUnknown},
		{"bad kind", strings.Replace(base, `kind = "orders"`, `kind = "invoices"`, 1), MsgPresetValueInvalid},
		{"bad id", strings.Replace(base, `id = "tmall_orders"`, `id = "Tmall Orders"`, 1), MsgPresetValueInvalid},
		{"bad grain", strings.Replace(base, `grain = "order"`, `grain = "week"`, 1), MsgPresetValueInvalid},
		{"no name", strings.Replace(base, `name_en = "Tmall orders (our edit)"`, ``, 1), MsgPresetValueInvalid},
		{"unknown field", base + "[fields.colour]\naliases = [\"颜色\"]\n", MsgPresetFieldUnknown},
		{"wrong type", base + "[fields.units]\ntype = \"money\"\naliases = [\"数量\"]\n", MsgPresetValueInvalid},
		{"wrong unit", base + "[fields.units]\nunit = \"percent\"\naliases = [\"数量\"]\n", MsgPresetValueInvalid},
		{"no aliases", base + "[fields.units]\naliases = []\n", MsgPresetValueInvalid},
		{"repeated alias", base + "[fields.line_id]\naliases = [\"单据号 \"]\n", MsgPresetAlias},
		{"required missing", strings.Replace(base, "[fields.order_id]", "[fields.line_id]", 1), MsgPresetRequired},
		{"fill_down unknown", strings.Replace(base, `grain = "order"`, "grain = \"line\"\nfill_down = [\"paid_at\"]", 1), MsgPresetValueInvalid},
		{"default unknown", base + "[defaults]\ncolour = \"red\"\n", MsgPresetFieldUnknown},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, probs := ParsePreset("x.toml", []byte(c.edit))
			if len(probs) != 1 || probs[0].Msg != c.want || probs[0].Args["File"] != "x.toml" {
				t.Errorf("problems %+v, want one %s", probs, c.want)
			}
		})
	}
	if _, probs := ParsePreset("ok.toml", []byte(base)); len(probs) > 0 {
		t.Errorf("valid preset: %+v", probs)
	}
}

func TestDetect(t *testing.T) {
	set := builtin(t)
	for _, c := range []struct {
		header []string
		want   string
	}{
		{[]string{"订单编号", "总金额", "买家实际支付金额", "收货地址 ", "订单创建时间", "订单付款时间 ", "退款金额"}, "tmall_orders"},
		{[]string{"主订单编号", "子订单编号", "选购商品", "订单应付金额", "订单提交时间"}, "doudian_orders"},
		{[]string{"订单号", "商品", "用户实付金额（元）", "订单成交时间"}, "pdd_orders"},
		{[]string{"统计日期", "访客数", "浏览量", "支付金额"}, "sycm_overview"},
		{[]string{"统计日期", "商品ID", "商品访客数", "支付金额"}, "sycm_items"},
		{[]string{"日期", "计划名称", "花费", "展现量", "点击量"}, "wanxiangtai_ads"},
		{[]string{"日期", "计划名称", "整体消耗", "整体展示次数"}, "qianchuan_ads"},
		{[]string{"客服昵称", "询单人数", "3分钟人工响应率"}, "qianniu_cs"},
		{[]string{"Name", "Email", "Paid at", "Lineitem name"}, "shopify_orders"},
	} {
		m := set.Detect(c.header)
		if len(m) == 0 || m[0].Preset != c.want {
			t.Errorf("Detect(%v) = %+v, want %s first", c.header, m, c.want)
		}
	}
	if m := set.Detect([]string{"foo", "bar"}); len(m) != 0 {
		t.Errorf("nothing should match: %+v", m)
	}
}
