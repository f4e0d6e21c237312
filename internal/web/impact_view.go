package web

import (
	"html/template"
	"math"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/kpi"
)

// impactView is the training impact page with every figure written for
// the page's locale.
type impactView struct {
	Store       shopdojo.Store
	In          app.ImpactInput
	Levels      []option
	Metrics     []option
	Trainings   []optionGroup
	Metric      string // the metric's label
	Training    string // the training's title
	Direction   string // "higher is better" / "lower is better"
	Estimate    *estimateView
	Units       []impactRow
	Excluded    []impactRow
	Empty       string // the empty state's message id
	EmptyAction string // where its button goes
	Chart       template.JS
	HasCS       bool
	Windows     string // the windows in words
}

type option struct {
	Value, Label string
	Selected     bool
}

type optionGroup struct {
	Label   string
	Options []option
}

type estimateView struct {
	Effect, Low, High, Level string
	NTreated, NControl       int
	Treated, Control         armView
	Verdict, VerdictClass    string
	NoInterval               bool   // an arm of one: the interval means nothing
	EffectLabel              string // a DiD, or a before/after change without controls
	Caveats                  []string
}

type armView struct{ Before, After, Change string }

type impactRow struct {
	Name, Person, Completed string
	Trained                 bool
	Before, After, Change   string
	Reason                  string
}

func impactViewOf(p *page, a app.ImpactAnalysis, valid bool) impactView {
	v := impactView{Store: a.Store, In: a.Input, HasCS: a.HasCS, Metric: p.T(kpi.MetricNameID(a.Query.Metric)),
		Training: p.L(a.Training.Title, a.Training.TitleEN)}
	if app.ImpactPerDay(a.Query.Metric) {
		v.Metric = p.T("impact.per_day", "M", v.Metric)
	}
	v.Direction = p.T("impact.higher_better")
	if kpi.DirectionOf(a.Query.Metric) == kpi.LowerBetter {
		v.Direction = p.T("impact.lower_better")
	}
	for _, l := range []app.ImpactLevel{app.ImpactAgents, app.ImpactStores} {
		v.Levels = append(v.Levels, option{Value: string(l), Label: p.T("impact.level_" + string(l)), Selected: l == a.Query.Level})
	}
	for _, m := range a.Metrics {
		label := p.T(kpi.MetricNameID(m))
		if app.ImpactPerDay(m) {
			label = p.T("impact.per_day", "M", label)
		}
		v.Metrics = append(v.Metrics, option{Value: m, Label: label, Selected: m == a.Query.Metric})
	}
	v.trainings(p, a)
	if !valid {
		return v
	}
	v.Windows = p.T("impact.windows_text", "BF", a.Input.BeforeFrom, "BT", a.Input.BeforeTo, "WF", a.Input.From,
		"WT", a.Input.To, "AF", a.Input.AfterFrom, "AT", a.Input.AfterTo)
	unit := kpi.UnitOf(a.Query.Metric)
	for _, u := range a.Units {
		v.Units = append(v.Units, impactRowOf(p, u, unit))
	}
	for _, u := range a.Excluded {
		v.Excluded = append(v.Excluded, impactRowOf(p, u, unit))
	}
	v.Empty = a.Empty
	switch a.Empty {
	case app.EmptyNoCS:
		v.EmptyAction = "/stores/" + a.Store.ID + "/data"
	case app.EmptyNoLinked:
		v.EmptyAction = "/stores/" + a.Store.ID + "/agents"
	}
	if a.Estimate != nil {
		v.Estimate = estimateOf(p, a, unit)
		v.Chart = jsonScript(slopeChart(p, a, unit))
	}
	return v
}

// trainings groups the choices: modules with their courses, then paths.
func (v *impactView) trainings(p *page, a app.ImpactAnalysis) {
	mods := optionGroup{Label: p.T("impact.training_modules")}
	paths := optionGroup{Label: p.T("impact.training_paths")}
	for _, o := range a.Trainings {
		opt := option{Value: o.Ref, Label: p.L(o.Title, o.TitleEN), Selected: o.Ref == a.Query.Training}
		switch o.Kind {
		case app.TrainingCourse:
			opt.Label = "　· " + opt.Label
			mods.Options = append(mods.Options, opt)
		case app.TrainingModule:
			mods.Options = append(mods.Options, opt)
		default:
			paths.Options = append(paths.Options, opt)
		}
	}
	v.Trainings = []optionGroup{mods, paths}
}

func impactRowOf(p *page, u app.ImpactUnit, unit kpi.Unit) impactRow {
	r := impactRow{Name: u.Name, Person: u.Person, Trained: u.Trained, Completed: "—", Before: "—", After: "—", Change: "—"}
	if !u.CompletedAt.IsZero() {
		r.Completed = p.Date(u.CompletedAt)
	}
	if u.HasBefore {
		r.Before = formatMetric(unit, u.Before)
	}
	if u.HasAfter {
		r.After = formatMetric(unit, u.After)
	}
	if u.HasBefore && u.HasAfter {
		r.Change = signedChange(p, unit, u.After-u.Before)
	}
	if u.Reason != "" {
		r.Reason = p.T(u.Reason)
	}
	return r
}

