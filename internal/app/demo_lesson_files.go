package app

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/shopdojo/shopdojo/internal/sheet"
)

// The demo's lesson files: the funnel lesson gets a chart of its example, the lesson on
// reporting rhythm a two-week trend and the 数据日报模板 to download. The
// trainer adds them as a second version of each lesson and the training
// manager publishes it, as people do, so the history shows the change.

// demoLessonFile is one file and the section that shows it in each
// language, put before the heading named.
type demoLessonFile struct {
	unit, before, beforeEN string
	files                  func() ([]demoFile, error)
	text, textEN           string // with %s for each file's URL, in order
	note                   string
}

type demoFile struct {
	name string
	data []byte
}

var demoLessonFiles = []demoLessonFile{
	{unit: "m07-c02-u01", before: "## 抖音与直播的漏斗", beforeEN: "## Douyin and live-stream funnels", files: demoFunnelFiles,
		text: "### 把比率画出来\n\n![两周各环节转化率对比：加购率 9.0%% 与 9.0%%，加购→下单 36.1%% 与 35.8%%，下单→支付 86.2%% 与 74.5%%](%s)\n\n" +
			"同一个例子画成图：灰色是上周，蓝色是本周。前两段几乎一样高，只有下单 → 支付（红色）明显矮了一截。日报里把每一段的比率并排画出来，比只看支付转化率从 2.8%% 掉到 2.4%% 更快找到该查的那一步。\n",
		textEN: "### Draw the ratios\n\n![Conversion rate of each step, last week and this week: add-to-cart 9.0%% and 9.0%%, cart to order 36.1%% and 35.8%%, order to payment 86.2%% and 74.5%%](%s)\n\n" +
			"The same example as a chart: grey is last week, blue this week. The first two steps are almost the same height; only order → payment (red) is clearly shorter. Drawing each step's ratio side by side in the daily report finds the step to check faster than watching the payment conversion rate fall from 2.8%% to 2.4%%.\n",
		note: "配图：两周各环节转化率对比"},
	{unit: "m07-c03-u02", before: "## 周报：从数字到决策", beforeEN: "## The weekly report: from numbers to decisions", files: demoReportFiles,
		text: "### 日报里的趋势图\n\n![近 14 天访客数（蓝）与支付转化率（橙）](%s)\n\n" +
			"蓝线是每天的访客数，橙线是支付转化率，红点是 14 天里访客最少的一天（周日）。日报里只放这样一张图：一眼看出今天比平常高还是低。\n\n" +
			"下载[数据日报模板.xlsx](%s)，把生意参谋导出的数字贴进去，每天 10 点前发到群里。\n",
		textEN: "### The trend chart in the daily report\n\n![Visitors (blue) and payment conversion rate (orange) over the last 14 days](%s)\n\n" +
			"The blue line is daily visitors, the orange one the payment conversion rate; the red dot is the day with the fewest visitors in the two weeks (a Sunday). The daily report needs just this one chart: at a glance, is today higher or lower than usual?\n\n" +
			"Download [the daily report template (数据日报模板.xlsx)](%s), paste in the figures exported from the analytics back office, and send it to the group before 10:00 every day.\n",
		note: "配图：近 14 天趋势；附数据日报模板"},
}

func demoFunnelFiles() ([]demoFile, error) {
	// The lesson's example: add-to-cart rate, cart → order, order → payment.
	png, err := stepChart([][2]int{{90, 90}, {361, 358}, {862, 745}})
	return []demoFile{{"漏斗各环节转化率-两周对比.png", png}}, err
}

func demoReportFiles() ([]demoFile, error) {
	// 11/22 and 11/29 are Sundays.
	visitors := []int{5200, 5480, 5350, 5020, 4310, 5460, 5900, 6120, 5570, 5410, 4980, 4180, 5630, 5860}
	conv := []int{42, 44, 43, 41, 38, 45, 47, 48, 44, 42, 40, 37, 45, 46}
	days := []string{"11/18", "11/19", "11/20", "11/21", "11/22", "11/23", "11/24", "11/25", "11/26", "11/27", "11/28", "11/29", "11/30", "12/01"}
	png, err := trendChart(visitors, conv, days)
	if err != nil {
		return nil, err
	}
	var xlsx bytes.Buffer
	headers := []string{"日期", "访客数", "浏览量", "支付买家数", "支付转化率", "客单价（元）", "支付金额（元）", "退款金额（元）", "推广花费（元）", "推广 ROI", "异常与判断", "负责人"}
	rows := [][]string{
		{"2026-12-01", "5860", "17940", "270", "4.6%", "158", "42660", "1310", "3600", "11.9", "访客回到工作日水平；转化率高于近两周均值，主图和价格保持不动", "王敏"},
		{"2026-12-02", "", "", "", "", "", "", "", "", "", "", ""},
		{"2026-12-03", "", "", "", "", "", "", "", "", "", "", ""},
	}
	if err := sheet.WriteXLSX(&xlsx, "数据日报", headers, rows); err != nil {
		return nil, err
	}
	return []demoFile{{"近14天趋势.png", png}, {"数据日报模板.xlsx", xlsx.Bytes()}}, nil
}

// seedLessonFiles uploads the demo lesson files as the trainer, puts them
// into their lessons and publishes the new versions as the manager.
func (a *App) seedLessonFiles(ctx context.Context) error {
	trainer, err := a.demoActor(ctx, "SD9002")
	if err != nil {
		return err
	}
	mgr, err := a.demoActor(ctx, "SD9001")
	if err != nil {
		return err
	}
	for _, d := range demoLessonFiles {
		if err := a.seedLessonFile(ctx, trainer, mgr, d); err != nil {
			return fmt.Errorf("demo lesson files %s: %w", d.unit, err)
		}
	}
	return nil
}

func (a *App) seedLessonFile(ctx context.Context, trainer, mgr Actor, d demoLessonFile) error {
	files, err := d.files()
	if err != nil {
		return err
	}
	var links []any
	for _, f := range files {
		lf, err := a.UploadLessonFile(ctx, trainer, f.name, bytes.NewReader(f.data))
		if err != nil {
			return err
		}
		links = append(links, "/files/"+lf.ID)
	}
	in, err := a.LessonForEdit(ctx, trainer, d.unit)
	if err != nil {
		return err
	}
	in.Body = insertBefore(in.Body, d.before, fmt.Sprintf(d.text, links...))
	in.BodyEN = insertBefore(in.BodyEN, d.beforeEN, fmt.Sprintf(d.textEN, links...))
	in.Note, in.Submit = d.note, true
	mid, err := a.SaveLesson(ctx, trainer, in)
	if err != nil {
		return err
	}
	return a.ReviewVersion(ctx, mgr, mid, in.BaseNo+1, true, "")
}

// insertBefore puts section before the line heading of body, or at its
// end when body has no such line.
func insertBefore(body, heading, section string) string {
	if i := strings.Index(body, "\n"+heading+"\n"); i >= 0 {
		return body[:i+1] + section + "\n" + body[i+1:]
	}
	return strings.TrimRight(body, "\n") + "\n\n" + section
}
