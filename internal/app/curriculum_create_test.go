package app_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/audit"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// structureEnv is a company with the starter curriculum, a manager, a
// trainer and a learner.
func structureEnv(t *testing.T) (e *env, mgr, trainer, learner app.Actor) {
	e = newEnv(t)
	_, mgr = e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	_, trainer = e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	_, learner = e.person("L1", "学员", "", shopdojo.RoleLearner)
	return e, mgr, trainer, learner
}

// audited fails unless the audit log holds an event of action on id.
func audited(t *testing.T, e *env, action, id string) {
	t.Helper()
	events, _, err := e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{Action: action})
	e.must(err)
	if !slices.ContainsFunc(events, func(ev audit.Event) bool { return ev.ObjectID == id }) {
		t.Fatalf("no audit event %s for %s", action, id)
	}
}

func fieldsOf(err error) map[string]string {
	var de *shopdojo.Error
	if errors.As(err, &de) {
		return de.Fields
	}
	return nil
}

func msgOf(err error) string {
	var de *shopdojo.Error
	if errors.As(err, &de) {
		return de.Msg
	}
	return ""
}

func drafts(t *testing.T, e *env, ac app.Actor) []app.DraftItem {
	t.Helper()
	d, err := e.app.CurriculumDrafts(e.ctx, ac)
	e.must(err)
	return d
}

// TestCreateCourseWithTestUnit: a trainer drafts a course in a module and
// a test unit in it from the module's bank; a manager publishes both (the
// course first); a learner takes the quiz like the pack's own.
func TestCreateCourseWithTestUnit(t *testing.T) {
	e, mgr, trainer, learner := structureEnv(t)
	in := app.CourseInput{ModuleID: "m04", Title: "大促广告预算规划", TitleEN: "Planning ad budgets for big sales", Level: "L2",
		Body: "本课讲大促前怎样按保本ROI分配广告预算。", BodyEN: "How to split the ad budget before a big sale by break-even ROI.",
		Note: "新增课程", Submit: true}
	if _, _, err := e.app.CreateCourse(e.ctx, learner, in); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner created a course: %v", err)
	}
	bad := in
	bad.TitleEN, bad.BodyEN = "", ""
	_, _, err := e.app.CreateCourse(e.ctx, trainer, bad)
	if fields := fieldsOf(err); fields["title_en"] == "" || fields["body_en"] == "" {
		t.Fatalf("a course without English was created: %v", err)
	}
	if d := drafts(t, e, trainer); len(d) != 0 {
		t.Fatalf("a refused course left drafts: %+v", d)
	}
	course, cmid, err := e.app.CreateCourse(e.ctx, trainer, in)
	e.must(err)
	if course != "m04-c04" {
		t.Fatalf("new course id %q", course)
	}
	audited(t, e, "curriculum.create_course", course)

	pick, err := e.app.TestUnitPicker(e.ctx, trainer, course)
	e.must(err)
	if !pick.Draft || len(pick.Questions) < 20 || pick.Questions[0].ID != "m04-q01" {
		t.Fatalf("picker: draft %v, %d questions", pick.Draft, len(pick.Questions))
	}
	quizIn := app.TestUnitInput{Title: "小测：大促预算", TitleEN: "Quiz: big-sale budgets", Minutes: 10, Level: "L2",
		Quiz: []string{"m04-q01", "m04-q02", "m04-q03"}, PassPercent: 60, Note: "新增测验", Submit: true}
	for _, q := range [][]string{nil, {"m01-q01"}} {
		b := quizIn
		b.Quiz = q
		if _, _, err := e.app.CreateTestUnit(e.ctx, trainer, course, b); fieldsOf(err)["quiz"] == "" {
			t.Fatalf("quiz %v accepted: %v", q, err)
		}
	}
	if _, _, err := e.app.CreateTestUnit(e.ctx, learner, course, quizIn); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner created a test unit: %v", err)
	}
	if _, err := e.app.TestUnitPicker(e.ctx, learner, course); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner opened the question picker: %v", err)
	}
	unit, umid, err := e.app.CreateTestUnit(e.ctx, trainer, course, quizIn)
	e.must(err)
	if unit != "m04-c04-u01" {
		t.Fatalf("test unit id %q", unit)
	}
	if d := drafts(t, e, trainer); len(d) != 2 || d[0].ID != course || d[1].ID != unit || d[1].Status != "review" {
		t.Fatalf("drafts %+v", d)
	}
	if err := e.app.ReviewVersion(e.ctx, mgr, umid, 1, true, ""); kind(err) != shopdojo.KindConflict {
		t.Fatalf("a unit of an unpublished course was published: %v", err)
	}
	e.must(e.app.ReviewVersion(e.ctx, mgr, cmid, 1, true, ""))
	e.must(e.app.ReviewVersion(e.ctx, mgr, umid, 1, true, ""))
	c, err := e.app.LearningCourse(e.ctx, learner, course)
	e.must(err)
	if len(c.Course.Units) != 1 || c.Course.Units[0].ID != unit || c.Course.BodyEN == "" {
		t.Fatalf("published course %+v", c.Course)
	}
	// The new test unit's text can be edited like a lesson's.
	le, err := e.app.LessonForEdit(e.ctx, trainer, unit)
	e.must(err)
	le.Minutes, le.Note = 12, "缩短时长"
	_, err = e.app.SaveLesson(e.ctx, trainer, le)
	e.must(err)
	p, _ := curriculum.Read(curriculum.Builtin())
	passQuiz(t, e, learner, curriculum.NewIndex(p).Module("m04").Questions, unit, course)
	unchanged(t, e, mgr)
}

