package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestKnowledgeMap: a learner opens the knowledge map from the catalogue;
// her course map is preselected and what it does not hold fades; pointing
// at a course lights what it is joined to; she switches to all content and
// jumps to an SOP from the map. The map in English too.
func TestKnowledgeMap(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1440, 900, false)
	signIn(t, ctx, s, "SD1003", app.DemoPassword)
	do(t, ctx, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/curriculum"),
		chromedp.WaitVisible(css("[data-testid=open-kmap]")), chromedp.Click(css("[data-testid=open-kmap]")),
		chromedp.WaitVisible(css("[data-testid=kmap] svg")))
	if got := value(t, ctx, "[data-testid=kmap-path]"); got != "path-ops-specialist" {
		t.Fatalf("preselected path %q", got)
	}
	in := eval[int](t, ctx, `document.querySelectorAll(".kmap-node.in-path").length`)
	all := eval[int](t, ctx, `document.querySelectorAll("[data-node]").length`)
	if in == 0 || in >= all || !eval[bool](t, ctx, `document.querySelector("[data-testid=kmap]").classList.contains("has-path")`) {
		t.Fatalf("path filter: %d of %d nodes in the path", in, all)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".kmap-node.is-done, .kmap-node.is-started").length`); n == 0 {
		t.Fatal("the learner's progress is not marked on the map")
	}
	s.shot(t, ctx, "kmap-00-path")
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-node="m01-c01"]').dispatchEvent(new MouseEvent("mouseover", {bubbles: true}))`))
	linked := eval[[]string](t, ctx, `[...document.querySelectorAll(".kmap-node.is-linked")].map(n => n.dataset.node)`)
	if !strings.Contains(strings.Join(linked, " "), "m01-c02") {
		t.Fatalf("pointing at m01-c01 lights %v", linked)
	}
	s.shot(t, ctx, "kmap-01-focus")
	do(t, ctx, chromedp.SetValue(css("[data-testid=kmap-path]"), ""),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("[data-testid=kmap-path]").dispatchEvent(new Event("change"))`))
	if eval[bool](t, ctx, `document.querySelector("[data-testid=kmap]").classList.contains("has-path")`) {
		t.Fatal("still filtered after choosing all content")
	}
	do(t, ctx, chromedp.Click(css(`[data-node="m06-sop-negative-review"]`)), chromedp.WaitVisible(css("[data-testid=sop-steps]")))
	// A competency node opens the competency catalogue at that competency.
	do(t, ctx, chromedp.Navigate(s.url+"/curriculum/map"), chromedp.WaitVisible(css("[data-testid=kmap] svg")))
	comp := eval[string](t, ctx, `document.querySelector(".kmap-competency").dataset.node`)
	do(t, ctx, chromedp.Click(css(`[data-node="`+comp+`"]`)), chromedp.WaitVisible(css("[data-testid=competencies]")))
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-testid=competency] .competency-levels li").length`); n != 4*eval[int](t, ctx, `document.querySelectorAll("[data-testid=competency]").length`) || n == 0 {
		t.Fatalf("%d level descriptors", n)
	}
	if !strings.HasSuffix(eval[string](t, ctx, `location.hash`), comp) {
		t.Fatal("the catalogue did not open at the competency")
	}
	s.shot(t, ctx, "kmap-03-competencies")
	do(t, ctx, chromedp.Navigate(s.url+"/curriculum/map"), chromedp.WaitVisible(css("[data-testid=kmap] svg")),
		toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=kmap] svg")))
	waitText(t, ctx, ".page-title", "Knowledge map")
	s.shot(t, ctx, "kmap-02-en")
}
