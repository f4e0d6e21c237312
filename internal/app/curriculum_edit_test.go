package app_test

import (
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// TestLessonEditAndWhatChanged: a trainer edits a lesson as fields; an
// undated platform figure or a missing note refuses the edit; the manager
// publishes the Chinese text and its translation together from the review
// queue; a major change gives the learner who finished the old version a
// "what changed" task with the diff, and acknowledging it moves her record
// to the new version. Someone who never finished the lesson gets nothing,
// and a minor edit makes no task.
func TestLessonEditAndWhatChanged(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	_, learner := e.person("L1", "学员", "", shopdojo.RoleLearner)
	_, other := e.person("L2", "没学过的同事", "", shopdojo.RoleLearner)
	const unit = "m01-c01-u01"
	_, err = e.app.OpenUnit(e.ctx, learner, unit)
	e.must(err)
	e.must(e.app.CompleteUnit(e.ctx, learner, unit))
	if _, err := e.app.LessonForEdit(e.ctx, learner, unit); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner opened the editor: %v", err)
	}

	in, err := e.app.LessonForEdit(e.ctx, trainer, unit)
	e.must(err)
	if in.BaseNo != 1 || in.Title == "" || !strings.Contains(in.Body, "##") || in.BodyEN == "" {
		t.Fatalf("editor fields %+v", in)
	}
	in.Body += "\n## 新增：大促前自查\n\n大促前一周把店铺体检分、类目资质和活动报名状态各看一遍。\n"
	in.BodyEN += "\n## New: check before a big sale\n\nA week before a big sale, check the store health score, category licences and campaign sign-ups.\n"
	in.Major, in.Submit = true, true
	if _, err := e.app.SaveLesson(e.ctx, trainer, in); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("saved without a note: %v", err)
	}
	bad := in
	bad.Note, bad.Body = "加一句", in.Body+"\n违规会被扣 6 分。\n"
	if _, err := e.app.SaveLesson(e.ctx, trainer, bad); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("an undated penalty figure was accepted: %v", err)
	}
	in.Note = "新增大促前自查一节"
	mid, err := e.app.SaveLesson(e.ctx, trainer, in)
	e.must(err)
	if v, _ := e.app.OpenUnit(e.ctx, learner, unit); v.Version != 1 {
		t.Fatalf("learners see the unpublished edit: version %d", v.Version)
	}
	q, err := e.app.ReviewQueue(e.ctx, mgr)
	e.must(err)
	if len(q) != 2 || !q[0].Version.Major {
		t.Fatalf("review queue %+v", q)
	}
	e.must(e.app.ReviewVersion(e.ctx, mgr, mid, 2, true, ""))
	if q, _ := e.app.ReviewQueue(e.ctx, mgr); len(q) != 0 {
		t.Fatalf("the translation was not published with the text: %+v", q)
	}

	v, err := e.app.OpenUnit(e.ctx, learner, unit)
	e.must(err)
	if v.Version != 2 || v.DoneVersion != 1 || !strings.Contains(v.Unit.Body, "大促前自查") || !strings.Contains(v.Unit.BodyEN, "big sale") {
		t.Fatalf("after publishing: version %d, learned %d", v.Version, v.DoneVersion)
	}
	h, err := e.app.MyLearning(e.ctx, learner)
	e.must(err)
	if len(h.Changes) != 1 || h.Changes[0].Ref != unit || h.Changes[0].FromNo != 1 || h.Changes[0].ToNo != 2 || h.Changes[0].Note != in.Note {
		t.Fatalf("changes %+v", h.Changes)
	}
	ch, ok, err := e.app.WhatChanged(e.ctx, learner, unit)
	e.must(err)
	if !ok || ch.Stats.Added == 0 {
		t.Fatalf("what changed %+v %v", ch.Stats, ok)
	}
	if h, _ := e.app.MyLearning(e.ctx, other); len(h.Changes) != 0 {
		t.Fatalf("someone who never learned it got %+v", h.Changes)
	}
	e.must(e.app.AckChange(e.ctx, learner, unit))
	if h, _ := e.app.MyLearning(e.ctx, learner); len(h.Changes) != 0 {
		t.Fatalf("task still open: %+v", h.Changes)
	}
	if v, _ := e.app.OpenUnit(e.ctx, learner, unit); v.DoneVersion != 2 {
		t.Fatalf("record not moved to the new version: %d", v.DoneVersion)
	}

	minor, err := e.app.LessonForEdit(e.ctx, trainer, unit)
	e.must(err)
	minor.Body = strings.Replace(minor.Body, "大促前一周", "大促开始前一周", 1)
	minor.Note, minor.Submit = "措辞", true
	_, err = e.app.SaveLesson(e.ctx, trainer, minor)
	e.must(err)
	e.must(e.app.ReviewVersion(e.ctx, mgr, mid, 3, true, ""))
	if h, _ := e.app.MyLearning(e.ctx, learner); len(h.Changes) != 0 {
		t.Fatalf("a minor edit made a task: %+v", h.Changes)
	}
	stale := in
	stale.Note = "基于旧版本"
	if _, err := e.app.SaveLesson(e.ctx, trainer, stale); kind(err) != shopdojo.KindConflict {
		t.Fatalf("a stale edit overwrote newer work: %v", err)
	}
}

