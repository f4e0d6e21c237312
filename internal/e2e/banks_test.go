package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestTrainerWritesQuestions follows a trainer who creates a bank, writes
// a multiple-choice question (first forgetting to mark the right options),
// checks the preview and key, edits it into a second version and finds
// both in its history; then adds a fill-in question.
func TestTrainerWritesQuestions(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD9002", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css(".user-name")), chromedp.Click(css(`a.nav-item[href="/banks"]`)),
		chromedp.WaitVisible(css("[data-testid=banks-table]")))
	// The demo banks are there; the case analysis shows its material and sub-questions.
	do(t, ctx, chromedp.Click(`//a[text()="推广与数据题库"]`), chromedp.WaitVisible(css("[data-testid=questions-table]")))
	bankURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(bankURL+"?type=case"), chromedp.WaitVisible(css("[data-testid=questions-table]")),
		chromedp.Click(css("[data-testid=questions-table] tbody tr:first-child a")), chromedp.WaitVisible(css(".case-material table")))
	s.shot(t, ctx, "bank-00-case")
	subs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.sub-question').length`))
	if err != nil || subs != 3 {
		t.Fatalf("case shows %d sub-questions (%v)", subs, err)
	}
	do(t, ctx, chromedp.Navigate(s.url+"/banks"), chromedp.WaitVisible(css(".page-actions a.btn-primary")), chromedp.Click(css(".page-actions a.btn-primary")),
		chromedp.WaitVisible(css("#name")), chromedp.SendKeys(css("#name"), "推广基础题库"),
		chromedp.SendKeys(css("#description"), "万相台无界、京准通与巨量千川的基础知识"),
		chromedp.Click(css("form.form button[type=submit]")), chromedp.WaitVisible(css("[data-testid=add-question]")))
	do(t, ctx, chromedp.Click(css("[data-testid=add-question]")), chromedp.Click(`//a[contains(@href, "type=multiple")]`),
		chromedp.WaitVisible(css("#opt_A")),
		chromedp.SendKeys(css("#stem"), "以下哪些是万相台无界版的推广计划类型？"),
		chromedp.SendKeys(css("#opt_A"), "货品全站推广"), chromedp.SendKeys(css("#opt_B"), "关键词推广"),
		chromedp.SendKeys(css("#opt_C"), "直通车定向推广"), chromedp.SendKeys(css("#opt_D"), "人群推广"),
		chromedp.SetValue(css("#partial"), "subset_half"), chromedp.SendKeys(css("#tags"), "module:推广 platform:tmall"),
		chromedp.Click(css("[data-testid=question-form] button[type=submit]")), chromedp.WaitVisible(css("fieldset.has-error")))
	s.shot(t, ctx, "bank-01-no-correct-option")
	do(t, ctx, chromedp.Click(css("input[name=correct_A]")), chromedp.Click(css("input[name=correct_B]")),
		chromedp.Click(css("input[name=correct_D]")),
		chromedp.SendKeys(css("#explanation"), "直通车已并入万相台无界的关键词推广，不再单列。"),
		chromedp.Click(css("[data-testid=question-form] button[type=submit]")), chromedp.WaitVisible(css("[data-testid=question-preview]")))
	s.shot(t, ctx, "bank-02-question")
	if got := text(t, ctx, "[data-testid=question-key]"); got != "ABD" {
		t.Fatalf("key %q", got)
	}
	do(t, ctx, chromedp.Click(`//a[text()="编辑"]`), chromedp.WaitVisible(css("#note")),
		chromedp.Clear(css("#opt_C")), chromedp.SendKeys(css("#opt_C"), "直通车（旧版）"),
		chromedp.SendKeys(css("#note"), "选项 C 写法更准确"),
		chromedp.Click(css("[data-testid=question-form] button[type=submit]")), chromedp.WaitVisible(css("[data-testid=question-preview]")))
	waitText(t, ctx, ".page-title", "v2")
	do(t, ctx, chromedp.Click(`//a[contains(@href, "/versions")]`), chromedp.WaitVisible(css("[data-testid=versions-table]")))
	if got := text(t, ctx, "[data-testid=versions-table]"); !strings.Contains(got, "选项 C 写法更准确") || !strings.Contains(got, "v1") {
		t.Errorf("history %q", got)
	}
	// A fill-in question, checked in English.
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)),
		chromedp.Navigate(s.url+"/banks"), chromedp.Click(`//a[text()="推广基础题库"]`), chromedp.WaitVisible(css("[data-testid=questions-table]")),
		chromedp.Click(css("[data-testid=add-question]")), chromedp.Click(`//a[contains(@href, "type=fill")]`),
		chromedp.WaitVisible(css("#blanks")), chromedp.SendKeys(css("#stem"), "推广 ROI = 推广成交金额 ÷ ____"),
		chromedp.SendKeys(css("#blanks"), "推广花费 | 花费 | 消耗"), chromedp.Click(css("[data-testid=question-form] button[type=submit]")),
		chromedp.WaitVisible(css("[data-testid=question-key]")))
	s.shot(t, ctx, "bank-03-fill-en")
	do(t, ctx, chromedp.Click(`//nav[@class="breadcrumbs"]/a[2]`), chromedp.WaitVisible(css("[data-testid=questions-table]")))
	s.shot(t, ctx, "bank-04-list-en")
	if got := text(t, ctx, "[data-testid=questions-table]"); !strings.Contains(got, "Fill in the blanks") || !strings.Contains(got, "Multiple choice") {
		t.Errorf("bank list %q", got)
	}
}

