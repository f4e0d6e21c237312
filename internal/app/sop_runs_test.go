package app_test

import (
	"bytes"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// firstPractice is the first practice unit of the pack that runs an SOP.
func firstPractice(t *testing.T, x *curriculum.Index) *curriculum.Unit {
	t.Helper()
	for _, m := range x.Pack.Modules {
		for _, c := range m.Courses {
			for i := range c.Units {
				if u := c.Units[i]; u.Kind == curriculum.KindPractice && u.SOP != "" {
					return x.Unit(u.ID)
				}
			}
		}
	}
	t.Fatal("no practice unit with an SOP")
	return nil
}

// TestSOPRun: a learner runs an SOP with evidence, submits it once every
// step has proof, their mentor returns it with a note and then signs it
// off; sign-off marks the SOP and its practice units done with the version
// run. Nobody else can see the run or its photos.
func TestSOPRun(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	p, _ := builtinFiles(t)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	x := curriculum.NewIndex(p)
	mentorID, mentor := e.person("T1", "带教老师", "", shopdojo.RoleMentor)
	_, otherMentor := e.person("T2", "别组导师", "", shopdojo.RoleMentor)
	_, other := e.person("L2", "同事", "", shopdojo.RoleLearner)
	id, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "L1", Name: "学员", MentorID: mentorID,
		Status: shopdojo.StatusActive, Roles: []shopdojo.Role{shopdojo.RoleLearner}})
	e.must(err)
	ac, err := e.app.ActorFor(e.ctx, id)
	e.must(err)

	u := firstPractice(t, x)
	if _, err := e.app.StartSOPRun(e.ctx, ac, "sop-nope", "", ""); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("unknown SOP: %v", err)
	}
	runID, err := e.app.StartSOPRun(e.ctx, ac, u.SOP, u.ID, "双12 新品上架 连衣裙A")
	e.must(err)
	again, err := e.app.StartSOPRun(e.ctx, ac, u.SOP, u.ID, "")
	e.must(err)
	if again != runID {
		t.Fatal("a second start made a second open run")
	}
	if err := e.app.SubmitRun(e.ctx, ac, runID); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("submitted with no evidence: %v", err)
	}
	if err := e.app.SaveRunStep(e.ctx, ac, runID, 1, app.StepInput{Done: true, Link: "javascript:alert(1)"}); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("bad link accepted: %v", err)
	}
	f, err := e.app.UploadFile(e.ctx, ac, app.PurposeEvidence, "主图.png", bytes.NewReader(pngHeader))
	e.must(err)
	e.must(e.app.AttachRunFile(e.ctx, ac, runID, 1, f.ID))
	foreign, err := e.app.UploadFile(e.ctx, other, app.PurposeEvidence, "别人的.png", bytes.NewReader(pngHeader))
	e.must(err)
	if err := e.app.AttachRunFile(e.ctx, ac, runID, 1, foreign.ID); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("attached someone else's file: %v", err)
	}
	v, err := e.app.SOPRun(e.ctx, ac, runID)
	e.must(err)
	for _, s := range v.Steps {
		e.must(e.app.SaveRunStep(e.ctx, ac, runID, s.No, app.StepInput{Done: true, Note: "已按清单核对"}))
	}
	if err := e.app.SaveRunStep(e.ctx, ac, runID, len(v.Steps)+1, app.StepInput{Done: true}); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("a step the SOP does not have: %v", err)
	}

	for name, who := range map[string]app.Actor{"colleague": other, "another mentor": otherMentor} {
		if _, err := e.app.SOPRun(e.ctx, who, runID); kind(err) != shopdojo.KindNotFound {
			t.Fatalf("%s read the run: %v", name, err)
		}
		if _, _, err := e.app.OpenRunFile(e.ctx, who, runID, f.ID); kind(err) != shopdojo.KindNotFound {
			t.Fatalf("%s opened the evidence: %v", name, err)
		}
		if _, _, err := e.app.OpenFile(e.ctx, who, f.ID); kind(err) != shopdojo.KindNotFound {
			t.Fatalf("%s opened the evidence by file id: %v", name, err)
		}
	}
	e.must(e.app.SubmitRun(e.ctx, ac, runID))
	if err := e.app.SaveRunStep(e.ctx, ac, runID, 1, app.StepInput{}); kind(err) != shopdojo.KindConflict {
		t.Fatalf("changed after submit: %v", err)
	}
	if q, _ := e.app.RunsToSignOff(e.ctx, otherMentor); len(q) != 0 {
		t.Fatalf("another mentor's queue: %+v", q)
	}
	q, err := e.app.RunsToSignOff(e.ctx, mentor)
	e.must(err)
	if len(q) != 1 || q[0].ID != runID || q[0].PersonName != "学员" {
		t.Fatalf("mentor's queue: %+v", q)
	}
	if err := e.app.ReviewRun(e.ctx, ac, runID, true, ""); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner signed off: %v", err)
	}
	if err := e.app.ReviewRun(e.ctx, mentor, runID, false, " "); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("returned without a note: %v", err)
	}
	e.must(e.app.ReviewRun(e.ctx, mentor, runID, false, "主图第 3 张不是白底，请重拍后再提交"))
	if h, _ := e.app.MyLearning(e.ctx, ac); len(h.Returned) != 1 || h.Returned[0].ReviewNote == "" {
		t.Fatalf("the returned run is not a task on 我的学习: %+v", h.Returned)
	}
	if st := unitStatus(t, e, ac, u.ID); st == app.StateDone {
		t.Fatal("a returned run completed the unit")
	}
	if _, _, err := e.app.OpenRunFile(e.ctx, mentor, runID, f.ID); err != nil {
		t.Fatalf("the mentor cannot see the evidence: %v", err)
	}
	e.must(e.app.RemoveRunFile(e.ctx, ac, runID, f.ID))
	e.must(e.app.SaveRunStep(e.ctx, ac, runID, 1, app.StepInput{Done: true, Note: "已重拍白底图", Link: "https://item.taobao.com/item.htm?id=1"}))
	e.must(e.app.SubmitRun(e.ctx, ac, runID))
	e.must(e.app.ReviewRun(e.ctx, mentor, runID, true, "证据完整，做得好"))
	if h, _ := e.app.MyLearning(e.ctx, ac); len(h.Returned) != 0 {
		t.Fatalf("a signed run is still a task: %+v", h.Returned)
	}
	if err := e.app.ReviewRun(e.ctx, mentor, runID, true, ""); kind(err) != shopdojo.KindConflict {
		t.Fatalf("signed off twice: %v", err)
	}
	v, err = e.app.SOPRun(e.ctx, ac, runID)
	e.must(err)
	if v.Status != app.RunSigned || v.ReviewerName != "带教老师" || v.Steps[0].Link == "" || len(v.Steps[0].Files) != 0 {
		t.Fatalf("signed run %+v", v)
	}
	if st := unitStatus(t, e, ac, u.ID); st != app.StateDone {
		t.Fatalf("practice unit after sign-off: %q", st)
	}
	runs, err := e.app.MyRuns(e.ctx, ac, u.SOP)
	e.must(err)
	if len(runs) != 1 || runs[0].Status != app.RunSigned {
		t.Fatalf("my runs %+v", runs)
	}
	next, err := e.app.StartSOPRun(e.ctx, ac, u.SOP, "", "")
	e.must(err)
	if next == runID {
		t.Fatal("a signed run was reopened")
	}
}

