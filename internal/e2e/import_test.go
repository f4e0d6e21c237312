package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// rosterCSV has two good rows and one with a broken mobile number and an
// unknown department; the new manager SD7001 is a person of the same file.
const rosterCSV = "工号,姓名,手机号,部门,岗位,直属上级工号,入职日期,角色\n" +
	"SD7001,钱多多,13912340001,推广部,推广专员,,2026/11/30,主管\n" +
	"SD7002,孙小美,1391234,直播部,推广专员,SD7001,2026-11-30,学员\n" +
	"SD7003,阿土伯,13912340003,推广部,推广专员,SD7001,45991,学员\n"

// TestManagerImportsRoster follows a training manager importing a roster:
// the first try is refused with a row-numbered report and imports nothing;
// one click then imports the good rows of the kept file and prints
// activation codes; a new hire activates their account with one of them.
func TestManagerImportsRoster(t *testing.T) {
	s := start(t)
	file := filepath.Join(t.TempDir(), "花名册.csv")
	if err := os.WriteFile(file, []byte(rosterCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD9001", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=stat-active]")), chromedp.Navigate(s.url+"/people"),
		chromedp.Click(css(`.page-actions a[href="/people/import"]`)), chromedp.WaitVisible(css("#file")),
		chromedp.SetUploadFiles(css("#file"), []string{file}), chromedp.Click(css("form.form button[type=submit]")),
		chromedp.WaitVisible(css("[data-testid=import-problems]")))
	s.shot(t, ctx, "import-01-problems")
	report := text(t, ctx, "[data-testid=import-problems]")
	for _, want := range []string{"3", "1391234", "直播部"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q: %s", want, report)
		}
	}
	if _, err := s.srv.App.PersonByEmployeeNo(ctx, app.SystemActor("test"), "SD7001"); err == nil {
		t.Fatal("a refused file imported a row")
	}
	// The refused file was kept: one click imports its good rows.
	do(t, ctx, chromedp.Click(css("[data-testid=import-good-rows]")), chromedp.WaitVisible(css("[data-testid=activation-sheet]")))
	s.shot(t, ctx, "import-02-activation-sheet")
	if got := text(t, ctx, "[data-testid=import-done]"); !strings.Contains(got, "新增 2 人") {
		t.Errorf("summary %q", got)
	}
	code := text(t, ctx, ".sheet-card:last-child [data-testid=activation-code]")
	// The new hire opens the link from the QR code on their phone.
	phone := browser(t, 390, 844, true)
	do(t, phone, chromedp.Navigate(s.url+"/activate?code="+code), chromedp.WaitVisible(css("#password")),
		chromedp.SendKeys(css("#password"), "阿土伯的新密码123"), chromedp.SendKeys(css("#password2"), "阿土伯的新密码123"))
	s.shot(t, phone, "import-03-activate-phone")
	do(t, phone, chromedp.Click(css("form.form button[type=submit]")), chromedp.WaitVisible(css("[data-testid=stat-active]")))
	s.shot(t, phone, "import-04-phone-home")
	if got := text(t, phone, ".user-name"); got != "阿土伯" {
		t.Errorf("signed in as %q", got)
	}
}
