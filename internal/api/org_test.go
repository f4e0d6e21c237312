package api_test

import (
	"net/http"
	"testing"
)

type department struct {
	ID        string `json:"id"`
	ParentID  string `json:"parent_id"`
	Name      string `json:"name"`
	Code      string `json:"code"`
	SortOrder int64  `json:"sort_order"`
	People    *int64 `json:"people"`
	UpdatedAt string `json:"updated_at"`
}

type position struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	People      *int64 `json:"people"`
}

type store struct {
	ID        string `json:"id"`
	Platform  string `json:"platform"`
	Name      string `json:"name"`
	OwnerID   string `json:"owner_id"`
	OwnerName string `json:"owner_name"`
}

func TestDepartmentsFlow(t *testing.T) {
	e := newEnv(t)
	var top, sub department
	e.call(req{method: "POST", path: "/api/v1/departments", token: e.admin,
		body: map[string]any{"name": "运营部", "code": "OPS"}}, http.StatusCreated, &top)
	e.call(req{method: "POST", path: "/api/v1/departments", token: e.admin,
		body: map[string]any{"name": "客服组", "parent_id": top.ID, "sort_order": 2}}, http.StatusCreated, &sub)
	if sub.ParentID != top.ID || sub.SortOrder != 2 {
		t.Errorf("sub %+v", sub)
	}
	var all list[department]
	e.call(req{method: "GET", path: "/api/v1/departments", token: e.admin}, http.StatusOK, &all)
	if len(all.Items) != 2 || all.NextCursor != "" || all.Items[0].People == nil {
		t.Errorf("list %+v", all)
	}
	path := "/api/v1/departments/" + top.ID
	var got department
	e.call(req{method: "PUT", path: path, token: e.admin, body: map[string]any{"name": "电商运营部", "code": "OPS"}},
		http.StatusOK, &got)
	if got.Name != "电商运营部" || got.UpdatedAt == "" {
		t.Errorf("after PUT %+v", got)
	}
	// Moving a department under its own child is a validation error.
	b := e.fail(req{method: "PUT", path: path, token: e.admin, body: map[string]any{"name": "x", "parent_id": sub.ID}},
		http.StatusUnprocessableEntity, "invalid")
	if b.Error.Fields["parent_id"] == "" {
		t.Errorf("no parent_id message: %+v", b.Error)
	}
	e.fail(req{method: "DELETE", path: path, token: e.admin}, http.StatusConflict, "conflict")
	e.call(req{method: "DELETE", path: "/api/v1/departments/" + sub.ID, token: e.admin}, http.StatusNoContent, nil)
	e.call(req{method: "DELETE", path: path, token: e.admin}, http.StatusNoContent, nil)
	e.fail(req{method: "GET", path: path, token: e.admin}, http.StatusNotFound, "not_found")
}

func TestPositionsFlow(t *testing.T) {
	e := newEnv(t)
	var p position
	e.call(req{method: "POST", path: "/api/v1/positions", token: e.admin,
		body: map[string]any{"name": "客服专员", "description": "售前售后"}}, http.StatusCreated, &p)
	path := "/api/v1/positions/" + p.ID
	var all list[position]
	e.call(req{method: "GET", path: "/api/v1/positions", token: e.admin}, http.StatusOK, &all)
	if len(all.Items) != 1 || all.Items[0].People == nil || *all.Items[0].People != 0 {
		t.Errorf("list %+v", all)
	}
	var got position
	e.call(req{method: "GET", path: path, token: e.admin}, http.StatusOK, &got)
	if got.Description != "售前售后" {
		t.Errorf("got %+v", got)
	}
	e.call(req{method: "PUT", path: path, token: e.admin, body: map[string]any{"name": "运营专员"}}, http.StatusOK, &got)
	if got.Name != "运营专员" || got.Description != "" {
		t.Errorf("after PUT %+v", got)
	}
	e.fail(req{method: "POST", path: "/api/v1/positions", token: e.admin, body: map[string]any{"name": " "}},
		http.StatusUnprocessableEntity, "invalid")
	e.call(req{method: "DELETE", path: path, token: e.admin}, http.StatusNoContent, nil)
	e.fail(req{method: "DELETE", path: path, token: e.admin}, http.StatusNotFound, "not_found")
}

func TestStoresFlow(t *testing.T) {
	e := newEnv(t)
	var s store
	e.call(req{method: "POST", path: "/api/v1/stores", token: e.admin,
		body: map[string]any{"platform": "tmall", "name": "天猫旗舰店", "owner_id": e.adminID}}, http.StatusCreated, &s)
	if s.Platform != "tmall" || s.OwnerID != e.adminID {
		t.Errorf("created %+v", s)
	}
	var all list[store]
	e.call(req{method: "GET", path: "/api/v1/stores", token: e.admin}, http.StatusOK, &all)
	if len(all.Items) != 1 || all.Items[0].OwnerName != "管理员" {
		t.Errorf("list %+v", all)
	}
	path := "/api/v1/stores/" + s.ID
	var got store
	e.call(req{method: "PUT", path: path, token: e.admin, body: map[string]any{"platform": "jd", "name": "京东店"}},
		http.StatusOK, &got)
	if got.Platform != "jd" || got.OwnerID != "" {
		t.Errorf("after PUT %+v", got)
	}
	b := e.fail(req{method: "POST", path: "/api/v1/stores", token: e.admin,
		body: map[string]any{"platform": "ebay", "name": "x", "owner_id": "nobody"}}, http.StatusUnprocessableEntity, "invalid")
	if b.Error.Fields["platform"] == "" {
		t.Errorf("no platform message: %+v", b.Error)
	}
	e.call(req{method: "DELETE", path: path, token: e.admin}, http.StatusNoContent, nil)
	e.fail(req{method: "GET", path: path, token: e.admin}, http.StatusNotFound, "not_found")
}
