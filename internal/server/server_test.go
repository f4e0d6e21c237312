package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/server"
	"github.com/shopdojo/shopdojo/internal/store/storetest"
)

func open(t *testing.T) *server.Server {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	if dsn := storetest.DSN(t); strings.HasPrefix(dsn, "postgres") {
		cfg.DB = dsn
	}
	srv, err := server.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})), server.Options{FastPasswords: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

type fixture struct {
	srv    *server.Server
	ids    map[string]string // placeholder values for {id}
	people map[shopdojo.Role]string
}

func setup(t *testing.T) *fixture {
	srv := open(t)
	ctx := context.Background()
	a, sys := srv.App, app.SystemActor("test")
	f := &fixture{srv: srv, ids: map[string]string{}, people: map[shopdojo.Role]string{}}
	dept, err := a.CreateDepartment(ctx, sys, app.DepartmentInput{Name: "运营部"})
	must(t, err)
	for i, r := range shopdojo.Roles {
		no := "R" + string(rune('A'+i))
		id, err := a.CreatePerson(ctx, sys, app.PersonInput{EmployeeNo: no, Name: string(r), DepartmentID: dept,
			Status: shopdojo.StatusActive, Roles: []shopdojo.Role{r}})
		must(t, err)
		must(t, a.SetPassword(ctx, sys, id, "password-"+no, false))
		f.people[r] = no
	}
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// victims creates fresh objects for a route's {id}, so destructive routes
// never touch the signed-in person.
func (f *fixture) victims(t *testing.T, n int) map[string]string {
	ctx := context.Background()
	a, sys := f.srv.App, app.SystemActor("test")
	suffix := strconv.Itoa(n)
	d, err := a.CreateDepartment(ctx, sys, app.DepartmentInput{Name: "部门" + suffix})
	must(t, err)
	p, err := a.CreatePosition(ctx, sys, app.PositionInput{Name: "岗位" + suffix})
	must(t, err)
	s, err := a.CreateStore(ctx, sys, app.StoreInput{Platform: shopdojo.PlatformTmall, Name: "店铺" + suffix})
	must(t, err)
	v, err := a.CreatePerson(ctx, sys, app.PersonInput{EmployeeNo: "V" + suffix, Name: "受测", Status: shopdojo.StatusActive})
	must(t, err)
	g, err := a.CreateGroup(ctx, sys, app.GroupInput{Name: "分组" + suffix})
	must(t, err)
	_, err = a.AddGroupMembers(ctx, sys, g, app.MemberSelection{EmployeeNos: "V" + suffix})
	must(t, err)
	adminID, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleAdmin])
	must(t, err)
	owner, err := a.ActorFor(ctx, adminID.ID)
	must(t, err)
	b, err := a.CreateBank(ctx, owner, app.BankInput{Name: "题库" + suffix})
	must(t, err)
	q, _, err := a.SaveQuestion(ctx, owner, app.QuestionInput{BankID: b, Question: quiz.Question{Type: quiz.TrueFalse,
		Stem: "七天无理由退货适用于所有商品。", Points: 1, Difficulty: 1, Answer: quiz.Answer{Choices: []string{"F"}}}})
	must(t, err)
	// The exam is the trainer's, in the trainer's own bank, so that every
	// role allowed on exam routes (owner or reviewer) may run it.
	tid, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleTrainer])
	must(t, err)
	trainer, err := a.ActorFor(ctx, tid.ID)
	must(t, err)
	tb, err := a.CreateBank(ctx, trainer, app.BankInput{Name: "讲师题库" + suffix})
	must(t, err)
	tq, _, err := a.SaveQuestion(ctx, trainer, app.QuestionInput{BankID: tb, Question: quiz.Question{Type: quiz.TrueFalse,
		Stem: "大促期间可以临时关闭七天无理由。", Points: 1, Difficulty: 1, Answer: quiz.Answer{Choices: []string{"F"}}}})
	must(t, err)
	ex, err := a.CreateExam(ctx, trainer, app.ExamInput{Title: "考试" + suffix, Mode: shopdojo.ModeExam, PassPercent: 60,
		ScoreRelease: shopdojo.ReleaseImmediate, AnswerRelease: shopdojo.ReleaseManual,
		Paper:    shopdojo.Paper{Sections: []shopdojo.PaperSection{{Title: "判断题", Questions: []shopdojo.PaperQuestion{{QuestionID: tq}}}}},
		Audience: []shopdojo.AudienceRef{{Kind: "person", ID: v}}})
	must(t, err)
	must(t, a.SetExamStatus(ctx, trainer, ex, shopdojo.ExamPublished))
	sitter, err := a.ActorFor(ctx, v)
	must(t, err)
	at, err := a.StartAttempt(ctx, sitter, ex, "victim-device")
	must(t, err)
	return map[string]string{"departments": d, "positions": p, "stores": s, "people": v, "groups": g, "banks": b,
		"questions": q, "exams": ex, "attempts": at}
}

