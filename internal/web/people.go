package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

type orgChoices struct {
	Departments []deptOption
	Positions   []shopdojo.Position
	Stores      []shopdojo.Store
	Roles       []shopdojo.Role
	Platforms   []shopdojo.Platform
	Statuses    []shopdojo.PersonStatus
}

func (h *Handler) choices(r *http.Request) (orgChoices, error) {
	ac := actorOf(r)
	ds, err := h.app.Departments(r.Context(), ac)
	if err != nil {
		return orgChoices{}, err
	}
	ps, err := h.app.Positions(r.Context(), ac)
	if err != nil {
		return orgChoices{}, err
	}
	ss, err := h.app.Stores(r.Context(), ac)
	return orgChoices{Departments: flatten(ds), Positions: ps, Stores: ss, Roles: shopdojo.Roles,
		Platforms: shopdojo.Platforms,
		Statuses:  []shopdojo.PersonStatus{shopdojo.StatusActive, shopdojo.StatusLeaving, shopdojo.StatusLeft}}, err
}

func (h *Handler) peopleList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := app.PeopleFilter{Query: q.Get("q"), DepartmentID: q.Get("department"), PositionID: q.Get("position"),
		Status: q.Get("status"), Role: q.Get("role"), After: q.Get("after"), Limit: 25}
	page, err := h.app.People(r.Context(), actorOf(r), f)
	if err != nil {
		return err
	}
	ch, err := h.choices(r)
	if err != nil {
		return err
	}
	p := h.page(r, "people.title")
	p.Nav = "people"
	p.Data = map[string]any{"Page": page, "Choices": ch, "Filtered": f.Query != "" || f.DepartmentID != "" ||
		f.PositionID != "" || f.Status != "" || f.Role != "", "First": f.After == ""}
	return h.render(w, r, "people", p)
}

func (h *Handler) personShow(w http.ResponseWriter, r *http.Request) error {
	ac := actorOf(r)
	person, err := h.app.Person(r.Context(), ac, r.PathValue("id"))
	if err != nil {
		return err
	}
	groups, err := h.app.PersonGroups(r.Context(), ac, person.ID)
	if err != nil {
		return err
	}
	data := map[string]any{"Person": person, "Groups": groups}
	if ac.Can(shopdojo.PermAccountsManage) {
		st, err := h.app.Account(r.Context(), ac, person.ID)
		if err != nil {
			return err
		}
		data["Account"] = st
	}
	ch, err := h.choices(r)
	if err != nil {
		return err
	}
	data["Choices"] = ch
	p := h.page(r, "person.title")
	p.Nav = "people"
	p.Data = data
	return h.render(w, r, "person", p)
}

func (h *Handler) personNew(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "person.new")
	p.Form.Set("status", "active")
	p.Form["roles"] = []string{"learner"}
	return h.personForm(w, r, p, http.StatusOK)
}

func (h *Handler) personForm(w http.ResponseWriter, r *http.Request, p *page, status int) error {
	ch, err := h.choices(r)
	if err != nil {
		return err
	}
	p.Nav = "people"
	p.Data = map[string]any{"Choices": ch, "ID": r.PathValue("id")}
	return h.renderStatus(w, r, status, "person_form", p)
}

// personInput decodes the person form. Managers and mentors are entered
// by employee number, as people know them, and resolved to ids here.
func (h *Handler) personInput(r *http.Request) (app.PersonInput, error) {
	f := r.PostForm
	in := app.PersonInput{EmployeeNo: f.Get("employee_no"), Name: f.Get("name"), Mobile: f.Get("mobile"),
		Email: f.Get("email"), DingTalkID: f.Get("dingtalk_id"), WeComID: f.Get("wecom_id"),
		FeishuID: f.Get("feishu_id"), DepartmentID: f.Get("department_id"), PositionID: f.Get("position_id"),
		HireDate: f.Get("hire_date"), Status: shopdojo.PersonStatus(f.Get("status")), StoreIDs: f["store_ids"]}
	for _, r := range f["roles"] {
		in.Roles = append(in.Roles, shopdojo.Role(r))
	}
	var v shopdojo.Validation
	for field, dst := range map[string]*string{"manager_no": &in.ManagerID, "mentor_no": &in.MentorID} {
		no := strings.TrimSpace(f.Get(field))
		if no == "" {
			continue
		}
		p, err := h.app.PersonByEmployeeNo(r.Context(), actorOf(r), no)
		if err != nil {
			v.Add(field, "error.person_unknown")
			continue
		}
		*dst = p.ID
	}
	return in, v.Err()
}

