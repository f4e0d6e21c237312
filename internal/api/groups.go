package api

import (
	"net/http"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// groupDTO is a named group of people; members counts those who have not left.
type groupDTO struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Members     int64  `json:"members"`
	CreatedAt   string `json:"created_at,omitempty"`
	UpdatedAt   string `json:"updated_at,omitempty"`
}

func toGroup(g shopdojo.Group) groupDTO {
	return groupDTO{ID: g.ID, Name: g.Name, Description: g.Description, Members: g.Members,
		CreatedAt: ts(g.CreatedAt), UpdatedAt: ts(g.UpdatedAt)}
}

type groupInput struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// membersInput adds people by employee number, department subtree or position.
type membersInput struct {
	EmployeeNos  []string `json:"employee_nos"`
	DepartmentID string   `json:"department_id"`
	PositionID   string   `json:"position_id"`
}

type membersAdded struct {
	Added int `json:"added"`
}

func (h *Handler) groupList(w http.ResponseWriter, r *http.Request) error {
	gs, err := h.app.Groups(r.Context(), actorOf(r))
	return respond(w, http.StatusOK, "", list[groupDTO]{Items: mapAll(gs, toGroup)}, err)
}

func (h *Handler) groupGet(w http.ResponseWriter, r *http.Request) error {
	g, err := h.app.Group(r.Context(), actorOf(r), r.PathValue("id"))
	return respond(w, http.StatusOK, "", toGroup(g), err)
}

func (h *Handler) groupCreate(w http.ResponseWriter, r *http.Request) error {
	var in groupInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac := actorOf(r)
	id, err := h.app.CreateGroup(r.Context(), ac, app.GroupInput(in))
	if err != nil {
		return err
	}
	g, err := h.app.Group(r.Context(), ac, id)
	return respond(w, http.StatusCreated, Prefix+"/groups/"+id, toGroup(g), err)
}

func (h *Handler) groupPut(w http.ResponseWriter, r *http.Request) error {
	var in groupInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ac, id := actorOf(r), r.PathValue("id")
	if err := h.app.UpdateGroup(r.Context(), ac, id, app.GroupInput(in)); err != nil {
		return err
	}
	g, err := h.app.Group(r.Context(), ac, id)
	return respond(w, http.StatusOK, "", toGroup(g), err)
}

func (h *Handler) groupDelete(w http.ResponseWriter, r *http.Request) error {
	return noContent(w, h.app.DeleteGroup(r.Context(), actorOf(r), r.PathValue("id")))
}

// groupMembers lists the members the caller may read, with the people list's
// filters and cursor.
func (h *Handler) groupMembers(w http.ResponseWriter, r *http.Request) error {
	ac, id := actorOf(r), r.PathValue("id")
	if _, err := h.app.Group(r.Context(), ac, id); err != nil {
		return err
	}
	f, err := peopleFilter(r.URL.Query())
	if err != nil {
		return err
	}
	f.GroupID = id
	page, err := h.app.People(r.Context(), ac, f)
	return respond(w, http.StatusOK, "", list[personSummary]{Items: mapAll(page.People, toPersonSummary),
		NextCursor: encodeCursor(page.Next)}, err)
}

func (h *Handler) groupAddMembers(w http.ResponseWriter, r *http.Request) error {
	var in membersInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	sel := app.MemberSelection{EmployeeNos: strings.Join(in.EmployeeNos, "\n"), DepartmentID: in.DepartmentID,
		PositionID: in.PositionID}
	n, err := h.app.AddGroupMembers(r.Context(), actorOf(r), r.PathValue("id"), sel)
	return respond(w, http.StatusOK, "", membersAdded{Added: n}, err)
}

func (h *Handler) groupRemoveMember(w http.ResponseWriter, r *http.Request) error {
	return noContent(w, h.app.RemoveGroupMember(r.Context(), actorOf(r), r.PathValue("id"), r.PathValue("person")))
}
