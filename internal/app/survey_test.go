package app_test

import (
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/httpx"
)

type surveyFixture struct {
	kpiFixture
	analysis string
	people   map[string]app.Actor // by employee number
	ids      map[string]string
}

// newSurveyFixture is a store with the starter curriculum (for the
// competency catalogue), an analysis and four learners.
func newSurveyFixture(t *testing.T) surveyFixture {
	f := surveyFixture{kpiFixture: newKPIFixture(t), people: map[string]app.Actor{}, ids: map[string]string{}}
	_, err := f.e.app.ImportContent(f.e.ctx, f.mgr, curriculum.Builtin(), "")
	f.e.must(err)
	for _, no := range []string{"L1", "L2", "L3", "L4"} {
		f.ids[no], f.people[no] = f.e.person(no, "学员"+no, "", shopdojo.RoleLearner)
	}
	f.analysis, err = f.e.app.CreateNeedsAnalysis(f.e.ctx, f.mgr, f.storeID, app.NeedsAnalysisInput{Title: "三月需求分析",
		From: "2026-02-01", To: "2026-02-28"})
	f.e.must(err)
	return f
}

func (f surveyFixture) survey(qs []app.SurveyQuestion, anonymous bool, to string) string {
	id, err := f.e.app.CreateSurvey(f.e.ctx, f.mgr, f.storeID, f.analysis, false)
	f.e.must(err)
	f.e.must(f.e.app.SaveSurveyDraft(f.e.ctx, f.mgr, f.storeID, f.analysis, id,
		app.SurveyDraftInput{Title: "小调研", Questions: qs, Op: app.EditOp{Op: "save"}}))
	_, err = f.e.app.SendSurvey(f.e.ctx, f.mgr, f.storeID, f.analysis, id, app.SendInput{Anonymous: anonymous,
		Opens: "2026-03-01", Closes: "2026-03-10", Select: app.MemberSelection{EmployeeNos: to}})
	f.e.must(err)
	return id
}

var smallSurvey = []app.SurveyQuestion{
	{ID: "a", Kind: app.KindLikert, Text: "我清楚岗位 KPI 的算法"},
	{ID: "b", Kind: app.KindMulti, Text: "想学的主题", Options: []app.SurveyText{{ZH: "数据"}, {ZH: "推广"}, {ZH: "客服"}}},
	{ID: "c", Kind: app.KindText, Text: "建议"},
	{ID: "d", Kind: app.KindCompetency, Text: "自评", Competencies: []string{"customer-service", "data-analysis"}},
}

func answers(likert int, choices []int, text string, cs, da int) map[string]app.SurveyAnswer {
	return map[string]app.SurveyAnswer{"a": {Likert: likert}, "b": {Choices: choices}, "c": {Text: text},
		"d": {Levels: map[string]int{"customer-service": cs, "data-analysis": da}}}
}

