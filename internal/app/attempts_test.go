package app_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/fsrs"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
)

// examFixture is a bank of five single-choice questions and a short
// answer, and a 10-minute exam of all of them open to one learner.
type examFixture struct {
	*env
	owner, learner, other app.Actor
	bank, exam            string
	qids                  []string
}

func newExamFixture(t *testing.T, in app.ExamInput) *examFixture {
	e := newEnv(t)
	f := &examFixture{env: e}
	_, f.owner = e.person("T1", "程讲师", "", shopdojo.RoleTrainer)
	lid, learner := e.person("L1", "李娜", "", shopdojo.RoleLearner)
	f.learner = learner
	_, f.other = e.person("L2", "王磊", "", shopdojo.RoleLearner)
	var err error
	f.bank, err = e.app.CreateBank(e.ctx, f.owner, app.BankInput{Name: "客服题库"})
	e.must(err)
	var paper shopdojo.PaperSection
	for i := range 5 {
		q := single(fmt.Sprintf("第 %d 题：天猫 3 分钟响应率统计哪个时段？", i+1))
		id, _, err := e.app.SaveQuestion(e.ctx, f.owner, app.QuestionInput{BankID: f.bank, Question: q})
		e.must(err)
		f.qids = append(f.qids, id)
		paper.Questions = append(paper.Questions, shopdojo.PaperQuestion{QuestionID: id})
	}
	short := quiz.Question{Type: quiz.Short, Stem: "顾客说“太贵了”，你怎么回应？", Points: 5, Difficulty: 3,
		Rubric: "先认同，再讲价值，最后给方案"}
	sid, _, err := e.app.SaveQuestion(e.ctx, f.owner, app.QuestionInput{BankID: f.bank, Question: short})
	e.must(err)
	f.qids = append(f.qids, sid)
	paper.Questions = append(paper.Questions, shopdojo.PaperQuestion{QuestionID: sid})
	paper.Title = "客服基础"
	if in.Title == "" {
		in.Title = "客服上岗考试"
	}
	if in.Mode == "" {
		in.Mode = shopdojo.ModeExam
	}
	if in.ScoreRelease == "" {
		in.ScoreRelease = shopdojo.ReleaseImmediate
	}
	if in.AnswerRelease == "" {
		in.AnswerRelease = shopdojo.ReleaseManual
	}
	if in.PassPercent == 0 {
		in.PassPercent = 60
	}
	in.Paper = shopdojo.Paper{Sections: []shopdojo.PaperSection{paper}}
	in.Audience = append(in.Audience, shopdojo.AudienceRef{Kind: "person", ID: lid})
	f.exam, err = e.app.CreateExam(e.ctx, f.owner, in)
	e.must(err)
	e.must(e.app.SetExamStatus(e.ctx, f.owner, f.exam, shopdojo.ExamPublished))
	return f
}

func answer(pos int, seq int64, choice string) app.AnswerSave {
	b, _ := json.Marshal(quiz.Response{Choices: []string{choice}})
	return app.AnswerSave{Pos: pos, Seq: seq, Response: b}
}

