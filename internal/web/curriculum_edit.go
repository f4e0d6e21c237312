package web

import (
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// The curriculum editor (lessons as fields and text) and the learner's
// "what changed" acknowledgement.

func (h *Handler) lessonEdit(w http.ResponseWriter, r *http.Request) error {
	in, err := h.app.LessonForEdit(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "curriculum.edit_title")
	for k, v := range map[string]string{"title": in.Title, "title_en": in.TitleEN, "minutes": strconv.Itoa(in.Minutes),
		"level": in.Level, "video": in.Video, "video_seconds": strconv.FormatFloat(in.VideoSeconds, 'f', -1, 64), "body": in.Body, "body_en": in.BodyEN,
		"base": strconv.FormatInt(in.BaseNo, 10), "base_en": strconv.FormatInt(in.BaseNoEN, 10)} {
		p.Form.Set(k, v)
	}
	if in.NoSkip {
		p.Form.Set("no_skip", "1")
	}
	return h.lessonForm(w, r, p, in, nil)
}

func (h *Handler) lessonForm(w http.ResponseWriter, r *http.Request, p *page, in app.LessonEdit, err error) error {
	p.Nav = "curriculum"
	p.Data = map[string]any{"E": in, "Levels": []string{"L1", "L2", "L3", "L4"}, "UploadMB": lessonUploadMB}
	if err != nil {
		return h.invalid(w, r, err, "lesson_edit", p)
	}
	return h.render(w, r, "lesson_edit", p)
}

func (h *Handler) lessonSave(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	minutes, _ := strconv.Atoi(f.Get("minutes"))
	base, _ := strconv.ParseInt(f.Get("base"), 10, 64)
	baseEN, _ := strconv.ParseInt(f.Get("base_en"), 10, 64)
	in := app.LessonEdit{UnitID: r.PathValue("id"), Title: f.Get("title"), TitleEN: f.Get("title_en"), Minutes: minutes,
		Level: f.Get("level"), Video: f.Get("video"), NoSkip: f.Get("no_skip") != "",
		VideoSeconds: videoSeconds(f.Get("video_seconds")), Body: f.Get("body"), BodyEN: f.Get("body_en"),
		Note: f.Get("note"), Major: f.Get("major") != "", Submit: f.Get("submit") != "", BaseNo: base, BaseNoEN: baseEN}
	mid, err := h.app.SaveLesson(r.Context(), actorOf(r), in)
	if err != nil {
		if k := shopdojo.KindOf(err); k == shopdojo.KindInvalid || k == shopdojo.KindConflict {
			cur, cerr := h.app.LessonForEdit(r.Context(), actorOf(r), in.UnitID)
			if cerr != nil {
				return cerr
			}
			in.Kind, in.MaterialID = cur.Kind, cur.MaterialID
			return h.lessonForm(w, r, h.page(r, "curriculum.edit_title"), in, err)
		}
		return err
	}
	return editSaved(w, r, mid, in.Submit)
}

// editSaved sends the editor to the material's history after a save, saying
// whether the edit is a draft or waits for review.
func editSaved(w http.ResponseWriter, r *http.Request, materialID string, submitted bool) error {
	flash := "curriculum.edit_saved"
	if submitted {
		flash = "curriculum.edit_submitted"
	}
	return redirect(w, r, "/materials/"+materialID+"/versions", flash)
}

func (h *Handler) changeAck(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	if err := h.app.AckChange(r.Context(), actorOf(r), ref); err != nil {
		return err
	}
	back := "/learn/units/" + ref
	if r.PostFormValue("kind") == "sop" {
		back = "/learn/sops/" + ref
	}
	return redirect(w, r, back, "learn.change_acked")
}

// sopExtraRows is how many empty step rows the SOP editor offers.
const sopExtraRows = 3

func (h *Handler) sopEdit(w http.ResponseWriter, r *http.Request) error {
	in, err := h.app.SOPForEdit(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "curriculum.sop_edit_title")
	for k, v := range map[string]string{"title": in.Title, "title_en": in.TitleEN, "owner": in.Owner, "owner_en": in.OwnerEN,
		"review_months": strconv.Itoa(in.ReviewMonths), "body": in.Body, "body_en": in.BodyEN,
		"base": strconv.FormatInt(in.BaseNo, 10), "base_en": strconv.FormatInt(in.BaseNoEN, 10)} {
		p.Form.Set(k, v)
	}
	return h.sopForm(w, r, p, in, nil)
}

func (h *Handler) sopForm(w http.ResponseWriter, r *http.Request, p *page, in app.SOPEdit, err error) error {
	p.Nav = "curriculum"
	p.Data = sopData(in, sopExtraRows)
	if err != nil {
		return h.invalid(w, r, err, "sop_edit", p)
	}
	return h.render(w, r, "sop_edit", p)
}

func (h *Handler) sopSave(w http.ResponseWriter, r *http.Request) error {
	in, err := sopInput(r)
	if err != nil {
		return err
	}
	mid, err := h.app.SaveSOP(r.Context(), actorOf(r), in)
	if err != nil {
		if k := shopdojo.KindOf(err); k == shopdojo.KindInvalid || k == shopdojo.KindConflict {
			cur, cerr := h.app.SOPForEdit(r.Context(), actorOf(r), in.SOPID)
			if cerr != nil {
				return cerr
			}
			in.MaterialID = cur.MaterialID
			return h.sopForm(w, r, h.page(r, "curriculum.sop_edit_title"), in, err)
		}
		return err
	}
	return editSaved(w, r, mid, in.Submit)
}

// sopData is the SOP form's data: its steps and rules with empty rows to
// add more (extra steps, ruleExtraRows rules).
func sopData(in app.SOPEdit, extra int) map[string]any {
	steps := append(append([]curriculum.Step{}, in.Steps...), make([]curriculum.Step, extra)...)
	rules := append(append([]curriculum.Rule{}, in.Rules...), make([]curriculum.Rule, ruleExtraRows)...)
	return map[string]any{"E": in, "Steps": steps, "Rules": rules, "UploadMB": lessonUploadMB}
}

// ruleExtraRows is how many empty platform-rule rows the SOP form offers.
const ruleExtraRows = 1

// sopInput reads the SOP form: fields, step rows and rule rows.
func sopInput(r *http.Request) (app.SOPEdit, error) {
	if err := r.ParseForm(); err != nil {
		return app.SOPEdit{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	months, _ := strconv.Atoi(f.Get("review_months"))
	base, _ := strconv.ParseInt(f.Get("base"), 10, 64)
	baseEN, _ := strconv.ParseInt(f.Get("base_en"), 10, 64)
	in := app.SOPEdit{SOPID: r.PathValue("id"), Title: f.Get("title"), TitleEN: f.Get("title_en"), Owner: f.Get("owner"),
		OwnerEN: f.Get("owner_en"), ReviewMonths: months, Body: f.Get("body"), BodyEN: f.Get("body_en"), Note: f.Get("note"),
		Major: f.Get("major") != "", Submit: f.Get("submit") != "", BaseNo: base, BaseNoEN: baseEN}
	checks, checksEN, ev, evEN := f["check"], f["check_en"], f["evidence"], f["evidence_en"]
	for i := range checks {
		in.Steps = append(in.Steps, curriculum.Step{Check: checks[i], CheckEN: at(checksEN, i), Evidence: at(ev, i), EvidenceEN: at(evEN, i)})
	}
	names, namesEN, asOf, review, links := f["rule_name"], f["rule_name_en"], f["rule_as_of"], f["rule_review"], f["rule_url"]
	for i := range names {
		in.Rules = append(in.Rules, curriculum.Rule{Name: names[i], NameEN: at(namesEN, i), AsOf: at(asOf, i), Review: at(review, i),
			URL: at(links, i)})
	}
	return in, nil
}

// at is list[i], or "" past its end.
func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

func (h *Handler) unitNew(w http.ResponseWriter, r *http.Request) error {
	c, err := h.app.EditorCourse(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "curriculum.new_unit")
	p.Form.Set("minutes", "20")
	p.Form.Set("level", c.Level)
	return h.unitNewForm(w, r, p, app.LessonEdit{Kind: "read"}, nil)
}

func (h *Handler) unitNewForm(w http.ResponseWriter, r *http.Request, p *page, in app.LessonEdit, err error) error {
	p.Nav = "curriculum"
	p.Data = map[string]any{"E": in, "Levels": []string{"L1", "L2", "L3", "L4"}, "Course": r.PathValue("id"),
		"Kinds": []string{"read", "watch", "practice"}, "UploadMB": lessonUploadMB}
	if err != nil {
		return h.invalid(w, r, err, "lesson_edit", p)
	}
	return h.render(w, r, "lesson_edit", p)
}

func (h *Handler) unitCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	minutes, _ := strconv.Atoi(f.Get("minutes"))
	in := app.LessonEdit{Kind: f.Get("kind"), Title: f.Get("title"), TitleEN: f.Get("title_en"), Minutes: minutes,
		Level: f.Get("level"), Video: f.Get("video"), NoSkip: f.Get("no_skip") != "",
		VideoSeconds: videoSeconds(f.Get("video_seconds")), Body: f.Get("body"), BodyEN: f.Get("body_en"),
		Note: f.Get("note"), Submit: f.Get("submit") != ""}
	_, mid, err := h.app.CreateUnit(r.Context(), actorOf(r), r.PathValue("id"), in)
	if err != nil {
		if k := shopdojo.KindOf(err); k == shopdojo.KindInvalid || k == shopdojo.KindConflict {
			return h.unitNewForm(w, r, h.page(r, "curriculum.new_unit"), in, err)
		}
		return err
	}
	return editSaved(w, r, mid, in.Submit)
}

func (h *Handler) unitMove(w http.ResponseWriter, r *http.Request) error {
	d := 1
	if r.PostFormValue("dir") == "up" {
		d = -1
	}
	id := r.PathValue("id")
	if err := h.app.MoveUnit(r.Context(), actorOf(r), id, d); err != nil {
		return err
	}
	return redirect(w, r, "/learn/courses/"+r.PostFormValue("course")+"#u-"+id, "curriculum.moved")
}

func (h *Handler) unitArchive(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.ArchiveUnit(r.Context(), actorOf(r), r.PathValue("id"), r.PostFormValue("note")); err != nil {
		return err
	}
	return redirect(w, r, "/learn/courses/"+r.PostFormValue("course"), "curriculum.archived")
}
