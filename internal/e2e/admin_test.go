package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAdminFirstDay follows a new installation's administrator: sign in
// with the printed password, change it, create a department, add a person,
// switch to English and find both changes on the audit page.
func TestAdminFirstDay(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1280, 900, false)
	do(t, ctx, chromedp.Navigate(s.url+"/login"), chromedp.WaitVisible(css("#login")))
	s.shot(t, ctx, "01-login")
	signIn(t, ctx, s, "admin", s.adminPW)
	do(t, ctx, chromedp.WaitVisible(css("#old_password")))
	s.shot(t, ctx, "02-must-change")
	do(t, ctx, chromedp.SendKeys(css("#old_password"), s.adminPW),
		chromedp.SendKeys(css("#password"), "一个足够长的新密码"),
		chromedp.SendKeys(css("#password2"), "一个足够长的新密码"),
		chromedp.Click(css("form.form button[type=submit]")),
		chromedp.WaitVisible(css(".toast")))
	do(t, ctx, chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(css("[data-testid=stat-active]")), chromedp.Sleep(600*time.Millisecond))
	s.shot(t, ctx, "03-home")
	if got := text(t, ctx, "[data-testid=stat-active]"); got != "34" { // the demo company's active people
		t.Errorf("active people on home: %q", got)
	}
	// Create a department; an empty name is refused with a field error first.
	do(t, ctx, chromedp.Navigate(s.url+"/departments"), chromedp.Click(css(".page-actions a.btn-primary")),
		chromedp.WaitVisible(css("#name")),
		chromedp.Click(css("form.form button[type=submit]")),
		chromedp.WaitVisible(css(".field.has-error")))
	s.shot(t, ctx, "04-department-invalid")
	do(t, ctx, chromedp.SendKeys(css("#name"), "直播部"), chromedp.SendKeys(css("#code"), "LIVE"),
		chromedp.Click(css("form.form button[type=submit]")),
		chromedp.WaitVisible(css("[data-testid=departments-table]")))
	s.shot(t, ctx, "05-departments")
	if !strings.Contains(text(t, ctx, "[data-testid=departments-table]"), "直播部") {
		t.Fatal("new department not listed")
	}
	// Add a person to it.
	do(t, ctx, chromedp.Navigate(s.url+"/people/new"), chromedp.WaitVisible(css("#employee_no")),
		chromedp.SendKeys(css("#employee_no"), "SD6001"), chromedp.SendKeys(css("#name"), "主播小林"),
		chromedp.SendKeys(css("#mobile"), "13900139001"))
	do(t, ctx, chromedp.SetValue(css("#department_id"), optionValue(t, ctx, "#department_id", "直播部")))
	s.shot(t, ctx, "06-person-form")
	do(t, ctx, chromedp.Click(css("form.form button[type=submit]")), chromedp.WaitVisible(css(".kv")))
	s.shot(t, ctx, "07-person")
	if got := text(t, ctx, ".page-subtitle"); !strings.Contains(got, "直播部") {
		t.Fatalf("person page: %q", got)
	}
	// Switch the language; it sticks across pages.
	do(t, ctx, toLocale("en"),
		chromedp.WaitVisible(css(`html[lang="en"]`)),
		chromedp.Navigate(s.url+"/audit"), chromedp.WaitVisible(css("[data-testid=audit-table]")))
	s.shot(t, ctx, "08-audit-en")
	audit := text(t, ctx, "[data-testid=audit-table]")
	for _, want := range []string{"Department created", "直播部", "Person added", "主播小林", "Password changed"} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	do(t, ctx, chromedp.Click(css("[data-testid=audit-verify]")), chromedp.WaitVisible(css("[data-testid=verify-result]")))
	s.shot(t, ctx, "08b-audit-verify-en")
	if got := text(t, ctx, "[data-testid=verify-result]"); !strings.Contains(got, "Intact") {
		t.Errorf("verify: %q", got)
	}
	do(t, ctx, chromedp.Navigate(s.url+"/people"), chromedp.WaitVisible(css("[data-testid=people-table]")))
	s.shot(t, ctx, "09-people-en")
	if h := text(t, ctx, "h1"); h != "People" {
		t.Errorf("English heading %q", h)
	}
}

// optionValue finds the value of the option labelled label in a select.
func optionValue(t *testing.T, ctx context.Context, sel, label string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('`+sel+` option')].find(o => o.textContent.trim() === '`+label+`').value`))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
