package ingest

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// Mapping says which column holds which canonical field. It is a plain
// value (JSON) so the app can save the mapping a person made for a
// store's files and apply it to the next file of the same shape.
type Mapping struct {
	Preset   string            `json:"preset"`
	Kind     Kind              `json:"kind"`
	NoHeader bool              `json:"no_header,omitempty"`
	Columns  map[string]Column `json:"columns"` // canonical key → column
}

// Column is a column of a file: its header as written (matched again by
// normalized text, so a file whose columns moved still maps) and its
// position, which alone counts for a file without a header.
type Column struct {
	Index  int    `json:"index"` // 0-based
	Header string `json:"header,omitempty"`
}

// unitSuffixes are trailing parentheticals that only name a unit, so
// "用户实付金额(元)" matches the alias "用户实付金额".
var unitSuffixes = []string{"元", "件", "个", "人", "次", "秒", "%", "#", "rmb", "¥", "cny", "usd", "$", "笔", "单"}

// normHeader folds a header for matching: trimmed (also U+3000, NBSP),
// full-width to half-width, lower case, a unit parenthetical dropped, and
// white space and punctuation removed.
func normHeader(s string) string {
	s = strings.ToLower(width.Fold.String(sheet.Trim(s)))
	for {
		t, ok := cutUnitSuffix(s)
		if !ok {
			break
		}
		s = t
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) && r != '%' && r != '#' && r != '$' {
			return -1
		}
		return r
	}, s)
}

func cutUnitSuffix(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") {
		return s, false
	}
	open := strings.LastIndex(s, "(")
	if open <= 0 || !slices.Contains(unitSuffixes, strings.TrimSpace(s[open+1:len(s)-1])) {
		return s, false
	}
	return s[:open], true
}

// ColumnName is how a problem names column i (0-based) of a file without
// a header: its Excel letter.
func ColumnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// Map finds the preset's columns in header. For each field the column
// matching its earliest alias wins; two columns with the same header for
// one field are a problem, as is a required field no column matches.
func (p Preset) Map(header []string) (Mapping, []Problem) {
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = normHeader(h)
	}
	m := Mapping{Preset: p.ID, Kind: p.Kind, Columns: map[string]Column{}}
	var probs []Problem
	for _, f := range p.Fields {
		idx, dup := findAlias(norm, f.Aliases)
		switch {
		case idx >= 0:
			m.Columns[f.Key] = Column{Index: idx, Header: header[idx]}
			if dup >= 0 {
				probs = append(probs, problem(0, f.Key, MsgDuplicateColumn,
					map[string]any{"Column": header[idx], "First": ColumnName(idx) + ", " + ColumnName(dup)}))
			}
		case f.Required && p.Defaults[f.Key] == "":
			probs = append(probs, problem(0, f.Key, MsgMissingColumn, map[string]any{"Column": f.Aliases[0]}))
		}
	}
	return m, probs
}

// findAlias returns the column of the first alias found, and a second
// column with the same header (-1 when none).
func findAlias(norm []string, aliases []string) (idx, dup int) {
	for _, a := range aliases {
		na := normHeader(a)
		first := slices.Index(norm, na)
		if first < 0 {
			continue
		}
		second := slices.Index(norm[first+1:], na)
		if second >= 0 {
			second += first + 1
		}
		return first, second
	}
	return -1, -1
}

// matchesHeader tells the header row of the preset's file from title
// rows: every required field found (a date may come as a default) and at
// least two fields, or a required one.
func (p Preset) matchesHeader(cells []string) bool {
	m, probs := p.Map(cells)
	for _, pr := range probs {
		// A report of one day may have no date column: the date is then
		// given at import.
		if f, _ := fieldOf(p.Kind, pr.Field); pr.Msg == MsgMissingColumn && f.Type != Date {
			return false
		}
	}
	if len(m.Columns) >= min(2, len(p.Fields)) {
		return true
	}
	// One column is enough when it is a required one, such as 订单编号.
	for k := range m.Columns {
		if f, _ := p.field(k); f.Required {
			return true
		}
	}
	return false
}

// Match is a preset that fits a header.
type Match struct {
	Preset  string // id
	Kind    Kind
	Matched int // fields whose column was found
	Fields  int // fields the preset knows
}

// Detect ranks the presets (generic ones excepted) that fit header: all
// required columns present, most fields found first, then the preset that
// explains the larger share of its own fields.
func (s Set) Detect(header []string) []Match {
	var out []Match
	for _, p := range s.list {
		if p.Generic || !p.matchesHeader(header) {
			continue
		}
		m, _ := p.Map(header)
		out = append(out, Match{Preset: p.ID, Kind: p.Kind, Matched: len(m.Columns), Fields: len(p.Fields)})
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		if a.Matched != b.Matched {
			return b.Matched - a.Matched
		}
		if d := a.Fields - b.Fields; d != 0 {
			return d
		}
		return strings.Compare(a.Preset, b.Preset)
	})
	return out
}

// headerMatcher recognizes the header row of a file read through a saved
// mapping: every header the mapping names is in it.
func (m Mapping) headerMatcher() func([]string) bool {
	var want []string
	for _, c := range m.Columns {
		if c.Header != "" {
			want = append(want, normHeader(c.Header))
		}
	}
	return func(cells []string) bool {
		if len(want) == 0 {
			return true
		}
		norm := make([]string, len(cells))
		for i, c := range cells {
			norm[i] = normHeader(c)
		}
		for _, w := range want {
			if !slices.Contains(norm, w) {
				return false
			}
		}
		return true
	}
}