// TestTrainerEditsCaseAnalysis: the demo case analysis opens in the editor
// with its material and sub-questions; a broken sub-question is refused on
// its field, a fixed one saves as a new version.
func TestTrainerEditsCaseAnalysis(t *testing.T) {
	s := start(t)
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD9002", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css(".user-name")), chromedp.Navigate(s.url+"/banks"),
		chromedp.Click(`//a[text()="推广与数据题库"]`), chromedp.WaitVisible(css("[data-testid=questions-table]")))
	bankURL, _ := chromedp.Run(ctx, chromedp.Location())
	do(t, ctx, chromedp.Navigate(bankURL+"?type=case"), chromedp.Click(css("[data-testid=questions-table] tbody tr:first-child a")),
		chromedp.WaitVisible(css(".case-material table")), chromedp.Click(`//a[text()="编辑"]`), chromedp.WaitVisible(css("#sub_yaml")))
	subs := value(t, ctx, "#sub_yaml")
	if !strings.Contains(subs, "id: q1") || !strings.Contains(value(t, ctx, "#attachment"), "| 周一 |") {
		t.Fatalf("case editor lacks its parts: %.200s", subs)
	}
	do(t, ctx, chromedp.SetValue(css("#sub_yaml"), subs+"\n- id: q9\n  type: single\n  stem: 缺选项的子题\n  answer: A\n"),
		chromedp.SendKeys(css("#note"), "加一道子题"), chromedp.Click(css("[data-testid=question-form] button[type=submit]")),
		chromedp.WaitVisible(css("#sub_yaml[aria-invalid], .field.has-error #sub_yaml")))
	s.shot(t, ctx, "bank-05-case-error")
	fixed := strings.Replace(subs, "关于周四起加预算的效果", "关于周四起把预算翻倍的效果", 1)
	do(t, ctx, chromedp.SetValue(css("#sub_yaml"), fixed), chromedp.Click(css("[data-testid=question-form] button[type=submit]")),
		chromedp.WaitVisible(css("[data-testid=question-preview]")))
	waitText(t, ctx, "[data-testid=question-preview]", "把预算翻倍")
	waitText(t, ctx, ".page-title", "v2")
}
