package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// examPaper applies one step of the paper builder (add or remove a
// section, a drawing rule or questions) and saves the whole paper.
func (h *Handler) examPaper(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	ac, id, f := actorOf(r), r.PathValue("id"), r.PostForm
	e, err := h.app.Exam(r.Context(), ac, id)
	if err != nil {
		return err
	}
	paper, err := paperStep(e.Paper, f)
	if err == nil {
		err = h.app.UpdatePaper(r.Context(), ac, id, paper)
	}
	if err != nil {
		return h.examPageErr(w, r, err)
	}
	return redirect(w, r, "/exams/"+id+"#paper", "flash.saved")
}

// paperStep returns a copy of p changed by the builder form f.
func paperStep(p shopdojo.Paper, f url.Values) (shopdojo.Paper, error) {
	out := shopdojo.Paper{Sections: slices.Clone(p.Sections)}
	si, _ := strconv.Atoi(f.Get("section"))
	ii, _ := strconv.Atoi(f.Get("item"))
	action := f.Get("action")
	if action != "add_section" && (si < 0 || si >= len(out.Sections)) {
		return p, shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	var v shopdojo.Validation
	switch action {
	case "add_section":
		out.Sections = append(out.Sections, shopdojo.PaperSection{Title: strings.TrimSpace(f.Get("title")), Partial: f.Get("partial")})
	case "update_section":
		out.Sections[si].Title, out.Sections[si].Partial = strings.TrimSpace(f.Get("title")), f.Get("partial")
	case "remove_section":
		out.Sections = slices.Delete(out.Sections, si, si+1)
	case "move_up":
		if si > 0 {
			out.Sections[si-1], out.Sections[si] = out.Sections[si], out.Sections[si-1]
		}
	case "add_rule":
		s := &out.Sections[si]
		rule := shopdojo.PaperRule{BankID: f.Get("bank"), Tag: strings.TrimSpace(f.Get("tag")),
			Difficulty: formInt(&v, f, "difficulty"), Count: formInt(&v, f, "count"), Points: formFloat(&v, f, "points")}
		s.Rules = append(slices.Clone(s.Rules), rule)
	case "remove_rule":
		s := &out.Sections[si]
		if ii >= 0 && ii < len(s.Rules) {
			s.Rules = slices.Delete(slices.Clone(s.Rules), ii, ii+1)
		}
	case "add_questions":
		s := &out.Sections[si]
		s.Questions = slices.Clone(s.Questions)
		pts := formFloat(&v, f, "points")
		for _, q := range f["question"] {
			if !slices.ContainsFunc(s.Questions, func(x shopdojo.PaperQuestion) bool { return x.QuestionID == q }) {
				s.Questions = append(s.Questions, shopdojo.PaperQuestion{QuestionID: q, Points: pts})
			}
		}
	case "remove_question":
		s := &out.Sections[si]
		if ii >= 0 && ii < len(s.Questions) {
			s.Questions = slices.Delete(slices.Clone(s.Questions), ii, ii+1)
		}
	default:
		return p, shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	return out, v.Err()
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
