package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestProfileReviewFlow follows a trainer who revises a position profile and
// a training manager who reviews the change side by side and publishes it;
// a learner then reads the new version, which lands on their learning record.
func TestProfileReviewFlow(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD9002", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=stat-active]")), chromedp.Navigate(s.url+"/positions"),
		chromedp.Click(`//a[text()="推广专员"]`), chromedp.WaitVisible(css("[data-testid=profile]")))
	s.shot(t, ctx, "profile-01-published")
	do(t, ctx, chromedp.Click(css(`a[href$="/profile/edit"]`)), chromedp.WaitVisible(css("#body")))
	body := value(t, ctx, "#body")
	changed := strings.Replace(body, "## 常见误区", "## 常见误区\n\n- 大促前一晚临时大幅提价再打折，既违反价格法也伤 ROI", 1)
	if changed == body {
		t.Fatal("profile has no 常见误区 section")
	}
	// Saving without a change note is refused and keeps the text.
	do(t, ctx, chromedp.SetValue(css("#body"), changed), chromedp.Click(css(`button[value=review]`)),
		chromedp.WaitVisible(css(".field.has-error #note")))
	if got := value(t, ctx, "#body"); !strings.Contains(got, "价格法") {
		t.Fatal("refused save lost the edit")
	}
	do(t, ctx, chromedp.SendKeys(css("#note"), "补充大促定价误区"), chromedp.Click(css(`button[value=review]`)),
		chromedp.WaitVisible(css("[data-testid=versions-table]")))
	s.shot(t, ctx, "profile-02-history")
	if got := text(t, ctx, "[data-testid=versions-table] tbody tr:first-child"); !strings.Contains(got, "审核中") {
		t.Fatalf("new version: %q", got)
	}

	mgr := browser(t, 1280, 900, false)
	signIn(t, mgr, s, "SD9001", app.DemoPassword)
	do(t, mgr, chromedp.WaitVisible(css("[data-testid=review-count]")))
	badge := text(t, mgr, "[data-testid=review-count]")
	do(t, mgr, chromedp.Click(css(`a.nav-item[href="/reviews"]`)), chromedp.WaitVisible(css("[data-testid=reviews-table]")))
	// The badge counts what waits in the queue: the demo's drafts and this one.
	if rows := eval[int](t, mgr, `document.querySelectorAll("[data-testid=reviews-table] tbody tr").length`); badge != strconv.Itoa(rows) || rows < 2 {
		t.Errorf("review badge %q, %d versions in the queue", badge, rows)
	}
	do(t, mgr,
		chromedp.Click(`//tr[contains(., "推广专员")]//a[contains(@href, "/compare")]`), chromedp.WaitVisible(css("[data-testid=diff]")))
	s.shot(t, mgr, "profile-03-diff")
	if got := text(t, mgr, "[data-testid=diff] ins"); !strings.Contains(got, "价格法") {
		t.Errorf("diff highlights %q", got)
	}
	do(t, mgr, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)))
	s.shot(t, mgr, "profile-04-diff-en")
	do(t, mgr, chromedp.Navigate(s.url+"/reviews"), chromedp.Click(`//tr[contains(., "推广专员")]//a[contains(@class, "btn-primary")]`),
		chromedp.WaitVisible(css("[data-testid=publish]")), chromedp.Click(css("[data-testid=publish]")),
		chromedp.WaitVisible(css("[data-testid=versions-table]")))
	if got := text(t, mgr, "[data-testid=versions-table] tbody tr:first-child"); !strings.Contains(got, "Published") {
		t.Fatalf("after publishing: %q", got)
	}

	learner := browser(t, 390, 844, true)
	signIn(t, learner, s, "SD3003", app.DemoPassword)
	do(t, learner, chromedp.WaitVisible(css(".user-name")), chromedp.Navigate(s.url+"/positions"),
		chromedp.Click(`//a[text()="推广专员"]`), chromedp.WaitVisible(css("[data-testid=profile]")))
	s.shot(t, learner, "profile-05-learner-phone")
	if got := text(t, learner, "[data-testid=profile]"); !strings.Contains(got, "价格法") {
		t.Error("learner does not see the published change")
	}
	// Reading it went on their learning record.
	do(t, learner, chromedp.Navigate(s.url+"/account"), chromedp.WaitVisible(css("[data-testid=learning-record]")))
	s.shot(t, learner, "profile-06-learning-record-phone")
	if got := text(t, learner, "[data-testid=learning-record]"); !strings.Contains(got, "推广专员岗位说明书") || !strings.Contains(got, "阅读") {
		t.Errorf("learning record %q", got)
	}
}