func (h *Handler) personCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	in, err := h.personInput(r)
	id := ""
	if err == nil {
		id, err = h.app.CreatePerson(r.Context(), actorOf(r), in)
	}
	if err != nil {
		return h.formFailed(w, r, err, "person.new")
	}
	return redirect(w, r, "/people/"+id, "flash.saved")
}

func (h *Handler) formFailed(w http.ResponseWriter, r *http.Request, err error, title string) error {
	k := shopdojo.KindOf(err)
	if k != shopdojo.KindInvalid && k != shopdojo.KindConflict {
		return err
	}
	p := h.page(r, title)
	p.Form = r.PostForm
	return h.invalidPerson(w, r, err, p)
}

func (h *Handler) invalidPerson(w http.ResponseWriter, r *http.Request, err error, p *page) error {
	ch, cerr := h.choices(r)
	if cerr != nil {
		return cerr
	}
	p.Nav = "people"
	p.Data = map[string]any{"Choices": ch, "ID": r.PathValue("id")}
	return h.invalid(w, r, err, "person_form", p)
}

func (h *Handler) personEdit(w http.ResponseWriter, r *http.Request) error {
	person, err := h.app.Person(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "person.edit")
	f := url.Values{}
	for k, v := range map[string]string{"employee_no": person.EmployeeNo, "name": person.Name, "mobile": person.Mobile,
		"email": person.Email, "dingtalk_id": person.DingTalkID, "wecom_id": person.WeComID, "feishu_id": person.FeishuID,
		"department_id": person.DepartmentID, "position_id": person.PositionID,
		"hire_date": person.HireDate, "status": string(person.Status)} {
		f.Set(k, v)
	}
	for _, role := range person.Roles {
		f.Add("roles", string(role))
	}
	for field, id := range map[string]string{"manager_no": person.ManagerID, "mentor_no": person.MentorID} {
		if id == "" {
			continue
		}
		if other, err := h.app.Person(r.Context(), actorOf(r), id); err == nil {
			f.Set(field, other.EmployeeNo)
		}
	}
	f["store_ids"] = person.StoreIDs
	p.Form = f
	return h.personForm(w, r, p, http.StatusOK)
}

func (h *Handler) personUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	id := r.PathValue("id")
	in, err := h.personInput(r)
	if err == nil {
		err = h.app.UpdatePerson(r.Context(), actorOf(r), id, in)
	}
	if err != nil {
		return h.formFailed(w, r, err, "person.edit")
	}
	return redirect(w, r, "/people/"+id, "flash.saved")
}

func (h *Handler) personAction(w http.ResponseWriter, r *http.Request, fn func(ac app.Actor, id string) error, flash string) error {
	id := r.PathValue("id")
	if err := fn(actorOf(r), id); err != nil {
		return err
	}
	return redirect(w, r, "/people/"+id, flash)
}

func (h *Handler) personDisable(w http.ResponseWriter, r *http.Request) error {
	return h.personAction(w, r, func(ac app.Actor, id string) error { return h.app.SetDisabled(r.Context(), ac, id, true) }, "flash.disabled")
}

func (h *Handler) personEnable(w http.ResponseWriter, r *http.Request) error {
	return h.personAction(w, r, func(ac app.Actor, id string) error { return h.app.SetDisabled(r.Context(), ac, id, false) }, "flash.enabled")
}

func (h *Handler) personUnlock(w http.ResponseWriter, r *http.Request) error {
	return h.personAction(w, r, func(ac app.Actor, id string) error { return h.app.Unlock(r.Context(), ac, id) }, "flash.unlocked")
}

// personResetPassword shows a new temporary password once.
func (h *Handler) personResetPassword(w http.ResponseWriter, r *http.Request) error {
	ac, id := actorOf(r), r.PathValue("id")
	secret, err := h.app.ResetPassword(r.Context(), ac, id)
	if err != nil {
		return err
	}
	person, err := h.app.Person(r.Context(), ac, id)
	if err != nil {
		return err
	}
	p := h.page(r, "secret.title")
	p.Nav = "people"
	p.Data = map[string]any{"Person": person, "Secret": secret}
	return h.render(w, r, "secret", p)
}

func (h *Handler) personActivation(w http.ResponseWriter, r *http.Request) error {
	ac, id := actorOf(r), r.PathValue("id")
	code, err := h.app.IssueActivation(r.Context(), ac, id)
	if err != nil {
		return err
	}
	person, err := h.app.Person(r.Context(), ac, id)
	if err != nil {
		return err
	}
	return h.activationSheet(w, r, []app.Activation{{EmployeeNo: person.EmployeeNo, Name: person.Name, Code: code}}, nil)
}
