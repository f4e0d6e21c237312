package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// New modules, courses, SOPs and test units, and moving a unit to another
// course. Each new item is saved as a draft (or submitted) and published
// from the review queue like any edit.

// textRows is how many goal and teaching-point rows the module form offers
// beyond those filled in.
const textRows = 4

func (h *Handler) moduleNew(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "structure.new_module")
	p.Form.Set("kind", curriculum.Core)
	p.Form.Set("level", curriculum.L1)
	return h.moduleForm(w, r, p, nil)
}

func (h *Handler) moduleForm(w http.ResponseWriter, r *http.Request, p *page, err error) error {
	p.Nav = "curriculum"
	p.Data = map[string]any{"Levels": curriculum.Levels, "Kinds": []string{curriculum.Core, curriculum.Elective},
		"Goals": textList(r.PostForm, "goal", textRows), "Points": textList(r.PostForm, "point", textRows)}
	if err != nil {
		return h.invalid(w, r, err, "module_new", p)
	}
	return h.render(w, r, "module_new", p)
}

// textList reads rows of zh/en text fields (name_zh, name_en), padded with
// empty rows up to n.
func textList(f url.Values, name string, n int) []curriculum.Text {
	zh, en := f[name+"_zh"], f[name+"_en"]
	out := make([]curriculum.Text, 0, max(n, len(zh)))
	for i := range zh {
		out = append(out, curriculum.Text{ZH: zh[i], EN: at(en, i)})
	}
	for len(out) < n {
		out = append(out, curriculum.Text{})
	}
	return out
}

func (h *Handler) moduleCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	in := app.ModuleInput{Kind: f.Get("kind"), Level: f.Get("level"), Title: f.Get("title"), TitleEN: f.Get("title_en"),
		Goals: textList(f, "goal", 0), TeachingPoints: textList(f, "point", 0), Body: f.Get("body"), BodyEN: f.Get("body_en"),
		Note: f.Get("note"), Submit: f.Get("submit") != ""}
	_, mid, err := h.app.CreateModule(r.Context(), actorOf(r), in)
	if err != nil {
		return h.moduleForm(w, r, h.page(r, "structure.new_module"), err)
	}
	return editSaved(w, r, mid, in.Submit)
}

func (h *Handler) courseNew(w http.ResponseWriter, r *http.Request) error {
	m, err := h.app.EditorModule(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "structure.new_course")
	p.Form.Set("level", m.Level)
	return h.courseForm(w, r, p, m, nil)
}

func (h *Handler) courseForm(w http.ResponseWriter, r *http.Request, p *page, m app.ModuleBrief, err error) error {
	p.Nav = "curriculum"
	p.Data = map[string]any{"M": m, "Levels": curriculum.Levels}
	if err != nil {
		return h.invalid(w, r, err, "course_new", p)
	}
	return h.render(w, r, "course_new", p)
}

func (h *Handler) courseCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	in := app.CourseInput{ModuleID: r.PathValue("id"), Title: f.Get("title"), TitleEN: f.Get("title_en"), Level: f.Get("level"),
		Body: f.Get("body"), BodyEN: f.Get("body_en"), Note: f.Get("note"), Submit: f.Get("submit") != ""}
	_, mid, err := h.app.CreateCourse(r.Context(), actorOf(r), in)
	if err != nil {
		m, merr := h.app.EditorModule(r.Context(), actorOf(r), in.ModuleID)
		if merr != nil {
			return merr
		}
		return h.courseForm(w, r, h.page(r, "structure.new_course"), m, err)
	}
	return editSaved(w, r, mid, in.Submit)
}

// sopNewSteps is how many step rows a new SOP's form offers.
const sopNewSteps = 6

func (h *Handler) sopNew(w http.ResponseWriter, r *http.Request) error {
	m, err := h.app.EditorModule(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "structure.new_sop")
	p.Form.Set("review_months", "6")
	return h.sopNewForm(w, r, p, m, app.SOPEdit{}, nil)
}

