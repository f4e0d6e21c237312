package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestTrainerBuildsGroup follows a trainer who sets up the group for a new
// intake: a pasted list with a wrong number is refused by name and nothing
// is added; the corrected list and a whole department go in; one person is
// taken out again; the English page says the same.
func TestTrainerBuildsGroup(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD9002", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=stat-active]")),
		chromedp.Click(css(`a.nav-item[href="/groups"]`)), chromedp.WaitVisible(css("[data-testid=groups-table]")))
	s.shot(t, ctx, "groups-01-list")
	if got := text(t, ctx, "[data-testid=groups-table]"); !strings.Contains(got, "双11 大促作战小组") {
		t.Fatalf("demo groups missing: %q", got)
	}
	do(t, ctx, chromedp.Click(css(".page-actions a.btn-primary")), chromedp.WaitVisible(css("#name")),
		chromedp.SendKeys(css("#name"), "12 月新人训练营"),
		chromedp.SendKeys(css("#description"), "12 月入职的客服与运营新人"),
		chromedp.Click(css("form.form button[type=submit]")), chromedp.WaitVisible(css("#employee_nos")))
	do(t, ctx, chromedp.SendKeys(css("#employee_nos"), "SD2005\nSD2099"),
		chromedp.Click(css(`form[action$="/members"] button[type=submit]`)), chromedp.WaitVisible(css(".alert-error")))
	s.shot(t, ctx, "groups-02-unknown-number")
	if got := text(t, ctx, ".alert-error"); !strings.Contains(got, "SD2099") {
		t.Fatalf("error does not name the bad number: %q", got)
	}
	if got := text(t, ctx, "main"); !strings.Contains(got, "还没有成员") {
		t.Fatalf("a refused paste added someone: %q", got)
	}
	do(t, ctx, chromedp.Clear(css("#employee_nos")), chromedp.SendKeys(css("#employee_nos"), "SD2005，SD1003"),
		chromedp.SetValue(css("#add-dept"), optionValue(t, ctx, "#add-dept", "仓储物流部")),
		chromedp.Click(css(`form[action$="/members"] button[type=submit]`)), chromedp.WaitVisible(css("[data-testid=members-table]")))
	s.shot(t, ctx, "groups-03-members")
	if got := text(t, ctx, ".toast"); !strings.Contains(got, "5") {
		t.Errorf("toast %q, want 5 added", got)
	}
	do(t, ctx, chromedp.Click(css(`[data-testid=members-table] tbody tr:first-child form button`)))
	waitText(t, ctx, ".page-subtitle", "4 名成员")
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)))
	s.shot(t, ctx, "groups-04-en")
	if got := text(t, ctx, ".page-subtitle"); !strings.Contains(got, "4 members") {
		t.Errorf("English subtitle %q", got)
	}
}
