package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// TestWatchRoutes: the editor's upload answers with the file's URL, the
// unit page plays it without a "mark done" button, heartbeats are JSON in
// and out (a broken one gets a localized JSON error), a click completion is
// refused, and the video is served in ranges to a learner.
func TestWatchRoutes(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	a := f.srv.App
	actor := func(r shopdojo.Role) app.Actor {
		p, err := a.PersonByEmployeeNo(ctx, sysActor(), f.people[r])
		must(t, err)
		ac, err := a.ActorFor(ctx, p.ID)
		must(t, err)
		return ac
	}
	mgr := actor(shopdojo.RoleTrainingManager)
	_, err := a.ImportContent(ctx, mgr, curriculum.Builtin(), "")
	must(t, err)
	video, err := os.ReadFile(filepath.Join("..", "app", "testdata", "watch-fixture.webm"))
	must(t, err)

	upload := func(role shopdojo.Role) *httptest.ResponseRecorder {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		part, err := mw.CreateFormFile("video", "导览.webm")
		must(t, err)
		_, _ = part.Write(video)
		must(t, mw.Close())
		req := httptest.NewRequest("POST", "/curriculum/videos", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		return f.send(t, req, role)
	}
	if w := upload(shopdojo.RoleLearner); w.Code != http.StatusForbidden {
		t.Fatalf("a learner's upload: %d", w.Code)
	}
	w := upload(shopdojo.RoleTrainingManager)
	var up struct{ URL string }
	if err := json.Unmarshal(w.Body.Bytes(), &up); w.Code != http.StatusOK || err != nil || !strings.HasPrefix(up.URL, "/files/") {
		t.Fatalf("upload: %d %s", w.Code, w.Body)
	}
	id, mid, err := a.CreateUnit(ctx, mgr, "m01-c01", app.LessonEdit{Kind: curriculum.KindWatch, Title: "视频", TitleEN: "Video",
		Minutes: 5, Level: "L1", Video: up.URL, NoSkip: true, VideoSeconds: 3.6, Body: "看视频。", BodyEN: "Watch.", Note: "新增", Submit: true})
	must(t, err)
	must(t, a.ReviewVersion(ctx, mgr, mid, 1, true, ""))

	page := f.send(t, httptest.NewRequest("GET", "/learn/units/"+id, nil), shopdojo.RoleLearner)
	if html := page.Body.String(); page.Code != 200 || !strings.Contains(html, `data-testid="watch-video"`) ||
		!strings.Contains(html, `src="`+up.URL+`"`) || strings.Contains(html, `data-testid="mark-done"`) {
		t.Fatalf("unit page %d", page.Code)
	}
	beat := func(body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/learn/units/"+id+"/watch", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return f.send(t, req, shopdojo.RoleLearner)
	}
	w = beat(`{"position": 0, "duration": 3.6}`)
	var st app.WatchState
	if err := json.Unmarshal(w.Body.Bytes(), &st); w.Code != 200 || err != nil || !st.Tracked || st.Duration != 3.6 {
		t.Fatalf("heartbeat: %d %s", w.Code, w.Body)
	}
	w = beat(`{"position": "x"}`)
	var e struct{ Code, Message string }
	if err := json.Unmarshal(w.Body.Bytes(), &e); w.Code != http.StatusUnprocessableEntity || err != nil || e.Code != "watch.err_heartbeat" || e.Message != "播放进度无效。" {
		t.Fatalf("a broken heartbeat: %d %s", w.Code, w.Body)
	}
	done := httptest.NewRequest("POST", "/learn/units/"+id+"/done", strings.NewReader(""))
	done.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if w := f.send(t, done, shopdojo.RoleLearner); w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "看完 90% 后自动完成") {
		t.Fatalf("click completion: %d", w.Code)
	}
	file := httptest.NewRequest("GET", up.URL, nil)
	file.Header.Set("Range", "bytes=0-3")
	if w := f.send(t, file, shopdojo.RoleLearner); w.Code != http.StatusPartialContent || w.Header().Get("Content-Type") != "video/webm" ||
		w.Body.String() != "\x1a\x45\xdf\xa3" {
		t.Fatalf("video range: %d %v", w.Code, w.Header())
	}
}

// send makes req as a person of role, same-origin.
func (f *fixture) send(t *testing.T, req *http.Request, role shopdojo.Role) *httptest.ResponseRecorder {
	t.Helper()
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(&http.Cookie{Name: "sd_session", Value: f.login(t, f.people[role])})
	w := httptest.NewRecorder()
	f.srv.Handler.ServeHTTP(w, req)
	return w
}
