package app_test

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// builtinFiles is the built-in pack in canonical form.
func builtinFiles(t *testing.T) (curriculum.Pack, map[string][]byte) {
	t.Helper()
	p, probs := curriculum.Read(curriculum.Builtin())
	if len(probs) > 0 {
		t.Fatalf("built-in pack: %v", probs)
	}
	files, err := curriculum.Files(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, files
}

func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: v}
	}
	return fsys
}

// TestContentRoundTrip: the built-in pack imported and exported again is
// the same files, byte for byte; a second import stores nothing; a changed
// lesson becomes version 2 and a dropped one is archived.
func TestContentRoundTrip(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	p, files := builtinFiles(t)
	start := time.Now()
	rep, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	t.Logf("import of the built-in pack: %v, %+v", time.Since(start), rep)
	if rep.Created != rep.Files || rep.Questions == 0 || rep.ExamsCreated == 0 || rep.Rules != 1 {
		t.Fatalf("first import %+v", rep)
	}
	got, probs, err := e.app.ContentFiles(e.ctx, mgr)
	e.must(err)
	if len(probs) > 0 {
		t.Fatalf("stored pack has problems: %v", probs)
	}
	if diff := cmp.Diff(stringsOf(files), stringsOf(got)); diff != "" {
		t.Fatalf("export differs from the pack (-pack +export):\n%s", diff)
	}
	again, err := e.app.ImportContent(e.ctx, mgr, mapFS(got), "")
	e.must(err)
	if again.Created+again.Updated+again.Archived+again.QuestionsChanged+again.ExamsCreated != 0 || again.Unchanged != rep.Files {
		t.Fatalf("second import changed something: %+v", again)
	}

	// Change one lesson, drop another course's last unit file pair.
	u := p.Modules[0].Courses[0].Units[0]
	x := curriculum.NewIndex(p)
	f := x.File(u.ID)
	files[f] = append(files[f], []byte("\n补充：新增一段说明。\n")...)
	last := p.Modules[1].Courses[0].Units[len(p.Modules[1].Courses[0].Units)-1]
	if last.Kind == curriculum.KindTest {
		last = p.Modules[1].Courses[0].Units[len(p.Modules[1].Courses[0].Units)-2]
	}
	lf := x.File(last.ID)
	delete(files, lf)
	delete(files, curriculum.EnglishFile(lf))
	third, err := e.app.ImportContent(e.ctx, mgr, mapFS(files), "补充说明")
	e.must(err)
	if third.Updated != 1 || third.Archived != 2 {
		t.Fatalf("third import %+v", third)
	}
	v, err := e.app.OpenUnit(e.ctx, mgr, u.ID)
	e.must(err)
	if v.Version != 2 {
		t.Fatalf("changed lesson shows version %d", v.Version)
	}
	if _, err := e.app.OpenUnit(e.ctx, mgr, last.ID); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("archived unit: %v", err)
	}
}

func stringsOf(m map[string][]byte) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = string(v)
	}
	return out
}

// TestContentImportRefusesProblems: a pack with a problem stores nothing.
func TestContentImportRefusesProblems(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	_, files := builtinFiles(t)
	if _, err := e.app.ImportContent(e.ctx, trainer, mapFS(files), ""); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("trainer import: %v", err)
	}
	delete(files, "paths/onboarding.en.yaml")
	files["modules/01-platform-basics/module.md"] = []byte("---\nid: m01\n---\n")
	rep, err := e.app.ImportContent(e.ctx, mgr, mapFS(files), "")
	if kind(err) != shopdojo.KindInvalid || len(rep.Problems) == 0 {
		t.Fatalf("bad pack: %v %+v", err, rep)
	}
	c, err := e.app.CurriculumCatalogue(e.ctx, mgr)
	e.must(err)
	if len(c.Modules) != 0 {
		t.Fatalf("a refused import stored %d modules", len(c.Modules))
	}
}

