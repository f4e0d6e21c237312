package mask

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) {
	for _, l := range generate(7, 40) {
		f.Add(l.text)
	}
	for _, s := range []string{"", "+", "(", "（", "（+86）", "(0571)", "@", "a@b.cn", "１３８００１３８０００", "\xef\xbc", "\xef\xbc\x90",
		"1\xff3800138000", "0571-88886666-8-", "11010519491231002X1", "+86 +86 13800138000"} {
		f.Add(s)
	}
}

// FuzzText: no panic; findings ordered, inside s and not overlapping; the
// digits of every masked span are gone from its replacement, and masking
// the output again finds nothing left to mask.
func FuzzText(f *testing.F) {
	fuzzSeeds(f)
	m := testMasker(f)
	f.Fuzz(func(t *testing.T, s string) {
		out, fs := m.Text(s)
		last := 0
		for _, x := range fs {
			if x.Start < last || x.End <= x.Start || x.End > len(s) {
				t.Fatalf("bad finding %+v after %d in %q", x, last, s)
			}
			last = x.End
			if d := keepDigits(normalize(x.Kind, s[x.Start:x.End])); x.Kind != USCC && len(d) >= 7 && strings.Contains(m.Value(x.Kind, m.text[x.Kind], s[x.Start:x.End]), d) {
				t.Fatalf("%s %q survives masking", x.Kind, d)
			}
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("valid %q became invalid %q", s, out)
		}
		for _, x := range m.Find(out) {
			if x.Kind != USCC {
				t.Fatalf("masked %q still holds %s %q (from %q)", out, x.Kind, out[x.Start:x.End], s)
			}
		}
	})
}

// FuzzPlanRow plans a table made from the fuzz input and masks its rows:
// no panic, a row keeps its width, a kept column is unchanged.
func FuzzPlanRow(f *testing.F) {
	f.Add("订单编号,手机,收货地址,买家留言", "1234567890123456789,13800138000,浙江省杭州市,电话13900139000")
	f.Add("x", "")
	f.Add(",,,", ",,13800138000,")
	m := testMasker(f)
	f.Fuzz(func(t *testing.T, header, row string) {
		h := strings.Split(header, ",")
		cells := strings.Split(row, ",")
		p := m.Plan(h, [][]string{cells, cells}, map[string]Action{h[0]: ActionKeep})
		out := p.Row(cells)
		if len(out) != len(cells) {
			t.Fatalf("row width %d, want %d", len(out), len(cells))
		}
		if out[0] != cells[0] {
			t.Fatalf("kept column changed %q → %q", cells[0], out[0])
		}
		rep := p.Report()
		if rep.Rows != 1 || len(rep.Columns) != len(h) {
			t.Fatalf("report %+v", rep)
		}
	})
}

// FuzzGeneralize: no panic; the result is "" or starts with a province's
// full name; generalising it again changes nothing.
func FuzzGeneralize(f *testing.F) {
	for _, s := range []string{"浙江省杭州市西湖区", "上海", "内蒙古", "吉林吉林", "四川凉山西昌", "中国", "朝阳区", "\xe6", "海南藏族自治州", "新疆博州"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, ok := Generalize(s)
		if ok != (g != "") {
			t.Fatalf("Generalize(%q) = %q, %v", s, g, ok)
		}
		if !ok {
			return
		}
		prov, _, _ := strings.Cut(g, "/")
		if p, ok := regions().provinces[prov]; !ok || p.name != prov {
			t.Fatalf("Generalize(%q) = %q: no province", s, g)
		}
		if again, _ := Generalize(g); again != g {
			t.Fatalf("Generalize(%q) = %q, then %q", s, g, again)
		}
	})
}
