package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

func TestErrorLocalized(t *testing.T) {
	e := newEnv(t)
	r := req{method: "GET", path: "/api/v1/people"}
	r.header = map[string]string{"Accept-Language": "en-US,en;q=0.9"}
	en := e.fail(r, http.StatusUnauthorized, "unauthenticated")
	r.header = map[string]string{"Accept-Language": "zh-CN,zh;q=0.9"}
	zh := e.fail(r, http.StatusUnauthorized, "unauthenticated")
	if en.Error.Message == zh.Error.Message {
		t.Errorf("en and zh-CN give the same message %q", en.Error.Message)
	}
	if want := e.bundle.T("en", "api.unauthenticated", nil); en.Error.Message != want {
		t.Errorf("en message %q, want %q", en.Error.Message, want)
	}
	if want := e.bundle.T("zh-CN", "api.unauthenticated", nil); zh.Error.Message != want {
		t.Errorf("zh-CN message %q, want %q", zh.Error.Message, want)
	}
	// Field messages follow the language too.
	body := `{"name": "x", "nope": 1}`
	r = req{method: "POST", path: "/api/v1/positions", token: e.admin, body: body}
	r.header = map[string]string{"Accept-Language": "en"}
	enF := e.fail(r, http.StatusBadRequest, "invalid")
	r.header = map[string]string{"Accept-Language": "zh-CN"}
	zhF := e.fail(r, http.StatusBadRequest, "invalid")
	if enF.Error.Fields["nope"] == "" || enF.Error.Fields["nope"] == zhF.Error.Fields["nope"] {
		t.Errorf("field messages en %q zh %q", enF.Error.Fields["nope"], zhF.Error.Fields["nope"])
	}
	// Without Accept-Language the caller's saved language is used.
	ac := app.Actor{PersonID: e.adminID, Roles: []shopdojo.Role{shopdojo.RoleAdmin}}
	if err := e.app.SetLocale(e.ctx, ac, "en"); err != nil {
		t.Fatal(err)
	}
	saved := e.fail(req{method: "GET", path: "/api/v1/people?limit=0", token: e.admin}, http.StatusUnprocessableEntity, "invalid")
	if want := e.bundle.T("en", "api.bad_query", nil); saved.Error.Message != want {
		t.Errorf("saved-locale message %q, want %q", saved.Error.Message, want)
	}
	w := e.do(req{method: "GET", path: "/api/v1/me"})
	if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate %q", w.Header().Get("WWW-Authenticate"))
	}
}

func TestBadJSON(t *testing.T) {
	e := newEnv(t)
	post := func(body string) req {
		return req{method: "POST", path: "/api/v1/positions", token: e.admin, body: body}
	}
	for _, b := range []string{`{"name":`, `[1]`, `{"name":"a"} {"name":"b"}`, ``, `{"name": 5}`} {
		got := e.fail(post(b), http.StatusBadRequest, "invalid")
		if b == `{"name": 5}` && got.Error.Fields["name"] == "" {
			t.Errorf("%s: no field message: %+v", b, got.Error)
		}
	}
	got := e.fail(post(`{"name":"a","salary":1}`), http.StatusBadRequest, "invalid")
	if got.Error.Fields["salary"] == "" {
		t.Errorf("unknown field not named: %+v", got.Error)
	}
	big := `{"name":"` + strings.Repeat("x", 1<<20) + `"}`
	e.fail(post(big), http.StatusRequestEntityTooLarge, "invalid")
}

func TestReadOnlyToken(t *testing.T) {
	e := newEnv(t)
	ro := e.token(e.adminID, app.ScopeRead)
	e.call(req{method: "GET", path: "/api/v1/departments", token: ro}, http.StatusOK, nil)
	e.fail(req{method: "POST", path: "/api/v1/departments", token: ro, body: map[string]any{"name": "x"}},
		http.StatusForbidden, "forbidden")
}

