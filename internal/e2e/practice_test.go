package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// TestPracticeSignOffUnlocksStage: a new customer-service hire has done
// everything of stage 1 of her course map but the data-export practice and
// its quiz. On her phone she runs the SOP on real work with a photo as
// evidence and submits it; her mentor signs it off from the sign-off queue;
// she passes the unit quiz, the stage exam opens, she passes it and stage 2
// unlocks. The run and the queue are shown in English too.
func TestPracticeSignOffUnlocksStage(t *testing.T) {
	s := start(t)
	x := builtinIndex(t)
	learner := demoActor(t, s, "SD2006")
	mentor := demoActor(t, s, "SD2002")
	prepareStageOne(t, s, x, learner, mentor)

	phone := browser(t, 390, 844, true)
	acceptDialogs(phone)
	signIn(t, phone, s, "SD2006", app.DemoPassword)
	do(t, phone, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn/units/m08-c03-u04"),
		chromedp.WaitVisible(css("[data-testid=run-start]")))
	s.shot(t, phone, "practice-00-unit")
	do(t, phone, chromedp.SendKeys(css("[data-testid=run-subject]"), "12 月会员名单导出（给短信服务商）"),
		chromedp.Click(css("[data-testid=run-begin]")), chromedp.WaitVisible(css("[data-testid=run-step]")))
	waitText(t, phone, ".toast", "已开始执行")
	photo := evidencePhoto(t)
	n := eval[int](t, phone, `document.querySelectorAll("[data-testid=run-step]").length`)
	for i := 1; i <= n; i++ {
		step := fmt.Sprintf("#step-%d ", i)
		acts := []chromedp.Action[chromedp.Void]{chromedp.Click(css(step + "[data-testid=step-done]")),
			chromedp.SendKeys(css(step+"[data-testid=step-note]"), fmt.Sprintf("第 %d 步已按清单完成，导出字段已脱敏", i))}
		if i == 1 {
			acts = append(acts, chromedp.SetUploadFiles(css(step+"[data-testid=step-file]"), []string{photo}))
		}
		acts = append(acts, chromedp.Click(css(step+"[data-testid=step-save]")), chromedp.WaitVisible(css(fmt.Sprintf("#step-%d.is-done", i))))
		do(t, phone, acts...)
	}
	if got := eval[int](t, phone, `document.querySelectorAll("#step-1 [data-testid=evidence-img]").length`); got != 1 {
		t.Fatalf("%d photos on step 1", got)
	}
	if !eval[bool](t, phone, `(() => { const i = document.querySelector("#step-1 [data-testid=evidence-img]"); return i.complete && i.naturalWidth === 64 })()`) {
		t.Fatal("the evidence photo does not load")
	}
	s.shot(t, phone, "practice-01-run")
	do(t, phone, chromedp.Click(css("[data-testid=run-submit]")), chromedp.WaitVisible(css("[data-testid=run-status]")))
	waitText(t, phone, "[data-testid=run-status]", "待签核")
	runURL := eval[string](t, phone, `location.pathname`)

	// The mentor signs it off from her queue, on a laptop.
	laptop := browser(t, 1280, 900, false)
	signIn(t, laptop, s, "SD2002", app.DemoPassword)
	do(t, laptop, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Click(css("[data-testid=nav-signoffs]")),
		chromedp.WaitVisible(css("[data-testid=signoff-table]")))
	waitText(t, laptop, "[data-testid=signoff-table]", "朱琳")
	s.shot(t, laptop, "practice-02-queue")
	do(t, laptop, chromedp.Click(`//tr[td[contains(., "朱琳")]]//a[@data-testid="signoff-open"]`),
		chromedp.WaitVisible(css("[data-testid=review-panel]")))
	// The photo loads after the panel shows: give it a few seconds.
	seen := false
	for range 50 {
		if seen = eval[bool](t, laptop, `(() => { const i = document.querySelector("[data-testid=evidence-img]"); return !!i && i.complete && i.naturalWidth === 64 })()`); seen {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !seen {
		t.Fatal("the mentor does not see the photo")
	}
	s.shot(t, laptop, "practice-03-review")
	do(t, laptop, chromedp.SendKeys(css("[data-testid=review-note]"), "导出范围和脱敏都对，下次记得在交接单上写明删除期限"),
		chromedp.Click(css("[data-testid=run-sign]")), chromedp.WaitVisible(css(".toast")))
	waitText(t, laptop, ".toast", "已签核")
	do(t, laptop, toLocale("en"), chromedp.WaitVisible(css(`html[lang="en"]`)), chromedp.Navigate(s.url+runURL),
		chromedp.WaitVisible(css("[data-testid=run-signed]")))
	waitText(t, laptop, "[data-testid=run-status]", "Signed off")
	s.shot(t, laptop, "practice-04-signed-en")

	// The learner passes the unit quiz; the stage exam opens; she passes it.
	do(t, phone, chromedp.Reload(), chromedp.WaitVisible(css("[data-testid=run-signed]")))
	s.shot(t, phone, "practice-05-signed-phone")
	do(t, phone, chromedp.Navigate(s.url+"/learn/units/m08-c03-u05"), chromedp.WaitVisible(css("[data-testid=start-quiz]")),
		chromedp.Click(css("[data-testid=start-quiz]")), chromedp.WaitVisible(css("[data-testid=finish]")))
	answerPaper(t, phone, x)
	s.shot(t, phone, "practice-06-quiz")
	do(t, phone, chromedp.Click(css("[data-testid=finish]")), chromedp.WaitVisible(css("[data-testid=result-summary]")))
	do(t, phone, chromedp.Navigate(s.url+"/learn/paths/path-cs-specialist"), chromedp.WaitVisible(css("[data-testid=start-stage-exam]")))
	if st := eval[[]string](t, phone, `[...document.querySelectorAll("[data-testid=stage]")].map(e => e.dataset.state)`); len(st) < 2 || st[1] != "locked" {
		t.Fatalf("stages before the stage exam: %v", st)
	}
	s.shot(t, phone, "practice-07-exam-ready")
	do(t, phone, chromedp.Click(css("[data-testid=start-stage-exam]")), chromedp.WaitVisible(css("[data-testid=finish]")))
	answerPaper(t, phone, x)
	do(t, phone, chromedp.Click(css("[data-testid=finish]")), chromedp.WaitVisible(css("[data-testid=result-summary]")))
	do(t, phone, chromedp.Navigate(s.url+"/learn/paths/path-cs-specialist"), chromedp.WaitVisible(css("[data-testid=course-map]")))
	if st := eval[[]string](t, phone, `[...document.querySelectorAll("[data-testid=stage]")].map(e => e.dataset.state)`); st[0] != "done" || st[1] != "open" {
		t.Fatalf("stages after passing the stage exam: %v", st)
	}
	s.shot(t, phone, "practice-08-stage-two")
}

func builtinIndex(t *testing.T) *curriculum.Index {
	t.Helper()
	p, probs := curriculum.Read(curriculum.Builtin())
	if len(probs) > 0 {
		t.Fatalf("built-in pack: %v", probs)
	}
	return curriculum.NewIndex(p)
}

func demoActor(t *testing.T, s *site, no string) app.Actor {
	t.Helper()
	ctx := context.Background()
	p, err := s.srv.App.PersonByEmployeeNo(ctx, app.SystemActor("test"), no)
	must(t, err)
	ac, err := s.srv.App.ActorFor(ctx, p.ID)
	must(t, err)
	return ac
}

// prepareStageOne does, through the app, all of stage 1 of the
// customer-service map for the learner except the data-export practice
// (m08-c03-u04) and the quiz after it (m08-c03-u05).
func prepareStageOne(t *testing.T, s *site, x *curriculum.Index, learner, mentor app.Actor) {
	t.Helper()
	ctx, a := context.Background(), s.srv.App
	for _, course := range []string{"m01-c01", "m06-c01", "m08-c03"} {
		for _, u := range x.Units(course) {
			switch {
			case u.ID == "m08-c03-u04" || u.ID == "m08-c03-u05":
			case u.Kind == curriculum.KindRead || u.Kind == curriculum.KindWatch:
				must(t, a.CompleteUnit(ctx, learner, u.ID))
			case u.Kind == curriculum.KindPractice:
				signedRun(t, a, learner, mentor, u.ID)
			case u.Kind == curriculum.KindTest:
				passQuiz(t, a, x, learner, u.ID)
			}
		}
	}
}

func signedRun(t *testing.T, a *app.App, learner, mentor app.Actor, unitID string) {
	t.Helper()
	ctx := context.Background()
	id, err := a.StartSOPRun(ctx, learner, "", unitID, "")
	must(t, err)
	v, err := a.SOPRun(ctx, learner, id)
	must(t, err)
	for _, st := range v.Steps {
		must(t, a.SaveRunStep(ctx, learner, id, st.No, app.StepInput{Done: true, Note: "已完成"}))
	}
	must(t, a.SubmitRun(ctx, learner, id))
	must(t, a.ReviewRun(ctx, mentor, id, true, ""))
}

// passQuiz answers a unit quiz with its key through the app.
func passQuiz(t *testing.T, a *app.App, x *curriculum.Index, ac app.Actor, unitID string) {
	t.Helper()
	ctx := context.Background()
	v, err := a.OpenUnit(ctx, ac, unitID)
	must(t, err)
	id, err := a.StartAttempt(ctx, ac, v.ExamID, "setup")
	must(t, err)
	tv, err := a.TakeAttempt(ctx, ac, id, "setup")
	must(t, err)
	keys := questionKeys(x)
	var saves []app.AnswerSave
	for _, it := range tv.Items {
		q := keys[hanKey(it.Item.Stem)]
		body, _ := json.Marshal(responseOf(q.Answer))
		saves = append(saves, app.AnswerSave{Pos: it.Pos, Seq: 1, Response: body})
	}
	_, err = a.SaveAnswers(ctx, ac, id, "setup", saves)
	must(t, err)
	must(t, a.FinishAttempt(ctx, ac, id, "setup"))
}

func responseOf(k quiz.Answer) quiz.Response {
	r := quiz.Response{Choices: k.Choices, Order: k.Order, Pairs: k.Pairs}
	for _, b := range k.Blanks {
		r.Blanks = append(r.Blanks, b[0])
	}
	return r
}

// questionKeys finds the pack's questions by the Chinese characters of
// their stems (what a rendered stem and its Markdown have in common).
func questionKeys(x *curriculum.Index) map[string]quiz.Question {
	keys := map[string]quiz.Question{}
	for _, m := range x.Pack.Modules {
		for _, q := range m.Questions {
			keys[hanKey(q.Stem)] = q
		}
	}
	return keys
}

func hanKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Han, r) {
			return r
		}
		return -1
	}, s)
}

