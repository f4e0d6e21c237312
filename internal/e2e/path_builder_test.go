package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestPathBuilder: a trainer opens the customer service path in the path
// builder, adds a stage with a course and an SOP that comes after it,
// draws a cycle and sees it refused beside both items, undoes it, takes
// the stage exam's questions from a test unit and submits; the training
// manager publishes it from the review queue; a learner on the path sees
// the new stage. Screenshots in both languages, and of the demo's own
// path draft waiting in the review queue.
func TestPathBuilder(t *testing.T) {
	s := start(t)
	const path = "/learn/paths/path-cs-specialist"
	trainer := browser(t, 1440, 1000, false)
	signIn(t, trainer, s, "SD9002", app.DemoPassword)
	do(t, trainer, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+path),
		chromedp.WaitVisible(css("[data-testid=edit-path]")), chromedp.Click(css("[data-testid=edit-path]")),
		chromedp.WaitVisible(css("[data-testid=path-builder]")))
	if n := eval[int](t, trainer, `document.querySelectorAll("[data-testid=pb-stage]").length`); n != 3 {
		t.Fatalf("the builder shows %d stages", n)
	}
	last := `(//section[@data-testid="pb-stage"])[last()]`
	do(t, trainer, chromedp.Click(css("[data-testid=add-stage]")), chromedp.WaitVisible(last+`//input[@data-testid="stage-title"]`),
		chromedp.SendKeys(last+`//input[@data-testid="stage-title"]`, "拓展：直播客服"),
		chromedp.SendKeys(last+`//input[@data-testid="stage-title-en"]`, "Extension: live-stream service"))
	add := func(q, ref string) {
		do(t, trainer, chromedp.SendKeys(last+`//input[@data-testid="item-search"]`, q),
			chromedp.WaitVisible(last+`//button[@data-ref="`+ref+`"]`), chromedp.Click(last+`//button[@data-ref="`+ref+`"]`),
			chromedp.WaitVisible(last+`//li[@data-testid="pb-item"][@data-ref="`+ref+`"]`))
	}
	add("直播", "m03-c03")
	add("直播复盘", "m03-sop-live-review")
	after := func(item, ref string) {
		row := last + `//li[@data-testid="pb-item"][@data-ref="` + item + `"]`
		do(t, trainer, chromedp.Click(row+`//details[@data-testid="item-after"]/summary`),
			chromedp.Click(row+`//label[@data-ref="`+ref+`"]/input`), chromedp.Click(row+`//details[@data-testid="item-after"]/summary`))
	}
	after("m03-sop-live-review", "m03-c03")
	do(t, trainer, chromedp.Evaluate[chromedp.Void](`(() => { const s = [...document.querySelectorAll("[data-testid=exam-from-test]")].pop();
		s.value = "m03-c03-u06"; s.dispatchEvent(new Event("change")); })()`))
	do(t, trainer, chromedp.WaitVisible(css("[data-testid=path-ok]")))
	waitText(t, trainer, "[data-testid=preview-map]", "拓展：直播客服")

	// A cycle: the course after the SOP that comes after it.
	after("m03-c03", "m03-sop-live-review")
	do(t, trainer, chromedp.WaitVisible(css("[data-testid=item-problem]")))
	waitText(t, trainer, "[data-testid=item-problem]", "循环：「直播运营与复盘」")
	if n := eval[int](t, trainer, `document.querySelectorAll(".pb-item.is-invalid").length`); n != 2 {
		t.Errorf("%d items marked for the cycle, want both", n)
	}
	top(t, trainer)
	s.shot(t, trainer, "path-00-cycle")
	do(t, trainer, chromedp.SendKeys(css("[data-testid=edit-note]"), "新增直播客服拓展阶段"), chromedp.Click(css("[data-testid=edit-submit]")),
		chromedp.WaitVisible(css("[data-testid=builder-message]")))
	waitText(t, trainer, "[data-testid=builder-message]", "未保存")
	after("m03-c03", "m03-sop-live-review")
	do(t, trainer, chromedp.WaitVisible(css("[data-testid=path-ok]")))
	top(t, trainer)
	s.shot(t, trainer, "path-01-builder")
	do(t, trainer, chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css("[data-testid=versions-table]")))
	waitText(t, trainer, "[data-testid=versions-table] tbody tr:first-child", "审核中")

	mgr := browser(t, 1280, 900, false)
	signIn(t, mgr, s, "SD9001", app.DemoPassword)
	do(t, mgr, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/reviews"),
		chromedp.WaitVisible(css("[data-testid=reviews-table]")))
	waitText(t, mgr, "[data-testid=reviews-table]", "运营专员成长路径") // the demo's draft
	s.shot(t, mgr, "path-02-review-queue")
	do(t, mgr, chromedp.Click(`//tr[contains(., "客服专员成长路径")]//a[contains(@class, "btn-primary")]`),
		chromedp.WaitVisible(css("[data-testid=publish]")), chromedp.Click(css("[data-testid=publish]")),
		chromedp.WaitVisible(css("[data-testid=versions-table]")))
	waitText(t, mgr, "[data-testid=versions-table] tbody tr:first-child", "已发布")

	learner := browser(t, 390, 844, true)
	signIn(t, learner, s, "SD2003", app.DemoPassword)
	do(t, learner, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+path),
		chromedp.WaitVisible(css("[data-testid=course-map]")))
	if n := eval[int](t, learner, `document.querySelectorAll("[data-testid=stage]").length`); n != 4 {
		t.Fatalf("the learner sees %d stages", n)
	}
	waitText(t, learner, "[data-testid=course-map] > li:last-child", "拓展：直播客服")
	waitText(t, learner, "[data-testid=course-map] > li:last-child", "直播复盘清单")
	s.shot(t, learner, "path-03-learner")

	// The builder in English, on the demo's draft of the operations path.
	do(t, trainer, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)),
		chromedp.Navigate(s.url+"/curriculum/paths/path-ops-specialist/edit"), chromedp.WaitVisible(css("[data-testid=path-builder]")))
	waitText(t, trainer, "[data-testid=preview-map]", "Extension: live selling and reviews")
	do(t, trainer, chromedp.Click(css("[data-testid=path-check]")), chromedp.WaitVisible(css("[data-testid=path-ok]")))
	top(t, trainer)
	s.shot(t, trainer, "path-04-builder-en")
	do(t, trainer, chromedp.Navigate(s.url+"/curriculum"), chromedp.WaitVisible(css("[data-testid=new-path]")),
		chromedp.Click(css("[data-testid=new-path]")), chromedp.WaitVisible(css("[data-testid=path-builder]")))
	if got := eval[string](t, trainer, `document.querySelector(".page-title").textContent`); got != "New learning path" {
		t.Errorf("new path page title %q", got)
	}

	// A new path on a phone: one column, the preview below the editor.
	phone := browser(t, 390, 844, true)
	signIn(t, phone, s, "SD9002", app.DemoPassword)
	do(t, phone, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/curriculum/paths/new"),
		chromedp.WaitVisible(css("[data-testid=path-builder]")),
		chromedp.SendKeys(css("[data-testid=stage-title]"), "入门：直播间基础"),
		chromedp.SendKeys(css("[data-testid=item-search]"), "直播"), chromedp.WaitVisible(css("[data-testid=item-results]")))
	top(t, phone)
	s.shot(t, phone, "path-05-new-mobile")
}

// top scrolls the page back up, so a full-page screenshot shows the
// sticky bars where they belong.
func top(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
}