func TestSurveyBuilderValidation(t *testing.T) {
	f := newSurveyFixture(t)
	id, err := f.e.app.CreateSurvey(f.e.ctx, f.mgr, f.storeID, f.analysis, false)
	f.e.must(err)
	save := func(in app.SurveyDraftInput) error {
		return f.e.app.SaveSurveyDraft(f.e.ctx, f.mgr, f.storeID, f.analysis, id, in)
	}
	// Adding a question stores the draft without checking it.
	f.e.must(save(app.SurveyDraftInput{Title: "调研", Op: app.EditOp{Op: "add", Kind: app.KindLikert}}))
	qs := []app.SurveyQuestion{{Kind: app.KindLikert}, {Kind: app.KindSingle, Text: "选一个", Options: []app.SurveyText{{ZH: "甲"}}},
		{Kind: app.KindCompetency, Text: "自评"}, {Kind: app.KindMulti, Text: "多选", Options: []app.SurveyText{{ZH: "甲"}, {ZH: "甲"}}}}
	err = save(app.SurveyDraftInput{Title: "", Questions: qs, Op: app.EditOp{Op: "save"}})
	want := map[string]string{"title": "error.required", "q0.text": "survey.err_empty_question", "q1.options": "survey.err_two_options",
		"q2.competencies": "survey.err_no_competency", "q3.options": "survey.err_duplicate_option"}
	got := httpx.Fields(err)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("field %s: %q, want %q (all %v)", k, got[k], v, got)
		}
	}
	if _, err := f.e.app.SendSurvey(f.e.ctx, f.mgr, f.storeID, f.analysis, id, app.SendInput{Opens: "2026-03-01",
		Closes: "2026-03-05", Select: app.MemberSelection{EmployeeNos: "L1"}}); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("an invalid draft was sent: %v", err)
	}
	// Reorder and remove act on the posted questions.
	qs = []app.SurveyQuestion{{ID: "x", Kind: app.KindText, Text: "一"}, {ID: "y", Kind: app.KindText, Text: "二"}, {ID: "z", Kind: app.KindText, Text: "三"}}
	f.e.must(save(app.SurveyDraftInput{Title: "调研", Questions: qs, Op: app.EditOp{Op: "up", Index: 2}}))
	v, err := f.e.app.SurveyAdminView(f.e.ctx, f.mgr, f.storeID, f.analysis, id)
	f.e.must(err)
	if ids := questionIDs(v.Survey.Questions); ids != "xzy" {
		t.Fatalf("after moving up: %s", ids)
	}
	f.e.must(save(app.SurveyDraftInput{Title: "调研", Questions: v.Survey.Questions, Op: app.EditOp{Op: "remove", Index: 0}}))
	v, _ = f.e.app.SurveyAdminView(f.e.ctx, f.mgr, f.storeID, f.analysis, id)
	if ids := questionIDs(v.Survey.Questions); ids != "zy" {
		t.Fatalf("after removing: %s", ids)
	}
	// The starter template passes the checks as it is.
	tid, err := f.e.app.CreateSurvey(f.e.ctx, f.mgr, f.storeID, f.analysis, true)
	f.e.must(err)
	tv, _ := f.e.app.SurveyAdminView(f.e.ctx, f.mgr, f.storeID, f.analysis, tid)
	f.e.must(f.e.app.SaveSurveyDraft(f.e.ctx, f.mgr, f.storeID, f.analysis, tid, app.SurveyDraftInput{Title: tv.Survey.Title,
		Intro: tv.Survey.Intro, Questions: tv.Survey.Questions, Op: app.EditOp{Op: "save"}}))
}

func questionIDs(qs []app.SurveyQuestion) string {
	s := ""
	for _, q := range qs {
		s += q.ID
	}
	return s
}

func TestSurveyAnswerOnceAndOnlyRecipients(t *testing.T) {
	f := newSurveyFixture(t)
	id := f.survey(smallSurvey, false, "L1 L2")
	l1, l3 := f.people["L1"], f.people["L3"]
	mine, err := f.e.app.MySurveys(f.e.ctx, l1)
	f.e.must(err)
	if len(mine) != 1 || !mine[0].Pending {
		t.Fatalf("L1's surveys: %+v", mine)
	}
	if err := f.e.app.SubmitSurvey(f.e.ctx, l1, id, map[string]app.SurveyAnswer{"a": {Likert: 4}}); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("an incomplete answer was taken: %v", err)
	}
	f.e.must(f.e.app.SubmitSurvey(f.e.ctx, l1, id, answers(4, []int{0}, "多讲实操", 2, 3)))
	if err := f.e.app.SubmitSurvey(f.e.ctx, l1, id, answers(5, []int{1}, "", 4, 4)); kind(err) != shopdojo.KindConflict {
		t.Fatalf("a second answer: %v", err)
	}
	if _, err := f.e.app.SurveyForAnswer(f.e.ctx, l3, id); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("a non-recipient read the survey: %v", err)
	}
	if err := f.e.app.SubmitSurvey(f.e.ctx, l3, id, answers(4, []int{0}, "", 2, 3)); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("a non-recipient answered: %v", err)
	}
	if _, err := f.e.app.NeedsReport(f.e.ctx, l1, f.storeID, f.analysis); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner read the report: %v", err)
	}
	f.e.must(f.e.app.CloseSurvey(f.e.ctx, f.mgr, f.storeID, f.analysis, id))
	if err := f.e.app.SubmitSurvey(f.e.ctx, f.people["L2"], id, answers(4, []int{0}, "", 2, 3)); kind(err) != shopdojo.KindConflict {
		t.Fatalf("an answer after closing: %v", err)
	}
	if n := f.e.count(t, "SELECT COUNT(*) FROM audit_events WHERE action IN ('needs.create','survey.send','survey.close')"); n != 3 {
		t.Errorf("%d audit events for create, send and close, want 3", n)
	}
}