func path(pattern string, ids map[string]string) (method, p string) {
	method, p, _ = strings.Cut(pattern, " ")
	p = strings.TrimSuffix(p, "{$}")
	for kind, id := range ids {
		p = strings.Replace(p, kind+"/{id}", kind+"/"+id, 1)
	}
	p = strings.ReplaceAll(p, "{person}", ids["people"])
	p = strings.ReplaceAll(p, "{qid}", ids["questions"])
	p = strings.ReplaceAll(p, "{aid}", ids["attempts"])
	return method, strings.ReplaceAll(p, "{id}", "00000000-0000-0000-0000-000000000000")
}

func (f *fixture) login(t *testing.T, no string) string {
	secret, err := f.srv.App.Login(context.Background(), no, "password-"+no, app.Client{})
	must(t, err)
	return secret
}

func (f *fixture) do(method, p, session string) *httptest.ResponseRecorder {
	var body io.Reader
	if method != http.MethodGet {
		body = strings.NewReader(url.Values{}.Encode())
	}
	req := httptest.NewRequest(method, p, body)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if method != http.MethodGet {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if strings.HasPrefix(p, "/api/") {
			req.Header.Set("Content-Type", "application/json")
		}
	}
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "sd_session", Value: session})
	}
	w := httptest.NewRecorder()
	f.srv.Handler.ServeHTTP(w, req)
	return w
}

func (f *fixture) routes() []httpx.Route {
	return append(append([]httpx.Route{}, f.srv.Web.Router.Routes...), f.srv.API.Router.Routes...)
}

// TestRoleRouteMatrix walks every route for every role: a route the role
// may not use answers 403, one it may use never does, and signed-out
// visitors are sent to sign in.
func TestRoleRouteMatrix(t *testing.T) {
	f := setup(t)
	n := 0
	for _, rt := range f.routes() {
		if rt.Perm == "" {
			t.Errorf("%s: no permission declared", rt.Pattern)
		}
		for _, role := range shopdojo.Roles {
			n++
			method, p := path(rt.Pattern, f.victims(t, n))
			w := f.do(method, p, f.login(t, f.people[role]))
			allowed := shopdojo.Can([]shopdojo.Role{role}, rt.Perm)
			switch {
			case !allowed && w.Code != http.StatusForbidden:
				t.Errorf("%s as %s: %d, want 403", rt.Pattern, role, w.Code)
			case allowed && (w.Code == http.StatusForbidden || (w.Code == http.StatusUnauthorized && rt.Perm != shopdojo.PermPublic)):
				t.Errorf("%s as %s: %d, want allowed", rt.Pattern, role, w.Code)
			case w.Code >= 500:
				t.Errorf("%s as %s: %d %s", rt.Pattern, role, w.Code, w.Body.String())
			}
		}
		method, p := path(rt.Pattern, f.victims(t, n+100000))
		w := f.do(method, p, "")
		public := rt.Perm == shopdojo.PermPublic
		loginRedirect := w.Code == http.StatusSeeOther && strings.HasPrefix(w.Header().Get("Location"), "/login")
		switch {
		case public && loginRedirect:
			t.Errorf("%s signed out: %d, public route refused", rt.Pattern, w.Code)
		case !public && !loginRedirect && w.Code != http.StatusUnauthorized:
			t.Errorf("%s signed out: %d %s, want sign-in", rt.Pattern, w.Code, w.Header().Get("Location"))
		}
	}
	if len(f.routes()) < 40 {
		t.Fatalf("only %d routes", len(f.routes()))
	}
}

func TestSecurityHeadersAndOps(t *testing.T) {
	f := setup(t)
	w := f.do("GET", "/login", "")
	if got := w.Header().Get("Content-Security-Policy"); !strings.Contains(got, "script-src 'self';") || !strings.Contains(got, "style-src 'self';") || strings.Contains(got, "unsafe") {
		t.Fatalf("CSP %q", got)
	}
	if w.Header().Get("X-Content-Type-Options") != "nosniff" || w.Header().Get("X-Request-Id") == "" {
		t.Fatalf("headers %v", w.Header())
	}
	for p, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 200} {
		if w := f.do("GET", p, ""); w.Code != want {
			t.Errorf("%s: %d", p, w.Code)
		}
	}
	// A cross-site form post is refused before it reaches a handler.
	req := httptest.NewRequest("POST", "/logout", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	f.srv.Handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Fatalf("cross-site post: %d", rec.Code)
	}
}

func TestLearnerCannotReadOthers(t *testing.T) {
	f := setup(t)
	v := f.victims(t, 1)
	w := f.do("GET", "/people/"+v["people"], f.login(t, f.people[shopdojo.RoleLearner]))
	if w.Code != http.StatusNotFound {
		t.Fatalf("learner read another person: %d", w.Code)
	}
	w = f.do("GET", "/api/v1/people/"+v["people"], f.login(t, f.people[shopdojo.RoleLearner]))
	if w.Code != http.StatusNotFound {
		t.Fatalf("learner read another person via API: %d", w.Code)
	}
}