func TestAttemptSavesAreIdempotentAndOwned(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{TimeLimit: 10 * time.Minute})
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "dev-1")
	f.must(err)
	// Starting again resumes the same attempt.
	if again, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "dev-1"); err != nil || again != id {
		t.Fatalf("resume: %s %v", again, err)
	}
	// Someone else cannot start an exam not meant for them, nor touch this attempt.
	if _, err := f.app.StartAttempt(f.ctx, f.other, f.exam, "dev-9"); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("outsider started: %v", err)
	}
	if _, err := f.app.TakeAttempt(f.ctx, f.other, id, "dev-9"); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("outsider read: %v", err)
	}
	if _, err := f.app.SaveAnswers(f.ctx, f.other, id, "dev-1", []app.AnswerSave{answer(0, 1, "A")}); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("outsider saved: %v", err)
	}
	if err := f.app.FinishAttempt(f.ctx, f.other, id, "dev-1"); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("outsider finished: %v", err)
	}
	v, err := f.app.TakeAttempt(f.ctx, f.learner, id, "dev-1")
	f.must(err)
	if len(v.Items) != 6 || v.Remaining != 10*time.Minute || v.Elsewhere {
		t.Fatalf("take view: %d items, remaining %v, elsewhere %v", len(v.Items), v.Remaining, v.Elsewhere)
	}
	pos := posOf(v, quiz.Single)
	acks, err := f.app.SaveAnswers(f.ctx, f.learner, id, "dev-1", []app.AnswerSave{answer(pos, 2, "B")})
	f.must(err)
	if !acks[0].Kept {
		t.Fatal("first save not kept")
	}
	// A retry of the same save, and an older one arriving late, change nothing.
	for _, s := range []app.AnswerSave{answer(pos, 2, "B"), answer(pos, 1, "C")} {
		acks, err := f.app.SaveAnswers(f.ctx, f.learner, id, "dev-1", []app.AnswerSave{s})
		f.must(err)
		if acks[0].Kept {
			t.Fatalf("stale save %+v kept", s)
		}
	}
	v, _ = f.app.TakeAttempt(f.ctx, f.learner, id, "dev-1")
	if got := v.Items[pos].Response.Choices; len(got) != 1 || got[0] != "B" || v.Items[pos].Seq != 2 {
		t.Fatalf("stored answer %v seq %d", got, v.Items[pos].Seq)
	}
	// Bad input is refused and loses nothing.
	if _, err := f.app.SaveAnswers(f.ctx, f.learner, id, "dev-1", []app.AnswerSave{{Pos: 99, Seq: 3, Response: []byte(`{}`)}}); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("bad pos: %v", err)
	}
	v, _ = f.app.TakeAttempt(f.ctx, f.learner, id, "dev-1")
	if !v.Items[pos].Answered {
		t.Fatal("a refused batch lost a stored answer")
	}
	// Once saves know the attempt (its facts are kept in memory), an
	// outsider, another device and a save after the finish are still refused.
	if _, err := f.app.SaveAnswers(f.ctx, f.other, id, "dev-1", []app.AnswerSave{answer(pos, 5, "A")}); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("outsider saved after the owner: %v", err)
	}
	if _, err := f.app.SaveAnswers(f.ctx, f.learner, id, "dev-2", []app.AnswerSave{answer(pos, 5, "A")}); kind(err) != shopdojo.KindConflict {
		t.Fatalf("other device saved: %v", err)
	}
	f.must(f.app.FinishAttempt(f.ctx, f.learner, id, "dev-1"))
	if _, err := f.app.SaveAnswers(f.ctx, f.learner, id, "dev-1", []app.AnswerSave{answer(pos, 6, "A")}); kind(err) != shopdojo.KindConflict {
		t.Fatalf("saved after finish: %v", err)
	}
}

func posOf(v app.TakeView, t quiz.Type) int {
	for _, it := range v.Items {
		if it.Item.Type == t {
			return it.Pos
		}
	}
	return -1
}

