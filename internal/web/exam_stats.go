package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/itemstats"
	"github.com/shopdojo/shopdojo/internal/sheet"
)

// examStats is the item analysis page (Moodle's quiz statistics report).
func (h *Handler) examStats(w http.ResponseWriter, r *http.Request) error {
	ac, id := actorOf(r), r.PathValue("id")
	e, err := h.app.Exam(r.Context(), ac, id)
	if err != nil {
		return err
	}
	which := itemstats.FirstAttempts
	switch r.URL.Query().Get("attempts") {
	case "all":
		which = itemstats.AllAttempts
	case "last":
		which = itemstats.LastAttempts
	case "highest":
		which = itemstats.HighestAttempts
	}
	st, err := h.app.ExamStatistics(r.Context(), ac, id, which)
	if err != nil {
		return err
	}
	p := h.page(r, "stats.title")
	p.Nav = "exams"
	p.Data = map[string]any{"Exam": e, "S": st, "Chart": jsonScript(statsChart(p, st)), "Which": r.URL.Query().Get("attempts")}
	return h.render(w, r, "exam_stats", p)
}

// statsChart plots facility and discrimination per item.
func statsChart(p *page, st app.ExamStats) map[string]any {
	var labels []string
	var fac, disc []any
	for i, it := range st.Report.Items {
		labels = append(labels, strconv.Itoa(i+1))
		fac = append(fac, statValue(it.Facility))
		disc = append(disc, statValue(it.Discrimination))
	}
	return map[string]any{
		"tooltip": map[string]any{"trigger": "axis"},
		"legend":  map[string]any{"bottom": 0},
		"grid":    map[string]any{"left": 8, "right": 16, "top": 16, "bottom": 36, "containLabel": true},
		"xAxis":   map[string]any{"type": "category", "data": labels},
		"yAxis":   map[string]any{"type": "value", "min": -100, "max": 100},
		"series": []any{
			map[string]any{"type": "bar", "name": p.T("stats.facility"), "data": fac, "barMaxWidth": 18},
			map[string]any{"type": "bar", "name": p.T("stats.discrimination"), "data": disc, "barMaxWidth": 18},
		},
	}
}

func statValue(s itemstats.Stat) any {
	if !s.Defined {
		return nil
	}
	return float64(int(s.Value*10+0.5)) / 10
}

// examScores sends the score sheet (成绩单) of an exam as XLSX.
func (h *Handler) examScores(w http.ResponseWriter, r *http.Request) error {
	ac, id := actorOf(r), r.PathValue("id")
	e, err := h.app.Exam(r.Context(), ac, id)
	if err != nil {
		return err
	}
	attempts, err := h.app.ExamAttempts(r.Context(), ac, id)
	if err != nil {
		return err
	}
	p := h.page(r, "exam.title")
	headers := []string{p.T("scores.employee_no"), p.T("scores.name"), p.T("scores.department"), p.T("attempt.no"),
		p.T("attempt.state"), p.T("attempt.started"), p.T("attempt.finished"), p.T("scores.minutes"),
		p.T("attempt.score"), p.T("scores.max"), p.T("result.percent"), p.T("result.outcome")}
	rows := make([][]string, 0, len(attempts))
	for _, a := range attempts {
		rows = append(rows, h.scoreRow(p, a))
	}
	var buf bytes.Buffer
	if err := sheet.Write(&buf, "xlsx", p.T("scores.sheet"), headers, rows); err != nil {
		return err
	}
	name := fmt.Sprintf("%s-%s-%s.xlsx", e.Title, p.T("scores.sheet"), h.app.Today())
	return sendFile(w, name, xlsxType, buf.Bytes())
}

func (h *Handler) scoreRow(p *page, a shopdojo.Attempt) []string {
	done := a.State == "graded" || a.State == "finished"
	row := []string{a.EmployeeNo, a.PersonName, a.Department, strconv.Itoa(a.No), p.T(stateMsgs[a.State]),
		p.Time(a.StartedAt), "", "", "", strconv.FormatFloat(a.MaxScore, 'f', -1, 64), "", ""}
	if done {
		row[6] = p.Time(a.FinishedAt)
		row[7] = strconv.Itoa(int(a.FinishedAt.Sub(a.StartedAt).Round(time.Minute) / time.Minute))
		row[8] = strconv.FormatFloat(a.Score, 'f', -1, 64)
		row[10] = strconv.FormatFloat(a.Percent, 'f', 1, 64) + "%"
	}
	switch {
	case a.State == "graded" && a.Passed:
		row[11] = p.T("result.passed")
	case a.State == "graded":
		row[11] = p.T("result.failed")
	case done:
		row[11] = p.T("result.state_needs_grading")
	}
	return row
}

// stateMsgs are the attempt states' message ids.
var stateMsgs = map[string]string{"in_progress": "attempt.state_in_progress", "overdue": "attempt.state_overdue",
	"finished": "attempt.state_finished", "graded": "attempt.state_graded"}
