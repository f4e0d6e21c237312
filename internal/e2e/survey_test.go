package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestNeedsSurvey follows a training manager who starts a needs analysis
// for the demo store, builds a survey from the template (adding one
// question of their own), and sends it to a learner by employee number;
// the learner answers on a phone; the manager's needs report counts the
// answer next to the store's KPI gaps, in Chinese and English. The demo's
// own analysis, full of answers, ratings and notes, is shot too.
func TestNeedsSurvey(t *testing.T) {
	s := start(t)
	storeID := s.storeID(t, "示例家居天猫旗舰店")
	ctx := browser(t, 1280, 1000, false)
	signIn(t, ctx, s, "SD9001", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=stat-active]")), chromedp.Navigate(s.url+"/stores/"+storeID+"/diagnosis"),
		chromedp.Click(css("[data-testid=open-needs]")), chromedp.WaitVisible(css("[data-testid=needs-list]")))
	s.shot(t, ctx, "needs-01-list")
	do(t, ctx, chromedp.Clear(css("#n-title")), chromedp.SendKeys(css("#n-title"), "客服组 3 分钟响应率专项需求分析"),
		chromedp.Click(css("[data-testid=needs-create]")), chromedp.WaitVisible(css("[data-testid=needs-title]")))
	waitText(t, ctx, "[data-testid=needs-title]", "客服组")
	do(t, ctx, chromedp.Click(css("[data-testid=survey-from-template]")), chromedp.WaitVisible(css("[data-testid=builder]")))
	if v := value(t, ctx, `input[name="q0.text"]`); !strings.Contains(v, "过去一个月") {
		t.Fatalf("the template's first question: %q", v)
	}
	// An empty new question is refused with its error in place.
	do(t, ctx, chromedp.Click(css("[data-testid=add-likert]")), chromedp.WaitVisible(css("#q10")),
		chromedp.Click(css("[data-testid=survey-save]")), chromedp.WaitVisible(css("#q10 .field-error")))
	waitText(t, ctx, "#q10 .field-error", "题目不能为空")
	do(t, ctx, chromedp.SendKeys(css(`input[name="q10.text"]`), "高峰期我能在 3 分钟内回复每一位买家。"),
		chromedp.Click(css("[data-testid=survey-save]")), chromedp.WaitVisible(css("[data-testid=builder]")))
	waitText(t, ctx, ".toasts", "已保存")
	s.shot(t, ctx, "needs-02-builder")
	s.part(t, ctx, "#q0", "needs-02a-builder-question")
	s.part(t, ctx, "#send", "needs-02b-builder-send")
	do(t, ctx, chromedp.SendKeys(css("[data-testid=send-numbers]"), "SD1003"), chromedp.Click(css("[data-testid=survey-send]")),
		chromedp.WaitVisible(css("[data-testid=recipients]")))
	waitText(t, ctx, "[data-testid=recipients]", "李娜")
	loc, err := chromedp.Run(ctx, chromedp.Location())
	must(t, err)
	surveyID := loc[strings.LastIndex(loc, "/")+1:]
	reportURL := loc[:strings.Index(loc, "/surveys/")]

	// The learner, on a phone.
	phone := browser(t, 375, 800, true)
	signIn(t, phone, s, "SD1003", app.DemoPassword)
	do(t, phone, chromedp.WaitVisible(css("body.app")), chromedp.Navigate(s.url+"/surveys"), chromedp.WaitVisible(css("[data-testid=my-surveys]")),
		chromedp.Click(css(`a[href="/surveys/`+surveyID+`"]`)), chromedp.WaitVisible(css("[data-testid=answer-form]")))
	pick := func(name, value string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(css(`input[name="` + name + `"][value="` + value + `"]`))
	}
	steps := []chromedp.Action[chromedp.Void]{pick("a.q1", "4"), pick("a.q2", "1"), pick("a.q2", "4"), pick("a.q3", "4"),
		pick("a.q4", "2"), pick("a.q5", "4"), pick("a.q6", "0"), pick("a.q7", "1")}
	for _, c := range []string{"customer-service", "after-sales", "data-analysis", "product-listing", "traffic-acquisition", "promotion-execution"} {
		steps = append(steps, pick("a.q8."+c, "2"))
	}
	steps = append(steps, chromedp.SendKeys(css(`textarea[name="a.q9"]`), "大促当天退款申请一下子涌进来，我不知道哪些可以直接同意。"))
	do(t, phone, steps...)
	s.shot(t, phone, "needs-03-answer-phone")
	s.part(t, phone, "#q8", "needs-03a-answer-competency-phone")
	// One question left unanswered: the page says which.
	do(t, phone, chromedp.Click(css("[data-testid=answer-submit]")), chromedp.WaitVisible(css("#q11 .field-error")))
	do(t, phone, pick("a.q11", "2"), chromedp.Click(css("[data-testid=answer-submit]")), chromedp.WaitVisible(css("[data-testid=my-surveys]")))
	waitText(t, phone, ".toasts", "已提交")
	s.shot(t, phone, "needs-04-my-surveys-phone")

	// The manager's report counts it next to the KPI gaps.
	do(t, ctx, chromedp.Navigate(reportURL), chromedp.WaitVisible(css("[data-testid=survey-result]")))
	waitText(t, ctx, "[data-testid=survey-result]", "已收回 1 份")
	waitText(t, ctx, "[data-testid=needs-gaps]", "响应率")
	waitText(t, ctx, "[data-testid=open-answers]", "退款申请")
	waitText(t, ctx, "[data-testid=training-needs]", "得分")
	s.shot(t, ctx, "needs-05-report-new")

	// The demo's analysis, full, in both languages and on a phone.
	do(t, ctx, chromedp.Navigate(s.url+"/stores/"+storeID+"/needs"), chromedp.WaitVisible(css("[data-testid=needs-list]")),
		chromedp.Click(css(`[data-testid=needs-list] a[href*="/needs/"]:not([href="`+strings.TrimPrefix(reportURL, s.url)+`"])`)),
		chromedp.WaitVisible(css("[data-testid=comp-table]")))
	waitText(t, ctx, "[data-testid=comp-table]", "盲区")
	waitText(t, ctx, "[data-testid=needs-notes]", "跟岗观察")
	s.shot(t, ctx, "needs-06-report-demo-zh")
	checkNeedsExport(t, ctx)
	for _, sel := range []string{"#surveys", "#needs", "#kpi", "[data-testid=survey-result]", "#competencies", "#notes"} {
		s.part(t, ctx, sel, "needs-06-part-"+strings.Trim(strings.NewReplacer("[data-testid=", "", "]", "", "#", "").Replace(sel), " "))
	}
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css("[data-testid=comp-table]")))
	waitText(t, ctx, "[data-testid=comp-table]", "Blind spot")
	waitText(t, ctx, "[data-testid=training-needs]", "score")
	s.shot(t, ctx, "needs-07-report-demo-en")
	do(t, ctx, chromedp.Click(css("[data-testid=open-ratings]")), chromedp.WaitVisible(css("[data-testid=ratings-form]")))
	s.shot(t, ctx, "needs-08-ratings-en")
	demoRatings, err := chromedp.Run(ctx, chromedp.Location())
	must(t, err)
	do(t, phone, chromedp.Navigate(s.url+"/surveys"), chromedp.WaitVisible(css("[data-testid=my-surveys]")), toLocale("en"),
		chromedp.WaitVisible(css("[data-testid=my-surveys]")))
	waitText(t, phone, "[data-testid=my-surveys]", "To do")
	s.shot(t, phone, "needs-09-my-surveys-phone-en")
	// The team lead reads the report on a phone.
	lead := browser(t, 375, 800, true)
	signIn(t, lead, s, "SD1001", app.DemoPassword)
	do(t, lead, chromedp.WaitVisible(css("body.app")), chromedp.Navigate(strings.TrimSuffix(demoRatings, "/ratings")),
		chromedp.WaitVisible(css("[data-testid=comp-table]")))
	waitText(t, lead, "[data-testid=training-needs]", "得分")
	s.shot(t, lead, "needs-10-report-phone")
	s.part(t, lead, "#surveys", "needs-10a-surveys-phone")
	s.part(t, lead, "#competencies", "needs-10b-competencies-phone")
}

// part saves a screenshot of one element of the page.
func (s *site) part(t *testing.T, ctx context.Context, sel, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.Screenshot(css(sel)))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(s.shotsDir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkNeedsExport downloads the report's workbook and the competency
// chart: the ranked needs, the survey's answer counts and the notes are
// in it, and the chart is an image.
func checkNeedsExport(t *testing.T, ctx context.Context) {
	t.Helper()
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click(css("[data-testid=needs-export]")))
	book, err := excelize.OpenFile(waitDownload(t, dir, ".xlsx"))
	must(t, err)
	defer func() { _ = book.Close() }()
	sheets := book.GetSheetList()
	for _, want := range []string{"培训需求排序", "问卷结果", "访谈与跟岗观察"} {
		if !slices.Contains(sheets, want) {
			t.Errorf("needs workbook lacks sheet %q: %q", want, sheets)
		}
	}
	rows, err := book.GetRows("问卷结果")
	must(t, err)
	if len(rows) < 10 || !slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 4 && r[0] == "运营岗位培训需求调研" && r[4] != "" }) {
		t.Fatalf("survey rows %q", rows)
	}
	do(t, ctx, chromedp.Click(css("[data-testid=png-comp]")))
	waitDownload(t, dir, ".png")
}
