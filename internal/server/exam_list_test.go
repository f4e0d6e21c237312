package server_test

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// TestExamListFilter: /exams shows hand-made exams unless asked for the
// curriculum's, marks the curriculum's with a badge, keeps the filter
// across status tabs and pages, and says so in English too.
func TestExamListFilter(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	a, sys := f.srv.App, app.SystemActor("test")
	mp, err := a.PersonByEmployeeNo(ctx, sys, f.people[shopdojo.RoleTrainingManager])
	must(t, err)
	mgr, err := a.ActorFor(ctx, mp.ID)
	must(t, err)
	rep, err := a.ImportContent(ctx, mgr, curriculum.Builtin(), "")
	must(t, err)
	_, err = a.CreateExam(ctx, mgr, app.ExamInput{Title: "手工考试一号", Mode: shopdojo.ModeExam, PassPercent: 60,
		ScoreRelease: shopdojo.ReleaseImmediate, AnswerRelease: shopdojo.ReleaseManual})
	must(t, err)

	ts := httptest.NewServer(f.srv.Handler)
	defer ts.Close()
	c := newLearnerClient(t, ts.URL)
	no := f.people[shopdojo.RoleTrainingManager]
	if code, _ := c.form("/login", url.Values{"login": {no}, "password": {"password-" + no}}); code != 200 {
		t.Fatalf("login: %d", code)
	}
	rows := func(body string) int { return strings.Count(body, `<tr `) }
	badges := func(body string) int { return strings.Count(body, `data-testid="curriculum-badge"`) }

	code, body := c.req("GET", "/exams", "", "")
	if code != 200 || !strings.Contains(body, "手工考试一号") || badges(body) != 0 || rows(body) != 1 {
		t.Fatalf("default list: %d, %d rows, %d badges", code, rows(body), badges(body))
	}
	if !strings.Contains(body, `<option value="manual" selected>手动创建</option>`) || !strings.Contains(body, "课程测验") {
		t.Errorf("the filter does not show 手动创建 selected")
	}
	_, body = c.req("GET", "/exams?source=curriculum", "", "")
	if badges(body) != 30 || rows(body) != 30 || strings.Contains(body, "手工考试一号") {
		t.Fatalf("curriculum list: %d rows, %d badges", rows(body), badges(body))
	}
	if !strings.Contains(body, `source=curriculum`) || !strings.Contains(body, `rel="next"`) {
		t.Fatal("the status tabs or the next page lose the filter")
	}
	next := body[strings.Index(body, `rel="next"`)-200:]
	next = next[strings.Index(next, `href="`)+len(`href="`):]
	next = strings.ReplaceAll(next[:strings.Index(next, `"`)], "&amp;", "&")
	if !strings.Contains(next, "source=curriculum") {
		t.Fatalf("next page link %q", next)
	}
	_, body = c.req("GET", next, "", "")
	if badges(body) != rep.ExamsCreated-30 || rows(body) != rep.ExamsCreated-30 {
		t.Fatalf("second curriculum page: %d rows, %d badges of %d", rows(body), badges(body), rep.ExamsCreated)
	}
	if !strings.Contains(body, `href="/exams?source=curriculum">`) {
		t.Error("the first-page link loses the filter")
	}
	_, body = c.req("GET", "/exams?source=all&status=draft", "", "")
	if rows(body) != 1 || !strings.Contains(body, "手工考试一号") {
		t.Fatalf("all drafts: %d rows", rows(body))
	}
	_, body = c.req("GET", "/exams?source=curriculum&status=draft", "", "")
	if rows(body) != 0 || !strings.Contains(body, `data-testid="exams-empty"`) {
		t.Fatalf("curriculum drafts: %d rows", rows(body))
	}
	// An unknown source is the default, not an error.
	if code, body = c.req("GET", "/exams?source=nonsense", "", ""); code != 200 || rows(body) != 1 {
		t.Fatalf("unknown source: %d, %d rows", code, rows(body))
	}

	c.form("/locale", url.Values{"locale": {"en"}, "next": {"/exams"}})
	_, body = c.req("GET", "/exams?source=all", "", "")
	for _, s := range []string{`<option value="all" selected>All</option>`, ">Hand-made<", ">Curriculum quizzes<", ">Curriculum quiz<"} {
		if !strings.Contains(body, s) {
			t.Errorf("English list lacks %q", s)
		}
	}
}
