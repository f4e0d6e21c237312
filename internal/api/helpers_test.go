package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/api"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/i18n"
	"github.com/shopdojo/shopdojo/internal/mask"
	"github.com/shopdojo/shopdojo/internal/store/storetest"
)

// env is one API over a fresh database, with an admin who holds a
// read-write token.
type env struct {
	t       *testing.T
	ctx     context.Context
	app     *app.App
	bundle  *i18n.Bundle
	api     *api.Handler
	srv     http.Handler
	adminID string
	admin   string // read-write token of the admin
}

func newEnv(t *testing.T) *env {
	t.Helper()
	masker, err := mask.New([]byte("an API test installation's masking key"), mask.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(storetest.New(t), app.Options{Password: auth.Fast, Masker: masker})
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	h, err := api.New(a, b, slog.New(slog.DiscardHandler), mux)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: context.Background(), app: a, bundle: b, api: h, srv: httpx.Chain(mux, httpx.Client(nil))}
	e.adminID = e.person("A0001", "管理员", shopdojo.RoleAdmin)
	e.admin = e.token(e.adminID, app.ScopeRead, app.ScopeWrite)
	return e
}

// person creates a person with roles as the system and returns the id.
func (e *env) person(no, name string, roles ...shopdojo.Role) string {
	e.t.Helper()
	id, err := e.app.CreatePerson(e.ctx, app.SystemActor("test"), app.PersonInput{EmployeeNo: no, Name: name, Roles: roles})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// token issues an API token for a person.
func (e *env) token(personID string, scopes ...string) string {
	e.t.Helper()
	p, err := e.app.Person(e.ctx, app.SystemActor("test"), personID)
	if err != nil {
		e.t.Fatal(err)
	}
	ac := app.Actor{PersonID: p.ID, Name: p.Name, Roles: p.Roles}
	secret, err := e.app.CreateToken(e.ctx, ac, "test", scopes, 0)
	if err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// req is one request: token "" sends no credentials; body, when not nil and
// not a string, is encoded as JSON.
type req struct {
	method, path, token string
	body                any
	header              map[string]string
}

func (e *env) do(r req) *httptest.ResponseRecorder {
	e.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(data)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	e.srv.ServeHTTP(w, hr)
	return w
}

// call sends a request, checks the status and decodes the JSON answer into
// out (unless out is nil).
func (e *env) call(r req, want int, out any) *httptest.ResponseRecorder {
	e.t.Helper()
	w := e.do(r)
	if w.Code != want {
		e.t.Fatalf("%s %s: status %d, want %d; body %s", r.method, r.path, w.Code, want, w.Body)
	}
	if out != nil {
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			e.t.Fatalf("%s %s: Content-Type %q", r.method, r.path, ct)
		}
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			e.t.Fatalf("%s %s: %v; body %s", r.method, r.path, err, w.Body)
		}
	}
	return w
}

// apiError is the error body as a client sees it.
type apiError struct {
	Error struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		Fields    map[string]string `json:"fields"`
		RequestID string            `json:"request_id"`
	} `json:"error"`
}

// fail sends a request that must fail with status want and error code.
func (e *env) fail(r req, want int, code string) apiError {
	e.t.Helper()
	var body apiError
	w := e.call(r, want, &body)
	if body.Error.Code != code {
		e.t.Errorf("%s %s: code %q, want %q", r.method, r.path, body.Error.Code, code)
	}
	if body.Error.Message == "" || body.Error.RequestID == "" {
		e.t.Errorf("%s %s: error body lacks message or request id: %s", r.method, r.path, w.Body)
	}
	if got := w.Header().Get("X-Request-Id"); got != body.Error.RequestID {
		e.t.Errorf("request_id %q, header %q", body.Error.RequestID, got)
	}
	return body
}

type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

type person struct {
	ID         string   `json:"id"`
	EmployeeNo string   `json:"employee_no"`
	Name       string   `json:"name"`
	Mobile     string   `json:"mobile"`
	Email      string   `json:"email"`
	Status     string   `json:"status"`
	Roles      []string `json:"roles"`
	HireDate   string   `json:"hire_date"`
	CreatedAt  string   `json:"created_at"`
	UpdatedAt  string   `json:"updated_at"`
}
