package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

func TestFileRangeAndLimits(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	a := f.srv.App
	learnerNo := f.people[shopdojo.RoleLearner]
	me, err := a.PersonByEmployeeNo(ctx, sysActor(), learnerNo)
	must(t, err)
	img := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("0123456789"), 100)...)
	ac, err := a.ActorFor(ctx, me.ID)
	must(t, err)
	must(t, a.SetPersonPhoto(ctx, ac, me.ID, "me.png", bytes.NewReader(img)))
	me, err = a.PersonByEmployeeNo(ctx, sysActor(), learnerNo)
	must(t, err)

	req := httptest.NewRequest("GET", "/files/"+me.PhotoID, nil)
	req.Header.Set("Range", "bytes=8-17")
	req.AddCookie(&http.Cookie{Name: "sd_session", Value: f.login(t, f.people[shopdojo.RoleAuditor])})
	w := httptest.NewRecorder()
	f.srv.Handler.ServeHTTP(w, req)
	if w.Code != http.StatusPartialContent || w.Body.String() != "0123456789" ||
		w.Header().Get("Content-Range") != "bytes 8-17/1008" {
		t.Fatalf("range: %d %q %v", w.Code, w.Body.String(), w.Header())
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
		t.Errorf("file CSP %q", csp)
	}
	if w.Header().Get("ETag") == "" || !strings.HasPrefix(w.Header().Get("Content-Disposition"), "inline") {
		t.Errorf("headers %v", w.Header())
	}

	// An upload route refuses a body over its own limit before reading it;
	// other routes keep the small default.
	big := httptest.NewRequest("POST", "/account/photo", strings.NewReader("x"))
	big.ContentLength = 6 << 20
	big.Header.Set("Sec-Fetch-Site", "same-origin")
	big.AddCookie(&http.Cookie{Name: "sd_session", Value: f.login(t, learnerNo)})
	w = httptest.NewRecorder()
	f.srv.Handler.ServeHTTP(w, big)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized upload: %d", w.Code)
	}
}

func sysActor() app.Actor { return app.SystemActor("test") }

func TestAuditExport(t *testing.T) {
	f := setup(t)
	session := f.login(t, f.people[shopdojo.RoleAuditor])
	req := httptest.NewRequest("GET", "/audit/export?format=csv&object=person", nil)
	req.AddCookie(&http.Cookie{Name: "sd_session", Value: session})
	w := httptest.NewRecorder()
	f.srv.Handler.ServeHTTP(w, req)
	body := w.Body.String()
	if w.Code != http.StatusOK || !strings.HasPrefix(body, "\ufeff#,") || !strings.Contains(w.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v %.200q", w.Code, w.Header(), body)
	}
	// setup created one person per role, each on the log.
	if n := strings.Count(body, "\r\n") - 1; n < len(shopdojo.Roles) {
		t.Fatalf("%d rows:\n%s", n, body)
	}
	req = httptest.NewRequest("GET", "/audit/export?actor=NOBODY", nil)
	req.AddCookie(&http.Cookie{Name: "sd_session", Value: session})
	w = httptest.NewRecorder()
	f.srv.Handler.ServeHTTP(w, req)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("unknown actor: %d", w.Code)
	}
}

// TestFullDatabase fills the SQLite file to its page limit: the request
// that hits the limit answers 503 with the localized message, and neither
// its department nor its audit event is half-written.
func TestFullDatabase(t *testing.T) {
	f := setup(t)
	if f.srv.Store.Dialect != "sqlite" {
		t.Skip("page limits are SQLite's")
	}
	ctx := context.Background()
	raw := f.srv.Store.Raw()
	var pages int64
	must(t, raw.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages))
	if _, err := raw.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages+2)); err != nil {
		t.Fatal(err)
	}
	session := f.login(t, f.people[shopdojo.RoleAdmin])
	var w *httptest.ResponseRecorder
	name := ""
	for i := 0; i < 500; i++ {
		name = fmt.Sprintf("满盘测试部门%03d-%s", i, strings.Repeat("长", 40))
		req := httptest.NewRequest("POST", "/api/v1/departments", strings.NewReader(`{"name":"`+name+`"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept-Language", "en")
		req.AddCookie(&http.Cookie{Name: "sd_session", Value: session})
		w = httptest.NewRecorder()
		f.srv.Handler.ServeHTTP(w, req)
		if w.Code != http.StatusCreated {
			break
		}
	}
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "nothing from this request was saved") {
		t.Fatalf("full database: %d %s", w.Code, w.Body.String())
	}
	if _, err := raw.ExecContext(ctx, "PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	ds, err := f.srv.App.Departments(ctx, sysActor())
	must(t, err)
	for _, d := range ds {
		if d.Name == name {
			t.Fatal("the refused department was stored")
		}
	}
	rep, err := f.srv.App.VerifyAudit(ctx, sysActor())
	must(t, err)
	if len(rep.Problems) > 0 {
		t.Fatalf("audit after a full disk: %v", rep.Problems)
	}
}
