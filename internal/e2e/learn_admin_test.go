package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestLearnAdminManager: the training manager opens 学习进度 from the
// navigation, switches the grouping, opens the overdue list and drills
// down to a person (their stages and the versions they learned, and on to
// the person's profile), makes an assignment rule after a refused empty
// one, applies the rules, assigns a path by hand with one unknown number;
// then the same pages in English.
func TestLearnAdminManager(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1366, 900, false)
	acceptDialogs(ctx)
	signIn(t, ctx, s, "SD9001", app.DemoPassword)
	do(t, ctx, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Click(css("[data-testid=nav-progress]")),
		chromedp.WaitVisible(css("[data-testid=progress-table]")))
	if n := eval[int](t, ctx, `+document.querySelector("[data-testid=stat-people]").textContent`); n < 20 {
		t.Fatalf("%d learners on the dashboard", n)
	}
	rows := eval[string](t, ctx, `[...document.querySelectorAll("[data-testid=group-row]")].map(e => e.textContent).join("|")`)
	if !strings.Contains(rows, "运营部") || !strings.Contains(rows, "客服部") {
		t.Fatalf("department rows %q", rows)
	}
	if got := text(t, ctx, "[data-testid=stat-overdue]"); !strings.Contains(got, "3") {
		t.Fatalf("overdue card %q", got)
	}
	s.shot(t, ctx, "admin-00-dashboard")

	do(t, ctx, chromedp.Click(`//nav[@data-testid="group-by"]/a[@data-by="position"]`),
		chromedp.WaitVisible(`//nav[@data-testid="group-by"]/a[@data-by="position"][@aria-current="page"]`))
	if rows := eval[string](t, ctx, `[...document.querySelectorAll("[data-testid=group-row]")].map(e => e.textContent).join("|")`); !strings.Contains(rows, "客服专员") {
		t.Fatalf("position rows %q", rows)
	}
	s.shot(t, ctx, "admin-01-by-position")
	do(t, ctx, chromedp.Click(`//nav[@data-testid="group-by"]/a[@data-by="store"]`),
		chromedp.WaitVisible(`//nav[@data-testid="group-by"]/a[@data-by="store"][@aria-current="page"]`))
	do(t, ctx, chromedp.Click(`(//a[@data-testid="group-row"])[1]`), chromedp.WaitVisible(css("[data-testid=progress-people]")))
	s.shot(t, ctx, "admin-02-store-people")

	do(t, ctx, chromedp.Navigate(s.url+"/progress"), chromedp.WaitVisible(css("[data-testid=stat-overdue]")),
		chromedp.Click(css("[data-testid=stat-overdue]")), chromedp.WaitVisible(css("[data-testid=overdue-table]")))
	overdue := text(t, ctx, "[data-testid=overdue-table] tbody")
	if !strings.Contains(overdue, "刘洋") || !strings.Contains(overdue, "逾期 10 天") {
		t.Fatalf("overdue list %q", overdue)
	}
	s.shot(t, ctx, "admin-03-overdue")

	do(t, ctx, chromedp.Click(`//a[@data-testid="overdue-person"][contains(., "刘洋")]`), chromedp.WaitVisible(css("[data-testid=person-path]")))
	waitText(t, ctx, "[data-testid=person-title]", "刘洋")
	if v := text(t, ctx, "[data-testid=learned-units] tbody"); !strings.Contains(v, "v1") {
		t.Fatalf("learned versions %q", v)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-testid=stage-rows] > li").length`); n != 3 {
		t.Fatalf("%d stages on 刘洋's path", n)
	}
	s.shot(t, ctx, "admin-04-person")
	do(t, ctx, chromedp.Click(css("[data-testid=person-profile]")), chromedp.WaitVisible(css(".kv")))
	waitText(t, ctx, ".page-title", "刘洋")

	// Rules: an empty rule is refused field by field; a rule by department assigns.
	do(t, ctx, chromedp.Navigate(s.url+"/progress"), chromedp.Click(css("[data-testid=tab-rules]")),
		chromedp.WaitVisible(css("[data-testid=rules-table]")))
	before := eval[int](t, ctx, `document.querySelectorAll("[data-testid=rule-row]").length`)
	do(t, ctx, chromedp.Click(css("[data-testid=rule-create]")), chromedp.WaitVisible(css(".field.has-error")))
	if got := text(t, ctx, "[data-testid=rule-form]"); !strings.Contains(got, "必填") || !strings.Contains(got, "请至少设置一个条件") {
		t.Fatalf("rule form errors %q", got)
	}
	s.shot(t, ctx, "admin-05-rule-errors")
	do(t, ctx, chromedp.SetValue(css("#path_id"), "path-content-ops"),
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#department_id');
			s.value = [...s.options].find(o => o.text.includes('内容部')).value; })()`),
		chromedp.SetValue(css("#due_days"), "45"),
		chromedp.Click(css("[data-testid=rule-create]")))
	waitText(t, ctx, ".toast", "规则已保存")
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-testid=rule-row]").length`); n != before+1 {
		t.Fatalf("%d rules after one more than %d", n, before)
	}
	do(t, ctx, chromedp.Click(css("[data-testid=rules-apply]")))
	waitText(t, ctx, ".toast", "新分配 0 人次")
	s.shot(t, ctx, "admin-06-rules")

	// By hand, with a number that names nobody.
	do(t, ctx, chromedp.Navigate(s.url+"/progress/assign"), chromedp.WaitVisible(css("[data-testid=assign-form]")),
		chromedp.SetValue(css("#path_id"), "path-ops-lead"),
		chromedp.SendKeys(css("#employee_nos"), "SD1002, SD0000\nSD1003"),
		chromedp.Click(css("[data-testid=assign-submit]")), chromedp.WaitVisible(css("[data-testid=assign-result]")))
	if got := text(t, ctx, "[data-testid=assign-result]"); !strings.Contains(got, "已为 2 人分配") || !strings.Contains(got, "SD0000") {
		t.Fatalf("assignment result %q", got)
	}
	if got := value(t, ctx, "#employee_nos"); got != "SD0000" {
		t.Fatalf("left in the box: %q", got)
	}
	s.shot(t, ctx, "admin-07-assign")

	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)))
	do(t, ctx, chromedp.Navigate(s.url+"/progress"), chromedp.WaitVisible(css("[data-testid=progress-table]")))
	waitText(t, ctx, ".page-title", "Learning progress")
	s.shot(t, ctx, "admin-08-dashboard-en")
	do(t, ctx, chromedp.Click(css("[data-testid=stat-overdue]")), chromedp.WaitVisible(css("[data-testid=overdue-table]")),
		chromedp.Click(`(//a[@data-testid="overdue-person"])[1]`), chromedp.WaitVisible(css("[data-testid=person-path]")))
	s.shot(t, ctx, "admin-09-person-en")
	do(t, ctx, chromedp.Navigate(s.url+"/progress/rules"), chromedp.WaitVisible(css("[data-testid=rules-table]")))
	s.shot(t, ctx, "admin-10-rules-en")
}

