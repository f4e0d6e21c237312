package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// offlineParams are those of Network.emulateNetworkConditions, which
// cuts every request of the tab and sets navigator.onLine.
type offlineParams struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

var emulateNetwork = cdp.Command[offlineParams, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

// setOffline cuts or restores the tab's network.
func setOffline(t *testing.T, ctx context.Context, off bool) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulateNetwork, offlineParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}); err == nil {
		return
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: off,
		DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatal(err)
	}
}

// acceptDialogs accepts every confirm() the page shows.
func acceptDialogs(ctx context.Context) {
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
}

// TestExamOnPhoneWithNetworkLoss: a trainer builds and publishes an exam
// (picked single-choice questions and a short answer, results released by
// hand); a learner takes it on a phone, loses the network in the middle,
// keeps answering, comes back, and submits; the trainer grades the short
// answer and releases; only then does the learner see score and key.
func TestExamOnPhoneWithNetworkLoss(t *testing.T) {
	s := start(t)
	trainer := browser(t, 1280, 900, false)
	signIn(t, trainer, s, "SD9002", app.DemoPassword)
	do(t, trainer, chromedp.WaitVisible(css(".user-name")), chromedp.Click(css(`a.nav-item[href="/exams"]`)),
		chromedp.WaitVisible(css("[data-testid=exams-table]")))
	s.shot(t, trainer, "exam-00-list")
	do(t, trainer, chromedp.Click(css(".page-actions a.btn-primary")), chromedp.WaitVisible(css("#title")),
		chromedp.SendKeys(css("#title"), "售后规则小测"), chromedp.Clear(css("#time_limit")), chromedp.SendKeys(css("#time_limit"), "20"),
		chromedp.SetValue(css("#score_release"), "manual"), chromedp.SetValue(css("#answer_release"), "manual"),
		chromedp.SendKeys(css("#people"), "SD1003"), chromedp.Click(css("form.form > .form-actions button[type=submit]")),
		chromedp.WaitVisible(css("[data-testid=add-section]")))
	do(t, trainer, chromedp.SendKeys(css("#new-title"), "一、单选题"), chromedp.Click(css("[data-testid=add-section]")),
		chromedp.WaitVisible(css("[data-testid=section]")), chromedp.Click(css("[data-testid=pick]")),
		chromedp.WaitVisible(css("#p-bank")))
	do(t, trainer, chromedp.SetValue(css("#f-type"), "single"), chromedp.WaitVisible(css("[data-testid=pick-table]")))
	waitURL(t, trainer, "type=single")
	do(t, trainer, chromedp.Click(css("[data-testid=pick-table] tbody tr:nth-child(1) input")),
		chromedp.Click(css("[data-testid=pick-table] tbody tr:nth-child(2) input")),
		chromedp.Click(css("[data-testid=pick-table] tbody tr:nth-child(3) input")),
		chromedp.Click(css("[data-testid=pick-add]")), chromedp.WaitVisible(css("[data-testid=add-section]")))
	do(t, trainer, chromedp.SendKeys(css("#new-title"), "二、情景题"), chromedp.Click(css("[data-testid=add-section]")),
		chromedp.WaitVisible(css("[data-testid=section]:nth-child(2)")),
		chromedp.Click(css("[data-testid=section]:nth-child(2) [data-testid=pick]")), chromedp.WaitVisible(css("#f-type")),
		chromedp.SetValue(css("#f-type"), "short"))
	waitText(t, trainer, "[data-testid=pick-table]", "陶瓷餐具")
	do(t, trainer, chromedp.Click(css("[data-testid=pick-table] tbody tr:nth-child(1) input")),
		chromedp.Click(css("[data-testid=pick-add]")), chromedp.WaitVisible(css("[data-testid=publish]")),
		chromedp.Click(css("[data-testid=publish]")), chromedp.WaitVisible(css(".badge-success")))
	s.shot(t, trainer, "exam-01-paper")
	examURL, _ := chromedp.Run(trainer, chromedp.Location())

	learner := browser(t, 390, 844, true)
	acceptDialogs(learner)
	signIn(t, learner, s, "SD1003", app.DemoPassword)
	do(t, learner, chromedp.WaitVisible(css(".user-name")), chromedp.Navigate(s.url+"/my/exams"),
		chromedp.WaitVisible(css("[data-testid=my-exam]")))
	s.shot(t, learner, "exam-02-my-exams-phone")
	do(t, learner, chromedp.Click(`//div[@data-testid="my-exam"][.//h2[text()="售后规则小测"]]//button[@data-testid="start"]`),
		chromedp.WaitVisible(css("[data-testid=timer]")))
	waitText(t, learner, "[data-testid=progress]", "0 / 4")
	do(t, learner, chromedp.Click(css("[data-testid=q]:nth-of-type(1) .answer-option")))
	waitText(t, learner, "[data-testid=save-status]", "已全部保存")
	// The network drops: answers stay on the phone and the page says so.
	setOffline(t, learner, true)
	do(t, learner, chromedp.Click(css("section[data-pos='1'] .answer-option")), chromedp.Click(css("section[data-pos='2'] .answer-option")))
	waitText(t, learner, "[data-testid=save-status]", "2 题暂存在本机")
	s.shot(t, learner, "exam-03-offline")
	// Back online: the queue is sent without the learner doing anything.
	setOffline(t, learner, false)
	do(t, learner, chromedp.Evaluate[chromedp.Void](`window.dispatchEvent(new Event('online'))`))
	waitText(t, learner, "[data-testid=save-status]", "已全部保存")
	do(t, learner, chromedp.SendKeys(css("section[data-pos='3'] textarea"), "先道歉并确认破损照片，不用寄回，补发或部分退款让买家选，加固包装，处理后邀请追评。"))
	waitText(t, learner, "[data-testid=save-status]", "已全部保存")
	waitText(t, learner, "[data-testid=progress]", "4 / 4")
	s.shot(t, learner, "exam-04-answered")
	do(t, learner, chromedp.Click(css("[data-testid=finish]")), chromedp.WaitVisible(css("[data-testid=result-summary]")))
	if got := text(t, learner, "[data-testid=pending]"); !strings.Contains(got, "阅卷") {
		t.Fatalf("result before grading: %q", got)
	}
	if n, _ := chromedp.Run(learner, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=key], [data-testid=explanation], [data-testid=score]').length`)); n != 0 {
		t.Fatalf("the learner sees %d keys or scores before release", n)
	}
	s.shot(t, learner, "exam-05-submitted")

	// The trainer grades the short answer from the queue, then releases.
	do(t, trainer, chromedp.Navigate(s.url+"/grading"), chromedp.WaitVisible(css("[data-testid=grading-table]")))
	waitText(t, trainer, "[data-testid=grading-table]", "李娜")
	do(t, trainer, chromedp.Click(`//tr[td[contains(., "李娜")]]//a`), chromedp.WaitVisible(css("[data-testid=grade-form]")))
	if got := text(t, trainer, "[data-testid=short-answer]"); !strings.Contains(got, "补发或部分退款") {
		t.Fatalf("grader sees %q", got)
	}
	do(t, trainer, chromedp.SetValue(css("[data-testid=grade-form] input[name=points]"), "4"),
		chromedp.SendKeys(css("[data-testid=grade-form] input[name=feedback]"), "思路完整，补发时效可以更具体"),
		chromedp.Click(css("[data-testid=grade]")), chromedp.WaitVisible(css("[data-testid=grading-table], .empty")))
	s.shot(t, trainer, "exam-06-graded")
	do(t, trainer, chromedp.Navigate(examURL), chromedp.WaitVisible(css("[data-testid=release]")),
		chromedp.Click(css("[data-testid=release]")), chromedp.WaitVisible(css("[data-testid=attempts-table]")))
	waitText(t, trainer, "[data-testid=attempts-table]", "已评分")
	// The item analysis of the demo certification exam, with its flags.
	do(t, trainer, chromedp.Navigate(s.url+"/exams"), chromedp.Click(`//a[text()="客服上岗考试（第 4 期）"]`),
		chromedp.WaitVisible(css("[data-testid=stats]")), chromedp.Click(css("[data-testid=stats]")),
		chromedp.WaitVisible(css("[data-testid=stats-table]")))
	if n := text(t, trainer, "[data-testid=stat-attempts]"); n != "5" {
		t.Errorf("item analysis over %s attempts, want the 5 graded demo attempts", n)
	}
	s.shot(t, trainer, "exam-08-stats")
	// The same pages in English.
	do(t, trainer, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)),
		chromedp.WaitVisible(css("[data-testid=stats-table]")))
	waitText(t, trainer, ".page-title", "Item analysis")
	s.shot(t, trainer, "exam-09-stats-en")
	do(t, trainer, chromedp.Navigate(examURL), chromedp.WaitVisible(css("[data-testid=section]")))
	waitText(t, trainer, ".page-actions", "Export scores")
	s.shot(t, trainer, "exam-10-paper-en")

	do(t, learner, chromedp.Reload(), chromedp.WaitVisible(css("[data-testid=score]")))
	if n, _ := chromedp.Run(learner, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid=key]').length`)); n != 3 {
		t.Fatalf("the learner sees %d keys after release", n)
	}
	s.shot(t, learner, "exam-07-result-phone")
	do(t, learner, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)),
		chromedp.WaitVisible(css("[data-testid=score]")))
	waitText(t, learner, "[data-testid=result-summary]", "Score")
	s.shot(t, learner, "exam-07-result-phone-en")
	// All four answers reached the server: three choices and the text.
	if got := text(t, learner, "[data-testid=result-summary]"); !strings.Contains(got, "/ 10") && !strings.Contains(got, "/") {
		t.Fatalf("summary %q", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if n, _ := chromedp.Run(learner, chromedp.Evaluate[int](`[...document.querySelectorAll('.is-chosen')].length`)); n == 3 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("not all three chosen options were stored")
}

// TestPracticeAndMistakeDeck: the demo learner practises (every answer is
// checked at once, with its explanation), then works through her mistake
// deck from the home page on a phone.
func TestPracticeAndMistakeDeck(t *testing.T) {
	s := start(t)
	ctx := browser(t, 390, 844, true)
	signIn(t, ctx, s, "SD1003", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=home-review]")))
	s.shot(t, ctx, "deck-00-home")
	do(t, ctx, chromedp.Click(css("[data-testid=home-review] a")), chromedp.WaitVisible(css("[data-testid=review-card]")))
	if before := text(t, ctx, ".page-subtitle"); !strings.Contains(before, "今天待复习 3 题") {
		t.Fatalf("deck before review: %q", before)
	}
	do(t, ctx, chromedp.Click(css("[data-testid=reveal] summary")), chromedp.WaitVisible(css("[data-testid=rate-3]")))
	s.shot(t, ctx, "deck-01-revealed")
	do(t, ctx, chromedp.Click(css("[data-testid=rate-3]")))
	// The page reloads with one card fewer due (Good on a new card: 10 minutes).
	waitText(t, ctx, ".page-subtitle", "今天待复习 2 题")
	// Practice: an answer comes back checked, with the key.
	do(t, ctx, chromedp.Navigate(s.url+"/my/exams"), chromedp.WaitVisible(css("[data-testid=my-exam]")),
		chromedp.Click(`//div[@data-testid="my-exam"][.//h2[text()="推广与数据日常练习"]]//button[@data-testid="start"]`),
		chromedp.WaitVisible(css("[data-testid=q]")))
	do(t, ctx, chromedp.Click(css("section[data-type=single] .answer-option")), chromedp.WaitVisible(css("section[data-type=single] [data-feedback] .badge")))
	if got := text(t, ctx, "section[data-type=single] [data-feedback]"); !strings.Contains(got, "答案") {
		t.Fatalf("practice feedback %q", got)
	}
	s.shot(t, ctx, "deck-02-practice-feedback")
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)),
		chromedp.WaitVisible(css("[data-testid=q]")))
	waitText(t, ctx, "[data-testid=save-status]", "All saved")
	s.shot(t, ctx, "deck-03-practice-en")
	do(t, ctx, chromedp.Navigate(s.url+"/review"), chromedp.WaitVisible(css("[data-testid=review-card]")))
	waitText(t, ctx, ".page-title", "Mistake deck")
	s.shot(t, ctx, "deck-04-review-en")
}