// TestSOPEdit: an SOP's checklist is edited as rows: a step added, a step
// removed by emptying it, a half-filled step refused; its major change
// reaches the person whose run of the old version was signed off.
func TestSOPEdit(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	_, learner := e.person("L1", "学员", "", shopdojo.RoleLearner)
	const sop = "m01-sop-daily-opening-check"
	run, err := e.app.StartSOPRun(e.ctx, learner, sop, "", "")
	e.must(err)
	v, err := e.app.SOPRun(e.ctx, learner, run)
	e.must(err)
	for _, s := range v.Steps {
		e.must(e.app.SaveRunStep(e.ctx, learner, run, s.No, app.StepInput{Done: true, Note: "已检查"}))
	}
	e.must(e.app.SubmitRun(e.ctx, learner, run))
	e.must(e.app.ReviewRun(e.ctx, trainer, run, true, ""))

	in, err := e.app.SOPForEdit(e.ctx, trainer, sop)
	e.must(err)
	n := len(in.Steps)
	in.Steps[1] = curriculum.Step{}
	in.Steps = append(in.Steps, curriculum.Step{Check: "检查店铺公告是否与当前活动一致", CheckEN: "Check the store notice matches the current campaign"})
	in.Note, in.Major, in.Submit = "新增公告检查", true, true
	if _, err := e.app.SaveSOP(e.ctx, trainer, in); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("a step without evidence was accepted: %v", err)
	}
	in.Steps[n].Evidence, in.Steps[n].EvidenceEN = "店铺首页截图", "Screenshot of the store home page"
	mid, err := e.app.SaveSOP(e.ctx, trainer, in)
	e.must(err)
	e.must(e.app.ReviewVersion(e.ctx, mgr, mid, 2, true, ""))
	s, _, err := e.app.LearningSOP(e.ctx, learner, sop)
	e.must(err)
	if len(s.Steps) != n || s.Steps[n-1].Evidence != "店铺首页截图" {
		t.Fatalf("published steps %d, last %+v", len(s.Steps), s.Steps[len(s.Steps)-1])
	}
	h, err := e.app.MyLearning(e.ctx, learner)
	e.must(err)
	if len(h.Changes) != 1 || h.Changes[0].Kind != "sop" || h.Changes[0].Href() != "/learn/sops/"+sop {
		t.Fatalf("changes %+v", h.Changes)
	}
	// The run keeps the checklist it was run against.
	if v, _ := e.app.SOPRun(e.ctx, learner, run); len(v.Steps) != n {
		t.Fatalf("the signed run now shows %d steps", len(v.Steps))
	}
}
