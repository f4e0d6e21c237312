package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// 学习进度: the training manager's pages of the course maps — completion
// by department, position, store, group or path, the overdue list, people
// and one person's paths (everyone who may read people, within their
// scope), and assignment rules and manual assignment (people managers).

func (h *Handler) progress(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d, err := h.app.LearningProgress(r.Context(), actorOf(r), q.Get("path"), q.Get("by"))
	if err != nil {
		return err
	}
	p := h.page(r, "progress.title")
	p.Nav = "progress"
	p.Data = map[string]any{"D": d, "Groupings": app.ProgressGroupings, "Tab": "dashboard"}
	return h.render(w, r, "learn_admin", p)
}

func (h *Handler) progressOverdue(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	n, _ := strconv.Atoi(q.Get("page"))
	od, err := h.app.OverdueAssignments(r.Context(), actorOf(r), q.Get("path"), n)
	if err != nil {
		return err
	}
	p := h.page(r, "progress.overdue_title")
	p.Nav = "progress"
	p.Data = map[string]any{"O": od, "Tab": "overdue"}
	return h.render(w, r, "learn_admin_overdue", p)
}

func (h *Handler) progressPeople(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := app.ProgressPeopleFilter{PathID: q.Get("path"), By: q.Get("by"), Key: q.Get("key"), After: q.Get("after")}
	pg, err := h.app.ProgressPeople(r.Context(), actorOf(r), f)
	if err != nil {
		return err
	}
	p := h.page(r, "progress.people_title")
	p.Nav = "progress"
	p.Data = map[string]any{"P": pg, "F": f, "First": f.After == "", "Tab": "dashboard"}
	return h.render(w, r, "learn_admin_people", p)
}

func (h *Handler) progressPerson(w http.ResponseWriter, r *http.Request) error {
	pl, err := h.app.PersonLearning(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "progress.person_title")
	p.Nav = "progress"
	p.Data = map[string]any{"L": pl, "Tab": "dashboard"}
	return h.render(w, r, "learn_admin_person", p)
}

func (h *Handler) progressRules(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "progress.rules_title")
	if err := h.rulesData(r, p); err != nil {
		return err
	}
	p.Form.Set("due_days", "30")
	return h.render(w, r, "learn_admin_rules", p)
}

// rulesData is what the rules page shows besides the form.
func (h *Handler) rulesData(r *http.Request, p *page) error {
	ac := actorOf(r)
	rules, err := h.app.PathRules(r.Context(), ac)
	if err != nil {
		return err
	}
	paths, err := h.pathChoices(r)
	if err != nil {
		return err
	}
	ch, err := h.choices(r)
	if err != nil {
		return err
	}
	titles := map[string]app.PathBrief{}
	for _, pb := range paths {
		titles[pb.ID] = pb
	}
	p.Nav = "progress"
	p.Data = map[string]any{"Rules": rules, "Paths": paths, "Titles": titles, "Choices": ch, "Tab": "rules"}
	return nil
}

// pathChoices are the published paths, onboarding first.
func (h *Handler) pathChoices(r *http.Request) ([]app.PathBrief, error) {
	c, err := h.app.CurriculumCatalogue(r.Context(), actorOf(r))
	return c.Paths, err
}

func (h *Handler) progressRuleCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	var v shopdojo.Validation
	in := app.PathRuleInput{PathID: f.Get("path_id"), PositionID: f.Get("position_id"), Department: f.Get("department_id"),
		Platform: f.Get("platform"), NewHireDays: formInt(&v, f, "new_hire_days"), DueDays: formInt(&v, f, "due_days")}
	err := v.Err()
	n := 0
	if err == nil {
		n, err = h.app.CreatePathRule(r.Context(), actorOf(r), in)
	}
	if err != nil {
		p := h.page(r, "progress.rules_title")
		if derr := h.rulesData(r, p); derr != nil {
			return derr
		}
		return h.invalid(w, r, err, "learn_admin_rules", p)
	}
	return redirect(w, r, "/progress/rules", "progress.rule_created:"+strconv.Itoa(n))
}

func (h *Handler) progressRuleDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeletePathRule(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/progress/rules", "progress.rule_deleted")
}

func (h *Handler) progressRulesApply(w http.ResponseWriter, r *http.Request) error {
	n, err := h.app.ApplyPathRules(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	return redirect(w, r, "/progress/rules", "progress.rules_applied:"+strconv.Itoa(n))
}

func (h *Handler) progressAssignForm(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "progress.assign_title")
	if err := h.assignData(r, p, nil); err != nil {
		return err
	}
	p.Form.Set("path_id", r.URL.Query().Get("path"))
	return h.render(w, r, "learn_admin_assign", p)
}

func (h *Handler) assignData(r *http.Request, p *page, res *app.AssignResult) error {
	paths, err := h.pathChoices(r)
	p.Nav = "progress"
	p.Data = map[string]any{"Paths": paths, "Result": res, "Tab": "assign"}
	return err
}

func (h *Handler) progressAssign(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	var v shopdojo.Validation
	due := formInt(&v, f, "due_days")
	nos := strings.FieldsFunc(f.Get("employee_nos"), isListSep)
	err := v.Err()
	var res app.AssignResult
	if err == nil {
		res, err = h.app.AssignPath(r.Context(), actorOf(r), f.Get("path_id"), nos, due)
	}
	p := h.page(r, "progress.assign_title")
	if err != nil {
		if derr := h.assignData(r, p, nil); derr != nil {
			return derr
		}
		return h.invalid(w, r, err, "learn_admin_assign", p)
	}
	if err := h.assignData(r, p, &res); err != nil {
		return err
	}
	// The result shows on the page itself, with the numbers not found left
	// in the box to correct and send again (assigning twice does nothing).
	p.Form.Set("path_id", f.Get("path_id"))
	p.Form.Set("due_days", f.Get("due_days"))
	p.Form.Set("employee_nos", strings.Join(res.Unknown, "\n"))
	return h.render(w, r, "learn_admin_assign", p)
}
