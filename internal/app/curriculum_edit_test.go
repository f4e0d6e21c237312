package app_test

import (
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
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
