package web

import (
	"net/http"
)

// The learner's pages of the curriculum: 我的学习, course maps, courses,
// units and SOP checklists.

func (h *Handler) learnHome(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.MyLearning(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "learn.title")
	p.Nav = "learn"
	p.Data = map[string]any{"H": homeViewOf(p, v)}
	return h.render(w, r, "learn_home", p)
}

func (h *Handler) learnPath(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.LearningPath(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "learn.path_title")
	p.Nav = "learn"
	p.Data = map[string]any{"P": v}
	return h.render(w, r, "learn_path", p)
}

func (h *Handler) learnCourse(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.LearningCourse(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "learn.course_title")
	p.Nav = "learn"
	body, _, err := h.textHTML(r, p.L(v.Course.Body, v.Course.BodyEN))
	if err != nil {
		return err
	}
	p.Data = map[string]any{"C": v, "Body": body}
	return h.render(w, r, "learn_course", p)
}

func (h *Handler) learnUnit(w http.ResponseWriter, r *http.Request) error {
	v, err := h.app.OpenUnit(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "learn.unit_title")
	p.Nav = "learn"
	body, files, err := h.textHTML(r, p.L(v.Unit.Body, v.Unit.BodyEN))
	if err != nil {
		return err
	}
	data := map[string]any{"U": v, "Body": body, "Files": files}
	if err := h.whatChanged(r, v.Unit.ID, data); err != nil {
		return err
	}
	if v.Unit.Kind == "practice" {
		if data["Runs"], err = h.app.MyRuns(r.Context(), actorOf(r), v.RunRef()); err != nil {
			return err
		}
	}
	if v.Unit.Kind == "watch" {
		if data["Watch"], err = h.app.WatchProgress(r.Context(), actorOf(r), v.Unit.ID); err != nil {
			return err
		}
	}
	if data["Questions"], err = h.app.UnitQuestions(r.Context(), actorOf(r), v.Unit.ID); err != nil {
		return err
	}
	p.Data = data
	return h.render(w, r, "learn_unit", p)
}

// whatChanged puts the reader's open "what changed" task on ref, if any,
// into a page's data as "Change".
func (h *Handler) whatChanged(r *http.Request, ref string, data map[string]any) error {
	ch, ok, err := h.app.WhatChanged(r.Context(), actorOf(r), ref)
	if ok {
		data["Change"] = ch
	}
	return err
}

func (h *Handler) learnUnitDone(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.app.CompleteUnit(r.Context(), actorOf(r), id); err != nil {
		return err
	}
	return redirect(w, r, "/learn/units/"+id, "learn.marked_done")
}

func (h *Handler) learnSOP(w http.ResponseWriter, r *http.Request) error {
	s, module, err := h.app.LearningSOP(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "learn.sop_title")
	p.Nav = "learn"
	body, files, err := h.textHTML(r, p.L(s.Body, s.BodyEN))
	if err != nil {
		return err
	}
	runs, err := h.app.MyRuns(r.Context(), actorOf(r), s.ID)
	if err != nil {
		return err
	}
	data := map[string]any{"S": s, "Module": module, "Body": body, "Runs": runs, "Files": files}
	if err := h.whatChanged(r, s.ID, data); err != nil {
		return err
	}
	p.Data = data
	return h.render(w, r, "learn_sop", p)
}

func (h *Handler) curriculum(w http.ResponseWriter, r *http.Request) error {
	c, err := h.app.CurriculumCatalogue(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "learn.catalogue_title")
	p.Nav = "curriculum"
	data := map[string]any{"C": c}
	if p.Can("content.edit") {
		if data["Drafts"], err = h.app.CurriculumDrafts(r.Context(), actorOf(r)); err != nil {
			return err
		}
	}
	p.Data = data
	return h.render(w, r, "curriculum", p)
}
