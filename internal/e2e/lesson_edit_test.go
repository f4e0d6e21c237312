package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestLessonEditWhatChanged: a trainer edits a lesson in the editor and
// submits it as a major change; the training manager compares and
// publishes it from the review queue; a learner who finished the old
// version gets a "content updated" task on 我的学习, sees the change side
// by side on the lesson and acknowledges it. Screenshots in both languages.
func TestLessonEditWhatChanged(t *testing.T) {
	s := start(t)
	const unit = "/learn/units/m01-c01-u01"
	trainer := browser(t, 1280, 900, false)
	signIn(t, trainer, s, "SD9002", app.DemoPassword)
	do(t, trainer, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+unit),
		chromedp.WaitVisible(css("[data-testid=edit-unit]")), chromedp.Click(css("[data-testid=edit-unit]")),
		chromedp.WaitVisible(css("[data-testid=lesson-form]")))
	title := value(t, trainer, "#title")
	do(t, trainer, chromedp.Evaluate[chromedp.Void](`document.querySelector("#body").value += "\n## 新增：大促前自查\n\n大促前一周把店铺体检分、类目资质和活动报名状态各看一遍，发现问题当天处理。\n"`),
		chromedp.Click(css("[data-testid=edit-major]")), chromedp.Click(css("[data-testid=edit-submit]")),
		chromedp.WaitVisible(css(".field.has-error #note")))
	if got := value(t, trainer, "#body"); !strings.Contains(got, "大促前自查") {
		t.Fatal("the refused save lost the edit")
	}
	s.shot(t, trainer, "edit-00-form")
	do(t, trainer, chromedp.SendKeys(css("[data-testid=edit-note]"), "新增大促前自查一节"),
		chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css("[data-testid=versions-table]")))
	waitText(t, trainer, "[data-testid=versions-table] tbody tr:first-child", "审核中")

	mgr := browser(t, 1280, 900, false)
	signIn(t, mgr, s, "SD9001", app.DemoPassword)
	do(t, mgr, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/reviews"),
		chromedp.WaitVisible(css("[data-testid=reviews-table]")),
		chromedp.Click(`//tr[contains(., "`+title+`")][not(contains(., ".en.md"))]//a[contains(@href, "/compare")]`),
		chromedp.WaitVisible(css("[data-testid=diff]")))
	if got := eval[string](t, mgr, newSide); !strings.Contains(got, "大促前自查") {
		t.Errorf("diff highlights %q", got)
	}
	s.shot(t, mgr, "edit-01-diff")
	do(t, mgr, chromedp.Navigate(s.url+"/reviews"), chromedp.Click(`//tr[contains(., "`+title+`")]//a[contains(@class, "btn-primary")]`),
		chromedp.WaitVisible(css("[data-testid=publish]")), chromedp.Click(css("[data-testid=publish]")),
		chromedp.WaitVisible(css("[data-testid=versions-table]")))
	waitText(t, mgr, "[data-testid=versions-table] tbody tr:first-child", "已发布")

	// SD1003 finished this lesson in the demo: she gets the task.
	learner := browser(t, 390, 844, true)
	signIn(t, learner, s, "SD1003", app.DemoPassword)
	do(t, learner, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn"),
		chromedp.WaitVisible(css("[data-testid=learn-changes]")))
	waitText(t, learner, "[data-testid=learn-changes]", "你学的是第 1 版，现在是第 2 版")
	s.shot(t, learner, "edit-02-task")
	do(t, learner, chromedp.Click(css("[data-testid=change-task]")), chromedp.WaitVisible(css("[data-testid=what-changed]")))
	if got := eval[string](t, learner, newSide); !strings.Contains(got, "大促前自查") {
		t.Errorf("learner's diff highlights %q", got)
	}
	waitText(t, learner, "[data-testid=what-changed]", "新增大促前自查一节")
	s.shot(t, learner, "edit-03-what-changed")
	do(t, learner, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=what-changed]")))
	waitText(t, learner, "[data-testid=what-changed]", "This has been updated")
	s.shot(t, learner, "edit-04-what-changed-en")
	do(t, learner, chromedp.Click(css("[data-testid=change-ack]")), chromedp.WaitVisible(css(".toast")))
	if n := eval[int](t, learner, `document.querySelectorAll("[data-testid=what-changed]").length`); n != 0 {
		t.Fatal("the update is still shown after acknowledging it")
	}
	do(t, learner, chromedp.Navigate(s.url+"/learn"), chromedp.WaitVisible(css("[data-testid=my-path]")))
	if n := eval[int](t, learner, `document.querySelectorAll("[data-testid=learn-changes]").length`); n != 0 {
		t.Fatal("the task is still on 我的学习")
	}
}

// newSide is the text of a diff's new side.
const newSide = `[...document.querySelectorAll(".diff-new")].map(e => e.textContent).join("\n")`

