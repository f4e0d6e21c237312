package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestExamListSources: a trainer's exam list shows the exams made by
// hand; choosing 课程测验 shows the curriculum's quizzes with their badge,
// and 全部 both; in English too.
func TestExamListSources(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD9002", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css(".user-name")), chromedp.Click(css(`a.nav-item[href="/exams"]`)),
		chromedp.WaitVisible(css("[data-testid=exams-table]")))
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-testid=curriculum-badge]").length`); n != 0 {
		t.Fatalf("%d curriculum exams among the hand-made", n)
	}
	waitText(t, ctx, "[data-testid=exams-table]", "客服上岗考试（第 4 期）")
	// Pick and fire the change in one script, as toLocale does: two
	// protocol calls race the reload the change causes.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#f-source');
		s.value = 'curriculum'; s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	waitURL(t, ctx, "source=curriculum")
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=curriculum-badge]")))
	rows := eval[int](t, ctx, `document.querySelectorAll("[data-testid=exams-table] tbody tr").length`)
	if b := eval[int](t, ctx, `document.querySelectorAll("[data-testid=curriculum-badge]").length`); b != rows || rows == 0 {
		t.Fatalf("%d badges on %d curriculum rows", b, rows)
	}
	s.shot(t, ctx, "exam-list-00-curriculum")
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=curriculum-badge]")))
	waitText(t, ctx, "[data-testid=curriculum-badge]", "Curriculum quiz")
	waitText(t, ctx, "#f-source", "Hand-made")
	s.shot(t, ctx, "exam-list-01-curriculum-en")
}
