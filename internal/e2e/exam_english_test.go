package e2e

import (
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestUnitQuizInEnglish: a learner who reads in English opens a unit quiz
// of the curriculum on her phone and gets the questions in English (the
// pack translates every one), answers one, submits, and reads the
// explanations in English; back in Chinese the same result is Chinese.
func TestUnitQuizInEnglish(t *testing.T) {
	s := start(t)
	ctx := browser(t, 390, 844, true)
	acceptDialogs(ctx)
	signIn(t, ctx, s, "SD1003", app.DemoPassword)
	do(t, ctx, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn/units/m01-c01-u04"),
		chromedp.WaitVisible(css("[data-testid=start-quiz]")))
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=start-quiz]")))
	do(t, ctx, chromedp.Click(css("[data-testid=start-quiz]")), chromedp.WaitVisible(css("[data-testid=q]")))
	stems := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-testid=q]")].map(s => s.querySelector(".card-body > .prose").textContent)`)
	if len(stems) != 6 {
		t.Fatalf("%d questions on the quiz", len(stems))
	}
	for _, st := range stems {
		if hasHan(st) {
			t.Errorf("a stem in Chinese on the English page: %q", st)
		}
	}
	if all := strings.Join(stems, "|"); !strings.Contains(all, "What is the root cause?") {
		t.Errorf("the English stem of m01-q01 is missing: %q", all)
	}
	// Options and ordering items are in English too (m01-q03 gives the
	// Chinese names of store types in brackets, which are left out here).
	labels := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-testid=q] .answer-option span:last-child, [data-testid=q] .order-row > span")].map(e => e.textContent.replace(/\([^)]*\)/g, ""))`)
	for _, l := range labels {
		if hasHan(l) {
			t.Errorf("an option in Chinese on the English page: %q", l)
		}
	}
	if len(labels) < 20 {
		t.Errorf("only %d option texts: %q", len(labels), labels)
	}
	if title := text(t, ctx, ".take-title"); hasHan(title) || !strings.Contains(title, "·") {
		t.Errorf("the exam's title on the English page: %q", title)
	}
	s.shot(t, ctx, "exam-en-00-take")

	// Answer the question whose English stem we know, then submit.
	do(t, ctx, chromedp.Click(`//section[@data-testid="q"][.//div[contains(., "What is the root cause?")]]//label[@class="answer-option"][.//span[contains(., "driven mainly by content")]]`))
	waitText(t, ctx, "[data-testid=save-status]", "All saved")
	do(t, ctx, chromedp.Click(css("[data-testid=finish]")), chromedp.WaitVisible(css("[data-testid=result-summary]")))
	expl := eval[string](t, ctx, `[...document.querySelectorAll("[data-testid=explanation]")].map(e => e.textContent).join("|")`)
	if !strings.Contains(expl, "Douyin Shop is content commerce") {
		t.Errorf("the released explanation is not in English: %q", expl)
	}
	if stem := text(t, ctx, "[data-testid=result-q] .prose"); hasHan(stem) {
		t.Errorf("result stem in Chinese: %q", stem)
	}
	if title := text(t, ctx, ".page-title"); hasHan(title) {
		t.Errorf("the result's title on the English page: %q", title)
	}
	s.shot(t, ctx, "exam-en-01-result")

	do(t, ctx, toLocale("zh-CN"), chromedp.WaitVisible(css(`html[lang="zh-CN"]`)), chromedp.WaitVisible(css("[data-testid=result-summary]")))
	expl = eval[string](t, ctx, `[...document.querySelectorAll("[data-testid=explanation]")].map(e => e.textContent).join("|")`)
	if !strings.Contains(expl, "抖店是内容电商") || strings.Contains(expl, "Douyin Shop is content commerce") {
		t.Errorf("the Chinese result's explanations: %q", expl)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