// TestTakeoverRefusesTheOldDevice: an attempt open on a phone is opened on a
// laptop, which must take it over explicitly; the phone's next answer is
// refused and the phone says so.
func TestTakeoverRefusesTheOldDevice(t *testing.T) {
	s := start(t)
	phone := browser(t, 390, 844, true)
	signIn(t, phone, s, "SD1003", app.DemoPassword)
	do(t, phone, chromedp.WaitVisible(css(".user-name")), chromedp.Navigate(s.url+"/my/exams"),
		chromedp.Click(`//div[@data-testid="my-exam"][.//h2[text()="客服上岗考试（第 4 期）"]]//button[@data-testid="start"]`),
		chromedp.WaitVisible(css("[data-testid=timer]")))
	// The paper is drawn at random; 8 of the bank's 13 questions always
	// include at least four choice questions.
	const choice = `(//section[@data-type="single" or @data-type="multiple" or @data-type="truefalse"])`
	do(t, phone, chromedp.Click(choice+`[1]//label[contains(@class, "answer-option")]`))
	waitText(t, phone, "[data-testid=progress]", "1 / 9")
	waitText(t, phone, "[data-testid=save-status]", "已全部保存")
	attemptURL, _ := chromedp.Run(phone, chromedp.Location())

	laptop := browser(t, 1280, 900, false)
	signIn(t, laptop, s, "SD1003", app.DemoPassword)
	do(t, laptop, chromedp.WaitVisible(css(".user-name")), chromedp.Navigate(attemptURL), chromedp.WaitVisible(css("[data-testid=elsewhere]")))
	s.shot(t, laptop, "takeover-00-elsewhere")
	do(t, laptop, chromedp.Click(css("[data-testid=takeover]")), chromedp.WaitVisible(css("[data-testid=timer]")))

	do(t, phone, chromedp.Click(choice+`[2]//label[contains(@class, "answer-option")]`))
	waitText(t, phone, "[data-testid=banner]", "另一台设备上继续作答")
	s.shot(t, phone, "takeover-01-phone-refused")
}

// waitURL waits until the page's address contains want (after a form that
// submits itself).
func waitURL(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
			if got = loc; strings.Contains(loc, want) {
				do(t, ctx, chromedp.WaitVisible(css("body")))
				return
			}
		}
	}
	t.Fatalf("waiting for an address with %q: at %q", want, got)
}