func TestDeadlineGraceAndOverdueJob(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{TimeLimit: 10 * time.Minute})
	start := f.now
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "dev-1")
	f.must(err)
	// Within grace (15 s by default) a save still counts…
	f.now = start.Add(10*time.Minute + 10*time.Second)
	if _, err := f.app.SaveAnswers(f.ctx, f.learner, id, "dev-1", []app.AnswerSave{answer(0, 1, "B")}); err != nil {
		t.Fatalf("save in grace: %v", err)
	}
	// …after it, never: the server's clock decides.
	f.now = start.Add(10*time.Minute + 16*time.Second)
	if _, err := f.app.SaveAnswers(f.ctx, f.learner, id, "dev-1", []app.AnswerSave{answer(1, 1, "B")}); kind(err) != shopdojo.KindConflict {
		t.Fatalf("save after grace: %v", err)
	}
	// The overdue job finishes it an hour later, at the deadline.
	f.now = start.Add(time.Hour)
	n, _, err := f.app.RunAttemptJobs(f.ctx)
	f.must(err)
	if n != 1 {
		t.Fatalf("job finished %d attempts", n)
	}
	res, err := f.app.AttemptResult(f.ctx, f.learner, id)
	f.must(err)
	// Its short answer was left empty: nothing to grade.
	if res.Attempt.State != "graded" || !res.Attempt.FinishedAt.Equal(start.Add(10*time.Minute)) {
		t.Fatalf("state %s finished %v", res.Attempt.State, res.Attempt.FinishedAt)
	}
	// A second run and a late submit change nothing.
	if n, _, _ := f.app.RunAttemptJobs(f.ctx); n != 0 {
		t.Fatalf("second run finished %d", n)
	}
	f.must(f.app.FinishAttempt(f.ctx, f.learner, id, "dev-1"))
	again, _ := f.app.AttemptResult(f.ctx, f.learner, id)
	if !again.Attempt.FinishedAt.Equal(res.Attempt.FinishedAt) {
		t.Fatal("a second finish moved the finish time")
	}
}

func TestOneDeviceAndTakeover(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{TimeLimit: 30 * time.Minute})
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "")
	f.must(err)
	v, err := f.app.TakeAttempt(f.ctx, f.learner, id, "phone")
	f.must(err)
	if v.Elsewhere {
		t.Fatal("the first device is elsewhere")
	}
	v, err = f.app.TakeAttempt(f.ctx, f.learner, id, "laptop")
	f.must(err)
	if !v.Elsewhere || len(v.Items) != 0 {
		t.Fatalf("second device: elsewhere %v, %d items", v.Elsewhere, len(v.Items))
	}
	if _, err := f.app.SaveAnswers(f.ctx, f.learner, id, "laptop", []app.AnswerSave{answer(0, 1, "A")}); kind(err) != shopdojo.KindConflict {
		t.Fatalf("save from a second device: %v", err)
	}
	f.must(f.app.TakeOver(f.ctx, f.learner, id, "laptop"))
	// The phone's queue is now refused, and shown as such.
	_, err = f.app.SaveAnswers(f.ctx, f.learner, id, "phone", []app.AnswerSave{answer(0, 5, "A")})
	if de, ok := err.(*shopdojo.Error); !ok || de.Msg != "attempt.err_taken_over" {
		t.Fatalf("queue from the old device: %v", err)
	}
	f.must(f.app.Signal(f.ctx, f.learner, id, "laptop", "hidden"))
	// Extra time: not for learners, audited for the owner.
	if err := f.app.GrantExtraTime(f.ctx, f.learner, id, 5*time.Minute); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner granted extra time: %v", err)
	}
	f.must(f.app.GrantExtraTime(f.ctx, f.owner, id, 5*time.Minute))
	v, _ = f.app.TakeAttempt(f.ctx, f.learner, id, "laptop")
	if v.Remaining != 35*time.Minute {
		t.Fatalf("remaining after extra time: %v", v.Remaining)
	}
	r, err := f.app.ReviewAttempt(f.ctx, f.owner, id)
	f.must(err)
	var kinds []string
	for _, ev := range r.Events {
		kinds = append(kinds, ev.Kind)
	}
	if got := strings.Join(kinds, " "); got != "start claim other_device takeover hidden extra_time" {
		t.Fatalf("events: %s", got)
	}
	events, _, err := f.app.ListAudit(f.ctx, f.sys, app.AuditFilter{Action: "attempt.extra_time"})
	f.must(err)
	if len(events) != 1 {
		t.Fatalf("%d extra-time audit events", len(events))
	}
}

