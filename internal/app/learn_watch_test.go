package app_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// watchEnv is the built-in curriculum with two published watch units on
// an uploaded video (one no-skip, 100 s as measured at upload; one free,
// its length unknown) and one on a link elsewhere.
type watchEnv struct {
	*env
	learner, other         app.Actor
	noSkip, free, linkUnit string
}

func newWatchEnv(t *testing.T) *watchEnv {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	_, learner := e.person("L1", "学员", "", shopdojo.RoleLearner)
	_, other := e.person("L2", "同事", "", shopdojo.RoleLearner)
	video, err := os.ReadFile(filepath.Join("testdata", "watch-fixture.webm"))
	e.must(err)
	if _, err := e.app.UploadVideo(e.ctx, learner, "v.webm", bytes.NewReader(video)); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner uploaded a video: %v", err)
	}
	if _, err := e.app.UploadVideo(e.ctx, trainer, "v.txt", bytes.NewReader([]byte("not a video"))); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("a text file was taken as a video: %v", err)
	}
	f, err := e.app.UploadVideo(e.ctx, trainer, "千牛导览.webm", bytes.NewReader(video))
	e.must(err)
	if f.ContentType != "video/webm" {
		t.Fatalf("stored as %s", f.ContentType)
	}
	if _, obj, err := e.app.OpenFile(e.ctx, learner, f.ID); err != nil {
		t.Fatalf("a learner cannot watch the video: %v", err)
	} else {
		obj.Close()
	}
	unit := func(video string, noSkip bool, secs float64) string {
		in := app.LessonEdit{Kind: curriculum.KindWatch, Title: "千牛工作台导览", TitleEN: "Workbench tour", Minutes: 5, Level: "L1",
			Video: video, NoSkip: noSkip, VideoSeconds: secs, Body: "看完视频。", BodyEN: "Watch the video.", Note: "新增视频", Submit: true}
		id, mid, err := e.app.CreateUnit(e.ctx, trainer, "m01-c01", in)
		e.must(err)
		e.must(e.app.ReviewVersion(e.ctx, mgr, mid, 1, true, ""))
		return id
	}
	bad := app.LessonEdit{Kind: curriculum.KindWatch, Title: "视频", TitleEN: "Video", Minutes: 5, Level: "L1",
		Video: "/files/nope", Body: "看", BodyEN: "Watch", Note: "新增"}
	if _, _, err := e.app.CreateUnit(e.ctx, trainer, "m01-c01", bad); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("a unit on a missing file was created: %v", err)
	}
	w := &watchEnv{env: e, learner: learner, other: other}
	w.noSkip = unit("/files/"+f.ID, true, 100)
	w.free = unit("/files/"+f.ID, false, 0)
	w.linkUnit = unit("https://example.com/videos/tour", false, 0)
	return w
}

func (w *watchEnv) beat(ac app.Actor, unit string, pos, dur float64) app.WatchState {
	w.t.Helper()
	st, err := w.app.WatchHeartbeat(w.ctx, ac, unit, app.Heartbeat{Position: pos, Duration: dur})
	w.must(err)
	return st
}

func (w *watchEnv) status(ac app.Actor, unit string) (string, int64) {
	w.t.Helper()
	v, err := w.app.OpenUnit(w.ctx, ac, unit)
	w.must(err)
	return v.Status, v.DoneVersion
}

