package web

import (
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

func (h *Handler) groups(w http.ResponseWriter, r *http.Request) error {
	gs, err := h.app.Groups(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "groups.title")
	p.Nav = "groups"
	p.Data = gs
	return h.render(w, r, "groups", p)
}

// groupShow lists a group's members (only those the viewer may read) with
// keyset pagination, and the add-members form for those who manage groups.
func (h *Handler) groupShow(w http.ResponseWriter, r *http.Request) error {
	p, err := h.groupPage(r)
	if err != nil {
		return err
	}
	return h.render(w, r, "group", p)
}

func (h *Handler) groupPage(r *http.Request) (*page, error) {
	ac, id := actorOf(r), r.PathValue("id")
	g, err := h.app.Group(r.Context(), ac, id)
	if err != nil {
		return nil, err
	}
	after := r.URL.Query().Get("after")
	members, err := h.app.People(r.Context(), ac, app.PeopleFilter{GroupID: id, After: after, Limit: 25})
	if err != nil {
		return nil, err
	}
	ch, err := h.choices(r)
	if err != nil {
		return nil, err
	}
	p := h.page(r, "group.title")
	p.Nav = "groups"
	p.Data = map[string]any{"Group": g, "Members": members, "Choices": ch, "First": after == ""}
	return p, nil
}

func (h *Handler) groupNew(w http.ResponseWriter, r *http.Request) error {
	return h.groupForm(w, r, h.page(r, "group.new"), nil)
}

func (h *Handler) groupEdit(w http.ResponseWriter, r *http.Request) error {
	g, err := h.app.Group(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "group.edit")
	p.Form.Set("name", g.Name)
	p.Form.Set("description", g.Description)
	return h.groupForm(w, r, p, nil)
}

func (h *Handler) groupForm(w http.ResponseWriter, r *http.Request, p *page, err error) error {
	p.Nav = "groups"
	p.Data = map[string]any{"ID": r.PathValue("id")}
	if err != nil {
		return h.invalid(w, r, err, "group_form", p)
	}
	return h.render(w, r, "group_form", p)
}

func groupInput(r *http.Request) (app.GroupInput, error) {
	if err := r.ParseForm(); err != nil {
		return app.GroupInput{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	return app.GroupInput{Name: r.PostForm.Get("name"), Description: r.PostForm.Get("description")}, nil
}

func (h *Handler) groupCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := groupInput(r)
	id := ""
	if err == nil {
		id, err = h.app.CreateGroup(r.Context(), actorOf(r), in)
	}
	if err != nil {
		return h.groupForm(w, r, h.page(r, "group.new"), err)
	}
	return redirect(w, r, "/groups/"+id, "flash.saved")
}

func (h *Handler) groupUpdate(w http.ResponseWriter, r *http.Request) error {
	in, err := groupInput(r)
	id := r.PathValue("id")
	if err == nil {
		err = h.app.UpdateGroup(r.Context(), actorOf(r), id, in)
	}
	if err != nil {
		return h.groupForm(w, r, h.page(r, "group.edit"), err)
	}
	return redirect(w, r, "/groups/"+id, "flash.saved")
}

func (h *Handler) groupDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteGroup(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/groups", "flash.deleted")
}

// groupAddMembers adds pasted employee numbers, a department or a position;
// a refusal re-renders the group page with the form's error.
func (h *Handler) groupAddMembers(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f, id := r.PostForm, r.PathValue("id")
	sel := app.MemberSelection{EmployeeNos: f.Get("employee_nos"), DepartmentID: f.Get("department_id"),
		PositionID: f.Get("position_id")}
	n, err := h.app.AddGroupMembers(r.Context(), actorOf(r), id, sel)
	if err != nil {
		p, perr := h.groupPage(r)
		if perr != nil {
			return perr
		}
		return h.invalid(w, r, err, "group", p)
	}
	return redirect(w, r, "/groups/"+id, "flash.members_added:"+strconv.Itoa(n))
}

func (h *Handler) groupRemoveMember(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := h.app.RemoveGroupMember(r.Context(), actorOf(r), id, r.PathValue("person")); err != nil {
		return err
	}
	return redirect(w, r, "/groups/"+id, "flash.member_removed")
}
