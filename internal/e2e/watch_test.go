package e2e

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestWatchUnit: a trainer uploads a short no-skip video on the unit
// editor (the browser measures its length) and the training manager
// publishes it; a new hire opens it, it plays on the page, the progress
// the server credits rises and the unit becomes done without a click. On
// the demo's own video a part-way learner resumes where she left off and a
// seek past what she watched is put back. Shown in Chinese and English.
func TestWatchUnit(t *testing.T) {
	s := start(t)
	fixture, err := filepath.Abs(filepath.Join("..", "app", "testdata", "watch-fixture.webm"))
	must(t, err)

	laptop := browser(t, 1280, 900, false)
	signIn(t, laptop, s, "SD9002", app.DemoPassword)
	do(t, laptop, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/curriculum/courses/m01-c01/units/new"),
		chromedp.WaitVisible(css("[data-testid=lesson-form]")),
		chromedp.SetValue(css("[data-testid=unit-kind]"), "watch"),
		chromedp.SendKeys(css("#title"), "开店前 3 秒检查"), chromedp.SendKeys(css("#title_en"), "The three-second check"),
		chromedp.SendKeys(css("[data-testid=lesson-body-zh]"), "看完这段短视频。"), chromedp.SendKeys(css("#body_en"), "Watch this short video."),
		chromedp.Click(css("[data-testid=no-skip]")), chromedp.SendKeys(css("[data-testid=edit-note]"), "新增测试视频"),
		chromedp.SetUploadFiles(css("[data-testid=video-file]"), []string{fixture}))
	waitText(t, laptop, ".video-field [data-ref=status]", "0:03")
	if url := value(t, laptop, "[data-testid=video-url]"); !strings.HasPrefix(url, "/files/") {
		t.Fatalf("video field %q after the upload", url)
	}
	if secs := value(t, laptop, "input[name=video_seconds]"); secs != "3.6" {
		t.Fatalf("measured %q s", secs)
	}
	eval[bool](t, laptop, `(() => { document.activeElement.blur(); window.scrollTo(0, 0); return true })()`)
	s.shot(t, laptop, "watch-00-editor")
	do(t, laptop, chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css(".toast")))
	loc := eval[string](t, laptop, `location.pathname`)
	mid := strings.TrimSuffix(strings.TrimPrefix(loc, "/materials/"), "/versions")
	mgr := demoActor(t, s, "SD9001")
	must(t, s.srv.App.ReviewVersion(context.Background(), mgr, mid, 1, true, ""))
	learner := demoActor(t, s, "SD2006")
	c, err := s.srv.App.LearningCourse(context.Background(), learner, "m01-c01")
	must(t, err)
	unit := c.Course.Units[len(c.Course.Units)-1]
	if unit.VideoSeconds != 3.6 || !unit.NoSkip || unit.VideoFile() == "" {
		t.Fatalf("published unit %+v", unit)
	}

	tab := browser(t, 1280, 900, false)
	signIn(t, tab, s, "SD2006", app.DemoPassword)
	do(t, tab, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn/units/"+unit.ID),
		chromedp.WaitVisible(css("[data-testid=watch-video]")))
	waitText(t, tab, "[data-testid=watch-percent]", "已观看 0%")
	if eval[int](t, tab, `document.querySelectorAll("[data-testid=mark-done]").length`) != 0 {
		t.Fatal("an uploaded video offers 标记完成")
	}
	if !await[bool](t, tab, `(() => new Promise((ok) => { const v = document.querySelector("[data-testid=watch-video]");
		if (v.readyState >= 1) ok(true); else v.addEventListener("loadedmetadata", () => ok(true)); }))()`) {
		t.Fatal("the video does not load")
	}
	s.shot(t, tab, "watch-01-unit")
	eval[bool](t, tab, `(() => { const v = document.querySelector("[data-testid=watch-video]"); v.muted = true; v.play(); return true })()`)
	deadline := time.Now().Add(30 * time.Second)
	for eval[bool](t, tab, `document.querySelector("[data-testid=watch-done]").hidden`) {
		if time.Now().After(deadline) {
			t.Fatalf("not done after playing: %s", text(t, tab, "[data-testid=watch-percent]"))
		}
		time.Sleep(200 * time.Millisecond)
	}
	waitText(t, tab, "[data-testid=watch-percent]", "已观看 100%")
	s.shot(t, tab, "watch-02-done")
	do(t, tab, chromedp.Reload(), chromedp.WaitVisible(css("[data-testid=unit-done]")))
	v, err := s.srv.App.OpenUnit(context.Background(), learner, unit.ID)
	must(t, err)
	if v.Status != app.StateDone || v.DoneVersion != v.Version {
		t.Fatalf("unit progress %+v", v)
	}
	do(t, tab, toLocale("en"), chromedp.WaitVisible(css("[data-testid=unit-done]")))
	waitText(t, tab, "[data-testid=watch-percent]", "Watched 100%")
	s.shot(t, tab, "watch-03-done-en")

	// 赵敏 watched 62 % of the demo's no-skip video: the page resumes
	// there, and a seek to the end is put back.
	phone := browser(t, 390, 844, true)
	signIn(t, phone, s, "SD1007", app.DemoPassword)
	wb, err := s.srv.App.LearningCourse(context.Background(), learner, "m01-c02")
	must(t, err)
	demo := wb.Course.Units[0].ID
	do(t, phone, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn/units/"+demo),
		chromedp.WaitVisible(css("[data-testid=watch-resume]")))
	waitText(t, phone, "[data-testid=watch-percent]", "已观看 62%")
	at := await[float64](t, phone, `new Promise((ok) => { const v = document.querySelector("[data-testid=watch-video]");
		const f = () => ok(v.currentTime); if (v.readyState >= 1) setTimeout(f, 100); else v.addEventListener("loadedmetadata", () => setTimeout(f, 100)); })`)
	if at < 19 || at > 20 {
		t.Fatalf("resumed at %v s, want 19.5", at)
	}
	after := await[float64](t, phone, `new Promise((ok) => { const v = document.querySelector("[data-testid=watch-video]");
		v.addEventListener("seeked", () => setTimeout(() => ok(v.currentTime), 150), { once: true }); v.currentTime = 30; })`)
	if after > 21 {
		t.Fatalf("a seek to 30 s stayed at %v s", after)
	}
	settled := `new Promise((ok) => { const v = document.querySelector("[data-testid=watch-video]");
		const f = () => (!v.seeking && v.readyState >= 2 ? ok(true) : setTimeout(f, 50)); f(); })`
	await[bool](t, phone, settled)
	s.shot(t, phone, "watch-04-resume")
	do(t, phone, toLocale("en"), chromedp.WaitVisible(css("[data-testid=watch-resume]")))
	waitText(t, phone, "[data-testid=watch-resume]", "Resuming where you left off at 0:19")
	await[bool](t, phone, settled)
	s.shot(t, phone, "watch-05-resume-en")
	// The course page says how far she is.
	do(t, phone, chromedp.Navigate(s.url+"/learn/courses/m01-c02"), chromedp.WaitVisible(css("#u-"+demo)))
	waitText(t, phone, "#u-"+demo+" .badge", "Watched 62%")
}

// await evaluates js and waits for the promise it returns.
func await[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}