func unitStatus(t *testing.T, e *env, ac app.Actor, unitID string) string {
	t.Helper()
	v, err := e.app.OpenUnit(e.ctx, ac, unitID)
	e.must(err)
	return v.Status
}

// TestPracticeRun: a practice unit without an SOP is run against its
// evidence list and done when signed off; a team lead signs off only their
// department's people.
func TestPracticeRun(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	cs, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "客服部"})
	e.must(err)
	ops, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "运营部"})
	e.must(err)
	_, lead := e.person("D1", "客服主管", cs, shopdojo.RoleTeamLead)
	_, otherLead := e.person("D2", "运营主管", ops, shopdojo.RoleTeamLead)
	_, ac := e.person("L1", "客服新人", cs, shopdojo.RoleLearner)
	const unit = "m06-c01-u04"
	if _, err := e.app.StartSOPRun(e.ctx, ac, "", "m06-c01-u01", ""); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("a run of a reading unit: %v", err)
	}
	id, err := e.app.StartSOPRun(e.ctx, ac, "", unit, "")
	e.must(err)
	v, err := e.app.SOPRun(e.ctx, ac, id)
	e.must(err)
	if len(v.Steps) != 3 || v.Title != "实操：一周未转化询单复盘与话术改写" || v.Steps[0].Step.CheckEN == v.Steps[0].Step.Check {
		t.Fatalf("practice run %+v", v)
	}
	for _, s := range v.Steps {
		e.must(e.app.SaveRunStep(e.ctx, ac, id, s.No, app.StepInput{Done: true, Note: "见附件"}))
	}
	e.must(e.app.SubmitRun(e.ctx, ac, id))
	if err := e.app.ReviewRun(e.ctx, otherLead, id, true, ""); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("another department's lead signed off: %v", err)
	}
	e.must(e.app.ReviewRun(e.ctx, lead, id, true, ""))
	if st := unitStatus(t, e, ac, unit); st != app.StateDone {
		t.Fatalf("practice unit after sign-off: %q", st)
	}
}