// answerPaper answers every question on the exam page with its key, the
// way a person would fill the inputs, and waits until all are saved.
func answerPaper(t *testing.T, ctx context.Context, x *curriculum.Index) {
	t.Helper()
	keys := questionKeys(x)
	stems := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-testid=q]")].map(s => s.querySelector(".card-body > .prose").textContent)`)
	for pos, stem := range stems {
		q, ok := keys[hanKey(stem)]
		if !ok {
			t.Fatalf("question %d not in the pack: %q", pos, stem)
		}
		ans, _ := json.Marshal(q.Answer)
		eval[bool](t, ctx, fmt.Sprintf(answerJS, pos, ans))
	}
	waitText(t, ctx, "[data-testid=progress]", fmt.Sprintf("%d / %d", len(stems), len(stems)))
	waitText(t, ctx, "[data-testid=save-status]", "已全部保存")
}

const answerJS = `((pos, a) => {
  const s = document.querySelector("section[data-pos='" + pos + "']");
  const fire = (el) => { el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); };
  for (const k of a.choices || []) { const i = s.querySelector('input[value="' + k + '"]'); if (!i.checked) i.click(); }
  (a.blanks || []).forEach((b, j) => { const i = s.querySelectorAll('input[data-blank]')[j]; i.value = b[0]; fire(i); });
  (a.order || []).forEach((k, j) => { const el = s.querySelector('select[data-order-key="' + k + '"]'); el.value = String(j + 1); fire(el); });
  for (const [k, v] of Object.entries(a.pairs || {})) { const el = s.querySelector('select[data-pair-key="' + k + '"]'); el.value = v; fire(el); }
  return true;
})(%d, %s)`

