package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

type group struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Members     int64  `json:"members"`
}

type personRef struct {
	ID         string `json:"id"`
	EmployeeNo string `json:"employee_no"`
}

func TestGroupsFlow(t *testing.T) {
	e := newEnv(t)
	e.person("S1001", "李娜", shopdojo.RoleLearner)
	b2 := e.person("S1002", "刘洋", shopdojo.RoleLearner)
	var g group
	e.call(req{method: "POST", path: "/api/v1/groups", token: e.admin,
		body: map[string]any{"name": "新人训练营", "description": "12 月批次"}}, http.StatusCreated, &g)
	path := "/api/v1/groups/" + g.ID
	b := e.fail(req{method: "POST", path: path + "/members", token: e.admin,
		body: map[string]any{"employee_nos": []string{"S1001", "NOPE"}}}, http.StatusUnprocessableEntity, "invalid")
	if !strings.Contains(b.Error.Message, "NOPE") {
		t.Errorf("refusal does not name the number: %+v", b.Error)
	}
	var added struct{ Added int }
	e.call(req{method: "POST", path: path + "/members", token: e.admin,
		body: map[string]any{"employee_nos": []string{"S1001", "S1002"}}}, http.StatusOK, &added)
	if added.Added != 2 {
		t.Fatalf("added %d", added.Added)
	}
	var members list[personRef]
	e.call(req{method: "GET", path: path + "/members?limit=1", token: e.admin}, http.StatusOK, &members)
	if len(members.Items) != 1 || members.Items[0].EmployeeNo != "S1001" || members.NextCursor == "" {
		t.Fatalf("first page %+v", members)
	}
	e.call(req{method: "GET", path: path + "/members?limit=1&cursor=" + members.NextCursor, token: e.admin}, http.StatusOK, &members)
	if len(members.Items) != 1 || members.Items[0].EmployeeNo != "S1002" {
		t.Fatalf("second page %+v", members)
	}
	e.call(req{method: "DELETE", path: path + "/members/" + b2, token: e.admin}, http.StatusNoContent, nil)
	e.call(req{method: "GET", path: path, token: e.admin}, http.StatusOK, &g)
	if g.Members != 1 || g.Description != "12 月批次" {
		t.Fatalf("after removal %+v", g)
	}
	// A learner's token may not even list groups; a read-only token may not write.
	learner := e.token(e.person("S2001", "赵敏", shopdojo.RoleLearner), app.ScopeRead, app.ScopeWrite)
	e.fail(req{method: "GET", path: "/api/v1/groups", token: learner}, http.StatusForbidden, "forbidden")
	ro := e.token(e.adminID, app.ScopeRead)
	e.fail(req{method: "DELETE", path: path, token: ro}, http.StatusForbidden, "forbidden")
	e.call(req{method: "DELETE", path: path, token: e.admin}, http.StatusNoContent, nil)
	e.fail(req{method: "GET", path: path, token: e.admin}, http.StatusNotFound, "not_found")
}