// TestLearnAdminTeamLead: 运营部's team lead sees only 运营部 on a phone,
// and no assignment pages.
func TestLearnAdminTeamLead(t *testing.T) {
	s := start(t)
	ctx := browser(t, 390, 844, true)
	signIn(t, ctx, s, "SD1001", app.DemoPassword)
	do(t, ctx, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/progress"),
		chromedp.WaitVisible(css("[data-testid=progress-table]")))
	rows := eval[string](t, ctx, `[...document.querySelectorAll("[data-testid=group-row]")].map(e => e.textContent).join("|")`)
	if rows != "运营部" {
		t.Fatalf("team lead's rows %q", rows)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-testid=tab-rules]").length`); n != 0 {
		t.Fatal("team lead sees the rules tab")
	}
	s.shot(t, ctx, "admin-11-lead-phone")
	do(t, ctx, chromedp.Click(`(//a[@data-testid="group-row"])[1]`), chromedp.WaitVisible(css("[data-testid=progress-people]")))
	if got := text(t, ctx, "[data-testid=progress-people] tbody"); strings.Contains(got, "客服") || !strings.Contains(got, "李娜") {
		t.Fatalf("team lead's people %q", got)
	}
	s.shot(t, ctx, "admin-12-lead-people-phone")
	do(t, ctx, chromedp.Click(`//a[@data-testid="progress-person"][contains(., "李娜")]`), chromedp.WaitVisible(css("[data-testid=person-path]")))
	s.shot(t, ctx, "admin-13-lead-person-phone")
	do(t, ctx, chromedp.Navigate(s.url+"/progress/rules"), chromedp.WaitVisible(css("body")))
	if got := text(t, ctx, "main"); strings.Contains(got, "新建规则") {
		t.Fatal("team lead opens the rules page")
	}
}
