package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// questionsCSV has two good questions and one without points.
const questionsCSV = "题型,题干,选项A,选项B,选项C,答案,分值,解析,难度,标签\n" +
	"单选,抖店飞鸽的 3 分钟人工回复率统计到几点？,22:00,23:00,24:00,B,2,飞鸽统计 08:00–23:00,2,platform:douyin\n" +
	"判断,客单价 = 支付金额 ÷ 支付买家数。,,,,对,1,,1,module:数据\n" +
	"多选,哪些属于售后纠纷的预防措施？,发货前质检,详情页写清尺寸,催买家确认收货,AB,,,3,module:售后\n"

// TestTrainerImportsQuestions follows a trainer importing the question
// template: the file with one bad row is refused with the row named, one
// click imports the good rows, and the bank then exports as YAML.
func TestTrainerImportsQuestions(t *testing.T) {
	s := start(t)
	file := filepath.Join(t.TempDir(), "题目.csv")
	if err := os.WriteFile(file, []byte(questionsCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, 1280, 900, false)
	signIn(t, ctx, s, "SD9002", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css(".user-name")), chromedp.Navigate(s.url+"/banks/new"), chromedp.WaitVisible(css("#name")),
		chromedp.SendKeys(css("#name"), "抖店客服题库"), chromedp.Click(css("form.form button[type=submit]")),
		chromedp.WaitVisible(css(`a[href$="/import"]`)), chromedp.Click(css(`a[href$="/import"]`)), chromedp.WaitVisible(css("#file")),
		chromedp.SetUploadFiles(css("#file"), []string{file}), chromedp.Click(css("form.form button[type=submit]")),
		chromedp.WaitVisible(css("[data-testid=import-problems]")))
	s.shot(t, ctx, "qimport-01-problems")
	if got := text(t, ctx, "[data-testid=import-problems]"); !strings.Contains(got, "4") || !strings.Contains(got, "分值") {
		t.Fatalf("problems %q", got)
	}
	do(t, ctx, chromedp.Click(css("[data-testid=import-good-rows]")), chromedp.WaitVisible(css("[data-testid=import-done]")))
	s.shot(t, ctx, "qimport-02-done")
	if got := text(t, ctx, "[data-testid=import-done]"); !strings.Contains(got, "2") {
		t.Fatalf("done %q", got)
	}
	do(t, ctx, chromedp.Click(css("[data-testid=import-done] a")), chromedp.WaitVisible(css("[data-testid=questions-table]")))
	if got := text(t, ctx, "[data-testid=questions-table]"); !strings.Contains(got, "飞鸽") || !strings.Contains(got, "客单价") {
		t.Fatalf("bank after import %q", got)
	}
}