// TestLearningLoop: a new hire gets the onboarding path by rule, reads a
// lesson (progress keeps the version), passes a unit quiz, and the stage
// exam opens only when the stage's required items are done.
func TestLearningLoop(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	p, _ := builtinFiles(t)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	hire := e.now.In(shanghai(t)).AddDate(0, 0, -3).Format(time.DateOnly)
	id, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "N1", Name: "新同事", HireDate: hire,
		Status: shopdojo.StatusActive, Roles: []shopdojo.Role{shopdojo.RoleLearner}})
	e.must(err)
	ac, err := e.app.ActorFor(e.ctx, id)
	e.must(err)
	_, old := e.person("O1", "老员工", "", shopdojo.RoleLearner)
	if h, err := e.app.MyLearning(e.ctx, old); err != nil || len(h.Paths) != 0 {
		t.Fatalf("a person without hire date got paths: %+v %v", h.Paths, err)
	}
	h, err := e.app.MyLearning(e.ctx, ac)
	e.must(err)
	if len(h.Paths) != 1 || !h.Paths[0].Onboarding || h.Paths[0].DueAt.IsZero() || len(h.Today) == 0 {
		t.Fatalf("new hire's learning %+v", h)
	}
	onb := h.Paths[0]
	first := onb.Stages[0].Items[0]
	if first.State != app.StateAvailable || onb.Stages[0].Items[1].State != app.StateLocked {
		t.Fatalf("first items %+v / %+v", first, onb.Stages[0].Items[1])
	}
	x := curriculum.NewIndex(p)
	course := x.Course(first.Ref)
	lesson := course.Units[0]
	v, err := e.app.OpenUnit(e.ctx, ac, lesson.ID)
	e.must(err)
	if v.Status != app.StateStarted || v.Version != 1 || v.Next == nil {
		t.Fatalf("opened unit %+v", v)
	}
	h, _ = e.app.MyLearning(e.ctx, ac)
	if h.Continue == nil || h.Continue.ID != lesson.ID {
		t.Fatalf("continue %+v", h.Continue)
	}
	e.must(e.app.CompleteUnit(e.ctx, ac, lesson.ID))
	for _, u := range course.Units {
		switch u.Kind {
		case curriculum.KindRead, curriculum.KindWatch:
			e.must(e.app.CompleteUnit(e.ctx, ac, u.ID))
		case curriculum.KindPractice:
			if err := e.app.CompleteUnit(e.ctx, ac, u.ID); kind(err) != shopdojo.KindConflict {
				t.Fatalf("a practice unit completed by a click: %v", err)
			}
		case curriculum.KindTest:
			passUnitQuiz(t, e, ac, x, u)
		}
	}
	pv, err := e.app.LearningPath(e.ctx, ac, onb.ID)
	e.must(err)
	it := pv.Stages[0].Items[0]
	practice := 0
	for _, u := range course.Units {
		if u.Kind == curriculum.KindPractice {
			practice++
		}
	}
	if it.Done != it.Units-practice || pv.Done == 0 {
		t.Fatalf("after the course: %+v", it)
	}
	if pv.Stages[0].Exam.Ready {
		t.Fatal("stage exam ready with required items not done")
	}
	if _, err := e.app.StartAttempt(e.ctx, ac, pv.Stages[0].Exam.ExamID, "d"); kind(err) != shopdojo.KindConflict {
		t.Fatalf("stage exam started before it is ready: %v", err)
	}
	mine, err := e.app.MyExams(e.ctx, ac)
	e.must(err)
	if len(mine) != 0 {
		t.Fatalf("curriculum exams listed in my exams: %d", len(mine))
	}
}

