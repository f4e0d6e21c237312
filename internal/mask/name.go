package mask

import (
	"strings"
	"unicode"
)

// compoundSurnames are the two-character surnames common enough to keep
// whole: 欧阳娜娜 becomes 欧阳**, not 欧***.
var compoundSurnames = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯
		轩辕 令狐 钟离 闻人 澹台 公冶 太史 端木 申屠 赫连 拓跋 独孤 南宫 西门 百里 呼延 万俟 单于
		第五 东郭 南门 羊舌 微生 公羊 梁丘 左丘 东门 鲜于 闾丘 亓官 仲孙 濮阳 淳于 宗政 公良 乐正`) {
		compoundSurnames[s] = true
	}
}

// ReduceName keeps only the surname of a Chinese name (张三丰 → 张**,
// 欧阳娜娜 → 欧阳**, 阿卜杜拉·买买提 → 阿***·***) and the initials of a
// Latin one (John Smith → J. S.).
func ReduceName(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if strings.ContainsFunc(v, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return reduceHan([]rune(v))
	}
	return initials(v)
}

func reduceHan(r []rune) string {
	keep := 1
	if len(r) > 2 && compoundSurnames[string(r[:2])] {
		keep = 2
	}
	if len(r) == 1 {
		return "*"
	}
	var b strings.Builder
	b.WriteString(string(r[:keep]))
	for _, c := range r[keep:] {
		if c == '·' || c == '•' || c == '.' {
			b.WriteRune(c)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}

func initials(v string) string {
	var parts []string
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
		for _, r := range w {
			if unicode.IsLetter(r) {
				parts = append(parts, string(unicode.ToUpper(r))+".")
				break
			}
		}
	}
	if len(parts) == 0 {
		return ends(v)
	}
	return strings.Join(parts, " ")
}