func TestAttemptLimitWindowAndScore(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{AttemptsAllowed: 1, ClosesAt: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)})
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "d")
	f.must(err)
	v, _ := f.app.TakeAttempt(f.ctx, f.learner, id, "d")
	var saves []app.AnswerSave
	for _, it := range v.Items {
		switch it.Item.Type {
		case quiz.Single:
			saves = append(saves, answer(it.Pos, 1, "B"))
		case quiz.Short:
			b, _ := json.Marshal(quiz.Response{Text: "先认同顾客的感受，再讲清楚面料和售后的价值，最后推荐满减券。"})
			saves = append(saves, app.AnswerSave{Pos: it.Pos, Seq: 1, Response: b})
		}
	}
	_, err = f.app.SaveAnswers(f.ctx, f.learner, id, "d", saves)
	f.must(err)
	f.must(f.app.FinishAttempt(f.ctx, f.learner, id, "d"))
	// Saves after finish are refused; nothing changes.
	if _, err := f.app.SaveAnswers(f.ctx, f.learner, id, "d", []app.AnswerSave{answer(0, 9, "A")}); kind(err) != shopdojo.KindConflict {
		t.Fatalf("save after finish: %v", err)
	}
	res, err := f.app.AttemptResult(f.ctx, f.learner, id)
	f.must(err)
	// The short answer waits for a grader: no score shown yet, no keys.
	if res.Attempt.State != "finished" || res.Attempt.ToGrade != 1 || res.ScoreShown || res.AnswersShown {
		t.Fatalf("result: %+v shown %v/%v", res.Attempt, res.ScoreShown, res.AnswersShown)
	}
	for _, it := range res.Items {
		if it.Question != nil || it.Result != nil {
			t.Fatal("a result item carries the key before release")
		}
	}
	staff, err := f.app.ReviewAttempt(f.ctx, f.owner, id)
	f.must(err)
	if staff.Attempt.Score != 10 || staff.Attempt.MaxScore != 15 {
		t.Fatalf("score %v/%v", staff.Attempt.Score, staff.Attempt.MaxScore)
	}
	if _, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "d"); kind(err) != shopdojo.KindConflict {
		t.Fatalf("second attempt of one allowed: %v", err)
	}
	f.now = time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	if _, err := f.app.ReviewAttempt(f.ctx, f.learner, id); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner reviewed as staff: %v", err)
	}
}

// TestConcurrentSavesAndFinish races saves against a finish: every save
// acknowledged before the finish is in the score, and none is
// acknowledged after it.
func TestConcurrentSavesAndFinish(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{TimeLimit: 30 * time.Minute})
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "d")
	f.must(err)
	v, _ := f.app.TakeAttempt(f.ctx, f.learner, id, "d")
	var wg sync.WaitGroup
	acked := make([]bool, len(v.Items))
	for _, it := range v.Items {
		if it.Item.Type != quiz.Single {
			continue
		}
		wg.Add(1)
		go func(pos int) {
			defer wg.Done()
			if acks, err := f.app.SaveAnswers(f.ctx, f.learner, id, "d", []app.AnswerSave{answer(pos, 1, "B")}); err == nil && acks[0].Kept {
				acked[pos] = true
			}
		}(it.Pos)
	}
	f.must(f.app.FinishAttempt(f.ctx, f.learner, id, "d"))
	wg.Wait()
	r, err := f.app.ReviewAttempt(f.ctx, f.owner, id)
	f.must(err)
	for _, it := range r.Items {
		if acked[it.Pos] && (it.Result == nil || it.Result.State != quiz.Correct) {
			t.Fatalf("acknowledged answer %d not scored: %+v", it.Pos, it.Result)
		}
	}
}