// TestWatchNoSkip: under no_skip a seek ahead earns only the wall-clock
// time since the previous heartbeat (×2 + 2 s), a long absence earns at
// most a capped gap, and the unit is done at 90 % of the stored length
// (not the length the player claims), with its version; a click cannot
// finish it and nobody else's progress moves.
func TestWatchNoSkip(t *testing.T) {
	w := newWatchEnv(t)
	u := w.noSkip
	if st := w.beat(w.learner, u, 0, 5); st.Watched != 0 || st.Duration != 100 || !st.NoSkip {
		t.Fatalf("first beat %+v", st)
	}
	w.now = w.now.Add(5 * time.Second)
	if st := w.beat(w.learner, u, 60, 100); st.Watched != 12 || st.Position != 12 || st.Percent != 12 {
		t.Fatalf("a seek to 60 s after 5 s: %+v", st)
	}
	w.now = w.now.Add(24 * time.Hour)
	if st := w.beat(w.learner, u, 99, 100); st.Watched != 12+62 {
		t.Fatalf("a day away, then a seek to the end: %+v", st)
	}
	for pos := 79.0; pos <= 89; pos += 5 {
		w.now = w.now.Add(5 * time.Second)
		if st := w.beat(w.learner, u, pos, 100); st.Watched != pos || st.Done {
			t.Fatalf("at %v s: %+v", pos, st)
		}
	}
	if s, _ := w.status(w.learner, u); s == app.StateDone {
		t.Fatal("done before 90 %")
	}
	if c, err := w.app.LearningCourse(w.ctx, w.learner, "m01-c01"); err != nil || c.Watched[u] != 89 || c.Status[u] != app.StateStarted {
		t.Fatalf("the course page shows %d %% watched, %q (want 89, started): %v", c.Watched[u], c.Status[u], err)
	}
	if c, err := w.app.LearningCourse(w.ctx, w.other, "m01-c01"); err != nil || len(c.Watched) != 0 {
		t.Fatalf("another learner's course page shows %v watched: %v", c.Watched, err)
	}
	if err := w.app.CompleteUnit(w.ctx, w.learner, u); kind(err) != shopdojo.KindConflict {
		t.Fatalf("a click finished an uploaded video: %v", err)
	} else if e, _ := err.(*shopdojo.Error); e == nil || e.Msg != "watch.err_click_done" {
		t.Fatalf("refused with %v", err)
	}
	w.now = w.now.Add(5 * time.Second)
	if st := w.beat(w.learner, u, 92, 100); !st.Done || st.Percent != 92 {
		t.Fatalf("at 92 s: %+v", st)
	}
	v, err := w.app.OpenUnit(w.ctx, w.learner, u)
	w.must(err)
	if v.Status != app.StateDone || v.DoneVersion != v.Version || v.Version == 0 {
		t.Fatalf("unit progress %+v", v)
	}
	if c, err := w.app.LearningCourse(w.ctx, w.learner, "m01-c01"); err != nil || len(c.Watched) != 0 {
		t.Fatalf("a finished video is still shown as watched %v: %v", c.Watched, err)
	}
	st, err := w.app.WatchProgress(w.ctx, w.learner, u)
	w.must(err)
	if st.Position != 92 || st.Percent != 92 || !st.Done {
		t.Fatalf("progress read back %+v", st)
	}
	if st, err := w.app.WatchProgress(w.ctx, w.other, u); err != nil || st.Watched != 0 || st.Done {
		t.Fatalf("the other learner's progress %+v %v", st, err)
	}
	if s, _ := w.status(w.other, u); s == app.StateDone {
		t.Fatal("the other learner's unit is done")
	}
}

// TestWatchFree: without no_skip the furthest position counts; the length
// is the longest the player reported, so a player claiming a shorter one
// later cannot finish early.
func TestWatchFree(t *testing.T) {
	w := newWatchEnv(t)
	u := w.free
	w.beat(w.learner, u, 0, 50)
	if st := w.beat(w.learner, u, 40, 50); st.Watched != 40 || st.Percent != 80 || st.Done {
		t.Fatalf("a seek to 40 s: %+v", st)
	}
	if st := w.beat(w.learner, u, 10, 10); st.Watched != 40 || st.Duration != 50 || st.Position != 10 || st.Done {
		t.Fatalf("a shorter length claimed: %+v", st)
	}
	if st := w.beat(w.learner, u, 45, 50); !st.Done {
		t.Fatalf("at 90 %%: %+v", st)
	}
	if s, _ := w.status(w.learner, u); s != app.StateDone {
		t.Fatalf("unit %s", s)
	}
}

// TestWatchRefusals: unknown and non-watch units are not found, a link
// elsewhere takes no heartbeats but is done by a click, and a heartbeat
// must hold real seconds.
func TestWatchRefusals(t *testing.T) {
	w := newWatchEnv(t)
	for _, id := range []string{"m01-c01-u99", "m01-c01-u01"} {
		if _, err := w.app.WatchHeartbeat(w.ctx, w.learner, id, app.Heartbeat{Position: 1, Duration: 10}); kind(err) != shopdojo.KindNotFound {
			t.Errorf("%s: %v", id, err)
		}
	}
	if _, err := w.app.WatchHeartbeat(w.ctx, w.learner, w.linkUnit, app.Heartbeat{Position: 1, Duration: 10}); kind(err) != shopdojo.KindConflict {
		t.Errorf("a link took a heartbeat: %v", err)
	}
	if st, err := w.app.WatchProgress(w.ctx, w.learner, w.linkUnit); err != nil || st.Tracked {
		t.Errorf("a link is tracked: %+v %v", st, err)
	}
	w.must(w.app.CompleteUnit(w.ctx, w.learner, w.linkUnit))
	for _, hb := range []app.Heartbeat{{Position: -1, Duration: 10}, {Position: math.NaN(), Duration: 10}, {Position: 1, Duration: math.Inf(1)}} {
		if _, err := w.app.WatchHeartbeat(w.ctx, w.learner, w.free, hb); kind(err) != shopdojo.KindInvalid {
			t.Errorf("heartbeat %+v: %v", hb, err)
		}
	}
	if _, err := w.app.WatchHeartbeat(w.ctx, app.Actor{}, w.free, app.Heartbeat{}); kind(err) != shopdojo.KindForbidden {
		t.Errorf("no person: %v", err)
	}
}