// TestTrainerEditsSOP: a trainer adds a step to an SOP checklist in the
// editor and submits it for review.
func TestTrainerEditsSOP(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD9002", app.DemoPassword)
	do(t, ctx, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn/sops/m01-sop-daily-opening-check"),
		chromedp.WaitVisible(css("[data-testid=edit-sop]")), chromedp.Click(css("[data-testid=edit-sop]")),
		chromedp.WaitVisible(css("[data-testid=sop-form]")))
	n := eval[int](t, ctx, `[...document.querySelectorAll("textarea[name=check]")].filter(e => e.value !== "").length`)
	row := `(//li[@class="sop-edit-step"][.//textarea[@name="check"][not(normalize-space())]])[1]`
	do(t, ctx, chromedp.SendKeys(row+`//textarea[@name="check"]`, "检查店铺公告是否与当前活动一致"),
		chromedp.SendKeys(row+`//textarea[@name="check_en"]`, "Check the store notice matches the current campaign"),
		chromedp.SendKeys(row+`//input[@name="evidence"]`, "店铺首页截图"),
		chromedp.SendKeys(row+`//input[@name="evidence_en"]`, "Screenshot of the store home page"),
		chromedp.SendKeys(css("[data-testid=edit-note]"), "新增公告检查"))
	s.shot(t, ctx, "edit-05-sop-form")
	do(t, ctx, chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css("[data-testid=versions-table]")))
	waitText(t, ctx, "[data-testid=versions-table] tbody tr:first-child", "审核中")
	do(t, ctx, chromedp.Navigate(s.url+"/curriculum/sops/m01-sop-daily-opening-check/edit"), chromedp.WaitVisible(css("[data-testid=sop-form]")))
	if got := eval[int](t, ctx, `[...document.querySelectorAll("textarea[name=check]")].filter(e => e.value !== "").length`); got != n+1 {
		t.Fatalf("the editor shows %d steps of the draft, want %d", got, n+1)
	}
}

// TestCourseStructure: a trainer adds a unit to a course; the training
// manager publishes it from the review queue, moves it up and archives it.
func TestCourseStructure(t *testing.T) {
	s := start(t)
	body, err := os.ReadFile(filepath.Join("..", "app", "testdata", "lesson_big_sale_check.md"))
	must(t, err)
	const course = "/learn/courses/m01-c01"
	trainer := browser(t, 1280, 900, false)
	signIn(t, trainer, s, "SD9002", app.DemoPassword)
	do(t, trainer, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+course),
		chromedp.Click(css("[data-testid=new-unit]")), chromedp.WaitVisible(css("[data-testid=lesson-form]")),
		chromedp.SendKeys(css("#title"), "大促前的店铺自查"), chromedp.SendKeys(css("#title_en"), "Checking the store before a big sale"),
		chromedp.SetValue(css("#body"), string(body)), chromedp.SetValue(css("#body_en"), "## Why check\n\nA big sale magnifies every small problem.\n"),
		chromedp.SendKeys(css("[data-testid=edit-note]"), "新增大促前自查单元"))
	s.shot(t, trainer, "structure-00-new-unit")
	do(t, trainer, chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css("[data-testid=versions-table]")))

	mgr := browser(t, 1280, 900, false)
	signIn(t, mgr, s, "SD9001", app.DemoPassword)
	do(t, mgr, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/reviews"),
		chromedp.Click(`//tr[contains(., "大促前的店铺自查")]//a[contains(@class, "btn-primary")]`),
		chromedp.WaitVisible(css("[data-testid=publish]")), chromedp.Click(css("[data-testid=publish]")),
		chromedp.WaitVisible(css("[data-testid=versions-table]")))
	do(t, mgr, chromedp.Navigate(s.url+course), chromedp.WaitVisible(css("[data-testid=unit-list]")))
	order := func() []string {
		return eval[[]string](t, mgr, `[...document.querySelectorAll("[data-testid=unit-row]")].map(e => e.dataset.unit)`)
	}
	if got := order(); len(got) != 5 || got[4] != "m01-c01-u05" {
		t.Fatalf("units after publishing %v", got)
	}
	do(t, mgr, chromedp.Click(`//li[@data-unit="m01-c01-u05"]//button[@data-testid="move-up"]`), chromedp.WaitVisible(css(".toast")))
	if got := order(); got[3] != "m01-c01-u05" {
		t.Fatalf("units after moving up %v", got)
	}
	s.shot(t, mgr, "structure-01-course")
	acceptDialogs(mgr)
	do(t, mgr, chromedp.Click(`//li[@data-unit="m01-c01-u05"]//button[@data-testid="archive-unit"]`))
	waitText(t, mgr, ".toast", "已归档")
	if got := order(); len(got) != 4 {
		t.Fatalf("units after archiving %v", got)
	}
}