func TestGradeAndRegrade(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{})
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "d")
	f.must(err)
	v, _ := f.app.TakeAttempt(f.ctx, f.learner, id, "d")
	short := posOf(v, quiz.Short)
	var saves []app.AnswerSave
	for _, it := range v.Items {
		if it.Item.Type == quiz.Single {
			saves = append(saves, answer(it.Pos, 1, "C")) // C is wrong until the key is corrected
		}
	}
	text, _ := json.Marshal(quiz.Response{Text: "先认同，再讲价值。"})
	saves = append(saves, app.AnswerSave{Pos: short, Seq: 1, Response: text})
	_, err = f.app.SaveAnswers(f.ctx, f.learner, id, "d", saves)
	f.must(err)
	f.must(f.app.FinishAttempt(f.ctx, f.learner, id, "d"))
	queue, err := f.app.GradingQueue(f.ctx, f.owner)
	f.must(err)
	if len(queue) != 1 || queue[0].ID != id {
		t.Fatalf("queue %+v", queue)
	}
	if err := f.app.GradeItem(f.ctx, f.owner, id, app.GradeInput{Pos: short, Points: 9}); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("points above max: %v", err)
	}
	if err := f.app.GradeItem(f.ctx, f.learner, id, app.GradeInput{Pos: short, Points: 4}); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner graded: %v", err)
	}
	f.must(f.app.GradeItem(f.ctx, f.owner, id, app.GradeInput{Pos: short, Points: 4, Feedback: "方案可以更具体"}))
	r, err := f.app.ReviewAttempt(f.ctx, f.owner, id)
	f.must(err)
	if r.Attempt.State != "graded" || r.Attempt.Score != 4 || r.Attempt.Passed {
		t.Fatalf("after grading: %+v", r.Attempt)
	}
	// The key of the first question was wrong: C is right. Correct it and regrade.
	q := single("第 1 题：天猫 3 分钟响应率统计哪个时段？")
	q.Answer.Choices = []string{"C"}
	_, _, err = f.app.SaveQuestion(f.ctx, f.owner, app.QuestionInput{QuestionID: f.qids[0], BaseNo: 1, Question: q, Note: "更正答案"})
	f.must(err)
	n, err := f.app.RegradeQuestion(f.ctx, f.owner, f.exam, f.qids[0])
	f.must(err)
	if n != 1 {
		t.Fatalf("regraded %d copies", n)
	}
	r, _ = f.app.ReviewAttempt(f.ctx, f.owner, id)
	if r.Attempt.Score != 6 || r.Attempt.State != "graded" {
		t.Fatalf("after regrade: %+v", r.Attempt)
	}
	for _, action := range []string{"attempt.grade", "exam.regrade"} {
		if evs, _, _ := f.app.ListAudit(f.ctx, f.sys, app.AuditFilter{Action: action}); len(evs) != 1 {
			t.Fatalf("%s audited %d times", action, len(evs))
		}
	}
}

// TestMistakeDeck: wrong answers enter the learner's deck only once the
// answers are released, and reviews follow FSRS and stay the learner's own.
func TestMistakeDeck(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{})
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "d")
	f.must(err)
	v, _ := f.app.TakeAttempt(f.ctx, f.learner, id, "d")
	var saves []app.AnswerSave
	for _, it := range v.Items {
		if it.Item.Type == quiz.Single {
			choice := "B"
			if it.Pos%2 == 0 {
				choice = "A" // wrong
			}
			saves = append(saves, answer(it.Pos, 1, choice))
		}
	}
	_, err = f.app.SaveAnswers(f.ctx, f.learner, id, "d", saves)
	f.must(err)
	f.must(f.app.FinishAttempt(f.ctx, f.learner, id, "d"))
	short := posOf(v, quiz.Short)
	f.must(f.app.GradeItem(f.ctx, f.owner, id, app.GradeInput{Pos: short, Points: 0}))
	_, _, err = f.app.RunAttemptJobs(f.ctx)
	f.must(err)
	if d, _ := f.app.MyDeck(f.ctx, f.learner); d.Total != 0 {
		t.Fatalf("%d cards before the answers were released", d.Total)
	}
	f.must(f.app.ReleaseResults(f.ctx, f.owner, f.exam))
	_, _, err = f.app.RunAttemptJobs(f.ctx)
	f.must(err)
	wrong := 1 // the short answer
	for _, it := range v.Items {
		if it.Item.Type == quiz.Single && it.Pos%2 == 0 {
			wrong++
		}
	}
	d, err := f.app.MyDeck(f.ctx, f.learner)
	f.must(err)
	if d.Total != int64(wrong) || d.Due != int64(wrong) {
		t.Fatalf("deck %+v, want %d due", d, wrong)
	}
	rv, ok, err := f.app.NextReview(f.ctx, f.learner)
	f.must(err)
	if !ok || rv.Question.Explanation == "" && rv.Question.Type == quiz.Single {
		t.Fatalf("next review %+v", rv)
	}
	if err := f.app.Review(f.ctx, f.other, rv.CardID, rv.Reps, fsrs.Good); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("another learner reviewed the card: %v", err)
	}
	f.must(f.app.Review(f.ctx, f.learner, rv.CardID, rv.Reps, fsrs.Good))
	f.must(f.app.Review(f.ctx, f.learner, rv.CardID, rv.Reps, fsrs.Good)) // a double submit: no second review
	if d, _ := f.app.MyDeck(f.ctx, f.learner); d.Due != int64(wrong-1) {
		t.Fatalf("after one review %d due", d.Due)
	}
	// Good on a new card is the 10-minute learning step; it is due again after.
	f.now = f.now.Add(11 * time.Minute)
	if d, _ := f.app.MyDeck(f.ctx, f.learner); d.Due != int64(wrong) {
		t.Fatalf("after the learning step %d due", d.Due)
	}
}