// evidencePhoto writes a small PNG "photo" of a screen to upload.
func evidencePhoto(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{R: uint8(40 + x), G: uint8(90 + y), B: 200, A: 255})
		}
	}
	path := filepath.Join(t.TempDir(), "导出记录截图.png")
	f, err := os.Create(path)
	must(t, err)
	defer f.Close()
	must(t, png.Encode(f, img))
	return path
}

// TestReturnedRunIsATask: a new hire whose run her mentor returned finds
// it on 我的学习 with the mentor's note and opens it to make the changes.
func TestReturnedRunIsATask(t *testing.T) {
	s := start(t)
	ctx := browser(t, 390, 844, true)
	signIn(t, ctx, s, "SD1007", app.DemoPassword)
	do(t, ctx, chromedp.WaitReady(css("[data-testid=logout]")), chromedp.Navigate(s.url+"/learn"),
		chromedp.WaitVisible(css("[data-testid=learn-returned]")))
	waitText(t, ctx, "[data-testid=learn-returned]", "缺少后台截图")
	s.shot(t, ctx, "practice-09-returned-task")
	do(t, ctx, chromedp.Click(css("[data-testid=learn-returned] a")), chromedp.WaitVisible(css("[data-testid=run-status]")))
	waitText(t, ctx, "[data-testid=run-status]", "已退回")
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-testid=step-save]").length`); n == 0 {
		t.Fatal("a returned run cannot be changed")
	}
}
