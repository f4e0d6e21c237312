package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// deptOption is a department with its depth in the tree, for trees and selects.
type deptOption struct {
	shopdojo.Department
	Depth  int
	Indent string
}

// flatten orders departments depth-first so the tree reads top to bottom.
func flatten(ds []shopdojo.Department) []deptOption {
	children := map[string][]shopdojo.Department{}
	ids := map[string]bool{}
	for _, d := range ds {
		ids[d.ID] = true
	}
	for _, d := range ds {
		parent := d.ParentID
		if !ids[parent] {
			parent = ""
		}
		children[parent] = append(children[parent], d)
	}
	var out []deptOption
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		kids := children[parent]
		sort.SliceStable(kids, func(i, j int) bool { return kids[i].SortOrder < kids[j].SortOrder })
		for _, d := range kids {
			out = append(out, deptOption{Department: d, Depth: depth, Indent: strings.Repeat("　", depth)})
			walk(d.ID, depth+1)
		}
	}
	walk("", 0)
	return out
}

func (h *Handler) departments(w http.ResponseWriter, r *http.Request) error {
	ds, err := h.app.Departments(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "departments.title")
	p.Nav = "departments"
	p.Data = flatten(ds)
	return h.render(w, r, "departments", p)
}

func (h *Handler) departmentForm(w http.ResponseWriter, r *http.Request, p *page, err error) error {
	ds, derr := h.app.Departments(r.Context(), actorOf(r))
	if derr != nil {
		return derr
	}
	p.Nav = "departments"
	p.Data = map[string]any{"Departments": flatten(ds), "ID": r.PathValue("id")}
	if err != nil {
		return h.invalid(w, r, err, "department_form", p)
	}
	return h.render(w, r, "department_form", p)
}

func (h *Handler) departmentNew(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "department.new")
	p.Form.Set("parent_id", r.URL.Query().Get("parent"))
	return h.departmentForm(w, r, p, nil)
}

func (h *Handler) departmentEdit(w http.ResponseWriter, r *http.Request) error {
	d, err := h.app.Department(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "department.edit")
	p.Form.Set("name", d.Name)
	p.Form.Set("code", d.Code)
	p.Form.Set("parent_id", d.ParentID)
	p.Form.Set("sort_order", strconv.FormatInt(d.SortOrder, 10))
	return h.departmentForm(w, r, p, nil)
}

func deptInput(r *http.Request) (app.DepartmentInput, error) {
	if err := r.ParseForm(); err != nil {
		return app.DepartmentInput{}, shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	f := r.PostForm
	order, err := strconv.ParseInt(strings.TrimSpace(orDefault(f.Get("sort_order"), "0")), 10, 64)
	if err != nil {
		return app.DepartmentInput{}, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
			Fields: map[string]string{"sort_order": "error.number_invalid"}}
	}
	return app.DepartmentInput{ParentID: f.Get("parent_id"), Name: f.Get("name"), Code: f.Get("code"), SortOrder: order}, nil
}

func orDefault(s, d string) string {
	if strings.TrimSpace(s) == "" {
		return d
	}
	return s
}

func (h *Handler) departmentCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := deptInput(r)
	if err == nil {
		_, err = h.app.CreateDepartment(r.Context(), actorOf(r), in)
	}
	if err != nil {
		return h.departmentForm(w, r, h.page(r, "department.new"), err)
	}
	return redirect(w, r, "/departments", "flash.saved")
}

func (h *Handler) departmentUpdate(w http.ResponseWriter, r *http.Request) error {
	in, err := deptInput(r)
	if err == nil {
		err = h.app.UpdateDepartment(r.Context(), actorOf(r), r.PathValue("id"), in)
	}
	if err != nil {
		return h.departmentForm(w, r, h.page(r, "department.edit"), err)
	}
	return redirect(w, r, "/departments", "flash.saved")
}

func (h *Handler) departmentDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.app.DeleteDepartment(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/departments", "flash.deleted")
}