// TestCertificationGate: passing an exam that certifies awards the
// certification once the score is released, and opens what it gates.
func TestCertificationGate(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{Certifies: "客服上岗认证", ValidMonths: 12})
	lid := f.learner.PersonID
	if ok, err := f.app.Unlocked(f.ctx, lid, f.exam); err != nil || ok {
		t.Fatalf("unlocked before any attempt: %v %v", ok, err)
	}
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "d")
	f.must(err)
	v, _ := f.app.TakeAttempt(f.ctx, f.learner, id, "d")
	var saves []app.AnswerSave
	for _, it := range v.Items {
		if it.Item.Type == quiz.Single {
			saves = append(saves, answer(it.Pos, 1, "B"))
		}
	}
	_, err = f.app.SaveAnswers(f.ctx, f.learner, id, "d", saves)
	f.must(err)
	f.must(f.app.FinishAttempt(f.ctx, f.learner, id, "d"))
	f.must(f.app.GradeItem(f.ctx, f.owner, id, app.GradeInput{Pos: posOf(v, quiz.Short), Points: 1}))
	_, _, err = f.app.RunAttemptJobs(f.ctx)
	f.must(err)
	certs, err := f.app.MyCertifications(f.ctx, f.learner)
	f.must(err)
	if len(certs) != 1 || certs[0].Name != "客服上岗认证" || certs[0].Score != 11 || certs[0].ExpiresAt.IsZero() {
		t.Fatalf("certifications %+v", certs)
	}
	if ok, err := f.app.Unlocked(f.ctx, lid, f.exam); err != nil || !ok {
		t.Fatalf("gate after passing: %v %v", ok, err)
	}
	f.now = f.now.AddDate(1, 0, 1)
	if ok, _ := f.app.Unlocked(f.ctx, lid, f.exam); ok {
		t.Fatal("an expired certification still opens the gate")
	}
	if evs, _, _ := f.app.ListAudit(f.ctx, f.sys, app.AuditFilter{Action: "certification.award"}); len(evs) != 1 {
		t.Fatalf("%d award audit events", len(evs))
	}
}

