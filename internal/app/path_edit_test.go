package app_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// liveStage is the elective live-streaming stage the tests add to the
// operations specialist's path.
func liveStage() curriculum.Stage {
	return curriculum.Stage{Title: "拓展：直播带货与复盘", TitleEN: "Extension: live selling and reviews", Level: curriculum.L4,
		Items: []curriculum.PathItem{{Ref: "m03-c03", Required: true},
			{Ref: "m03-sop-live-review", Required: true, After: []string{"m03-c03"}},
			{Ref: "m03-c02", Required: false}},
		Exam: &curriculum.StageExam{Title: "直播运营拓展考试", TitleEN: "Live selling extension exam",
			Questions: []string{"m03-q01", "m03-q02", "m03-q03"}, PassPercent: 80, Minutes: 20}}
}

// TestPathBuilder: a trainer adds a stage to a path in the builder; a
// cycle, a prerequisite in a later stage, an unknown item, an empty stage
// and a duplicated item are each refused with a message tied to the item
// and nothing is stored; a learner may not open the builder; the valid
// edit is a draft version in the review queue, audited, and once the
// manager publishes it the learner's path has the new stage with its exam,
// and the progress she had is kept.
func TestPathBuilder(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	_, learner := e.person("L1", "学员", "", shopdojo.RoleLearner)
	const pathID = "path-ops-specialist"
	e.must(e.app.CompleteUnit(e.ctx, learner, "m01-c01-u01"))

	if _, err := e.app.PathForEdit(e.ctx, learner, pathID); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner opened the builder: %v", err)
	}
	in, err := e.app.PathForEdit(e.ctx, trainer, pathID)
	e.must(err)
	if in.BaseNo != 1 || len(in.Path.Stages) != 3 || in.MaterialID == "" {
		t.Fatalf("builder fields %+v", in)
	}
	if _, _, err := e.app.SavePath(e.ctx, learner, in); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner saved a path: %v", err)
	}
	in.Path.Stages = append(in.Path.Stages, liveStage())
	in.Note, in.Submit = "新增直播拓展阶段", true

	refused := func(name string, edit func(p *curriculum.Path), msg string, stage, item int) app.PathProblem {
		t.Helper()
		bad := in
		bad.Path = clonePath(in.Path)
		edit(&bad.Path)
		probs, err := e.app.CheckPath(e.ctx, trainer, bad)
		e.must(err)
		_, saved, err := e.app.SavePath(e.ctx, trainer, bad)
		if kind(err) != shopdojo.KindInvalid || len(saved) == 0 {
			t.Fatalf("%s: saved: %v", name, err)
		}
		i := slices.IndexFunc(probs, func(p app.PathProblem) bool { return p.Msg == msg })
		if i < 0 || probs[i].Stage != stage || probs[i].Item != item {
			t.Fatalf("%s: problems %+v, want %s at %d/%d", name, probs, msg, stage, item)
		}
		return probs[i]
	}
	cyc := refused("cycle", func(p *curriculum.Path) { p.Stages[3].Items[0].After = []string{"m03-sop-live-review"} },
		curriculum.MsgPathCycle, 3, 0)
	if got := cyc.Args["Cycle"]; !strings.Contains(got.(string), "m03-c03") || !slices.Contains(cyc.Refs, "m03-sop-live-review") {
		t.Fatalf("cycle names %v, refs %v", got, cyc.Refs)
	}
	refused("later", func(p *curriculum.Path) { p.Stages[0].Items[0].After = []string{"m03-c03"} }, curriculum.MsgPathAfterLater, 0, 0)
	refused("unknown", func(p *curriculum.Path) { p.Stages[3].Items[2].Ref = "m99-c01" }, curriculum.MsgPathRefUnknown, 3, 2)
	refused("empty", func(p *curriculum.Path) { p.Stages[3].Items = nil }, curriculum.MsgPathStageEmpty, 3, -1)
	refused("twice", func(p *curriculum.Path) { p.Stages[3].Items[2].Ref = "m01-c01" }, curriculum.MsgPathItemTwice, 3, 2)
	if q, _ := e.app.ReviewQueue(e.ctx, mgr); len(q) != 0 {
		t.Fatalf("a refused edit was stored: %+v", q)
	}

	probs, err := e.app.CheckPath(e.ctx, trainer, in)
	e.must(err)
	if len(probs) != 0 {
		t.Fatalf("the valid edit has problems %+v", probs)
	}
	mid, _, err := e.app.SavePath(e.ctx, trainer, in)
	e.must(err)
	if v, _ := e.app.LearningPath(e.ctx, learner, pathID); len(v.Stages) != 3 {
		t.Fatalf("learners see the unpublished path: %d stages", len(v.Stages))
	}
	again, err := e.app.PathForEdit(e.ctx, trainer, pathID)
	e.must(err)
	if len(again.Path.Stages) != 4 || again.Path.Stages[3].ID != "ops-s4" || again.BaseNo != 2 {
		t.Fatalf("the builder reopens %d stages, new id %q, base %d", len(again.Path.Stages), again.Path.Stages[3].ID, again.BaseNo)
	}
	events, _, err := e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{Action: "material.version_create"})
	e.must(err)
	if len(events) == 0 || events[0].ObjectID != mid || !strings.Contains(events[0].ObjectName, "paths/ops-specialist.yaml") {
		t.Fatalf("audit %+v", events)
	}

	q, err := e.app.ReviewQueue(e.ctx, mgr)
	e.must(err)
	if len(q) != 1 {
		t.Fatalf("review queue %+v", q)
	}
	e.must(e.app.ReviewVersion(e.ctx, mgr, mid, 2, true, ""))
	v, err := e.app.LearningPath(e.ctx, learner, pathID)
	e.must(err)
	if len(v.Stages) != 4 || v.Stages[3].Title != "拓展：直播带货与复盘" || v.Stages[3].Exam == nil || v.Stages[3].Exam.ExamID == "" {
		t.Fatalf("published path %+v", v.Stages[len(v.Stages)-1])
	}
	if v.Done != 1 {
		t.Fatalf("progress after the edit: %d units done", v.Done)
	}
	if it := v.Stages[3].Items[1]; it.State != app.StateLocked || len(it.WaitsFor) != 1 {
		t.Fatalf("the SOP after the course: %+v", it)
	}
}