func TestSurveyAnonymousNotLinkable(t *testing.T) {
	f := newSurveyFixture(t)
	id := f.survey(smallSurvey, true, "L1 L2 L3 L4")
	f.e.must(f.e.app.SubmitSurvey(f.e.ctx, f.people["L1"], id, answers(2, []int{0}, "想学数据", 1, 2)))
	f.e.must(f.e.app.SubmitSurvey(f.e.ctx, f.people["L2"], id, answers(4, []int{1}, "", 3, 3)))
	r, err := f.e.app.NeedsReport(f.e.ctx, f.mgr, f.storeID, f.analysis)
	f.e.must(err)
	if s := r.Surveys[0]; !s.Hidden || s.Responses != 2 || s.Questions != nil {
		t.Fatalf("two anonymous answers shown: %+v", s)
	}
	f.e.must(f.e.app.SubmitSurvey(f.e.ctx, f.people["L3"], id, answers(3, []int{0, 2}, "", 2, 2)))
	r, err = f.e.app.NeedsReport(f.e.ctx, f.mgr, f.storeID, f.analysis)
	f.e.must(err)
	if s := r.Surveys[0]; s.Hidden || s.Responses != 3 || s.Questions[0].Mean != 3 {
		t.Fatalf("three anonymous answers: %+v", s)
	}
	// Nothing stored with the answers names a person or a time, and no
	// self-rating row is written for an anonymous survey.
	if n := f.e.count(t, "SELECT COUNT(*) FROM survey_responses WHERE person_id IS NOT NULL OR submitted_at <> 0"); n != 0 {
		t.Errorf("%d anonymous responses carry a person or a time", n)
	}
	if n := f.e.count(t, "SELECT COUNT(*) FROM competency_ratings"); n != 0 {
		t.Errorf("%d ratings written from an anonymous survey", n)
	}
	for _, row := range f.e.dump(t, "SELECT id FROM survey_responses") {
		if len(row[0]) != 36 || row[0][14] != '4' {
			t.Errorf("response id %s is not a random (v4) UUID", row[0])
		}
	}
	if n := f.e.count(t, "SELECT COUNT(*) FROM survey_recipients WHERE responded"); n != 3 {
		t.Errorf("%d recipients marked as answered, want 3", n)
	}
	// The anonymous self-ratings still count in the means: customer
	// service 1, 3, 2 → 2.0.
	if c := r.Competencies[0]; c.Info.ID != "customer-service" || c.SelfN != 3 || c.SelfMean != 2 {
		t.Errorf("self ratings %+v", c)
	}
}

