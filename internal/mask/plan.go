package mask

import (
	"strings"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// Decision says what chose a column's kind and action.
type Decision string

// The decisions.
const (
	ByHeader   Decision = "header"
	ByContent  Decision = "content"
	ByOverride Decision = "override"
	ByDefault  Decision = "default" // nothing said anything: the column is scanned
)

// Column is the plan for one column.
type Column struct {
	Header     string
	Kind       Kind
	Action     Action
	Decided    Decision
	overridden bool
}

// Plan masks the rows of one table. It counts what it does into its
// report, so it is not safe for concurrent use.
type Plan struct {
	m       *Masker
	Columns []Column
	rep     Report
}

// contentShare is the share of a column's non-empty sample cells that
// must be one kind for the content to decide the column.
const contentShare = 0.6

// Plan decides each column's kind and action: an override (keyed by
// header, compared without case, width or spaces) wins, then a header
// that names a kind or a never-personal column (order numbers, waybills,
// SKUs, times, amounts: kept verbatim), then the content of the sample
// rows; other columns are scanned as free text.
func (m *Masker) Plan(headers []string, sample [][]string, overrides map[string]Action) *Plan {
	ov := map[string]Action{}
	for h, a := range overrides {
		ov[normHeader(h)] = a
	}
	p := &Plan{m: m}
	for i, h := range headers {
		c := Column{Header: h}
		c.Kind, c.Decided = m.columnKind(h, i, sample)
		c.Action = DefaultAction(c.Kind)
		if c.Kind == never {
			c.Kind, c.Action = None, ActionKeep
		}
		if a, ok := ov[normHeader(h)]; ok {
			c.Action, c.Decided, c.overridden = a, ByOverride, true
		}
		p.Columns = append(p.Columns, c)
	}
	p.rep.Columns = make([]ColumnReport, len(p.Columns))
	for i, c := range p.Columns {
		p.rep.Columns[i] = ColumnReport{Index: i, Header: c.Header, Kind: c.Kind, Action: c.Action, Decided: c.Decided}
	}
	return p
}

func (m *Masker) columnKind(h string, i int, sample [][]string) (Kind, Decision) {
	if k := headerKind(h); k != "" {
		return k, ByHeader
	}
	if k := m.contentKind(i, sample); k != None {
		return k, ByContent
	}
	return None, ByDefault
}

// contentKind returns the kind most non-empty sample cells of column i
// hold whole, when they are at least contentShare of them.
func (m *Masker) contentKind(i int, sample [][]string) Kind {
	counts := map[Kind]int{}
	n := 0
	for _, row := range sample {
		if i >= len(row) {
			continue
		}
		v := sheet.Trim(row[i])
		if v == "" {
			continue
		}
		n++
		counts[m.cellKind(v)]++
	}
	best, bestN := None, 0
	for _, k := range Kinds()[1:] {
		if counts[k] > bestN {
			best, bestN = k, counts[k]
		}
	}
	if bestN == 0 || float64(bestN) < contentShare*float64(n) {
		return None
	}
	return best
}

// cellKind is the kind of a cell that is one detected value, or an
// address: a province (or city) and then street detail.
func (m *Masker) cellKind(v string) Kind {
	if fs := m.Find(v); len(fs) == 1 && fs[0].Start == 0 && fs[0].End == len(v) {
		return fs[0].Kind
	}
	if _, lvl := generalize(v); lvl > 0 && utf8.RuneCountInString(v) >= 6 && strings.ContainsAny(v, "区县路街号镇村栋室") {
		return Address
	}
	return None
}

// Row returns a masked copy of one data row; cells past the header are
// scanned as free text.
func (p *Plan) Row(cells []string) []string {
	out := make([]string, len(cells))
	p.rep.Rows++
	for i, v := range cells {
		out[i] = p.cell(i, v)
	}
	return out
}

func (p *Plan) cell(i int, v string) string {
	var c Column
	if i < len(p.Columns) {
		c = p.Columns[i]
	} else {
		c = Column{Kind: None, Action: ActionScan}
	}
	out := p.apply(c, v)
	if i < len(p.rep.Columns) && sheet.Trim(v) != "" {
		p.rep.Columns[i].Seen++
		if out != v {
			p.rep.Columns[i].Changed++
		}
	}
	return out
}

func (p *Plan) apply(c Column, v string) string {
	if c.Action == ActionKeep || sheet.Trim(v) == "" {
		return v
	}
	k, a := c.Kind, c.Action
	if k == Landline && !c.overridden && mobile(stripCountry(keepDigits(v))) {
		k, a = Phone, DefaultAction(Phone) // 联系电话 often holds a mobile
	}
	switch a {
	case ActionScan:
		out, fs := p.m.Text(v)
		p.rep.countText(fs)
		return out
	case ActionGeneralize:
		if k == Address || k == None {
			out, lvl := generalize(v)
			p.rep.countAddress(lvl)
			return out
		}
	}
	return p.m.Value(k, a, sheet.Trim(v))
}

// Report returns what the plan has done so far.
func (p *Plan) Report() Report {
	r := p.rep
	r.Columns = append([]ColumnReport(nil), p.rep.Columns...)
	if p.rep.Text != nil {
		r.Text = map[Kind]int{}
		for k, n := range p.rep.Text {
			r.Text[k] = n
		}
	}
	return r
}