func (h *Handler) sopNewForm(w http.ResponseWriter, r *http.Request, p *page, m app.ModuleBrief, in app.SOPEdit, err error) error {
	p.Nav = "curriculum"
	d := sopData(in, max(0, sopNewSteps-len(in.Steps)))
	d["M"] = m
	p.Data = d
	if err != nil {
		return h.invalid(w, r, err, "sop_edit", p)
	}
	return h.render(w, r, "sop_edit", p)
}

func (h *Handler) sopCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := sopInput(r)
	if err != nil {
		return err
	}
	moduleID := r.PathValue("id")
	_, mid, err := h.app.CreateSOP(r.Context(), actorOf(r), moduleID, in)
	if err != nil {
		m, merr := h.app.EditorModule(r.Context(), actorOf(r), moduleID)
		if merr != nil {
			return merr
		}
		return h.sopNewForm(w, r, h.page(r, "structure.new_sop"), m, in, err)
	}
	return editSaved(w, r, mid, in.Submit)
}

func (h *Handler) testUnitNew(w http.ResponseWriter, r *http.Request) error {
	pick, err := h.app.TestUnitPicker(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "structure.new_test")
	for k, v := range map[string]string{"minutes": "15", "level": pick.Course.Level, "pass_percent": "80"} {
		p.Form.Set(k, v)
	}
	return h.testUnitForm(w, r, p, pick, nil)
}

func (h *Handler) testUnitForm(w http.ResponseWriter, r *http.Request, p *page, pick app.QuizPicker, err error) error {
	p.Nav = "curriculum"
	picked := map[string]bool{}
	for _, id := range r.PostForm["quiz"] {
		picked[id] = true
	}
	p.Data = map[string]any{"P": pick, "Levels": curriculum.Levels, "Types": quiz.Types, "Picked": picked,
		"Difficulties": []int{1, 2, 3, 4, 5}}
	if err != nil {
		return h.invalid(w, r, err, "test_unit_new", p)
	}
	return h.render(w, r, "test_unit_new", p)
}

func (h *Handler) testUnitCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	minutes, _ := strconv.Atoi(f.Get("minutes"))
	pass, _ := strconv.ParseFloat(f.Get("pass_percent"), 64)
	in := app.TestUnitInput{Title: f.Get("title"), TitleEN: f.Get("title_en"), Minutes: minutes, Level: f.Get("level"),
		Quiz: f["quiz"], PassPercent: pass, Body: f.Get("body"), BodyEN: f.Get("body_en"), Note: f.Get("note"),
		Submit: f.Get("submit") != ""}
	courseID := r.PathValue("id")
	_, mid, err := h.app.CreateTestUnit(r.Context(), actorOf(r), courseID, in)
	if err != nil {
		pick, perr := h.app.TestUnitPicker(r.Context(), actorOf(r), courseID)
		if perr != nil {
			return perr
		}
		return h.testUnitForm(w, r, h.page(r, "structure.new_test"), pick, err)
	}
	return editSaved(w, r, mid, in.Submit)
}

func (h *Handler) unitMoveToForm(w http.ResponseWriter, r *http.Request) error {
	return h.moveForm(w, r, h.page(r, "structure.move_title"), nil)
}

func (h *Handler) moveForm(w http.ResponseWriter, r *http.Request, p *page, err error) error {
	c, cerr := h.app.MoveTargets(r.Context(), actorOf(r), r.PathValue("id"))
	if cerr != nil {
		return cerr
	}
	p.Nav = "curriculum"
	p.Data = map[string]any{"C": c}
	if err != nil {
		return h.invalid(w, r, err, "unit_move", p)
	}
	return h.render(w, r, "unit_move", p)
}

func (h *Handler) unitMoveTo(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	id, to := r.PathValue("id"), r.PostForm.Get("course")
	if err := h.app.MoveUnitTo(r.Context(), actorOf(r), id, to, r.PostForm.Get("note")); err != nil {
		return h.moveForm(w, r, h.page(r, "structure.move_title"), err)
	}
	return redirect(w, r, "/learn/courses/"+to+"#u-"+id, "structure.moved")
}
