package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestSearch follows search: a manager types a two-character word into the
// top bar and sees results with marked words appear as they type, searches
// the page by pinyin, sees a trainer-only question, and adds a synonym that
// then finds a lesson; a learner never sees the question; the page in
// English, on a phone, and the owners' insights.
func TestSearch(t *testing.T) {
	s := start(t)
	waitSearch(t, s)
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD9001", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=topbar-search]")), chromedp.SendKeys(css("[data-testid=topbar-search]"), "客服"),
		chromedp.WaitVisible(css("[data-testid=suggest-hit]")))
	if h := html(t, ctx, "#topbar-suggest"); !strings.Contains(h, "<mark>客服</mark>") {
		t.Errorf("top-bar results without marked 客服: %.300s", h)
	}
	s.shot(t, ctx, "search-01-topbar")

	// The page: typing pinyin replaces the results as one types.
	do(t, ctx, chromedp.Navigate(s.url+"/search?q="+"退款"), chromedp.WaitVisible(css("[data-testid=search-hit]")))
	s.shot(t, ctx, "search-02-page")
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid=search-q]').value = ''`), chromedp.SendKeys(css("[data-testid=search-q]"), "tuikuan"))
	waitText(t, ctx, "[data-testid=search-count]", "tuikuan")
	if h := html(t, ctx, "[data-testid=search-hits]"); !strings.Contains(h, "<mark>退款</mark>") {
		t.Errorf("pinyin results without marked 退款: %.300s", h)
	}
	s.shot(t, ctx, "search-03-pinyin")

	// Trainers see bank questions.
	searchUntilFound(t, ctx, s.url+"/search?type=question&q="+"拦截做法")
	if !strings.Contains(html(t, ctx, "[data-testid=search-hits]"), `href="/questions/`) {
		t.Error("the manager does not find the bank question")
	}

	// A synonym added by the manager applies at once.
	do(t, ctx, chromedp.Navigate(s.url+"/search?q="+"rma"), chromedp.WaitVisible(css("[data-testid=search-none]")))
	do(t, ctx, chromedp.Navigate(s.url+"/search/synonyms"), chromedp.WaitVisible(css("[data-testid=synonym-form]")),
		chromedp.SendKeys(css("[data-testid=synonym-terms]"), "RMA = 退货退款"), chromedp.Click(css("[data-testid=synonym-add]")),
		chromedp.WaitVisible(css(".toasts")))
	s.shot(t, ctx, "search-04-synonyms")
	do(t, ctx, chromedp.Navigate(s.url+"/search?q="+"rma"), chromedp.WaitVisible(css("[data-testid=search-hit]")))
	waitText(t, ctx, "[data-testid=search-hits]", "退货退款")
	s.shot(t, ctx, "search-05-synonym-found")
	do(t, ctx, chromedp.Navigate(s.url+"/search/insights"), chromedp.WaitVisible(css("[data-testid=zero-results]")))
	waitText(t, ctx, "[data-testid=zero-results]", "发票怎么开")
	s.shot(t, ctx, "search-06-insights")
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css("[data-testid=zero-results]")),
		chromedp.Navigate(s.url+"/search?q="+"直通车%20ROI"), chromedp.WaitVisible(css("[data-testid=search-hit]")))
	waitText(t, ctx, "[data-testid=search-count]", "results for")
	s.shot(t, ctx, "search-07-page-en")

	// A learner, on a phone: the question stays out of their results.
	phone := browser(t, 375, 800, true)
	signIn(t, phone, s, "SD1003", app.DemoPassword)
	do(t, phone, chromedp.WaitVisible(css("body.app")), chromedp.Navigate(s.url+"/search?q="+"拦截做法"),
		chromedp.WaitVisible(css("[data-testid=search-form]")))
	if strings.Contains(html(t, phone, "#search-results"), `href="/questions/`) {
		t.Error("a learner finds a trainer-only question")
	}
	do(t, phone, chromedp.Navigate(s.url+"/search?q="+"客服"), chromedp.WaitVisible(css("[data-testid=search-hit]")))
	s.shot(t, phone, "search-08-phone")
}

// waitSearch waits until the server loaded its dictionary and indexed the
// demo curriculum.
func waitSearch(t *testing.T, s *site) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		res, err := s.srv.App.Search(context.Background(), app.SystemActor("test"), app.SearchInput{Q: "退款"})
		if err == nil && res.Total > 0 {
			return
		}
	}
	t.Fatal("search not ready after 60 s")
}

func html(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	h, err := chromedp.Run(ctx, chromedp.InnerHTML(css(sel)))
	if err != nil {
		t.Fatalf("html of %s: %v", sel, err)
	}
	return h
}

// searchUntilFound opens a search page until it has a hit: the server
// indexes its sources in the background after start-up, which on a busy
// machine may still be running when the test gets here.
func searchUntilFound(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	js := `document.querySelector("[data-testid=search-hit]") !== null`
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(time.Second) {
		if _, err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
			continue
		}
		if found, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && found {
			return
		}
	}
	t.Fatalf("no search hit at %s within a minute", url)
}
