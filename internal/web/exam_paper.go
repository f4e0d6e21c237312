package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// examPaper applies one step of the paper builder (add or remove a
// section, a drawing rule or questions).
func (h *Handler) examPaper(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	id, f := r.PathValue("id"), r.PostForm
	var v shopdojo.Validation
	edit := app.PaperEdit{Action: f.Get("action"), Section: formInt(&v, f, "section"), Item: formInt(&v, f, "item"),
		Title: f.Get("title"), Partial: f.Get("partial"), Questions: f["question"], Points: formFloat(&v, f, "points"),
		Rule: shopdojo.PaperRule{BankID: f.Get("bank"), Tag: f.Get("tag"), Difficulty: formInt(&v, f, "difficulty"),
			Count: formInt(&v, f, "count"), Points: formFloat(&v, f, "points")}}
	err := v.Err()
	if err == nil {
		err = h.app.EditPaper(r.Context(), actorOf(r), id, edit)
	}
	if err != nil {
		return h.examPageErr(w, r, err)
	}
	return redirect(w, r, "/exams/"+id+"#paper", "flash.saved")
}

func formFloat(v *shopdojo.Validation, f url.Values, name string) float64 {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return 0
	}
	x, err := strconv.ParseFloat(s, 64)
	v.Check(err == nil, name, "error.number_invalid")
	return x
}

// examPick lists a bank's questions to add to a section of the paper.
func (h *Handler) examPick(w http.ResponseWriter, r *http.Request) error {
	ac, id, q := actorOf(r), r.PathValue("id"), r.URL.Query()
	e, err := h.app.Exam(r.Context(), ac, id)
	if err != nil {
		return err
	}
	banks, err := h.app.Banks(r.Context(), ac)
	if err != nil {
		return err
	}
	bank := q.Get("bank")
	if bank == "" && len(banks) > 0 {
		bank = banks[0].ID
	}
	var pg app.QuestionPage
	var tags []app.Count
	if bank != "" {
		diff, _ := strconv.Atoi(q.Get("difficulty"))
		f := app.QuestionFilter{Type: q.Get("type"), Tag: q.Get("tag"), Query: q.Get("q"), Difficulty: diff,
			After: q.Get("after"), Limit: 50}
		if pg, err = h.app.Questions(r.Context(), ac, bank, f); err != nil {
			return err
		}
		if tags, err = h.app.BankTags(r.Context(), ac, bank); err != nil {
			return err
		}
	}
	si, _ := strconv.Atoi(q.Get("section"))
	if si < 0 || si >= len(e.Paper.Sections) {
		return shopdojo.ErrNotFound
	}
	p := h.page(r, "exam.pick")
	p.Nav = "exams"
	p.Data = map[string]any{"Exam": e, "Section": si, "SectionTitle": e.Paper.Sections[si].Title, "Banks": banks,
		"Bank": bank, "Page": pg, "Tags": tags, "Types": quiz.Types, "First": q.Get("after") == ""}
	return h.render(w, r, "exam_pick", p)
}
