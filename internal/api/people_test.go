package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
)

func TestPeopleFlow(t *testing.T) {
	e := newEnv(t)
	in := map[string]any{"employee_no": "E100", "name": "张三", "mobile": "13800138000",
		"email": "zhang@example.com", "hire_date": "2024-03-01", "roles": []string{"learner", "mentor"}}
	var created person
	w := e.call(req{method: "POST", path: "/api/v1/people", token: e.admin, body: in}, http.StatusCreated, &created)
	if loc := w.Header().Get("Location"); loc != "/api/v1/people/"+created.ID {
		t.Errorf("Location %q", loc)
	}
	if created.Name != "张三" || created.Status != "active" || !slices.Contains(created.Roles, "mentor") {
		t.Errorf("created %+v", created)
	}
	if _, err := time.Parse(time.RFC3339, created.CreatedAt); err != nil || created.CreatedAt[len(created.CreatedAt)-1] != 'Z' {
		t.Errorf("created_at %q is not RFC 3339 UTC", created.CreatedAt)
	}
	path := "/api/v1/people/" + created.ID

	var got person
	e.call(req{method: "GET", path: path, token: e.admin}, http.StatusOK, &got)
	if got.ID != created.ID || got.Email != "zhang@example.com" {
		t.Errorf("got %+v", got)
	}

	// PATCH changes only the fields sent.
	e.call(req{method: "PATCH", path: path, token: e.admin, body: map[string]any{"name": "张三丰"}}, http.StatusOK, &got)
	if got.Name != "张三丰" || got.Mobile != created.Mobile || got.HireDate != "2024-03-01" || len(got.Roles) != 2 {
		t.Errorf("after PATCH %+v", got)
	}

	// PUT replaces: omitted fields become empty.
	e.call(req{method: "PUT", path: path, token: e.admin,
		body: map[string]any{"employee_no": "E100", "name": "张三", "status": "leaving"}}, http.StatusOK, &got)
	if got.Mobile != "" || got.Status != "leaving" || !slices.Equal(got.Roles, []string{"learner"}) {
		t.Errorf("after PUT %+v", got)
	}

	var page list[person]
	e.call(req{method: "GET", path: "/api/v1/people?status=leaving", token: e.admin}, http.StatusOK, &page)
	if len(page.Items) != 1 || page.Items[0].ID != created.ID || page.NextCursor != "" {
		t.Errorf("filtered list %+v", page)
	}

	e.fail(req{method: "GET", path: "/api/v1/people/nope", token: e.admin}, http.StatusNotFound, "not_found")
	e.fail(req{method: "PATCH", path: "/api/v1/people/nope", token: e.admin, body: "{}"}, http.StatusNotFound, "not_found")
}

func TestPersonValidation(t *testing.T) {
	e := newEnv(t)
	body := e.fail(req{method: "POST", path: "/api/v1/people", token: e.admin,
		body: map[string]any{"employee_no": "E1", "mobile": "12"}, header: map[string]string{"Accept-Language": "en"}},
		http.StatusUnprocessableEntity, "invalid")
	for _, f := range []string{"name", "mobile"} {
		if body.Error.Fields[f] == "" {
			t.Errorf("no message for field %s: %+v", f, body.Error)
		}
	}
	e.fail(req{method: "POST", path: "/api/v1/people", token: e.admin,
		body: map[string]any{"employee_no": "A0001", "name": "重复"}}, http.StatusUnprocessableEntity, "invalid")
}

func TestMe(t *testing.T) {
	e := newEnv(t)
	var me person
	e.call(req{method: "GET", path: "/api/v1/me", token: e.admin}, http.StatusOK, &me)
	if me.ID != e.adminID || !slices.Contains(me.Roles, "admin") {
		t.Errorf("me %+v", me)
	}
	e.fail(req{method: "GET", path: "/api/v1/me"}, http.StatusUnauthorized, "unauthenticated")
}

// TestPeoplePagination walks the list three at a time and must see every
// person exactly once.
func TestPeoplePagination(t *testing.T) {
	e := newEnv(t)
	want := []string{e.adminID}
	for i := range 7 {
		want = append(want, e.person(fmt.Sprintf("P%03d", i), fmt.Sprintf("员工%d", i)))
	}
	seen := map[string]int{}
	cursor, pages := "", 0
	for {
		var page list[person]
		e.call(req{method: "GET", path: "/api/v1/people?limit=3&cursor=" + url.QueryEscape(cursor), token: e.admin},
			http.StatusOK, &page)
		pages++
		if len(page.Items) > 3 || pages > 10 {
			t.Fatalf("page %d has %d items", pages, len(page.Items))
		}
		for _, p := range page.Items {
			seen[p.ID]++
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != len(want) {
		t.Errorf("saw %d people, want %d", len(seen), len(want))
	}
	for _, id := range want {
		if seen[id] != 1 {
			t.Errorf("person %s seen %d times", id, seen[id])
		}
	}
	for _, q := range []string{"limit=0", "limit=201", "limit=x"} {
		b := e.fail(req{method: "GET", path: "/api/v1/people?" + q, token: e.admin}, http.StatusUnprocessableEntity, "invalid")
		if b.Error.Fields["limit"] == "" {
			t.Errorf("%s: no limit field message: %+v", q, b.Error)
		}
	}
	b := e.fail(req{method: "GET", path: "/api/v1/people?cursor=%25%25", token: e.admin}, http.StatusUnprocessableEntity, "invalid")
	if b.Error.Fields["cursor"] == "" {
		t.Errorf("no cursor field message: %+v", b.Error)
	}
}

func TestLearnerSeesOnlySelf(t *testing.T) {
	e := newEnv(t)
	learner := e.person("L001", "学员")
	other := e.person("L002", "别人")
	tok := e.token(learner, "read", "write")
	var page list[person]
	e.call(req{method: "GET", path: "/api/v1/people", token: tok}, http.StatusOK, &page)
	if len(page.Items) != 1 || page.Items[0].ID != learner {
		t.Errorf("learner sees %+v", page.Items)
	}
	e.call(req{method: "GET", path: "/api/v1/people/" + learner, token: tok}, http.StatusOK, nil)
	e.fail(req{method: "GET", path: "/api/v1/people/" + other, token: tok}, http.StatusNotFound, "not_found")
	e.fail(req{method: "POST", path: "/api/v1/people", token: tok,
		body: map[string]any{"employee_no": "X1", "name": "x"}}, http.StatusForbidden, "forbidden")
	e.fail(req{method: "PATCH", path: "/api/v1/people/" + learner, token: tok,
		body: map[string]any{"roles": []shopdojo.Role{shopdojo.RoleAdmin}}}, http.StatusForbidden, "forbidden")
}
