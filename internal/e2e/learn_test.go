package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestNewHireLearns: a new hire signs in on a phone and finds the onboarding
// path on 我的学习, opens its course map (the second item waits for the
// first), reads the first lesson and marks it done, goes on to the next
// unit, and sees the progress on the map; the pages in English too.
func TestNewHireLearns(t *testing.T) {
	s := start(t)
	ctx := browser(t, 390, 844, true)
	signIn(t, ctx, s, "SD2006", app.DemoPassword)
	do(t, ctx, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn"), chromedp.WaitVisible(css("[data-testid=my-path]")))
	paths := eval[string](t, ctx, `[...document.querySelectorAll("[data-testid=my-path]")].map(e => e.textContent).join("|")`)
	if !strings.Contains(paths, "新人入职第一周") || !strings.Contains(paths, "客服专员") ||
		!strings.Contains(text(t, ctx, "[data-testid=learn-today]"), "平台规则") {
		t.Fatalf("new hire's learning page: %q", paths)
	}
	s.shot(t, ctx, "learn-00-home")
	do(t, ctx, chromedp.Click(`//a[@data-testid="my-path"][contains(., "新人入职第一周")]`),
		chromedp.WaitVisible(css("[data-testid=course-map]")))
	states := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-testid=map-item]")].slice(0, 2).map(e => e.dataset.state)`)
	if len(states) != 2 || states[0] != "available" || states[1] != "locked" {
		t.Fatalf("first items of the map: %v", states)
	}
	if got := text(t, ctx, "[data-testid=stage-exam]"); !strings.Contains(got, "完成必修内容后开放") {
		t.Fatalf("stage exam before the work: %q", got)
	}
	s.shot(t, ctx, "learn-01-map")
	do(t, ctx, chromedp.Click(`(//li[@data-testid="map-item"])[1]//a`), chromedp.WaitVisible(css("[data-testid=lesson-body]")))
	title := text(t, ctx, "[data-testid=unit-title]")
	s.shot(t, ctx, "learn-02-lesson")
	do(t, ctx, chromedp.Click(css("[data-testid=mark-done]")), chromedp.WaitVisible(css("[data-testid=unit-done]")))
	waitText(t, ctx, ".toast", "已标记为完成")
	do(t, ctx, chromedp.Click(css("[data-testid=next-unit]")), chromedp.WaitVisible(css("[data-testid=lesson-body]")))
	if next := text(t, ctx, "[data-testid=unit-title]"); next == title {
		t.Fatalf("next unit is the same: %q", next)
	}
	do(t, ctx, chromedp.Navigate(s.url+"/learn"), chromedp.WaitVisible(css("[data-testid=learn-continue]")))
	if got := eval[string](t, ctx, `[...document.querySelectorAll("[data-testid=my-path]")].map(e => e.textContent).join("|")`); !strings.Contains(got, "已完成 1/") {
		t.Fatalf("path progress after one lesson: %q", got)
	}
	do(t, ctx, chromedp.Click(`//a[@data-testid="my-path"][contains(., "新人入职第一周")]`),
		chromedp.WaitVisible(css("[data-testid=course-map]")))
	states = eval[[]string](t, ctx, `[...document.querySelectorAll("[data-testid=map-item]")].slice(0, 1).map(e => e.dataset.state)`)
	if states[0] != "started" {
		t.Fatalf("first item after one lesson: %v", states)
	}
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=course-map]")))
	waitText(t, ctx, "[data-testid=path-title]", "Week 1")
	s.shot(t, ctx, "learn-03-map-en")
	do(t, ctx, chromedp.Click(`(//li[@data-testid="map-item"])[1]//a`), chromedp.WaitVisible(css("[data-testid=lesson-body]")))
	s.shot(t, ctx, "learn-04-lesson-en")
	do(t, ctx, chromedp.Navigate(s.url+"/learn/sops/m01-sop-daily-opening-check"), chromedp.WaitVisible(css("[data-testid=sop-steps]")))
	s.shot(t, ctx, "learn-05-sop-en")
}

// TestCurriculumCatalogue: a manager browses the catalogue on a laptop and
// opens a course from it.
func TestCurriculumCatalogue(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1366, 900, false)
	signIn(t, ctx, s, "SD9001", app.DemoPassword)
	do(t, ctx, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/curriculum"), chromedp.WaitVisible(css("[data-testid=catalogue-modules]")))
	if n := eval[int](t, ctx, `document.querySelectorAll(".module-card").length`); n != 8 {
		t.Fatalf("%d modules in the catalogue", n)
	}
	s.shot(t, ctx, "learn-06-catalogue")
	do(t, ctx, chromedp.Click(`(//ul[@class="course-links"]//a)[1]`), chromedp.WaitVisible(css("[data-testid=unit-list]")))
	s.shot(t, ctx, "learn-07-course")
	do(t, ctx, chromedp.Navigate(s.url+"/learn/paths/path-ops-specialist"), chromedp.WaitVisible(css("[data-testid=course-map]")))
	s.shot(t, ctx, "learn-08-map-desktop")
}

// eval runs js in the page and returns its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}
