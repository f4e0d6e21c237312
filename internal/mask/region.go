package mask

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/width"
)

//go:embed regions.txt
var regionsText string

type province struct {
	name   string // 浙江省
	single bool   // a municipality or SAR: no city level is shown
}

type city struct {
	prov *province
	name string // 杭州市
}

// regionTable maps every full and short name to its division.
type regionTable struct {
	provinces map[string]*province
	cities    map[string]city
	short     map[string]bool // names that are a city's short form
	maxRunes  int
}

// regions is parsed once from the embedded table; it is never written
// after that.
var regions = sync.OnceValue(func() *regionTable {
	t := &regionTable{provinces: map[string]*province{}, cities: map[string]city{}, short: map[string]bool{}}
	for _, line := range strings.Split(regionsText, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "|")
		p := &province{name: f[0], single: f[2] == ""}
		t.add(t.provinces, f[0], p)
		for _, s := range strings.Fields(f[1]) {
			t.add(t.provinces, s, p)
		}
		for _, c := range strings.Fields(f[2]) {
			t.addCity(p, c)
		}
	}
	return t
})

func (t *regionTable) add(m map[string]*province, name string, p *province) {
	m[name] = p
	t.maxRunes = max(t.maxRunes, utf8.RuneCountInString(name))
}

func (t *regionTable) addCity(p *province, spec string) {
	name, alias, _ := strings.Cut(spec, "=")
	c := city{prov: p, name: name}
	t.cities[name] = c
	t.maxRunes = max(t.maxRunes, utf8.RuneCountInString(name))
	shorts := strings.Split(alias, ",")
	for _, suffix := range []string{"市", "地区", "盟"} {
		if s, ok := strings.CutSuffix(name, suffix); ok && utf8.RuneCountInString(s) >= 2 {
			shorts = append(shorts, s)
		}
	}
	for _, s := range shorts {
		if s != "" {
			t.cities[s] = c
			t.short[s] = true
		}
	}
}

// level is how far generalize recognised an address.
type level int

const (
	levelNone     level = iota // not even the province: the result is ""
	levelProvince              // a province whose city was not recognised
	levelCity                  // province and city, or a municipality or SAR
)

// Generalize reduces an address to its province and prefecture-level city:
// "浙江省杭州市西湖区文三路 1 号" → "浙江省/杭州市", "上海 浦东新区…" → "上海市",
// "内蒙古" → "内蒙古自治区". An address whose city is not recognised keeps
// its province; ok is false, with "", when not even the province is.
func Generalize(addr string) (string, bool) {
	out, l := generalize(addr)
	return out, l > levelNone
}

func generalize(addr string) (string, level) {
	t := regions()
	s := strings.TrimSpace(width.Fold.String(addr))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "中国"), "China")
	s = skipSeparators(s)
	p, rest := t.prefix(s)
	if p == nil {
		if c, _, ok := t.cityPrefix(s); ok {
			return c.prov.name + "/" + c.name, levelCity
		}
		return "", levelNone
	}
	if p.single {
		return p.name, levelCity
	}
	if c, _, ok := t.cityPrefix(skipSeparators(rest)); ok && c.prov == p {
		return p.name + "/" + c.name, levelCity
	}
	return p.name, levelProvince
}

func skipSeparators(s string) string {
	return strings.TrimLeft(s, " /,，、-\t")
}

// prefix returns the province s starts with (longest name first) and the
// rest of s.
func (t *regionTable) prefix(s string) (*province, string) {
	for _, cut := range runePrefixes(s, t.maxRunes) {
		if p, ok := t.provinces[s[:cut]]; ok {
			return p, s[cut:]
		}
	}
	return nil, s
}

// cityPrefix returns the city s starts with. A short form followed by 区,
// 县 or 路 is a district or street of the same name elsewhere (北京朝阳区
// is not 辽宁朝阳市), so it does not count.
func (t *regionTable) cityPrefix(s string) (city, string, bool) {
	for _, cut := range runePrefixes(s, t.maxRunes) {
		c, ok := t.cities[s[:cut]]
		if !ok {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[cut:])
		if t.short[s[:cut]] && strings.ContainsRune("区县路街镇乡村", next) {
			continue
		}
		return c, s[cut:], true
	}
	return city{}, s, false
}

// runePrefixes returns the byte lengths of the first n, n-1, … 2 runes of
// s: names are matched longest first.
func runePrefixes(s string, n int) []int {
	ends := make([]int, 0, n)
	for i := 0; i < len(s) && len(ends) < n; {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		ends = append(ends, i)
	}
	out := make([]int, 0, len(ends))
	for k := len(ends) - 1; k >= 1; k-- {
		out = append(out, ends[k])
	}
	return out
}
