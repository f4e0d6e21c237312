package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestCurriculumCreate: a trainer creates a course in a module and, before
// it is published, a test unit of three questions picked from the module's
// bank, and submits both; the training manager publishes the course and
// then the unit from the review queue; a learner opens the new course and
// takes its quiz. Screenshots in both languages.
func TestCurriculumCreate(t *testing.T) {
	s := start(t)
	const courseTitle, unitTitle = "大促广告预算规划", "小测：大促预算"
	trainer := browser(t, 1280, 900, false)
	signIn(t, trainer, s, "SD9002", app.DemoPassword)
	do(t, trainer, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/curriculum"),
		chromedp.Click(css("#m04 [data-testid=new-course]")), chromedp.WaitVisible(css("[data-testid=course-form]")),
		chromedp.SendKeys(css("#title"), courseTitle), chromedp.SendKeys(css("#title_en"), "Planning ad budgets for big sales"),
		chromedp.SetValue(css("#body"), "本课讲大促前怎样按保本ROI给各推广计划分配预算，并设好止损线。"),
		chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css(".field.has-error #body_en")))
	s.shot(t, trainer, "create-00-course-refused")
	do(t, trainer, chromedp.SetValue(css("#body_en"), "How to split the budget between campaigns by break-even ROI before a big sale, with stop-loss lines."),
		chromedp.SendKeys(css("[data-testid=edit-note]"), "新增大促广告预算课程"),
		chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css("[data-testid=versions-table]")))

	do(t, trainer, chromedp.Navigate(s.url+"/curriculum"), chromedp.WaitVisible(css("[data-testid=curriculum-drafts]")),
		chromedp.Click(`//li[@data-testid="draft-row"][contains(., "`+courseTitle+`")]//a[@data-testid="draft-new-test"]`),
		chromedp.WaitVisible(css("[data-testid=test-form]")),
		chromedp.SendKeys(css("#title"), unitTitle), chromedp.SendKeys(css("#title_en"), "Quiz: big-sale budgets"),
		chromedp.SendKeys(css("[data-testid=pick-search]"), "ROI"))
	if n := eval[int](t, trainer, `[...document.querySelectorAll("[data-pick-row]")].filter(r => !r.hidden).length`); n < 3 || n > 25 {
		t.Fatalf("%d questions match ROI", n)
	}
	do(t, trainer, chromedp.SetValue(css("#pick-type"), "single"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#pick-type").dispatchEvent(new Event("change", {bubbles: true}))`))
	if hidden := eval[bool](t, trainer, `document.querySelector("[data-testid=pick-m04-q02]").closest("tr").hidden`); !hidden {
		t.Fatal("a fill-in question is shown under the single-choice filter")
	}
	do(t, trainer, chromedp.Click(css("[data-testid=pick-m04-q01]")), chromedp.Click(css("[data-testid=pick-m04-q03]")),
		chromedp.Click(css("[data-testid=pick-m04-q06]")))
	waitText(t, trainer, "[data-testid=picked-count]", "已选 3 题")
	do(t, trainer, chromedp.SendKeys(css("[data-testid=edit-note]"), "新增大促预算小测"))
	s.shot(t, trainer, "create-01-test-unit")
	do(t, trainer, chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css("[data-testid=versions-table]")),
		chromedp.Navigate(s.url+"/curriculum"), chromedp.WaitVisible(css("[data-testid=curriculum-drafts]")))
	if got := text(t, trainer, "[data-testid=curriculum-drafts]"); !strings.Contains(got, unitTitle) || !strings.Contains(got, "待审核") {
		t.Fatalf("drafts: %q", got)
	}
	s.shot(t, trainer, "create-02-drafts")
	do(t, trainer, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=curriculum-drafts]")))
	s.shot(t, trainer, "create-03-drafts-en")

	mgr := browser(t, 1280, 900, false)
	signIn(t, mgr, s, "SD9001", app.DemoPassword)
	for _, title := range []string{courseTitle, unitTitle} {
		do(t, mgr, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/reviews"),
			chromedp.Click(`//tr[contains(., "`+title+`")]//a[contains(@class, "btn-primary")]`),
			chromedp.WaitVisible(css("[data-testid=publish]")), chromedp.Click(css("[data-testid=publish]")),
			chromedp.WaitVisible(css("[data-testid=versions-table]")))
		waitText(t, mgr, "[data-testid=versions-table] tbody tr:first-child", "已发布")
	}

	learner := browser(t, 390, 844, true)
	acceptDialogs(learner)
	signIn(t, learner, s, "SD1003", app.DemoPassword)
	do(t, learner, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/curriculum"),
		chromedp.Click(`//a[text()="`+courseTitle+`"]`), chromedp.WaitVisible(css("[data-testid=unit-list]")))
	if n := eval[int](t, learner, `document.querySelectorAll("[data-testid=new-test], [data-testid=move-to]").length`); n != 0 {
		t.Fatalf("a learner sees %d editor tools", n)
	}
	s.shot(t, learner, "create-04-course-phone")
	do(t, learner, chromedp.Click(css("[data-testid=unit-row] a")), chromedp.Click(css("[data-testid=start-quiz]")),
		chromedp.WaitVisible(css("[data-testid=progress]")))
	waitText(t, learner, "[data-testid=progress]", "0 / 3")
	for pos := range 3 {
		do(t, learner, chromedp.Click(css("section[data-pos='"+string(rune('0'+pos))+"'] .answer-option")))
	}
	waitText(t, learner, "[data-testid=progress]", "3 / 3")
	waitText(t, learner, "[data-testid=save-status]", "已全部保存")
	do(t, learner, chromedp.Click(css("[data-testid=finish]")), chromedp.WaitVisible(css("[data-testid=result-summary]")))
	s.shot(t, learner, "create-05-result-phone")
	do(t, learner, chromedp.Navigate(s.url+"/learn/courses/m04-c04"), chromedp.WaitVisible(css("[data-testid=unit-list]")),
		toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=unit-list]")))
	if got := text(t, learner, "h1"); got != "Planning ad budgets for big sales" {
		t.Fatalf("English course title %q", got)
	}
	s.shot(t, learner, "create-06-course-en")
}