func TestRevokedAndBadTokens(t *testing.T) {
	e := newEnv(t)
	tok := e.token(e.adminID, app.ScopeRead)
	e.call(req{method: "GET", path: "/api/v1/me", token: tok}, http.StatusOK, nil)
	ac := app.Actor{PersonID: e.adminID, Roles: []shopdojo.Role{shopdojo.RoleAdmin}}
	toks, err := e.app.Tokens(e.ctx, ac)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range toks {
		if err := e.app.RevokeToken(e.ctx, ac, x.ID); err != nil {
			t.Fatal(err)
		}
	}
	e.fail(req{method: "GET", path: "/api/v1/me", token: tok}, http.StatusUnauthorized, "unauthenticated")
	e.fail(req{method: "GET", path: "/api/v1/me", token: "sdt_nope"}, http.StatusUnauthorized, "unauthenticated")
	e.fail(req{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Basic eDp5"}},
		http.StatusUnauthorized, "unauthenticated")
}

func TestSessionCookie(t *testing.T) {
	e := newEnv(t)
	sys := app.SystemActor("test")
	if err := e.app.SetPassword(e.ctx, sys, e.adminID, "correct horse", false); err != nil {
		t.Fatal(err)
	}
	secret, err := e.app.Login(e.ctx, "A0001", "correct horse", app.Client{})
	if err != nil {
		t.Fatal(err)
	}
	cookie := map[string]string{"Cookie": "sd_session=" + secret}
	e.call(req{method: "GET", path: "/api/v1/me", header: cookie}, http.StatusOK, nil)
	e.call(req{method: "POST", path: "/api/v1/positions", header: cookie, body: map[string]any{"name": "同源"}},
		http.StatusCreated, nil)
	cross := map[string]string{"Cookie": "sd_session=" + secret, "Sec-Fetch-Site": "cross-site"}
	e.fail(req{method: "POST", path: "/api/v1/positions", header: cross, body: map[string]any{"name": "跨站"}},
		http.StatusForbidden, "forbidden")
	e.fail(req{method: "GET", path: "/api/v1/me", header: map[string]string{"Cookie": "sd_session=stale"}},
		http.StatusUnauthorized, "unauthenticated")
}

func TestNoRoute(t *testing.T) {
	e := newEnv(t)
	e.fail(req{method: "GET", path: "/api/v1/nothing", token: e.admin}, http.StatusNotFound, "not_found")
	w := e.do(req{method: "DELETE", path: "/api/v1/people", token: e.admin})
	if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, POST" {
		t.Errorf("DELETE /api/v1/people: %d Allow %q", w.Code, w.Header().Get("Allow"))
	}
	var body apiError
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Error.Code != "invalid" {
		t.Errorf("405 body %s", w.Body)
	}
}

// TestRoutePermissions walks the route table for every role: a caller
// without a route's permission is refused with 403, and a caller with no
// credentials with 401, before any handler runs.
func TestRoutePermissions(t *testing.T) {
	e := newEnv(t)
	tokens := map[shopdojo.Role]string{}
	for i, r := range shopdojo.Roles {
		id := e.person("R"+string(rune('A'+i)), string(r), r)
		tokens[r] = e.token(id, app.ScopeRead, app.ScopeWrite)
	}
	for _, rt := range e.api.Router.Routes {
		method, path, _ := strings.Cut(rt.Pattern, " ")
		path = strings.ReplaceAll(path, "{id}", "x")
		if rt.Perm == "" {
			t.Errorf("%s has no permission", rt.Pattern)
		}
		if rt.Perm != shopdojo.PermPublic {
			e.fail(req{method: method, path: path, body: "{}"}, http.StatusUnauthorized, "unauthenticated")
		}
		for role, tok := range tokens {
			if shopdojo.Can([]shopdojo.Role{role}, rt.Perm) {
				continue
			}
			e.fail(req{method: method, path: path, token: tok, body: "{}"}, http.StatusForbidden, "forbidden")
		}
	}
}
