package web

import (
	"html/template"
	"math"
	"strconv"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/kpi"
)

// needsReportView is a needs report ready to print.
type needsReportView struct {
	R          app.NeedsReport
	StoreID    string
	Diagnosis  diagnosisView // the gaps and plan, formatted as on the diagnosis page
	Surveys    []surveyResultView
	Comps      []compRow
	CompChart  template.JS
	BlindSpots []blindRow
	BlindMore  int // blind spots beyond the ones listed
	Needs      []needRow
	NoteKinds  []string
	MinAnon    int
	Expected   int
	Today      string
}

type surveyResultView struct {
	app.SurveyResult
	Questions   []questionView
	LikertChart template.JS
	Rate        string // responded / recipients
}

type questionView struct {
	No      int
	Kind    string
	Text    string
	N       int
	Mean    string
	Options []optionCount
	Texts   []string
	Chart   template.JS
	ChartID string
}

type optionCount struct {
	Label   string
	Count   int
	Percent string
}

type compRow struct {
	Name, Self, Manager, Gap string
	SelfN, MgrN              int
	BlindSpot                bool
}

type blindRow struct {
	Person, Competency string
	Self, Manager      int
}

type needRow struct {
	Rank         int
	ID, Title    string
	Score        string
	Metrics      []string
	Competencies []string
}

// maxBlindRows is how many people's blind spots the report lists, the
// widest first.
const maxBlindRows = 10