// passQuiz answers a test unit's quiz with the keys of qs and checks the
// unit is done.
func passQuiz(t *testing.T, e *env, ac app.Actor, qs []quiz.Question, unitID, courseID string) {
	t.Helper()
	v, err := e.app.OpenUnit(e.ctx, ac, unitID)
	e.must(err)
	if v.ExamID == "" {
		t.Fatalf("test unit %s has no exam", unitID)
	}
	keys := map[string]quiz.Question{}
	for _, q := range qs {
		keys[q.Stem] = q
	}
	id, err := e.app.StartAttempt(e.ctx, ac, v.ExamID, "d")
	e.must(err)
	tv, err := e.app.TakeAttempt(e.ctx, ac, id, "d")
	e.must(err)
	if len(tv.Items) != 3 {
		t.Fatalf("quiz has %d questions", len(tv.Items))
	}
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
	c, err := e.app.LearningCourse(e.ctx, ac, courseID)
	e.must(err)
	if c.Status[unitID] != app.StateDone {
		t.Fatalf("quiz passed but unit %s is %q", unitID, c.Status[unitID])
	}
}

// TestCreateModuleAndSOP: a new module (a draft module, not held to the
// counts of a complete one) and an SOP in it, published module first.
func TestCreateModuleAndSOP(t *testing.T) {
	e, mgr, trainer, learner := structureEnv(t)
	in := app.ModuleInput{Kind: curriculum.Elective, Level: "L2", Title: "直播带货运营", TitleEN: "Live-stream selling",
		Goals:          []curriculum.Text{{ZH: "能独立策划一场两小时的店铺直播", EN: "Can plan a two-hour store live stream on their own"}, {}},
		TeachingPoints: []curriculum.Text{{ZH: "直播间的流量来自推荐和付费两条线", EN: "Live-room traffic comes from recommendations and paid promotion"}},
		Body:           "## 为什么要学\n\n直播已经是店铺的日常渠道。", BodyEN: "## Why\n\nLive streams are an everyday channel.", Note: "新增模块"}
	if _, _, err := e.app.CreateModule(e.ctx, learner, in); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner created a module: %v", err)
	}
	bad := in
	bad.Goals = []curriculum.Text{{ZH: "只有中文"}}
	if _, _, err := e.app.CreateModule(e.ctx, trainer, bad); fieldsOf(err)["goals"] == "" {
		t.Fatalf("a goal without English was accepted: %v", err)
	}
	mod, mmid, err := e.app.CreateModule(e.ctx, trainer, in)
	e.must(err)
	if mod != "m09" {
		t.Fatalf("new module id %q", mod)
	}
	audited(t, e, "curriculum.create_module", mod)
	sop := app.SOPEdit{Title: "开播前检查", TitleEN: "Pre-live check", Owner: "直播运营", OwnerEN: "Live-stream operator", ReviewMonths: 6,
		Steps: []curriculum.Step{{Check: "核对直播间商品链接与价格", CheckEN: "Check the live room's product links and prices",
			Evidence: "商品列表截图", EvidenceEN: "Screenshot of the product list"}},
		Rules: []curriculum.Rule{{Name: "直播规范", NameEN: "Live-stream rules", AsOf: "2026-11-01", Review: "2026-10-01"}},
		Body:  "## 目的\n\n开播前十分钟完成检查。", BodyEN: "## Purpose\n\nDone ten minutes before going live.", Note: "新增 SOP", Submit: true}
	if _, _, err := e.app.CreateSOP(e.ctx, learner, mod, sop); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner created an SOP: %v", err)
	}
	if _, _, err := e.app.CreateSOP(e.ctx, trainer, mod, sop); kind(err) != shopdojo.KindInvalid || msgOf(err) != curriculum.MsgRuleDates {
		t.Fatalf("a rule reviewed before it was checked was accepted: %v", err)
	}
	sop.Rules[0].Review = "2027-05-01"
	id, smid, err := e.app.CreateSOP(e.ctx, trainer, mod, sop)
	e.must(err)
	if id != "m09-sop-pre-live-check" {
		t.Fatalf("new SOP id %q", id)
	}
	// Saved as a draft, the module is submitted from its history: its
	// English file goes to review with it.
	e.must(e.app.SubmitVersion(e.ctx, trainer, mmid, 1))
	if err := e.app.ReviewVersion(e.ctx, mgr, smid, 1, true, ""); kind(err) != shopdojo.KindConflict {
		t.Fatalf("an SOP of an unpublished module was published: %v", err)
	}
	e.must(e.app.ReviewVersion(e.ctx, mgr, mmid, 1, true, ""))
	e.must(e.app.ReviewVersion(e.ctx, mgr, smid, 1, true, ""))
	s, _, err := e.app.LearningSOP(e.ctx, learner, id)
	e.must(err)
	if len(s.Steps) != 1 || len(s.Rules) != 1 || s.BodyEN == "" {
		t.Fatalf("published SOP %+v", s)
	}
	cat, err := e.app.CurriculumCatalogue(e.ctx, learner)
	e.must(err)
	if last := cat.Modules[len(cat.Modules)-1]; last.ID != mod || len(last.SOPs) != 1 {
		t.Fatalf("catalogue's last module %+v", last)
	}
	audited(t, e, "curriculum.create_sop", id)
	unchanged(t, e, mgr)
}