// TestCurriculumMoveAndForms: the training manager moves a unit to the end
// of another course; the new-module and new-SOP forms show their problems
// in place. Screenshots in both languages.
func TestCurriculumMoveAndForms(t *testing.T) {
	s := start(t)
	mgr := browser(t, 1280, 900, false)
	signIn(t, mgr, s, "SD9001", app.DemoPassword)
	do(t, mgr, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn/courses/m01-c01"),
		chromedp.Click(`//li[@data-unit="m01-c01-u02"]//a[@data-testid="move-to"]`), chromedp.WaitVisible(css("[data-testid=move-form]")),
		chromedp.SetValue(css("[data-testid=move-target]"), "m01-c02"), chromedp.SendKeys(css("#note"), "与工作台日常操作放在一起"))
	s.shot(t, mgr, "move-00-form")
	do(t, mgr, chromedp.Click(css("[data-testid=move-submit]")), chromedp.WaitVisible(css("[data-testid=unit-list]")))
	waitText(t, mgr, ".toast", "单元已移到新课程的最后")
	order := eval[[]string](t, mgr, `[...document.querySelectorAll("[data-testid=unit-row]")].map(e => e.dataset.unit)`)
	if len(order) == 0 || order[len(order)-1] != "m01-c01-u02" {
		t.Fatalf("target course after the move: %v", order)
	}
	do(t, mgr, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)),
		chromedp.Navigate(s.url+"/curriculum/units/m01-c01-u03/move-to"), chromedp.WaitVisible(css("[data-testid=move-form]")))
	s.shot(t, mgr, "move-01-form-en")

	do(t, mgr, chromedp.Navigate(s.url+"/curriculum"), chromedp.Click(css("[data-testid=new-module]")),
		chromedp.WaitVisible(css("[data-testid=module-form]")), chromedp.SendKeys(css("#title"), "直播带货运营"),
		chromedp.SendKeys(css("#title_en"), "Live-stream selling"), chromedp.SendKeys(css("#goal-zh-0"), "能独立策划一场两小时的店铺直播"),
		chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css(".text-rows.has-error")))
	s.shot(t, mgr, "move-02-module-form-en")
	do(t, mgr, chromedp.Navigate(s.url+"/curriculum/modules/m03/sops/new"), chromedp.WaitVisible(css("[data-testid=sop-form]")),
		toLocale("zh-CN"), chromedp.WaitVisible(css(`html[lang="zh-CN"]`)), chromedp.WaitVisible(css("[data-testid=sop-form]")),
		chromedp.SendKeys(css("#title"), "开播前检查"), chromedp.SendKeys(css("#title_en"), "Pre-live check"),
		chromedp.SendKeys(css("#rule-name-0"), "抖音电商直播规范"), chromedp.Click(css("[data-testid=edit-submit]")),
		chromedp.WaitVisible(css(".alert-error")))
	s.shot(t, mgr, "move-03-sop-form")
}
