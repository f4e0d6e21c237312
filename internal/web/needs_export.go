package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/sheet"
)

// needsExport downloads a needs report as an XLSX workbook: the ranked
// needs with their scores, the KPI gaps of the analysis period, each
// survey's results (hidden anonymous ones stay hidden), the competency
// ratings, the blind spots and the notes.
func (h *Handler) needsExport(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.app.NeedsReport(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("nid"))
	if err != nil {
		return err
	}
	p := h.page(r, "needs.report")
	v := needsReportViewOf(p, rep)
	tables := []sheet.Table{needsTable(p, v), gapsTable(p, rep.Dashboard), surveyTable(p, v), compTable(p, rep),
		blindTable(p, rep), notesTable(p, rep)}
	var buf bytes.Buffer
	if err := sheet.WriteBook(&buf, tables); err != nil {
		return err
	}
	return sendFile(w, p.T("needs.export_file", "Title", rep.Analysis.Title)+".xlsx", xlsxType, buf.Bytes())
}

func needsTable(p *page, v needsReportView) sheet.Table {
	t := sheet.Table{Name: p.T("needs.ranked"), Widths: []float64{6, 28, 10, 36, 48},
		Headers: []string{"#", p.T("diagnosis.export_modules"), p.T("needs.export_score"), p.T("needs.export_kpi"), p.T("needs.export_comp")},
		Formats: []string{"0", "", "0.00"}}
	for i, n := range v.R.Needs {
		row := v.Needs[i]
		t.Rows = append(t.Rows, []any{row.Rank, row.Title, n.Score, strings.Join(row.Metrics, "、"), strings.Join(row.Competencies, "、")})
	}
	return t
}

// surveyTable is every visible answer count, one row per question and
// option (Likert: per point), and the open answers one per row.
func surveyTable(p *page, v needsReportView) sheet.Table {
	t := sheet.Table{Name: p.T("needs.export_surveys"), Widths: []float64{28, 6, 40, 30, 10, 10},
		Headers: []string{p.T("survey.title"), "Q", p.T("needs.export_question"), p.T("needs.export_answer"), p.T("needs.export_count"), p.T("needs.export_share")},
		Formats: []string{"", "", "", "", "0", "0%"}}
	for _, s := range v.Surveys {
		if s.Hidden {
			t.Rows = append(t.Rows, []any{s.Survey.Title, nil, p.T("needs.hidden", "N", v.MinAnon, "Have", s.Responses)})
			continue
		}
		for i, q := range s.SurveyResult.Questions {
			t.Rows = append(t.Rows, questionRows(p, s.Survey.Title, i+1, q)...)
		}
	}
	return t
}

func questionRows(p *page, title string, no int, q app.QuestionResult) [][]any {
	text := p.L(q.Question.Text, q.Question.TextEN)
	share := func(n int) any {
		if q.N == 0 {
			return nil
		}
		return float64(n) / float64(q.N)
	}
	var rows [][]any
	switch q.Question.Kind {
	case app.KindLikert:
		for k, n := range q.Counts {
			rows = append(rows, []any{title, no, text, p.T("survey.likert_" + strconv.Itoa(k+1)), n, share(n)})
		}
		rows = append(rows, []any{title, no, text, p.T("needs.export_mean"), sheet.Number{Value: q.Mean, Format: "0.00"}, nil})
	case app.KindSingle, app.KindMulti:
		for k, o := range q.Question.Options {
			rows = append(rows, []any{title, no, text, p.L(o.ZH, o.EN), q.Counts[k], share(q.Counts[k])})
		}
	case app.KindText:
		for _, s := range q.Texts {
			rows = append(rows, []any{title, no, text, s})
		}
	}
	return rows
}

func compTable(p *page, r app.NeedsReport) sheet.Table {
	t := sheet.Table{Name: p.T("needs.competencies"), Widths: []float64{28, 10, 8, 10, 8, 12, 10},
		Headers: []string{p.T("needs.competency"), p.T("needs.self"), "n", p.T("needs.manager"), "n", p.T("needs.gap", "L", app.ExpectedLevel), p.T("needs.blind_spot")},
		Formats: []string{"", "0.0", "0", "0.0", "0", "0.0"}}
	for _, c := range r.Competencies {
		row := []any{p.L(c.Info.Name, c.Info.NameEN), nil, c.SelfN, nil, c.MgrN, c.Gap, ""}
		if c.SelfN > 0 {
			row[1] = c.SelfMean
		}
		if c.MgrN > 0 {
			row[3] = c.MgrMean
		}
		if c.BlindSpot {
			row[6] = "✓"
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func blindTable(p *page, r app.NeedsReport) sheet.Table {
	t := sheet.Table{Name: p.T("needs.blind_people"), Widths: []float64{14, 28, 10, 10},
		Headers: []string{p.T("needs.person"), p.T("needs.competency"), p.T("needs.self"), p.T("needs.manager")}}
	for _, b := range r.BlindSpots {
		t.Rows = append(t.Rows, []any{b.Person.Name, p.L(b.Competency.Name, b.Competency.NameEN), "L" + strconv.Itoa(b.Self), "L" + strconv.Itoa(b.Manager)})
	}
	return t
}

func notesTable(p *page, r app.NeedsReport) sheet.Table {
	t := sheet.Table{Name: p.T("needs.notes"), Widths: []float64{12, 12, 14, 14, 80},
		Headers: []string{p.T("needs.note_on"), p.T("needs.note_kind"), p.T("needs.note_person"), p.T("needs.export_author"), p.T("needs.note_body")}}
	for _, n := range r.Notes {
		who := n.PersonName
		if who == "" {
			who = p.T("needs.note_team")
		}
		t.Rows = append(t.Rows, []any{n.On, p.T("needs.note_" + n.Kind), who, n.Author, n.Body})
	}
	return t
}
