package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestKnowledgeBase: a trainer writes an article in the Markdown editor
// (live preview), attaches a file and saves; the reading page lists the
// attachment; a second version with a change note shows in the diff; an
// overdue item is marked reviewed from the review list; a learner does not
// see the confidential item in the list, by its address or its file; the
// learner asks on the article, the trainer answers and promotes the answer
// to an FAQ entry. Screenshots in Chinese, English and at phone width.
func TestKnowledgeBase(t *testing.T) {
	s := start(t)
	dir := t.TempDir()
	sheet, pdf := filepath.Join(dir, "大促复盘表.xlsx"), filepath.Join(dir, "复盘会议纪要.pdf")
	must(t, os.WriteFile(sheet, []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"), 0o600))
	must(t, os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"), 0o600))

	trainer := browser(t, 1440, 1000, false)
	signIn(t, trainer, s, "SD9002", app.DemoPassword)
	do(t, trainer, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(css("[data-testid=home-kb-due]")),
		chromedp.WaitVisible(css("[data-testid=kb-count]")), chromedp.Navigate(s.url+"/kb"), chromedp.WaitVisible(css("[data-testid=kb-list]")))
	waitText(t, trainer, "[data-testid=kb-tree]", "客服售后")
	s.shot(t, trainer, "kb-00-index")

	// Write: the preview is the server's rendering of the text as typed.
	do(t, trainer, chromedp.Navigate(s.url+"/kb/new?kind=article"), chromedp.WaitVisible(css("[data-testid=kb-form]")),
		chromedp.SendKeys(css("#title"), "大促复盘怎么开"),
		chromedp.SendKeys(css("#body"), "## 复盘三问\n\n- 目标达成了吗\n- 哪一步掉了链子\n- 下次先改什么\n"))
	waitText(t, trainer, "[data-testid=kb-preview] h2", "复盘三问")
	do(t, trainer, chromedp.SetUploadFiles(css("[data-testid=kb-attach]"), []string{sheet, pdf}),
		chromedp.SendKeys(css("#tags"), "大促, 复盘"), chromedp.SendKeys(css("[data-testid=kb-note]"), "初稿"))
	topShot(t, s, trainer, "kb-01-editor")
	do(t, trainer, chromedp.Click(css("[data-testid=kb-save]")), chromedp.WaitVisible(css("[data-testid=kb-title]")))
	waitText(t, trainer, "[data-testid=attachments]", "大促复盘表.xlsx")
	waitText(t, trainer, "[data-testid=kb-body] h2", "复盘三问")
	article := eval[string](t, trainer, `location.pathname`)
	s.shot(t, trainer, "kb-02-article")

	// A second version: the note is required, and the diff shows the change.
	do(t, trainer, chromedp.Click(css("[data-testid=kb-edit]")), chromedp.WaitVisible(css("[data-testid=kb-form]")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#body").value += "\n会后 24 小时内把结论发到群里。\n"`),
		chromedp.Click(css("[data-testid=kb-save]")),
		chromedp.WaitVisible(css(".field.has-error #note")))
	if got := value(t, trainer, "#body"); !strings.Contains(got, "24 小时") {
		t.Fatal("the refused save lost the edit")
	}
	do(t, trainer, chromedp.SendKeys(css("[data-testid=kb-note]"), "补充会后动作"), chromedp.Click(css("[data-testid=kb-save]")),
		chromedp.WaitVisible(css("[data-testid=kb-title]")), chromedp.Click(css("[data-testid=kb-versions]")),
		chromedp.WaitVisible(css("[data-testid=versions-table]")))
	waitText(t, trainer, "[data-testid=versions-table]", "补充会后动作")
	do(t, trainer, chromedp.Click(`//a[contains(@href, "/compare")]`), chromedp.WaitVisible(css("[data-testid=diff]")))
	if got := eval[string](t, trainer, newSide); !strings.Contains(got, "24 小时") {
		t.Errorf("diff highlights %q", got)
	}
	s.shot(t, trainer, "kb-03-diff")

	// The review list: the trainer's own overdue demo items.
	do(t, trainer, chromedp.Navigate(s.url+"/kb/reviews"), chromedp.WaitVisible(css("[data-testid=kb-review-list]")))
	before := eval[int](t, trainer, `document.querySelectorAll("[data-testid=kb-review-row]").length`)
	s.shot(t, trainer, "kb-04-reviews")
	do(t, trainer, chromedp.Click(css("[data-testid=kb-review-mark]")), chromedp.WaitVisible(css(".toast")))
	if after := eval[int](t, trainer, `document.querySelectorAll("[data-testid=kb-review-row]").length`); after != before-1 {
		t.Errorf("review list: %d rows before marking, %d after", before, after)
	}

	// The confidential item: not in the learner's list, not by address, not its file.
	secret, file := confidentialItem(t, s)
	learner := browser(t, 390, 844, true)
	signIn(t, learner, s, "SD1003", app.DemoPassword)
	do(t, learner, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/kb"), chromedp.WaitVisible(css("[data-testid=kb-list]")))
	if strings.Contains(text(t, learner, "main"), "供应商底价表") {
		t.Error("the learner's list shows the confidential item")
	}
	s.shot(t, learner, "kb-05-index-phone")
	do(t, learner, chromedp.Navigate(s.url+"/kb/"+secret), chromedp.WaitVisible(css("main")))
	if got := text(t, learner, "main"); !strings.Contains(got, "找不到") || strings.Contains(got, "底价") {
		t.Errorf("the confidential item by address: %q", got)
	}
	do(t, learner, chromedp.Navigate(s.url+"/files/"+file), chromedp.WaitReady(css("body")))
	if got := text(t, learner, "body"); !strings.Contains(got, "找不到") {
		t.Errorf("the confidential item's file: %q", got)
	}

	// A question on the article, answered and promoted to FAQ.
	const question = "复盘会一般开多久？"
	do(t, learner, chromedp.Navigate(s.url+article), chromedp.WaitVisible(css("[data-testid=kb-ask]")),
		chromedp.SendKeys(css("[data-testid=kb-ask-text]"), question), chromedp.Click(css("[data-testid=kb-ask-submit]")),
		chromedp.WaitVisible(css(".toast")))
	waitText(t, learner, "[data-testid=kb-questions]", question)
	s.shot(t, learner, "kb-06-article-phone")
	do(t, trainer, chromedp.Navigate(s.url+"/kb/questions"), chromedp.WaitVisible(css("[data-testid=kb-to-answer]")),
		chromedp.SendKeys(`//div[@data-testid="kb-open-q"][contains(., "`+question+`")]//textarea`, "控制在一小时内，先看数据再讨论。"),
		chromedp.Click(`//div[@data-testid="kb-open-q"][contains(., "`+question+`")]//button`), chromedp.WaitVisible(css(".toast")))
	s.shot(t, trainer, "kb-07-questions")
	do(t, trainer, chromedp.Click(`//div[@data-testid="kb-done-q"][contains(., "`+question+`")]//button[@data-testid="kb-promote"]`),
		chromedp.WaitVisible(css("[data-testid=kb-title]")))
	waitText(t, trainer, "[data-testid=kb-title]", "复盘会一般开多久")
	waitText(t, trainer, "[data-testid=kb-body]", "一小时")
	do(t, learner, chromedp.Navigate(s.url+"/kb/questions"), chromedp.WaitVisible(css("[data-testid=kb-mine]")))
	waitText(t, learner, "[data-testid=kb-mine]", "已整理为 FAQ")

	// The knowledge map lists items under their modules and SOPs.
	do(t, learner, chromedp.Navigate(s.url+"/curriculum/map"), chromedp.WaitVisible(css("[data-testid=kmap-kb]")))
	waitText(t, learner, "[data-testid=kmap-kb]", "退款率过高的排查步骤")

	// English, on the desk and on the phone: a demo case and a template.
	do(t, trainer, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.Navigate(s.url+"/kb?kind=case"),
		chromedp.WaitVisible(css("[data-testid=kb-list]")), chromedp.Click(css("[data-testid=kb-item] a")), chromedp.WaitVisible(css("[data-testid=kb-case]")))
	waitText(t, trainer, "[data-testid=kb-case]", "Lessons learned")
	s.shot(t, trainer, "kb-08-case-en")
	do(t, learner, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.Navigate(s.url+"/kb?kind=template"),
		chromedp.WaitVisible(css("[data-testid=kb-list]")), chromedp.Click(`//a[contains(., "Big-sale schedule")]`), chromedp.WaitVisible(css("[data-testid=kb-template]")))
	waitText(t, learner, "[data-testid=kb-history]", "v1")
	s.shot(t, learner, "kb-09-template-phone-en")
	do(t, trainer, chromedp.Navigate(s.url+"/kb/new?kind=case"), chromedp.WaitVisible(css("[data-testid=kb-case-lessons]")))
	topShot(t, s, trainer, "kb-10-case-editor-en")
	do(t, trainer, chromedp.Navigate(s.url+"/kb/categories"), chromedp.WaitVisible(css("[data-testid=kb-categories]")))
	s.shot(t, trainer, "kb-11-categories-en")
}

// confidentialItem is the demo's confidential item and its file.
func confidentialItem(t *testing.T, s *site) (id, file string) {
	t.Helper()
	ctx, sys := context.Background(), app.SystemActor("test")
	l, err := s.srv.App.ListKB(ctx, sys, app.KBFilter{Limit: 200})
	must(t, err)
	for _, it := range l.Items {
		if it.Confidential() {
			v, err := s.srv.App.GetKB(ctx, sys, it.ID)
			must(t, err)
			if len(v.Files) == 0 {
				t.Fatal("the confidential item has no file")
			}
			return it.ID, v.Files[0].ID
		}
	}
	t.Fatal("the demo has no confidential item")
	return "", ""
}
