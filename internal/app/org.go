package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// DepartmentInput is what a person submits to create or edit a department.
type DepartmentInput struct {
	ParentID  string
	Name      string
	Code      string
	SortOrder int64
}

func validName(v *shopdojo.Validation, field, s string, max int) {
	v.Check(strings.TrimSpace(s) != "", field, "error.required")
	v.Check(utf8.RuneCountInString(s) <= max, field, "error.too_long")
}

// Departments lists every department (callers build the tree).
func (a *App) Departments(ctx context.Context, ac Actor) ([]shopdojo.Department, error) {
	if err := ac.require(shopdojo.PermOrgRead); err != nil {
		return nil, err
	}
	var rows []sqlq.ListDepartmentsRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListDepartments(ctx); return }); err != nil {
		return nil, err
	}
	out := make([]shopdojo.Department, len(rows))
	for i, r := range rows {
		out[i] = shopdojo.Department{ID: r.ID, ParentID: r.ParentID.String, Name: r.Name, Code: r.Code,
			SortOrder: r.SortOrder, People: r.People, CreatedAt: fromMs(r.CreatedAt), UpdatedAt: fromMs(r.UpdatedAt)}
	}
	return out, nil
}

// Department returns one department.
func (a *App) Department(ctx context.Context, ac Actor, id string) (shopdojo.Department, error) {
	if err := ac.require(shopdojo.PermOrgRead); err != nil {
		return shopdojo.Department{}, err
	}
	var r sqlq.Department
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { r, err = q.GetDepartment(ctx, id); return })
	return shopdojo.Department{ID: r.ID, ParentID: r.ParentID.String, Name: r.Name, Code: r.Code,
		SortOrder: r.SortOrder, CreatedAt: fromMs(r.CreatedAt), UpdatedAt: fromMs(r.UpdatedAt)}, err
}

func deptFields(d DepartmentInput, parentName string) map[string]string {
	return map[string]string{"name": d.Name, "code": d.Code, "parent": parentName, "sort_order": itoa(d.SortOrder)}
}

func (in *DepartmentInput) normalize() error {
	in.Name, in.Code = strings.TrimSpace(in.Name), strings.TrimSpace(in.Code)
	var v shopdojo.Validation
	validName(&v, "name", in.Name, 64)
	v.Check(utf8.RuneCountInString(in.Code) <= 32, "code", "error.too_long")
	return v.Err()
}

// CreateDepartment adds a department under in.ParentID ("" = top level).
func (a *App) CreateDepartment(ctx context.Context, ac Actor, in DepartmentInput) (string, error) {
	if err := ac.require(shopdojo.PermOrgManage); err != nil {
		return "", err
	}
	if err := in.normalize(); err != nil {
		return "", err
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		parentName, err := a.parentName(ctx, tx, in.ParentID)
		if err != nil {
			return err
		}
		now := a.nowMs()
		if err := tx.InsertDepartment(ctx, sqlq.InsertDepartmentParams{ID: id, ParentID: nullStr(in.ParentID),
			Name: in.Name, Code: in.Code, SortOrder: in.SortOrder, CreatedAt: now, UpdatedAt: now}); err != nil {
			return dupName(err)
		}
		return a.record(ctx, tx, ac, change{Action: "department.create", ObjectType: "department",
			ObjectID: id, ObjectName: in.Name, After: deptFields(in, parentName)})
	})
	return id, err
}

func (a *App) parentName(ctx context.Context, tx *store.Tx, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	p, err := tx.GetDepartment(ctx, id)
	if err != nil {
		return "", fieldErr(store.MapErr(err), "parent_id", "error.department_unknown")
	}
	return p.Name, nil
}

// fieldErr turns a not-found error into a validation error on field.
func fieldErr(err error, field, msg string) error {
	if shopdojo.KindOf(err) == shopdojo.KindNotFound {
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Fields: map[string]string{field: msg}}
	}
	return err
}

// dupName turns a uniqueness conflict into a validation error on name.
func dupName(err error) error {
	if shopdojo.KindOf(store.MapErr(err)) == shopdojo.KindConflict {
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
			Fields: map[string]string{"name": "error.name_taken"}, Err: err}
	}
	return err
}

// UpdateDepartment edits a department; moving it under its own subtree is refused.
func (a *App) UpdateDepartment(ctx context.Context, ac Actor, id string, in DepartmentInput) error {
	if err := ac.require(shopdojo.PermOrgManage); err != nil {
		return err
	}
	if err := in.normalize(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetDepartment(ctx, id)
		if err != nil {
			return err
		}
		if in.ParentID != "" {
			sub, err := tx.DepartmentSubtree(ctx, id)
			if err != nil {
				return err
			}
			for _, s := range sub {
				if s == in.ParentID {
					return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
						Fields: map[string]string{"parent_id": "error.department_cycle"}}
				}
			}
		}
		oldParent, _ := a.parentName(ctx, tx, old.ParentID.String)
		parentName, err := a.parentName(ctx, tx, in.ParentID)
		if err != nil {
			return err
		}
		if err := tx.UpdateDepartment(ctx, sqlq.UpdateDepartmentParams{ID: id, ParentID: nullStr(in.ParentID),
			Name: in.Name, Code: in.Code, SortOrder: in.SortOrder, UpdatedAt: a.nowMs()}); err != nil {
			return dupName(err)
		}
		before := deptFields(DepartmentInput{Name: old.Name, Code: old.Code, SortOrder: old.SortOrder}, oldParent)
		return a.record(ctx, tx, ac, change{Action: "department.update", ObjectType: "department",
			ObjectID: id, ObjectName: in.Name, Before: before, After: deptFields(in, parentName)})
	})
}

// DeleteDepartment removes an empty department (no sub-departments, no people).
func (a *App) DeleteDepartment(ctx context.Context, ac Actor, id string) error {
	if err := ac.require(shopdojo.PermOrgManage); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetDepartment(ctx, id)
		if err != nil {
			return err
		}
		if n, err := tx.CountDepartmentUse(ctx, nullStr(id)); err != nil || n > 0 {
			return firstErr(err, shopdojo.E(shopdojo.KindConflict, "error.department_not_empty"))
		}
		if err := tx.DeleteDepartment(ctx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "department.delete", ObjectType: "department",
			ObjectID: id, ObjectName: old.Name, Before: deptFields(DepartmentInput{Name: old.Name, Code: old.Code}, "")})
	})
}

func firstErr(err error, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}