// TestOverdueAfterRestart: a server that was down when an attempt ran out
// finishes it on its first job run after starting again, at the deadline.
func TestOverdueAfterRestart(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{TimeLimit: 20 * time.Minute})
	start := f.now
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "d")
	f.must(err)
	_, err = f.app.SaveAnswers(f.ctx, f.learner, id, "d", []app.AnswerSave{answer(0, 1, "B")})
	f.must(err)
	// The process is gone; a new one starts on the same database three hours later.
	later := start.Add(3 * time.Hour)
	restarted := app.New(f.store, app.Options{Clock: func() time.Time { return later },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	n, _, err := restarted.RunAttemptJobs(f.ctx)
	f.must(err)
	if n != 1 {
		t.Fatalf("the restarted job finished %d attempts", n)
	}
	f.now = later
	res, err := f.app.AttemptResult(f.ctx, f.learner, id)
	f.must(err)
	if !res.Attempt.FinishedAt.Equal(start.Add(20 * time.Minute)) {
		t.Fatalf("finished at %v, want the deadline %v", res.Attempt.FinishedAt, start.Add(20*time.Minute))
	}
	if seqs, err := f.app.AnswerSeqs(f.ctx, f.owner, id); err != nil || seqs[0] != 1 {
		t.Fatalf("the saved answer after restart: %v %v", seqs, err)
	}
}

// rows counts the rows of table belonging to attempt id.
func (e *env) rows(table, id string) int {
	var n int
	q := "SELECT COUNT(*) FROM " + table + " WHERE attempt_id = $1"
	if e.store.Dialect == store.SQLite {
		q = strings.Replace(q, "$1", "?", 1)
	}
	e.must(e.store.Raw().QueryRowContext(e.ctx, q, id).Scan(&n))
	return n
}

// TestOpenPaperIsWrittenOutAtFinish: starting writes one paper row of
// references, not a row per question; the exam page shows the same
// questions in the same order before and after the paper is written out
// at finish, and a key corrected while the attempt is open reaches it.
func TestOpenPaperIsWrittenOutAtFinish(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{ShuffleQuestions: true, ShuffleOptions: true})
	id, err := f.app.StartAttempt(f.ctx, f.learner, f.exam, "d")
	f.must(err)
	if p, it := f.rows("attempt_papers", id), f.rows("attempt_items", id); p != 1 || it != 0 {
		t.Fatalf("after start: %d paper rows, %d item rows", p, it)
	}
	v, err := f.app.TakeAttempt(f.ctx, f.learner, id, "d")
	f.must(err)
	shown := make([]string, len(v.Items))
	for i, it := range v.Items {
		b, _ := json.Marshal(it.Item)
		shown[i] = string(b)
	}
	// The first question's key is corrected to C while the attempt is open.
	q := single("第 1 题：天猫 3 分钟响应率统计哪个时段？")
	q.Answer.Choices = []string{"C"}
	_, _, err = f.app.SaveQuestion(f.ctx, f.owner, app.QuestionInput{QuestionID: f.qids[0], BaseNo: 1, Question: q, Note: "更正答案"})
	f.must(err)
	n, err := f.app.RegradeQuestion(f.ctx, f.owner, f.exam, f.qids[0])
	f.must(err)
	if n != 1 || f.rows("attempt_papers", id) != 0 || f.rows("attempt_items", id) != len(v.Items) {
		t.Fatalf("regrade of the open attempt: %d copies, %d paper rows, %d item rows", n,
			f.rows("attempt_papers", id), f.rows("attempt_items", id))
	}
	v2, err := f.app.TakeAttempt(f.ctx, f.learner, id, "d")
	f.must(err)
	var saves []app.AnswerSave
	for i, it := range v2.Items {
		if b, _ := json.Marshal(it.Item); string(b) != shown[i] {
			t.Fatalf("item %d changed when written out:\n%s\n%s", i, shown[i], b)
		}
		if it.Item.Type == quiz.Single {
			saves = append(saves, answer(it.Pos, 1, "C"))
		}
	}
	_, err = f.app.SaveAnswers(f.ctx, f.learner, id, "d", saves)
	f.must(err)
	f.must(f.app.FinishAttempt(f.ctx, f.learner, id, "d"))
	r, err := f.app.ReviewAttempt(f.ctx, f.owner, id)
	f.must(err)
	if r.Attempt.Score != 2 || r.Attempt.State != "graded" { // the unanswered short answer waits for no one
		t.Fatalf("after finish: %+v", r.Attempt)
	}
}