// passUnitQuiz answers a test unit's quiz with its key and finishes it.
func passUnitQuiz(t *testing.T, e *env, ac app.Actor, x *curriculum.Index, u curriculum.Unit) {
	t.Helper()
	v, err := e.app.OpenUnit(e.ctx, ac, u.ID)
	e.must(err)
	if v.ExamID == "" {
		t.Fatalf("test unit %s has no exam", u.ID)
	}
	keys := map[string]quiz.Question{}
	for _, q := range x.Module(x.ModuleOf(u.ID)).Questions {
		keys[q.Stem] = q
	}
	id, err := e.app.StartAttempt(e.ctx, ac, v.ExamID, "d")
	e.must(err)
	tv, err := e.app.TakeAttempt(e.ctx, ac, id, "d")
	e.must(err)
	var saves []app.AnswerSave
	for _, it := range tv.Items {
		q := keys[it.Item.Stem]
		r := quiz.Response{Choices: q.Answer.Choices, Order: q.Answer.Order, Pairs: q.Answer.Pairs}
		for _, b := range q.Answer.Blanks {
			r.Blanks = append(r.Blanks, b[0])
		}
		body, _ := json.Marshal(r)
		saves = append(saves, app.AnswerSave{Pos: it.Pos, Seq: 1, Response: body})
	}
	_, err = e.app.SaveAnswers(e.ctx, ac, id, "d", saves)
	e.must(err)
	e.must(e.app.FinishAttempt(e.ctx, ac, id, "d"))
	c, err := e.app.LearningCourse(e.ctx, ac, x.CourseOf(u.ID))
	e.must(err)
	if c.Status[u.ID] != app.StateDone {
		t.Fatalf("unit quiz %s passed but unit is %q (questions %v)", u.ID, c.Status[u.ID], slices.Collect(maps.Keys(keys))[:1])
	}
}

func shanghai(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestDemoCurriculum: the demo company has the starter curriculum, paths
// by position, onboarding for its new hires and progress to show.
func TestDemoCurriculum(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	learner := func(no string) app.LearningHome {
		p, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, no)
		e.must(err)
		ac, err := e.app.ActorFor(e.ctx, p.ID)
		e.must(err)
		h, err := e.app.MyLearning(e.ctx, ac)
		e.must(err)
		return h
	}
	old := learner("SD1003")
	if len(old.Paths) != 1 || old.Paths[0].ID != "path-ops-specialist" || old.Paths[0].Done < 5 || old.Continue == nil {
		t.Fatalf("SD1003: %+v", old.Paths)
	}
	recent := learner("SD2006")
	ids := []string{}
	for _, p := range recent.Paths {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"path-cs-specialist", "path-onboarding"}) {
		t.Fatalf("new hire SD2006 paths %v", ids)
	}
	// Runs in every state: a queue with a photo for 王芳, and a signed one.
	p, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "SD1002")
	e.must(err)
	mentor, err := e.app.ActorFor(e.ctx, p.ID)
	e.must(err)
	q, err := e.app.RunsToSignOff(e.ctx, mentor)
	e.must(err)
	if len(q) != 1 || q[0].EmployeeNo != "SD1003" {
		t.Fatalf("SD1002's sign-off queue %+v", q)
	}
	run, err := e.app.SOPRun(e.ctx, mentor, q[0].ID)
	e.must(err)
	if !run.CanReview || len(run.Steps[0].Files) != 1 || run.DoneSteps() != len(run.Steps) {
		t.Fatalf("demo run %+v", run)
	}
	// The uploaded video opens the workbench course; 赵敏 is part-way.
	p, err = e.app.PersonByEmployeeNo(e.ctx, e.sys, "SD1007")
	e.must(err)
	zhao, err := e.app.ActorFor(e.ctx, p.ID)
	e.must(err)
	c, err := e.app.LearningCourse(e.ctx, zhao, "m01-c02")
	e.must(err)
	first := c.Course.Units[0]
	st, err := e.app.WatchProgress(e.ctx, zhao, first.ID)
	e.must(err)
	if first.Kind != "watch" || first.VideoFile() == "" || !st.Tracked || !st.NoSkip || st.Percent != 62 || st.Duration != 31.5 {
		t.Fatalf("demo watch unit %+v: %+v", first, st)
	}
}
