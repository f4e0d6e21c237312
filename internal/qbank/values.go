package qbank

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/shopdojo/shopdojo/internal/quiz"
)

// fold reduces a word people type for a type, a true/false answer, a
// difficulty or a scoring rule to one form: full-width letters and digits
// become ASCII (NFKC), case and the spaces, _, - and / between words go.
func fold(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("_-/", r) {
			return -1
		}
		return r
	}, s)
}

// typeByName reads a 题型 as written in Chinese templates and English ones.
func typeByName(s string) (quiz.Type, bool) {
	switch fold(s) {
	case "单选", "单选题", "单项选择", "单项选择题", "single", "singlechoice":
		return quiz.Single, true
	case "多选", "多选题", "多项选择", "多项选择题", "不定项", "不定项选择", "不定项选择题", "multiple", "multiplechoice":
		return quiz.Multiple, true
	case "判断", "判断题", "是非题", "对错题", "truefalse", "tf", "judge":
		return quiz.TrueFalse, true
	case "填空", "填空题", "fill", "fillin", "fillintheblank", "blank":
		return quiz.Fill, true
	case "排序", "排序题", "ordering", "order":
		return quiz.Ordering, true
	case "匹配", "匹配题", "连线", "连线题", "matching", "match":
		return quiz.Matching, true
	case "简答", "简答题", "问答", "问答题", "主观题", "short", "shortanswer", "essay":
		return quiz.Short, true
	case "案例", "案例题", "案例分析", "案例分析题", "case", "casestudy":
		return quiz.Case, true
	}
	return "", false
}

// typeLabel is how Export writes a type: the Chinese name people use, or
// the English type id.
func typeLabel(t quiz.Type, zh bool) string {
	if !zh {
		return string(t)
	}
	switch t {
	case quiz.Single:
		return "单选"
	case quiz.Multiple:
		return "多选"
	case quiz.TrueFalse:
		return "判断"
	case quiz.Fill:
		return "填空"
	case quiz.Ordering:
		return "排序"
	case quiz.Matching:
		return "匹配"
	case quiz.Short:
		return "简答"
	case quiz.Case:
		return "案例"
	}
	return string(t)
}

// truth reads a true/false answer as "T" or "F"; ok is false for anything
// else, which Validate then reports.
func truth(s string) (string, bool) {
	switch fold(s) {
	case "对", "正确", "√", "✓", "✔", "t", "true", "是", "y", "yes", "1":
		return "T", true
	case "错", "错误", "×", "✗", "✘", "x", "f", "false", "否", "n", "no", "0":
		return "F", true
	}
	return "", false
}

func truthLabel(key string, zh bool) string {
	switch {
	case key == "T" && zh:
		return "对"
	case key == "F" && zh:
		return "错"
	case key == "T":
		return "true"
	case key == "F":
		return "false"
	}
	return key
}

var numberRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// parseNumber reads a number typed with full-width digits (NFKC) and
// perhaps a trailing unit such as 分.
func parseNumber(s string, units ...string) (float64, bool) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	for _, u := range units {
		s = strings.TrimSpace(strings.TrimSuffix(s, u))
	}
	if !numberRE.MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// parsePoints reads 分值: "2", "２", "1.5分". Empty is 0, which Validate
// reports: points are never guessed.
func parsePoints(s string) (float64, bool) {
	if strings.TrimSpace(s) == "" {
		return 0, true
	}
	return parseNumber(s, "分", "points", "point", "pts")
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// parseDifficulty reads 难度 as 1–5 or the words Chinese banks use. A
// number out of range is returned for Validate to report; empty is def.
func parseDifficulty(s string, def int) (int, bool) {
	switch fold(s) {
	case "":
		return def, true
	case "易", "容易", "简单", "easy":
		return 1, true
	case "较易", "较容易", "偏易", "fairlyeasy":
		return 2, true
	case "中", "中等", "适中", "一般", "medium", "normal":
		return 3, true
	case "较难", "偏难", "fairlyhard":
		return 4, true
	case "难", "困难", "hard", "difficult":
		return 5, true
	}
	f, ok := parseNumber(s)
	if !ok || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

var fractionRE = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?%?`)

// parsePartial reads 多选计分: a preset by its Chinese or English name, or
// 自定义/custom followed by the subset fraction and, optionally, the
// penalty per wrong option ("自定义:少选得0.5,每错一项扣0.25", "custom 50% 25%").
func parsePartial(s string) (quiz.PartialRule, bool) {
	f := fold(s)
	switch f {
	case "":
		return quiz.PartialRule{}, true
	case "全对得分", "全对才得分", "全部正确得分", "全对", "exact", "allornothing":
		return quiz.PartialRule{Kind: quiz.AllOrNothing}, true
	case "少选得一半", "少选得半分", "漏选得一半", "少选一半", "subsethalf", "half":
		return quiz.PartialRule{Kind: quiz.SubsetHalf}, true
	case "按比例", "按比例得分", "比例", "proportional":
		return quiz.PartialRule{Kind: quiz.Proportional}, true
	}
	if !strings.HasPrefix(f, "自定义") && !strings.HasPrefix(f, "custom") {
		return quiz.PartialRule{}, false
	}
	nums := fractionRE.FindAllString(norm.NFKC.String(s), -1)
	if len(nums) < 1 || len(nums) > 2 {
		return quiz.PartialRule{}, false
	}
	r := quiz.PartialRule{Kind: quiz.Custom}
	r.SubsetFraction = fraction(nums[0])
	if len(nums) == 2 {
		r.WrongPenalty = fraction(nums[1])
	}
	return r, true
}

// fraction reads "0.5" or "50%"; fractionRE has checked the form.
func fraction(s string) float64 {
	pct := strings.HasSuffix(s, "%")
	f, _ := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if pct {
		f /= 100
	}
	return f
}

// partialLabel is how Export writes a rule; "" for none.
func partialLabel(p quiz.PartialRule, zh bool) string {
	switch {
	case p.Kind == "":
		return ""
	case p.Kind == quiz.Custom && zh:
		return "自定义:少选得" + formatNumber(p.SubsetFraction) + ",每错一项扣" + formatNumber(p.WrongPenalty)
	case p.Kind == quiz.Custom:
		return "custom: subset " + formatNumber(p.SubsetFraction) + ", penalty " + formatNumber(p.WrongPenalty)
	case !zh:
		return string(p.Kind)
	}
	switch p.Kind {
	case quiz.AllOrNothing:
		return "全对得分"
	case quiz.SubsetHalf:
		return "少选得一半"
	case quiz.Proportional:
		return "按比例"
	}
	return string(p.Kind)
}
