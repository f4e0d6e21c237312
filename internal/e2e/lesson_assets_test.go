package e2e

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
)

// TestLessonAssets: a trainer picks a program file by mistake and is told
// which types are allowed, then uploads a chart and a spreadsheet template
// in the lesson editor: both are inserted into the text as Markdown and
// the chart's thumbnail loads. She submits; the training manager publishes
// from the review queue; a learner on a phone sees the chart in the lesson,
// the template as a chip in the text and in the 附件 box, in Chinese and in
// English. The demo's reporting lesson is shot on a desktop too.
func TestLessonAssets(t *testing.T) {
	s := start(t)
	dir := t.TempDir()
	chart, tpl, exe := filepath.Join(dir, "店铺体检分走势.png"), filepath.Join(dir, "开店检查表.xlsx"), filepath.Join(dir, "setup.exe")
	must(t, os.WriteFile(chart, testChart(t), 0o600))
	must(t, os.WriteFile(tpl, []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"), 0o600))
	must(t, os.WriteFile(exe, []byte("MZ\x90\x00\x03\x00\x00\x00"), 0o600))
	const unit = "/learn/units/m01-c01-u02"

	trainer := browser(t, 1280, 900, false)
	signIn(t, trainer, s, "SD9002", app.DemoPassword)
	do(t, trainer, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/curriculum/units/m01-c01-u02/edit"),
		chromedp.WaitVisible(css("[data-testid=asset-bar]")), chromedp.SetUploadFiles(css("[data-testid=asset-input]"), []string{exe}))
	waitText(t, trainer, "[data-testid=asset-status]", "只能上传图片")
	title := value(t, trainer, "#title")
	do(t, trainer, chromedp.SetUploadFiles(css("[data-testid=asset-input]"), []string{chart, tpl}))
	waitText(t, trainer, "[data-testid=asset-status]", "已插入")
	body := value(t, trainer, "#body")
	if !strings.Contains(body, "![店铺体检分走势](/files/") || !strings.Contains(body, "[开店检查表.xlsx](/files/") {
		t.Fatalf("the editor's text has no file links:\n%s", body)
	}
	if _, err := chromedp.Run(trainer, chromedp.Poll[bool](`(() => { const i = document.querySelector('[data-testid=asset-uploads] img'); return !!i && i.complete && i.naturalWidth === 480 })()`)); err != nil {
		t.Fatalf("the uploaded chart's thumbnail did not load: %v", err)
	}
	// The same files in the translation: the lines with the links, in English.
	do(t, trainer, chromedp.Evaluate[chromedp.Void](`(() => { const links = document.querySelector('#body').value.split('\n').filter(l => l.includes('/files/'));
		const en = document.querySelector('#body_en'); en.value += '\n\n' + links.join('\n\n').replace('店铺体检分走势', 'Store health score trend').replace('开店检查表', 'Opening checklist') + '\n'; })()`),
		chromedp.SendKeys(css("[data-testid=edit-note]"), "加体检分走势图和开店检查表"))
	topShot(t, s, trainer, "assets-00-editor")
	do(t, trainer, chromedp.Click(css("[data-testid=edit-submit]")), chromedp.WaitVisible(css("[data-testid=versions-table]")))
	waitText(t, trainer, "[data-testid=versions-table] tbody tr:first-child", "审核中")

	mgr := browser(t, 1280, 900, false)
	signIn(t, mgr, s, "SD9001", app.DemoPassword)
	do(t, mgr, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/reviews"),
		chromedp.Click(`//tr[contains(., "`+title+`")][not(contains(., ".en.md"))]//a[contains(@class, "btn-primary")]`),
		chromedp.WaitVisible(css("[data-testid=publish]")))
	if _, err := chromedp.Run(mgr, chromedp.Poll[bool](`(() => { const i = document.querySelector('.prose img'); return !!i && i.complete && i.naturalWidth === 480 })()`)); err != nil {
		t.Fatalf("the version under review does not show the chart: %v", err)
	}
	do(t, mgr, chromedp.Click(css("[data-testid=publish]")), chromedp.WaitVisible(css("[data-testid=versions-table]")))
	waitText(t, mgr, "[data-testid=versions-table] tbody tr:first-child", "已发布")

	// The SOP editor has the same upload, in English too.
	do(t, trainer, chromedp.Navigate(s.url+"/curriculum/sops/m01-sop-daily-opening-check/edit"), chromedp.WaitVisible(css("[data-testid=sop-form]")),
		toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=asset-bar]")),
		chromedp.SetUploadFiles(css("[data-testid=asset-input]"), []string{exe}))
	waitText(t, trainer, "[data-testid=asset-status]", "Only images")
	do(t, trainer, chromedp.SetUploadFiles(css("[data-testid=asset-input]"), []string{chart}))
	waitText(t, trainer, "[data-testid=asset-status]", "Inserted")
	if body := value(t, trainer, "#body"); !strings.Contains(body, "![店铺体检分走势](/files/") {
		t.Fatalf("the SOP editor's text has no image link:\n%s", body)
	}
	topShot(t, s, trainer, "assets-06-sop-editor-en")

	learner := browser(t, 390, 844, true)
	signIn(t, learner, s, "SD1003", app.DemoPassword)
	do(t, learner, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+unit), chromedp.WaitVisible(css("[data-testid=lesson-body]")))
	checkLessonAssets(t, learner, "开店检查表.xlsx")
	topShot(t, s, learner, "assets-01-lesson-phone")
	do(t, learner, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=attachments]")))
	checkLessonAssets(t, learner, "开店检查表.xlsx")
	waitText(t, learner, "[data-testid=attachments]", "Attachments")
	if w := eval[int](t, learner, `window.innerWidth`); w != 390 {
		t.Errorf("the English lesson widens the phone's viewport to %d px", w)
	}
	topShot(t, s, learner, "assets-02-lesson-phone-en")

	desk := browser(t, 1280, 900, false)
	signIn(t, desk, s, "SD1003", app.DemoPassword)
	do(t, desk, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn/units/m07-c03-u02"),
		chromedp.WaitVisible(css("[data-testid=attachments]")), toLocale("zh-CN"), chromedp.WaitVisible(css(`html[lang="zh-CN"]`)),
		chromedp.WaitVisible(css("[data-testid=attachments]")))
	checkLessonAssets(t, desk, "数据日报模板.xlsx")
	topShot(t, s, desk, "assets-03-demo-report")
	do(t, desk, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.WaitVisible(css("[data-testid=attachments]")))
	topShot(t, s, desk, "assets-04-demo-report-en")
	do(t, desk, chromedp.Navigate(s.url+"/learn/units/m07-c02-u01"), chromedp.WaitVisible(css("[data-testid=lesson-body] img")))
	topShot(t, s, desk, "assets-05-demo-funnel-en")
}

