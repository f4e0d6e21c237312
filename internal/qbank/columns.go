package qbank

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// column is one column of the spreadsheet layout: its key, the headers
// Export writes, and the other header texts Parse accepts.
type column struct {
	key, zh, en string
	aliases     []string
}

// columns lists the layout in template and export order.
func columns() []column {
	cols := []column{
		{ColType, "题型", "Type", []string{"题目类型", "试题类型", "类型", "question type"}},
		{ColStem, "题干", "Stem", []string{"题目", "题目内容", "试题内容", "问题", "question"}},
	}
	for _, k := range optionKeys {
		key := string(k)
		cols = append(cols, column{OptionColumn(key), "选项" + key, "Option " + key,
			[]string{key, key + "选项", "选项" + key + "内容", "choice " + key}})
	}
	return append(cols,
		column{ColAnswer, "答案", "Answer", []string{"正确答案", "参考答案", "标准答案", "correct answer", "key"}},
		column{ColPoints, "分值", "Points", []string{"分数", "题目分值", "score"}},
		column{ColExplanation, "解析", "Explanation", []string{"答案解析", "试题解析", "analysis"}},
		column{ColDifficulty, "难度", "Difficulty", []string{"难易度", "难易程度", "难度等级"}},
		column{ColTags, "标签", "Tags", []string{"知识点", "tag"}},
		column{ColPartial, "多选计分", "Partial Credit", []string{"计分方式", "计分规则", "多选题计分", "partial", "scoring"}},
		column{ColID, "编号", "ID", []string{"题目编号", "试题编号", "question id"}},
	)
}

// requiredColumns must be in the header row.
func requiredColumns() []string { return []string{ColType, ColStem, ColAnswer} }

// Headers returns the header row of exports: English for a lang starting
// with "en", Chinese otherwise. Parse reads both.
func Headers(lang string) []string {
	zh := isZH(lang)
	cols := columns()
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.en
		if zh {
			out[i] = c.zh
		}
	}
	return out
}

func isZH(lang string) bool { return !strings.HasPrefix(strings.ToLower(lang), "en") }

// columnName is a column's headers in both languages, for messages.
func columnName(key string) string {
	for _, c := range columns() {
		if c.key == key {
			return c.zh + " / " + c.en
		}
	}
	return key
}

// normalizeHeader makes "选项Ａ", "选项 A", "*题型" and "Option_A" match their
// alias: NFKC, lower case, markers and all spaces, _ and - removed.
func normalizeHeader(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	// The marks templates put on mandatory columns; after NFKC, so
	// （必填） and ＊ are covered.
	for _, m := range []string{"*", "(必填)", "(选填)", "(required)", "(optional)"} {
		s = strings.ReplaceAll(s, m, "")
	}
	return strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' {
			return -1
		}
		return r
	}, s)
}

// headerIndex maps a normalized header text to its column key.
type headerIndex map[string]string

func newHeaderIndex() headerIndex {
	m := headerIndex{}
	for _, c := range columns() {
		for _, h := range append([]string{c.zh, c.en, c.key}, c.aliases...) {
			m[normalizeHeader(h)] = c.key
		}
	}
	return m
}

// isHeader reports whether cells are the header row: 题型 or 题干 and at
// least one more known column, so a title row that just says "题目" is
// passed over.
func (h headerIndex) isHeader(cells []string) bool {
	idx := h.mapHeader(cells)
	_, typ := idx[ColType]
	_, stem := idx[ColStem]
	return (typ || stem) && len(idx) >= 2
}

// mapHeader returns the cell index of each column key found; the first of
// repeated headers wins.
func (h headerIndex) mapHeader(cells []string) map[string]int {
	idx := map[string]int{}
	for i, c := range cells {
		if k, ok := h[normalizeHeader(c)]; ok {
			if _, seen := idx[k]; !seen {
				idx[k] = i
			}
		}
	}
	return idx
}
