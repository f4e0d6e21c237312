package api_test

import (
	"net/http"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

type kbItem struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Visibility string `json:"visibility"`
	Version    int64  `json:"version"`
	Body       string `json:"body"`
}

func TestKBFlow(t *testing.T) {
	e := newEnv(t)
	trainer := e.token(e.person("T1", "讲师", shopdojo.RoleTrainer), app.ScopeRead, app.ScopeWrite)
	learnerID := e.person("L1", "学员", shopdojo.RoleLearner)
	learner := e.token(learnerID, app.ScopeRead, app.ScopeWrite)
	var cat struct{ ID string }
	e.call(req{method: "POST", path: "/api/v1/kb/categories", token: trainer, body: map[string]any{"name": "客服售后"}}, http.StatusCreated, &cat)
	var it kbItem
	e.call(req{method: "POST", path: "/api/v1/kb/items", token: trainer, body: map[string]any{"kind": "faq", "category_id": cat.ID,
		"title": "运费险谁出钱？", "body": "看是谁投保的。", "visibility": "everyone"}}, http.StatusCreated, &it)
	var secret kbItem
	e.call(req{method: "POST", path: "/api/v1/kb/items", token: trainer, body: map[string]any{"kind": "article",
		"title": "供应商底价", "body": "保密", "visibility": "confidential"}}, http.StatusCreated, &secret)
	e.fail(req{method: "POST", path: "/api/v1/kb/items", token: trainer, body: map[string]any{"title": "", "body": "x",
		"visibility": "everyone", "kind": "faq"}}, http.StatusUnprocessableEntity, "invalid")
	e.fail(req{method: "PUT", path: "/api/v1/kb/items/" + it.ID, token: trainer, body: map[string]any{"title": "运费险",
		"body": "新", "visibility": "everyone", "base_version": 1}}, http.StatusUnprocessableEntity, "invalid")
	e.call(req{method: "PUT", path: "/api/v1/kb/items/" + it.ID, token: trainer, body: map[string]any{"title": "运费险",
		"body": "新", "visibility": "everyone", "base_version": 1, "note": "改写"}}, http.StatusOK, &it)
	if it.Version != 2 || it.Body != "新" {
		t.Errorf("after edit: %+v", it)
	}
	var l list[kbItem]
	e.call(req{method: "GET", path: "/api/v1/kb/items", token: learner}, http.StatusOK, &l)
	if len(l.Items) != 1 || l.Items[0].ID != it.ID {
		t.Errorf("learner's list: %+v", l.Items)
	}
	e.fail(req{method: "GET", path: "/api/v1/kb/items/" + secret.ID, token: learner}, http.StatusNotFound, "not_found")
	e.fail(req{method: "POST", path: "/api/v1/kb/items", token: learner, body: map[string]any{}}, http.StatusForbidden, "forbidden")
	e.call(req{method: "GET", path: "/api/v1/kb/items/" + secret.ID, token: trainer}, http.StatusOK, &secret)
}