// TestMoveUnitToCourse: a manager moves a unit to the end of a course of
// another module; the files are renamed (history kept), the person who
// finished it still has it done, and paths naming it keep working. Moves
// that would strand an SOP or make a path wait on itself are refused.
func TestMoveUnitToCourse(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	p, _ := curriculum.Read(curriculum.Builtin())
	onb := &p.Paths[slices.IndexFunc(p.Paths, func(pa curriculum.Path) bool { return pa.Onboarding })]
	onb.Stages[0].Items = append(onb.Stages[0].Items, curriculum.PathItem{Ref: "m02-c01-u01", After: []string{"m01-c01"}})
	files, err := curriculum.Files(p)
	e.must(err)
	_, err = e.app.ImportContent(e.ctx, mgr, mapFS(files), "")
	e.must(err)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	_, learner := e.person("L1", "学员", "", shopdojo.RoleLearner)
	const unit = "m02-c01-u01"
	e.must(e.app.CompleteUnit(e.ctx, learner, unit))
	if err := e.app.MoveUnitTo(e.ctx, trainer, unit, "m03-c01", ""); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a trainer moved a unit: %v", err)
	}
	if err := e.app.MoveUnitTo(e.ctx, mgr, unit, "m01-c01", ""); msgOf(err) != "structure.err_move_path" {
		t.Fatalf("a move that makes a path wait on itself: %v", err)
	}
	if err := e.app.MoveUnitTo(e.ctx, mgr, "m02-c01-u04", "m03-c01", ""); msgOf(err) != curriculum.MsgSOPUnknown {
		t.Fatalf("a practice unit was moved away from its SOP: %v", err)
	}
	if err := e.app.MoveUnitTo(e.ctx, mgr, "m02-c01-u05", "m03-c01", ""); msgOf(err) != curriculum.MsgQuestionUnknown {
		t.Fatalf("a test unit was moved away from its questions: %v", err)
	}
	e.must(e.app.MoveUnitTo(e.ctx, mgr, unit, "m03-c01", "归入流量课程"))
	audited(t, e, "curriculum.move_unit_course", unit)
	to, err := e.app.LearningCourse(e.ctx, learner, "m03-c01")
	e.must(err)
	last := to.Course.Units[len(to.Course.Units)-1]
	if last.ID != unit || last.File != "06-category-attributes.md" || to.Status[unit] != app.StateDone {
		t.Fatalf("target course: last %s %s status %q", last.ID, last.File, to.Status[unit])
	}
	from, err := e.app.LearningCourse(e.ctx, learner, "m02-c01")
	e.must(err)
	if len(from.Course.Units) != 4 || from.Course.Units[0].File != "01-title-main-image.md" {
		t.Fatalf("source course after the move: %+v", from.Course.Units[0])
	}
	pv, err := e.app.LearningPath(e.ctx, learner, onb.ID)
	e.must(err)
	if !slices.ContainsFunc(pv.Stages[0].Items, func(it app.PathItemView) bool { return it.Ref == unit && it.State == app.StateDone }) {
		t.Fatalf("the path lost the moved unit: %+v", pv.Stages[0].Items)
	}
	v, err := e.app.OpenUnit(e.ctx, learner, unit)
	e.must(err)
	if v.Version != 1 {
		t.Fatalf("moved unit's version %d", v.Version)
	}
	unchanged(t, e, mgr)
}

// TestDemoDraftCourse: the demo has a course drafted in the editor, with
// its quiz, waiting in the review queue.
func TestDemoDraftCourse(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	mgr, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "SD9001")
	e.must(err)
	ac, err := e.app.ActorFor(e.ctx, mgr.ID)
	e.must(err)
	d := drafts(t, e, ac)
	if len(d) != 2 || d[0].Kind != "course" || d[1].UnitKind != curriculum.KindTest || d[0].Status != "review" {
		t.Fatalf("demo drafts %+v", d)
	}
	q, err := e.app.ReviewQueue(e.ctx, ac)
	e.must(err)
	n := 0
	for _, it := range q {
		if strings.Contains(it.SubjectID, "/courses/04-reviewing-a-big-sale-with-data/") {
			n++
		}
	}
	if n != 4 {
		t.Fatalf("review queue holds %d files of the new course, want the course and quiz in both languages", n)
	}
}
