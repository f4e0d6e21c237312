package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"github.com/shopdojo/shopdojo/internal/store"
)

// The demo's SOP runs: practice on real work in every state, so mentors
// have a sign-off queue with photos and learners see signed, returned and
// unfinished runs.
var demoRuns = []struct {
	no, mentor, unit, subject string
	steps                     int    // steps done; -1 for all
	state                     string // open, submitted, signed or returned
	note                      string // the mentor's note
}{
	{"SD1003", "SD1002", "m02-c01-u04", "双12 新款 羊毛混纺围巾（灰/驼两色）上新", -1, RunSubmitted, ""},
	{"SD1004", "SD1002", "m01-c02-u04", "12 月第 1 周（周一至周五）开店检查", -1, RunSigned, "5 天记录完整，周三发现的价格异常处理及时，值得在组会上分享。"},
	{"SD1007", "SD1002", "m01-c02-u04", "入职第 1 周开店检查", -1, RunReturned, "第 3 步缺少后台截图，只有文字说明不能证明已检查；请补上当天的截图后再提交。"},
	{"SD2003", "SD2002", "m06-c02-u04", "11 月 24–30 日 本人接待的全部售后单", -1, RunSubmitted, ""},
	{"SD3002", "SD3001", "m04-c02-u05", "年货节 羊绒围巾 关键词推广新计划", 4, RunOpen, ""},
}

var demoStepNotes = []string{
	"已按清单逐项核对，无异常，截图已上传。",
	"已完成，关键数据已截图留存。",
	"已处理，处理结果记在交接表第 12 行。",
	"已复核，后台数据与表格一致。",
	"已和组长确认后执行。",
}

// seedRuns plays the demo runs through the same methods people use.
func (a *App) seedRuns(ctx context.Context) error {
	photo, err := demoScreenshot()
	if err != nil {
		return err
	}
	for i, d := range demoRuns {
		learner, err := a.demoActor(ctx, d.no)
		if err != nil {
			return err
		}
		id, err := a.StartSOPRun(ctx, learner, "", d.unit, d.subject)
		if err != nil {
			return fmt.Errorf("demo run %s: %w", d.unit, err)
		}
		if err := a.fillDemoRun(ctx, learner, id, d.steps, i, photo); err != nil {
			return fmt.Errorf("demo run %s: %w", d.unit, err)
		}
		if d.state == RunOpen {
			continue
		}
		if err := a.SubmitRun(ctx, learner, id); err != nil {
			return err
		}
		if d.state == RunSubmitted {
			continue
		}
		mentor, err := a.demoActor(ctx, d.mentor)
		if err != nil {
			return err
		}
		if err := a.ReviewRun(ctx, mentor, id, d.state == RunSigned, d.note); err != nil {
			return err
		}
	}
	return nil
}

// fillDemoRun ticks the first n steps (all when n < 0) with a note, and
// puts a screenshot on the first.
func (a *App) fillDemoRun(ctx context.Context, ac Actor, id string, n, seed int, photo []byte) error {
	v, err := a.SOPRun(ctx, ac, id)
	if err != nil {
		return err
	}
	for _, s := range v.Steps {
		if n >= 0 && s.No > n {
			break
		}
		note := demoStepNotes[(s.No+seed)%len(demoStepNotes)]
		if err := a.SaveRunStep(ctx, ac, id, s.No, StepInput{Done: true, Note: note}); err != nil {
			return err
		}
	}
	f, err := a.UploadFile(ctx, ac, PurposeEvidence, "后台截图.png", bytes.NewReader(photo))
	if err != nil {
		return err
	}
	return a.AttachRunFile(ctx, ac, id, 1, f.ID)
}

func (a *App) demoActor(ctx context.Context, no string) (Actor, error) {
	var id string
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { id, err = q.FindPersonByEmployeeNo(ctx, no); return }); err != nil {
		return Actor{}, fmt.Errorf("demo person %s: %w", no, err)
	}
	return a.actor(ctx, id)
}

// demoScreenshot draws a small stand-in for a back-office screenshot: a
// header bar and table rows.
func demoScreenshot() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for y := range 200 {
		for x := range 320 {
			c := color.RGBA{R: 246, G: 247, B: 249, A: 255}
			switch {
			case y < 28:
				c = color.RGBA{R: 255, G: 80, B: 0, A: 255}
			case y > 40 && (y-40)%24 < 18 && x > 12 && x < 308:
				c = color.RGBA{R: 255, G: 255, B: 255, A: 255}
				if x < 90 {
					c = color.RGBA{R: 225, G: 230, B: 240, A: 255}
				}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}