// checkLessonAssets checks that the lesson's image loaded and that the
// attachment is a chip in the text and a row of the 附件 box.
func checkLessonAssets(t *testing.T, ctx context.Context, attachment string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const i = document.querySelector('[data-testid=lesson-body] img'); return !!i && i.complete && i.naturalWidth > 0 })()`)); err != nil {
		t.Fatalf("the lesson's image did not load: %v", err)
	}
	if got := text(t, ctx, "[data-testid=lesson-body] a.file-chip"); !strings.Contains(got, "XLSX") {
		t.Errorf("chip %q", got)
	}
	waitText(t, ctx, "[data-testid=attachments]", attachment)
	if href := eval[string](t, ctx, `document.querySelector('[data-testid=attachment-download]').getAttribute('href')`); !strings.HasSuffix(href, "?download=1") {
		t.Errorf("download link %q", href)
	}
}

// testChart is a 480×240 PNG: a rising line on a light grid.
func testChart(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 480, 240))
	for x := range 480 {
		for y := range 240 {
			c := color.RGBA{255, 255, 255, 255}
			if y%40 == 0 {
				c = color.RGBA{230, 233, 240, 255}
			}
			if line := 200 - x*150/480; y > line-3 && y < line+3 {
				c = color.RGBA{37, 99, 235, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	must(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// topShot takes a screenshot from the top of the page with nothing
// focused: the editor focuses (and scrolls to) the text it inserted into,
// which leaves the sticky bars mid-page in a full-page capture.
func topShot(t *testing.T, s *site, ctx context.Context, name string) {
	t.Helper()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`))
	s.shot(t, ctx, name)
}