// TestPathBuilderNew: a new path gets its id from the English title and
// ids for its stages; the same id again is a conflict.
func TestPathBuilderNew(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	in, err := e.app.PathForEdit(e.ctx, trainer, "")
	e.must(err)
	in.Path.Title, in.Path.TitleEN = "直播运营成长路径", "Live-stream operator path"
	in.Path.Position, in.Path.PositionEN = "直播运营", "Live-stream operator"
	in.Path.Stages = []curriculum.Stage{liveStage()}
	in.Note, in.Submit = "新建直播运营路径", true
	mid, probs, err := e.app.SavePath(e.ctx, trainer, in)
	if err != nil {
		t.Fatalf("save: %v %+v", err, probs)
	}
	e.must(e.app.ReviewVersion(e.ctx, mgr, mid, 1, false, "先不发布"))
	got, err := e.app.PathForEdit(e.ctx, trainer, "path-live-stream-operator-path")
	e.must(err)
	if got.Path.Stages[0].ID != "live-stream-operator-path-s1" || got.MaterialID != mid {
		t.Fatalf("new path %+v", got)
	}
	if _, _, err := e.app.SavePath(e.ctx, trainer, in); kind(err) != shopdojo.KindConflict {
		t.Fatalf("a second path with the same id: %v", err)
	}
	pk, err := e.app.PathPickerFor(e.ctx, trainer)
	e.must(err)
	if len(pk.Items) < 100 || len(pk.Tests) < 20 || len(pk.Questions) < 100 || len(pk.Positions) == 0 {
		t.Fatalf("picker %d items, %d tests, %d questions, %d positions", len(pk.Items), len(pk.Tests), len(pk.Questions), len(pk.Positions))
	}
}

func clonePath(p curriculum.Path) curriculum.Path {
	p.Stages = slices.Clone(p.Stages)
	for i := range p.Stages {
		p.Stages[i].Items = slices.Clone(p.Stages[i].Items)
	}
	return p
}