func estimateOf(p *page, a app.ImpactAnalysis, unit kpi.Unit) *estimateView {
	e := a.Estimate
	ev := &estimateView{Effect: signedChange(p, unit, e.Effect), Low: signedChange(p, unit, e.Low),
		High: signedChange(p, unit, e.High), Level: strconv.Itoa(int(math.Round(e.Level * 100))),
		NTreated: e.NTreated, NControl: e.NControl, Verdict: p.T(a.Verdict, "M", p.T(kpi.MetricNameID(a.Query.Metric))),
		Treated: armViewOf(p, a.Treated, unit), Control: armViewOf(p, a.Control, unit)}
	ev.NoInterval = a.Verdict == app.VerdictTooFew
	ev.EffectLabel = p.T("impact.effect")
	if e.NControl == 0 {
		ev.EffectLabel = p.T("impact.effect_no_control")
	}
	switch a.Verdict {
	case app.VerdictBetter:
		ev.VerdictClass = "badge-success"
	case app.VerdictWorse:
		ev.VerdictClass = "badge-danger"
	default:
		ev.VerdictClass = "badge-warning"
	}
	for _, c := range e.Caveats {
		ev.Caveats = append(ev.Caveats, p.T(c))
	}
	return ev
}

func armViewOf(p *page, arm app.Arm, unit kpi.Unit) armView {
	return armView{Before: formatMetric(unit, arm.Before), After: formatMetric(unit, arm.After), Change: signedChange(p, unit, arm.Change)}
}

// signedChange writes a difference in the metric's unit: percentage
// points for ratios.
func signedChange(p *page, unit kpi.Unit, d float64) string {
	sign := ""
	if d > 0 {
		sign = "+"
	}
	switch unit {
	case kpi.UnitRatio:
		return p.T("impact.points", "V", sign+strconv.FormatFloat(d*100, 'f', 2, 64))
	case kpi.UnitMoney:
		return signedMoney(d)
	case kpi.UnitSeconds:
		return sign + strconv.FormatFloat(d, 'f', 1, 64) + " s"
	}
	return sign + strconv.FormatFloat(d, 'f', 1, 64)
}

// chartValue is a value as the chart's axis reads it: percent, yuan,
// seconds or a count.
func chartValue(unit kpi.Unit, v float64) float64 {
	switch unit {
	case kpi.UnitRatio:
		return math.Round(v*10000) / 100
	case kpi.UnitMoney:
		return math.Round(v) / 100
	}
	return math.Round(v*10) / 10
}

// slopeChart draws each arm's mean before and after as a bold line and
// every unit as a faint one, so a reader sees both the average and the
// spread.
func slopeChart(p *page, a app.ImpactAnalysis, unit kpi.Unit) map[string]any {
	const treatedColor, controlColor = "#2563eb", "#94a3b8"
	trained, control := p.T("impact.arm_treated"), p.T("impact.arm_control")
	line := func(name string, arm app.Arm, color string) map[string]any {
		// Labels outside the lines' ends, so the two arms' labels do not
		// sit on each other where the lines start close together.
		data := []any{map[string]any{"value": chartValue(unit, arm.Before), "label": map[string]any{"position": "left"}},
			map[string]any{"value": chartValue(unit, arm.After), "label": map[string]any{"position": "right"}}}
		return map[string]any{"type": "line", "name": name, "data": data,
			"symbolSize": 10, "lineStyle": map[string]any{"width": 4, "color": color}, "itemStyle": map[string]any{"color": color},
			"label": map[string]any{"show": true}, "z": 3}
	}
	series := []any{line(trained, a.Treated, treatedColor)}
	if a.Estimate.NControl > 0 {
		series = append(series, line(control, a.Control, controlColor))
	}
	for _, u := range a.Units {
		color := controlColor
		if u.Trained {
			color = treatedColor
		}
		series = append(series, map[string]any{"type": "line", "name": u.Name, "data": []float64{chartValue(unit, u.Before), chartValue(unit, u.After)},
			"symbol": "none", "silent": true, "lineStyle": map[string]any{"width": 1, "color": color, "opacity": 0.35},
			"tooltip": map[string]any{"show": false}, "z": 1})
	}
	axis := map[string]any{"type": "value", "scale": true}
	if unit == kpi.UnitRatio {
		axis["name"] = "%"
	}
	return map[string]any{
		"tooltip": map[string]any{"trigger": "item"},
		"legend":  map[string]any{"bottom": 0, "data": []string{trained, control}},
		"grid":    map[string]any{"left": 48, "right": 48, "top": 24, "bottom": 36, "containLabel": true},
		"xAxis":   map[string]any{"type": "category", "data": []string{p.T("impact.before"), p.T("impact.after")}, "boundaryGap": false},
		"yAxis":   axis,
		"series":  series,
	}
}
