package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestTrainingImpact follows a training manager on the demo store: 陶然's
// sub-account waits with a suggestion, the manager confirms it, opens the
// impact page, picks the customer-service module and sees the estimate
// with its interval, sample sizes and caveats, the trained and untrained
// agents and the ones left out, in Chinese and in English, and on a phone.
func TestTrainingImpact(t *testing.T) {
	s := start(t)
	storeID, douyinID := s.storeID(t, "示例家居天猫旗舰店"), s.storeID(t, "示例家居抖音小店")
	ctx := browser(t, 1280, 1000, false)
	signIn(t, ctx, s, "SD9001", app.DemoPassword)
	do(t, ctx, chromedp.WaitVisible(css("[data-testid=stat-active]")), chromedp.Navigate(s.url+"/stores/"+storeID+"/diagnosis"),
		chromedp.WaitVisible(css("[data-testid=kpi-cards]")), chromedp.Click(css("[data-testid=open-agents]")),
		chromedp.WaitVisible(css("[data-testid=agents]")))
	waitText(t, ctx, "[data-testid=agents-linked]", "8")
	row := `tr[data-agent="示例家居:陶然"]`
	waitText(t, ctx, row+" [data-testid=suggested]", "建议：陶然")
	s.shot(t, ctx, "impact-01-agents-zh")
	do(t, ctx, chromedp.Click(css(row+" [data-testid=link-save]")), chromedp.WaitVisible(css(".toast")))
	waitText(t, ctx, ".toast", "已保存子账号的关联")
	waitText(t, ctx, row+" [data-testid=linked]", "陶然（SD2012）")
	waitText(t, ctx, "[data-testid=agents-linked]", "9")
	if n := countRows(t, s, "SELECT COUNT(*) FROM audit_events WHERE action = 'impact.agent_link'"); n != 9 {
		t.Fatalf("%d link events (8 from the demo, 1 now)", n)
	}
	// The impact page: the manager picks 客户服务与售后运营 and the
	// 3-minute response rate.
	do(t, ctx, chromedp.Click(css("[data-testid=open-impact]")), chromedp.WaitVisible(css("[data-testid=impact-form]")),
		chromedp.SetValue(css("#i-metric"), "cs_response_rate_3min"), chromedp.SetValue(css("#i-training"), "m06"),
		chromedp.Click(css("[data-testid=impact-run]")), chromedp.WaitVisible(css("[data-testid=impact-estimate]")))
	waitText(t, ctx, "[data-testid=impact-interval]", "95% 置信区间")
	waitText(t, ctx, "[data-testid=impact-sizes]", "参训组 5 个，对照组 4 个")
	waitText(t, ctx, "[data-testid=impact-caveats]", "样本太少")
	waitText(t, ctx, "[data-testid=impact-excluded]", "售后01")
	waitText(t, ctx, "[data-testid=impact-units]", "陶然")
	if effect := text(t, ctx, "[data-testid=impact-effect]"); !strings.HasPrefix(effect, "+") || !strings.Contains(effect, "个百分点") {
		t.Errorf("effect %q", effect)
	}
	do(t, ctx, chromedp.WaitVisible(css(`[data-chart-src=chart-impact] svg`)))
	s.shot(t, ctx, "impact-02-estimate-zh")
	url, err := chromedp.Run(ctx, chromedp.Location())
	must(t, err)
	if !strings.Contains(url, "training=m06") || !strings.Contains(url, "metric=cs_response_rate_3min") {
		t.Errorf("the query is not in the address: %s", url)
	}
	// Response times: lower is better, and the page says the drop is an
	// improvement.
	do(t, ctx, chromedp.SetValue(css("#i-metric"), "cs_first_response_seconds"), chromedp.Click(css("[data-testid=impact-run]")),
		chromedp.WaitVisible(css("[data-testid=impact-estimate]")))
	waitText(t, ctx, "[data-testid=impact-effect]", " s")
	waitText(t, ctx, "[data-testid=impact-verdict]", "改善")
	do(t, ctx, toLocale("en"), chromedp.WaitVisible(css("[data-testid=impact-estimate]")))
	waitText(t, ctx, "[data-testid=impact-interval]", "95% confidence interval")
	waitText(t, ctx, "[data-testid=impact-sizes]", "5 trained, 4 in the comparison group")
	waitText(t, ctx, "[data-testid=impact-verdict]", "improved")
	waitText(t, ctx, "[data-testid=impact-estimate]", "lower is better")
	do(t, ctx, chromedp.WaitVisible(css(`[data-chart-src=chart-impact] svg`)))
	s.shot(t, ctx, "impact-03-estimate-en")
	do(t, ctx, chromedp.Click(css("[data-testid=open-agents]")), chromedp.WaitVisible(css("[data-testid=agents]")))
	s.shot(t, ctx, "impact-04-agents-en")
	// Stores as the units: only the demo's Tmall store has data, so the
	// page says plainly there is no comparison group.
	do(t, ctx, toLocale("zh-CN"), chromedp.WaitVisible(css("[data-testid=agents]")))
	waitText(t, ctx, "h1", "客服账号关联")
	do(t, ctx, chromedp.Navigate(s.url+"/stores/"+storeID+"/impact?level=stores&metric=cs_response_rate_3min&training=m06"),
		chromedp.WaitVisible(css("[data-testid=impact-estimate]")))
	waitText(t, ctx, "[data-testid=impact-caveats]", "没有未参训的对照组")
	waitText(t, ctx, "[data-testid=impact-verdict]", "无法判断")
	waitText(t, ctx, "[data-testid=impact-units]", "示例家居天猫旗舰店")
	s.shot(t, ctx, "impact-06-stores-zh")
	// A store without customer-service data says what to import.
	do(t, ctx, chromedp.Navigate(s.url+"/stores/"+douyinID+"/impact?level=agents"), chromedp.WaitVisible(css("[data-testid=impact-empty]")))
	waitText(t, ctx, "[data-testid=impact-empty]", "本店还没有客服绩效数据")
	s.shot(t, ctx, "impact-07-empty-zh")
	phone := browser(t, 390, 844, true)
	signIn(t, phone, s, "SD9001", app.DemoPassword)
	do(t, phone, chromedp.WaitVisible(css("[data-testid=stat-active]")), chromedp.Navigate(s.url+"/stores/"+storeID+"/impact"),
		chromedp.WaitVisible(css("[data-testid=impact-estimate]")))
	s.shot(t, phone, "impact-05-phone")
}