func mean1(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func needsReportViewOf(p *page, r app.NeedsReport) needsReportView {
	v := needsReportView{R: r, StoreID: r.Analysis.StoreID, Diagnosis: diagnosisViewOf(p, r.Dashboard),
		NoteKinds: app.NoteKinds, MinAnon: app.MinAnonymous, Expected: app.ExpectedLevel,
		Today: p.Now.In(p.h.app.Location()).Format("2006-01-02")}
	for i, s := range r.Surveys {
		v.Surveys = append(v.Surveys, surveyViewOf(p, i, s))
	}
	var names []string
	var self, mgr []any
	for _, c := range r.Competencies {
		row := compRow{Name: p.L(c.Info.Name, c.Info.NameEN), SelfN: c.SelfN, MgrN: c.MgrN, BlindSpot: c.BlindSpot,
			Self: "—", Manager: "—", Gap: "—"}
		if c.SelfN > 0 {
			row.Self = mean1(c.SelfMean)
		}
		if c.MgrN > 0 {
			row.Manager = mean1(c.MgrMean)
		}
		if c.SelfN+c.MgrN > 0 {
			row.Gap = mean1(c.Gap)
		}
		v.Comps = append(v.Comps, row)
		names = append(names, row.Name)
		self, mgr = append(self, round1(c.SelfMean)), append(mgr, round1(c.MgrMean))
	}
	if len(names) > 0 {
		v.CompChart = jsonScript(compChart(p, names, self, mgr))
	}
	for i, b := range r.BlindSpots {
		if i == maxBlindRows {
			v.BlindMore = len(r.BlindSpots) - i
			break
		}
		v.BlindSpots = append(v.BlindSpots, blindRow{Person: b.Person.Name, Competency: p.L(b.Competency.Name, b.Competency.NameEN),
			Self: b.Self, Manager: b.Manager})
	}
	compNames := map[string]string{}
	for _, c := range r.Competencies {
		compNames[c.Info.ID] = p.L(c.Info.Name, c.Info.NameEN)
	}
	for i, n := range r.Needs {
		row := needRow{Rank: i + 1, ID: n.ModuleID, Title: p.L(n.Title, n.TitleEN), Score: strconv.FormatFloat(n.Score, 'f', 2, 64)}
		for _, m := range n.Metrics {
			row.Metrics = append(row.Metrics, p.T(kpi.MetricNameID(m)))
		}
		for _, c := range n.Competencies {
			row.Competencies = append(row.Competencies, compNames[c])
		}
		v.Needs = append(v.Needs, row)
	}
	return v
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func surveyViewOf(p *page, si int, s app.SurveyResult) surveyResultView {
	sv := surveyResultView{SurveyResult: s, Rate: strconv.FormatInt(s.Survey.Responded, 10) + " / " + strconv.FormatInt(s.Survey.Recipients, 10)}
	var labels []string
	var dist [5][]any
	for i, q := range s.Questions {
		qv := questionView{No: i + 1, Kind: string(q.Question.Kind), Text: p.L(q.Question.Text, q.Question.TextEN), N: q.N, Texts: q.Texts}
		switch q.Question.Kind {
		case app.KindLikert:
			qv.Mean = mean1(q.Mean)
			labels = append(labels, "Q"+strconv.Itoa(i+1))
			for k := range 5 {
				dist[k] = append(dist[k], q.Counts[k])
			}
		case app.KindSingle, app.KindMulti:
			qv.Options = optionCounts(p, q)
			qv.ChartID = "chart-s" + strconv.Itoa(si) + "-q" + strconv.Itoa(i)
			qv.Chart = jsonScript(choiceChart(qv.Options))
		}
		sv.Questions = append(sv.Questions, qv)
	}
	if len(labels) > 0 {
		sv.LikertChart = jsonScript(likertChart(p, labels, dist))
	}
	return sv
}

func optionCounts(p *page, q app.QuestionResult) []optionCount {
	out := make([]optionCount, len(q.Question.Options))
	for i, o := range q.Question.Options {
		pct := "0%"
		if q.N > 0 {
			pct = strconv.Itoa(int(float64(q.Counts[i])*100/float64(q.N)+0.5)) + "%"
		}
		out[i] = optionCount{Label: p.L(o.ZH, o.EN), Count: q.Counts[i], Percent: pct}
	}
	return out
}

// likertColors go from 非常不同意 (red) to 非常同意 (green).
var likertColors = []string{"#dc2626", "#f97316", "#a3a3a3", "#4ade80", "#16a34a"}

func likertChart(p *page, labels []string, dist [5][]any) map[string]any {
	var series []any
	for k := range 5 {
		series = append(series, map[string]any{"type": "bar", "stack": "l", "name": p.T("survey.likert_" + strconv.Itoa(k+1)),
			"data": dist[k], "itemStyle": map[string]any{"color": likertColors[k]}, "barMaxWidth": 22})
	}
	rev := make([]string, len(labels))
	copy(rev, labels)
	return map[string]any{
		"tooltip": map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
		"legend":  map[string]any{"bottom": 0, "itemWidth": 10, "itemHeight": 10},
		"grid":    map[string]any{"left": 8, "right": 16, "top": 8, "bottom": 40, "containLabel": true},
		"xAxis":   map[string]any{"type": "value", "minInterval": 1},
		"yAxis":   map[string]any{"type": "category", "data": rev, "inverse": true},
		"series":  series,
	}
}

func choiceChart(opts []optionCount) map[string]any {
	var labels []string
	var data []any
	for _, o := range opts {
		labels, data = append(labels, o.Label), append(data, o.Count)
	}
	return map[string]any{
		"tooltip": map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
		"grid":    map[string]any{"left": 8, "right": 24, "top": 8, "bottom": 8, "containLabel": true},
		"xAxis":   map[string]any{"type": "value", "minInterval": 1},
		"yAxis": map[string]any{"type": "category", "data": labels, "inverse": true,
			"axisLabel": map[string]any{"width": 130, "overflow": "truncate"}},
		"series": []any{map[string]any{"type": "bar", "data": data, "barMaxWidth": 18, "itemStyle": map[string]any{"color": "#2563eb"},
			"label": map[string]any{"show": true, "position": "right"}}},
	}
}

func compChart(p *page, names []string, self, mgr []any) map[string]any {
	return map[string]any{
		"tooltip": map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
		"legend":  map[string]any{"bottom": 0},
		"grid":    map[string]any{"left": 8, "right": 16, "top": 8, "bottom": 40, "containLabel": true},
		"xAxis":   map[string]any{"type": "value", "min": 0, "max": 4, "interval": 1},
		"yAxis": map[string]any{"type": "category", "data": names, "inverse": true,
			"axisLabel": map[string]any{"width": 120, "overflow": "truncate"}},
		"series": []any{
			map[string]any{"type": "bar", "name": p.T("needs.self"), "data": self, "barMaxWidth": 14, "itemStyle": map[string]any{"color": "#60a5fa"}},
			map[string]any{"type": "bar", "name": p.T("needs.manager"), "data": mgr, "barMaxWidth": 14, "itemStyle": map[string]any{"color": "#1e3a8a"}},
		},
	}
}
