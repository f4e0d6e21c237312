package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestStyleguideUnderCSP screenshots the component page and checks that
// Alpine runs under the strict CSP (the user menu opens) and that the
// phone navigation opens from its button; browser() fails the test on any
// script error or CSP violation.
func TestStyleguideUnderCSP(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "admin", s.adminPW)
	do(t, ctx, chromedp.WaitVisible(css("#old_password")), chromedp.Navigate(s.url+"/styleguide"),
		chromedp.WaitVisible(css(".page-title")))
	s.shot(t, ctx, "styleguide")
	do(t, ctx, chromedp.Click(css(".user-menu button")), chromedp.WaitVisible(css(".dropdown-menu")))

	phone := browser(t, 390, 844, true)
	signIn(t, phone, s, "SD1003", app.DemoPassword)
	do(t, phone, chromedp.WaitVisible(css(".nav-toggle")), chromedp.Click(css(".nav-toggle")),
		chromedp.WaitVisible(css("#sidebar.open a.nav-item")))
	s.shot(t, phone, "nav-open-phone")
}