func TestNeedsReportAggregation(t *testing.T) {
	f := newSurveyFixture(t)
	id := f.survey(smallSurvey, false, "L1 L2 L3")
	f.e.must(f.e.app.SubmitSurvey(f.e.ctx, f.people["L1"], id, answers(5, []int{0, 1}, "多讲实操", 3, 2)))
	f.e.must(f.e.app.SubmitSurvey(f.e.ctx, f.people["L2"], id, answers(4, []int{0}, "", 4, 2)))
	f.e.must(f.e.app.SubmitSurvey(f.e.ctx, f.people["L3"], id, answers(2, []int{2}, "排班别冲突", 2, 1)))
	n, err := f.e.app.SetManagerRatings(f.e.ctx, f.mgr, f.storeID, f.analysis, map[string]map[string]int{
		f.ids["L1"]: {"customer-service": 2, "data-analysis": 2},
		f.ids["L2"]: {"customer-service": 2, "data-analysis": 1},
		f.ids["L3"]: {"customer-service": 2, "data-analysis": 0}})
	f.e.must(err)
	if n != 5 {
		t.Fatalf("%d ratings set, want 5", n)
	}
	f.e.must(f.e.app.AddNeedsNote(f.e.ctx, f.mgr, f.storeID, f.analysis, app.NeedsNoteInput{Kind: "interview",
		PersonID: f.ids["L2"], Body: "说大促时最怕改价出错", On: "2026-03-01"}))
	r, err := f.e.app.NeedsReport(f.e.ctx, f.mgr, f.storeID, f.analysis)
	f.e.must(err)
	q := r.Surveys[0].Questions
	if q[0].N != 3 || q[0].Mean != 11.0/3 || !equalInts(q[0].Counts, []int{0, 1, 0, 1, 1}) {
		t.Errorf("likert %+v", q[0])
	}
	if q[1].N != 3 || !equalInts(q[1].Counts, []int{2, 1, 1}) {
		t.Errorf("choices %+v", q[1])
	}
	if len(q[2].Texts) != 2 {
		t.Errorf("open answers %v", q[2].Texts)
	}
	cs, da := r.Competencies[0], r.Competencies[1]
	// customer service: self 3, 4, 2 → 3.0; manager 2, 2, 2 → 2.0, a blind spot, gap to L3 1.
	if cs.SelfMean != 3 || cs.MgrMean != 2 || !cs.BlindSpot || cs.Gap != 1 {
		t.Errorf("customer service %+v", cs)
	}
	// data analysis: self 2, 2, 1; manager 2, 1 → 1.5, gap 1.5, no blind spot (5/3 − 1.5 < 1).
	if da.MgrN != 2 || da.MgrMean != 1.5 || da.BlindSpot || da.Gap != 1.5 {
		t.Errorf("data analysis %+v", da)
	}
	// Blind spots by person: L2 rates customer service 4 against 2, L1 3 against 2.
	if len(r.BlindSpots) != 3 || r.BlindSpots[0].Person.ID != f.ids["L2"] || r.BlindSpots[0].Self != 4 {
		t.Errorf("blind spots %+v", r.BlindSpots)
	}
	if len(r.Notes) != 1 || r.Notes[0].PersonName != "学员L2" {
		t.Errorf("notes %+v", r.Notes)
	}
	// No KPI data: the needs come from competencies only, each module
	// scoring half the gaps of the competencies it covers.
	if len(r.Needs) == 0 || r.Needs[0].KPIScore != 0 {
		t.Fatalf("needs %+v", r.Needs)
	}
	for _, nd := range r.Needs {
		want := 0.0
		for _, c := range nd.Competencies {
			want += map[string]float64{"customer-service": 0.5, "data-analysis": 0.75}[c]
		}
		if nd.Score != want {
			t.Errorf("module %s scores %v, want %v", nd.ModuleID, nd.Score, want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestNeedsTeamLeadScope(t *testing.T) {
	f := newSurveyFixture(t)
	leadID, lead := f.e.person("T1", "组长", "", shopdojo.RoleTeamLead)
	if _, _, err := f.e.app.NeedsAnalyses(f.e.ctx, lead, f.storeID, 20, 0); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("a team lead read another store's analyses: %v", err)
	}
	if _, err := f.e.app.NeedsReport(f.e.ctx, lead, f.storeID, f.analysis); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("a team lead read another store's report: %v", err)
	}
	f.e.must(f.e.app.UpdateStore(f.e.ctx, f.mgr, f.storeID, app.StoreInput{Platform: shopdojo.PlatformTmall, Name: "示例天猫旗舰店", OwnerID: leadID}))
	if _, err := f.e.app.CreateNeedsAnalysis(f.e.ctx, lead, f.storeID, app.NeedsAnalysisInput{Title: "组内分析", From: "2026-02-01", To: "2026-02-28"}); err != nil {
		t.Fatalf("the store's owner could not create an analysis: %v", err)
	}
	// A team lead sends only to the store's people and their own people.
	sid, err := f.e.app.CreateSurvey(f.e.ctx, lead, f.storeID, f.analysis, true)
	f.e.must(err)
	_, err = f.e.app.SendSurvey(f.e.ctx, lead, f.storeID, f.analysis, sid, app.SendInput{Opens: "2026-03-01", Closes: "2026-03-05",
		Select: app.MemberSelection{EmployeeNos: "L1 T1"}})
	if got := httpx.Fields(err)["employee_nos"]; got != "survey.err_out_of_scope" {
		t.Fatalf("a team lead sent to someone outside their scope: %v %v", err, got)
	}
	if n, err := f.e.app.SendSurvey(f.e.ctx, lead, f.storeID, f.analysis, sid, app.SendInput{Opens: "2026-03-01", Closes: "2026-03-05",
		Select: app.MemberSelection{EmployeeNos: "T1"}}); err != nil || n != 1 {
		t.Fatalf("the team lead could not send to the store's own people: %d %v", n, err)
	}
	list, total, err := f.e.app.NeedsAnalyses(f.e.ctx, lead, f.storeID, 20, 0)
	if err != nil || total != 2 || len(list) != 2 {
		t.Fatalf("owner's list: %d %v", total, err)
	}
	if err := f.e.app.AddNeedsNote(f.e.ctx, f.people["L1"], f.storeID, f.analysis, app.NeedsNoteInput{Kind: "interview", Body: "x", On: "2026-03-01"}); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner added a note: %v", err)
	}
}
