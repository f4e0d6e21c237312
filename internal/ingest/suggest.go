package ingest

import (
	"io"
	"slices"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// Sniffed is what the mapping screen shows of a file before it is read:
// its header (nil for a headerless file), the first rows, and the
// presets that fit.
type Sniffed struct {
	Format     string
	Sheet      string
	HeaderLine int
	Header     []string
	Sample     [][]string
	Matches    []Match
}

// Sniff reads the head of a file: the header row (the first that some
// preset fits, past title rows; else the first non-empty row) and up to
// rows data rows. With opts.NoHeader every row is a sample row.
func (s Set) Sniff(r io.Reader, opts Options, rows int) (Sniffed, []Problem, error) {
	isHeader := func(cells []string) bool {
		return slices.ContainsFunc(s.list, func(p Preset) bool { return !p.Generic && p.matchesHeader(cells) })
	}
	src, probs, err := openSheet(r, sheet.Options{IsHeader: isHeader, HeaderScan: opts.HeaderScan})
	if src == nil {
		return Sniffed{}, probs, err
	}
	defer func() { _ = src.Close() }()
	out := Sniffed{Format: src.Format(), Sheet: src.Sheet()}
	if !opts.NoHeader {
		h, err := src.Header()
		if p, ok := contentProblem(err); ok {
			return out, p, nil
		}
		if err != nil {
			return out, nil, err
		}
		out.HeaderLine, out.Header = h.Line, h.Cells
		out.Matches = s.Detect(h.Cells)
	}
	for len(out.Sample) < rows {
		_, cells, _, err := src.Next()
		if err != nil {
			if p, ok := contentProblem(err); ok {
				return out, p, nil
			}
			break
		}
		if !sheet.Blank(cells) {
			out.Sample = append(out.Sample, slices.Clone(cells))
		}
	}
	if out.HeaderLine == 0 && len(out.Sample) == 0 {
		return out, []Problem{problem(0, "", MsgEmpty, nil)}, nil
	}
	return out, nil, nil
}

// Suggest proposes a mapping of kind's generic preset for the mapping
// screen: columns whose header matches an alias of any preset of the
// kind, then, for ids, times, dates and behaviour actions, columns whose
// sample cells all read as such, in schema order. Other fields (names,
// amounts, counts) are left for the person: guessing them from content
// would put a buyer's name into a product column. header nil means a
// headerless file.
func (s Set) Suggest(kind Kind, header []string, sample [][]string) Mapping {
	m := Mapping{Preset: "generic_" + string(kind), Kind: kind, NoHeader: header == nil, Columns: map[string]Column{}}
	width := len(header)
	for _, row := range sample {
		width = max(width, len(row))
	}
	norm := make([]string, width)
	for i := range header {
		norm[i] = normHeader(header[i])
	}
	used := make([]bool, width)
	take := func(key string, i int) {
		used[i] = true
		m.Columns[key] = Column{Index: i, Header: cellAt(header, i)}
	}
	for _, f := range schema[kind] {
		if i := s.aliasColumn(kind, f.Key, norm, used); i >= 0 {
			take(f.Key, i)
		}
	}
	classes := make([]string, width)
	for i := range classes {
		classes[i] = classify(sample, i)
	}
	for _, f := range schema[kind] {
		if _, done := m.Columns[f.Key]; done {
			continue
		}
		want := fieldClass(f)
		for i, c := range classes {
			if !used[i] && want != "" && (c == want || want == "id" && c == "int") {
				take(f.Key, i)
				break
			}
		}
	}
	return m
}

// aliasColumn finds an unused column for key among the aliases of the
// kind's presets, the generic one first.
func (s Set) aliasColumn(kind Kind, key string, norm []string, used []bool) int {
	presets := slices.Clone(s.list)
	slices.SortStableFunc(presets, func(a, b Preset) int {
		if a.Generic == b.Generic {
			return 0
		}
		if a.Generic {
			return -1
		}
		return 1
	})
	for _, p := range presets {
		if p.Kind != kind {
			continue
		}
		f, ok := p.field(key)
		if !ok {
			continue
		}
		for _, a := range f.Aliases {
			na := normHeader(a)
			for i, n := range norm {
				if n == na && !used[i] {
					return i
				}
			}
		}
	}
	return -1
}

// fieldClass is the content class a field can be suggested from.
func fieldClass(f Field) string {
	switch {
	case f.Key == "action":
		return "action"
	case f.Type == Time:
		return "time"
	case f.Type == Date:
		return "date"
	case f.Type == Text && idLike(f.Key):
		return "id"
	}
	return ""
}

// classify names what every non-empty sample cell of column i is:
// "action", "time" (incl. unix seconds), "date", "int", "id" or "".
func classify(sample [][]string, i int) string {
	var class string
	for _, row := range sample {
		s := clean(cellAt(row, i))
		if empty(s) {
			continue
		}
		c := cellClass(s)
		if class != "" && c != class {
			return ""
		}
		class = c
	}
	return class
}

// unixFrom and unixTo bound the unix seconds taken for times, so ids of
// ten digits in another range are not.
var unixFrom, unixTo = time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2050, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

func cellClass(s string) string {
	if _, ok := actionWords[strings.ToLower(s)]; ok {
		return "action"
	}
	if digits(s) {
		if n, ok := atoi(s); ok && len(s) == 10 && n >= unixFrom && n < unixTo {
			return "time"
		}
		return "int"
	}
	if st, ok := parseStamp(s, ""); ok {
		if st.h == 0 && st.mi == 0 && st.s == 0 && !strings.Contains(s, ":") {
			return "date"
		}
		return "time"
	}
	if idText(s) {
		return "id"
	}
	return ""
}

// idText is a code such as "A1", "SD-1001" or "#1001": letters, digits
// and - _ # / only, at least one digit, and not a decimal number.
func idText(s string) bool {
	if len(s) > 64 || plainNumber(s) || !strings.ContainsAny(s, "0123456789") {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || strings.ContainsRune("-_#/", r)) {
			return false
		}
	}
	return true
}
