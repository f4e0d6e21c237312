package app_test

import (
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
)

// progressFixture: 运营部 with 天猫组 under it and 客服部; a training
// manager, a team lead of 运营部 and a learner in each department, the
// built-in curriculum, and onboarding assigned by hand to the learners.
type progressFixture struct {
	*env
	mgr, lead, learner app.Actor
	ops, tmall, cs     string
	a, b, c            string // learners A1 (运营部), B1 (天猫组), C1 (客服部)
	x                  *curriculum.Index
}

func newProgressFixture(t *testing.T) *progressFixture {
	t.Helper()
	f := &progressFixture{env: newEnv(t)}
	var err error
	f.ops, err = f.app.CreateDepartment(f.ctx, f.sys, app.DepartmentInput{Name: "运营部"})
	f.must(err)
	f.tmall, err = f.app.CreateDepartment(f.ctx, f.sys, app.DepartmentInput{Name: "天猫组", ParentID: f.ops})
	f.must(err)
	f.cs, err = f.app.CreateDepartment(f.ctx, f.sys, app.DepartmentInput{Name: "客服部"})
	f.must(err)
	_, f.mgr = f.person("M1", "许晴", "", shopdojo.RoleTrainingManager)
	_, f.lead = f.person("L1", "张伟", f.ops, shopdojo.RoleTeamLead, shopdojo.RoleLearner)
	f.a, f.learner = f.person("A1", "李娜", f.ops, shopdojo.RoleLearner)
	f.b, _ = f.person("B1", "刘洋", f.tmall, shopdojo.RoleLearner)
	f.c, _ = f.person("C1", "徐丽", f.cs, shopdojo.RoleLearner)
	_, err = f.app.ImportContent(f.ctx, f.mgr, curriculum.Builtin(), "")
	f.must(err)
	p, _ := builtinFiles(t)
	f.x = curriculum.NewIndex(p)
	res, err := f.app.AssignPath(f.ctx, f.mgr, "path-onboarding", []string{"A1", "B1", "C1"}, 7)
	f.must(err)
	if res.Assigned != 3 || len(res.Unknown) != 0 {
		t.Fatalf("fixture assignment %+v", res)
	}
	return f
}

// done marks units done for a person, as reading them would, at version no.
func (f *progressFixture) done(personID string, no int64, units ...string) {
	f.t.Helper()
	for _, u := range units {
		f.must(f.store.Exec(f.ctx, `INSERT INTO unit_progress (person_id, unit_id, material_id, version_no, status, started_at, done_at, updated_at)
			VALUES ($1, $2, 'm', $3, 'done', $4, $4, $4)`, personID, u, no, f.now.UnixMilli()))
	}
	f.must(f.store.RebuildLearnerStates(f.ctx))
}

func (f *progressFixture) courseUnits(ref string) []string {
	var out []string
	for _, u := range f.x.Units(ref) {
		out = append(out, u.ID)
	}
	return out
}

func rowOf(d app.ProgressDashboard, key string) (app.ProgressRow, bool) {
	i := slices.IndexFunc(d.Rows, func(r app.ProgressRow) bool { return r.Key == key })
	if i < 0 {
		return app.ProgressRow{}, false
	}
	return d.Rows[i], true
}

// TestLearningProgressFigures: completion is required items done over
// required items of the assigned paths, by department and by path; the
// overdue list has the longest overdue and least done first; a person's
// drill-down shows the versions learned against the versions published.
func TestLearningProgressFigures(t *testing.T) {
	f := newProgressFixture(t)
	// Onboarding has five required items. A finishes two courses, B all
	// but the last unit of one, C nothing.
	f.done(f.a, 1, append(f.courseUnits("m01-c01"), f.courseUnits("m07-c01")...)...)
	b := f.courseUnits("m01-c01")
	f.done(f.b, 1, b[:len(b)-1]...)

	d, err := f.app.LearningProgress(f.ctx, f.mgr, "", app.ByDepartment)
	f.must(err)
	want := app.ProgressFigures{People: 3, Assignments: 3, Required: 15, RequiredDone: 2}
	if d.Total != want || d.Total.Percent() != 13 {
		t.Fatalf("total %+v (%d%%), want %+v", d.Total, d.Total.Percent(), want)
	}
	ops, ok := rowOf(d, f.ops)
	if !ok || ops.Name != "运营部" || ops.People != 1 || ops.RequiredDone != 2 || ops.Percent() != 40 {
		t.Fatalf("运营部 row %+v", ops)
	}
	if r, ok := rowOf(d, f.tmall); !ok || r.RequiredDone != 0 || r.Required != 5 {
		t.Fatalf("天猫组 row %+v", r)
	}
	byPath, err := f.app.LearningProgress(f.ctx, f.mgr, "path-onboarding", app.ByPath)
	f.must(err)
	if len(byPath.Rows) != 1 || byPath.Rows[0].Key != "path-onboarding" || byPath.Rows[0].People != 3 {
		t.Fatalf("by path %+v", byPath.Rows)
	}
	if other, err := f.app.LearningProgress(f.ctx, f.mgr, "path-ops-lead", app.ByDepartment); err != nil || other.Total.People != 0 {
		t.Fatalf("filtered by a path nobody has: %+v %v", other.Total, err)
	}
	if _, err := f.app.LearningProgress(f.ctx, f.mgr, "no-such-path", app.ByDepartment); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("unknown path filter: %v", err)
	}
	byPos, err := f.app.LearningProgress(f.ctx, f.mgr, "", app.ByPosition)
	f.must(err)
	if len(byPos.Rows) != 1 || byPos.Rows[0].Key != app.NoGroup || byPos.Rows[0].People != 3 {
		t.Fatalf("by position (nobody has one) %+v", byPos.Rows)
	}

	if od, err := f.app.OverdueAssignments(f.ctx, f.mgr, "", 1); err != nil || od.Total != 0 {
		t.Fatalf("overdue before the due date: %+v %v", od, err)
	}
	f.now = f.now.Add(8 * 24 * time.Hour)
	od, err := f.app.OverdueAssignments(f.ctx, f.mgr, "", 1)
	f.must(err)
	var order []string
	for _, it := range od.Items {
		order = append(order, it.EmployeeNo)
		if it.DaysOverdue != 1 || it.PathID != "path-onboarding" {
			t.Errorf("overdue item %+v", it)
		}
	}
	if !slices.Equal(order, []string{"B1", "C1", "A1"}) || od.Last != 1 {
		t.Fatalf("overdue order %v (%+v)", order, od)
	}
	d, _ = f.app.LearningProgress(f.ctx, f.mgr, "", app.ByDepartment)
	if d.Total.Overdue != 3 || d.Total.Certified != 0 {
		t.Fatalf("total after the due date %+v", d.Total)
	}

	page, err := f.app.ProgressPeople(f.ctx, f.mgr, app.ProgressPeopleFilter{By: app.ByDepartment, Key: f.ops})
	f.must(err)
	if len(page.People) != 1 || page.People[0].EmployeeNo != "A1" || page.Group != "运营部" || page.People[0].Percent() != 40 {
		t.Fatalf("people of 运营部 %+v", page)
	}

	pl, err := f.app.PersonLearning(f.ctx, f.mgr, f.a)
	f.must(err)
	if len(pl.Paths) != 1 || pl.Paths[0].RequiredDone != 2 || !pl.Paths[0].Overdue || len(pl.Paths[0].View.Stages) != 1 {
		t.Fatalf("A's paths %+v", pl.Paths)
	}
	if len(pl.Record) != 8 || pl.Record[0].Version != 1 || pl.Record[0].Current != 1 || pl.Record[0].Outdated() || pl.Record[0].Course == "" {
		t.Fatalf("A's record %+v", pl.Record)
	}

	// A newer version of a lesson A learned: the record says so.
	_, files := builtinFiles(t)
	lesson := f.courseUnits("m01-c01")[0]
	file := f.x.File(lesson)
	files[file] = append(files[file], []byte("\n补充：新增一段说明。\n")...)
	_, err = f.app.ImportContent(f.ctx, f.mgr, mapFS(files), "补充说明")
	f.must(err)
	pl, err = f.app.PersonLearning(f.ctx, f.mgr, f.a)
	f.must(err)
	i := slices.IndexFunc(pl.Record, func(u app.LearnedUnit) bool { return u.ID == lesson })
	if i < 0 || pl.Record[i].Version != 1 || pl.Record[i].Current != 2 || !pl.Record[i].Outdated() {
		t.Fatalf("record of the changed lesson %+v", pl.Record)
	}
}

// TestLearningProgressScope: a team lead sees only their department
// subtree; people outside it never appear, not even in a filtered list,
// and their drill-down is not found; a learner may not open the pages.
func TestLearningProgressScope(t *testing.T) {
	f := newProgressFixture(t)
	d, err := f.app.LearningProgress(f.ctx, f.lead, "", app.ByDepartment)
	f.must(err)
	if d.Total.People != 2 || d.Total.Assignments != 2 {
		t.Fatalf("team lead's total %+v", d.Total)
	}
	if _, ok := rowOf(d, f.cs); ok || len(d.Rows) != 2 {
		t.Fatalf("team lead's rows %+v", d.Rows)
	}
	page, err := f.app.ProgressPeople(f.ctx, f.lead, app.ProgressPeopleFilter{By: app.ByDepartment, Key: f.cs})
	f.must(err)
	if len(page.People) != 0 {
		t.Fatalf("team lead lists 客服部: %+v", page.People)
	}
	page, err = f.app.ProgressPeople(f.ctx, f.lead, app.ProgressPeopleFilter{})
	f.must(err)
	var nos []string
	for _, p := range page.People {
		nos = append(nos, p.EmployeeNo)
	}
	if !slices.Equal(nos, []string{"A1", "B1"}) {
		t.Fatalf("team lead's people %v", nos)
	}
	if _, err := f.app.PersonLearning(f.ctx, f.lead, f.c); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("team lead opens 客服部's learner: %v", err)
	}
	if _, err := f.app.PersonLearning(f.ctx, f.lead, f.b); err != nil {
		t.Fatalf("team lead opens 天猫组's learner: %v", err)
	}
	f.now = f.now.Add(8 * 24 * time.Hour)
	od, err := f.app.OverdueAssignments(f.ctx, f.lead, "", 1)
	f.must(err)
	if od.Total != 2 || slices.ContainsFunc(od.Items, func(it app.OverdueItem) bool { return it.PersonID == f.c }) {
		t.Fatalf("team lead's overdue list %+v", od.Items)
	}
	if _, err := f.app.LearningProgress(f.ctx, f.learner, "", ""); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner opens the dashboard: %v", err)
	}
	if _, err := f.app.PersonLearning(f.ctx, f.learner, f.b); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner opens a drill-down: %v", err)
	}
}

// TestLearningAssignByHand: numbers are split, deduplicated and looked up;
// unknown ones are reported while the rest are assigned; a second run
// assigns nobody again; a team lead may not assign; the change is audited.
func TestLearningAssignByHand(t *testing.T) {
	f := newProgressFixture(t)
	res, err := f.app.AssignPath(f.ctx, f.mgr, "path-cs-specialist", []string{"A1", " ZZ9 ", "A1", "B1", "", "YY1"}, 30)
	f.must(err)
	if res.Assigned != 2 || res.Had != 0 || !slices.Equal(res.Unknown, []string{"ZZ9", "YY1"}) {
		t.Fatalf("first assignment %+v", res)
	}
	res, err = f.app.AssignPath(f.ctx, f.mgr, "path-cs-specialist", []string{"B1", "C1"}, 0)
	f.must(err)
	if res.Assigned != 1 || res.Had != 1 || len(res.Unknown) != 0 {
		t.Fatalf("second assignment %+v", res)
	}
	res, err = f.app.AssignPath(f.ctx, f.mgr, "path-cs-specialist", []string{"QQ1"}, 0)
	f.must(err)
	if res.Assigned != 0 || len(res.Unknown) != 1 {
		t.Fatalf("nobody known %+v", res)
	}
	_, err = f.app.AssignPath(f.ctx, f.mgr, "nope", nil, -1)
	de, ok := err.(*shopdojo.Error)
	if !ok || de.Fields["path_id"] == "" || de.Fields["employee_nos"] == "" || de.Fields["due_days"] == "" {
		t.Fatalf("invalid assignment: %v", err)
	}
	if _, err := f.app.AssignPath(f.ctx, f.lead, "path-cs-specialist", []string{"A1"}, 0); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("team lead assigns: %v", err)
	}
	events, _, err := f.app.ListAudit(f.ctx, f.sys, app.AuditFilter{Action: "path.assign"})
	f.must(err)
	// The fixture's and the first two here; the one that found nobody changed nothing.
	if len(events) != 3 || events[0].ActorName != "许晴" {
		t.Fatalf("audit %+v", events)
	}
	pl, err := f.app.PersonLearning(f.ctx, f.mgr, f.c)
	f.must(err)
	if len(pl.Paths) != 2 || pl.Paths[1].Source != "manual" || pl.Paths[1].DueAt.IsZero() {
		t.Fatalf("C's paths %+v", pl.Paths)
	}
}

// TestLearningRulesAdmin: a rule needs a condition; a rule by department
// assigns its people, lists with its maker and how many it assigns, and
// deleting it withdraws them; applying all rules is audited.
func TestLearningRulesAdmin(t *testing.T) {
	f := newProgressFixture(t)
	_, err := f.app.CreatePathRule(f.ctx, f.mgr, app.PathRuleInput{PathID: "path-content-ops"})
	if de, ok := err.(*shopdojo.Error); !ok || de.Fields["position_id"] != "path.err_rule_empty" {
		t.Fatalf("empty rule: %v", err)
	}
	_, err = f.app.CreatePathRule(f.ctx, f.mgr, app.PathRuleInput{PathID: "x", Platform: "mars", DueDays: -1})
	if de, ok := err.(*shopdojo.Error); !ok || de.Fields["path_id"] == "" || de.Fields["platform"] == "" || de.Fields["due_days"] == "" {
		t.Fatalf("bad rule: %v", err)
	}
	if _, err := f.app.CreatePathRule(f.ctx, f.lead, app.PathRuleInput{PathID: "path-content-ops", Department: f.tmall}); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("team lead makes a rule: %v", err)
	}
	n, err := f.app.CreatePathRule(f.ctx, f.mgr, app.PathRuleInput{PathID: "path-content-ops", Department: f.tmall, DueDays: 30})
	f.must(err)
	if n != 1 {
		t.Fatalf("rule for 天猫组 assigned %d", n)
	}
	rules, err := f.app.PathRules(f.ctx, f.mgr)
	f.must(err)
	i := slices.IndexFunc(rules, func(r app.PathRule) bool { return r.PathID == "path-content-ops" })
	if i < 0 || rules[i].Assigned != 1 || rules[i].CreatorName != "许晴" || rules[i].DepartmentName != "天猫组" || rules[i].CreatedAt.IsZero() {
		t.Fatalf("rules %+v", rules)
	}
	n, err = f.app.ApplyPathRules(f.ctx, f.mgr)
	f.must(err)
	if n != 0 {
		t.Fatalf("applying again made %d", n)
	}
	events, _, err := f.app.ListAudit(f.ctx, f.sys, app.AuditFilter{Action: "path_rule.apply"})
	f.must(err)
	if len(events) != 1 {
		t.Fatalf("apply audit %+v", events)
	}
	f.must(f.app.DeletePathRule(f.ctx, f.mgr, rules[i].ID))
	pl, err := f.app.PersonLearning(f.ctx, f.mgr, f.b)
	f.must(err)
	if len(pl.Paths) != 1 || pl.Paths[0].PathID != "path-onboarding" {
		t.Fatalf("B's paths after the rule went %+v", pl.Paths)
	}
	if err := f.app.DeletePathRule(f.ctx, f.mgr, rules[i].ID); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("delete twice: %v", err)
	}
}

// TestLearningDailyRules: a store moving to another platform applies no
// rule by itself; the daily run does, once a company day, as the system;
// the next day's run withdraws the path when the store moves back.
func TestLearningDailyRules(t *testing.T) {
	f := newProgressFixture(t)
	st, err := f.app.CreateStore(f.ctx, f.mgr, app.StoreInput{Platform: shopdojo.PlatformTaobao, Name: "示例淘宝店"})
	f.must(err)
	p, err := f.app.Person(f.ctx, f.sys, f.c)
	f.must(err)
	in := app.PersonInput{EmployeeNo: p.EmployeeNo, Name: p.Name, DepartmentID: p.DepartmentID, Status: p.Status,
		Roles: p.Roles, StoreIDs: []string{st}}
	f.must(f.app.UpdatePerson(f.ctx, f.sys, f.c, in))
	n, err := f.app.CreatePathRule(f.ctx, f.mgr, app.PathRuleInput{PathID: "path-content-ops", Platform: "douyin"})
	f.must(err)
	if n != 0 {
		t.Fatalf("douyin rule assigned %d", n)
	}
	// The first run of the day (as at start-up) finds nothing to do.
	if n, err := f.app.DailyJobs(f.ctx); err != nil || n != 0 {
		t.Fatalf("first daily run: %d %v", n, err)
	}
	f.must(f.app.UpdateStore(f.ctx, f.mgr, st, app.StoreInput{Platform: shopdojo.PlatformDouyin, Name: "示例抖音小店"}))
	paths := func() []string {
		pl, err := f.app.PersonLearning(f.ctx, f.mgr, f.c)
		f.must(err)
		var out []string
		for _, p := range pl.Paths {
			out = append(out, p.PathID)
		}
		return out
	}
	if got := paths(); slices.Contains(got, "path-content-ops") {
		t.Fatalf("assigned before the daily run: %v", got)
	}
	if n, err := f.app.DailyJobs(f.ctx); err != nil || n != 0 {
		t.Fatalf("second run the same day: %d %v", n, err)
	}
	// 00:10 next day in Beijing (16:10 UTC).
	f.now = time.Date(2026, 3, 2, 16, 10, 0, 0, time.UTC)
	if n, err := f.app.DailyJobs(f.ctx); err != nil || n != 1 {
		t.Fatalf("next day's run: %d %v", n, err)
	}
	if got := paths(); !slices.Contains(got, "path-content-ops") {
		t.Fatalf("not assigned by the daily run: %v", got)
	}
	events, _, err := f.app.ListAudit(f.ctx, f.sys, app.AuditFilter{Action: "path_rule.apply"})
	f.must(err)
	if len(events) != 1 || events[0].ActorID != "" {
		t.Fatalf("daily run audit %+v", events)
	}
	f.must(f.app.UpdateStore(f.ctx, f.mgr, st, app.StoreInput{Platform: shopdojo.PlatformTaobao, Name: "示例淘宝店"}))
	f.now = f.now.Add(24 * time.Hour)
	if _, err := f.app.DailyJobs(f.ctx); err != nil {
		t.Fatal(err)
	}
	if got := paths(); slices.Contains(got, "path-content-ops") {
		t.Fatalf("kept after the store moved back: %v", got)
	}
}

// TestLearningProgressDemo: the demo's dashboards show people behind and
// overdue, a passed stage and a certified path; 运营部's team lead sees
// only 运营部.
func TestLearningProgressDemo(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	// As serve does first: the seeded stage exams' results are recorded.
	_, _, err = e.app.RunAttemptJobs(e.ctx)
	e.must(err)
	actor := func(no string) app.Actor {
		p, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, no)
		e.must(err)
		ac, err := e.app.ActorFor(e.ctx, p.ID)
		e.must(err)
		return ac
	}
	d, err := e.app.LearningProgress(e.ctx, actor("SD9001"), "", app.ByDepartment)
	e.must(err)
	t.Logf("demo total %+v (%d%%)", d.Total, d.Total.Percent())
	if d.Total.People < 20 || d.Total.Overdue < 3 || d.Total.Certified < 1 || d.Total.Percent() < 5 {
		t.Fatalf("demo total %+v", d.Total)
	}
	od, err := e.app.OverdueAssignments(e.ctx, actor("SD9001"), "", 1)
	e.must(err)
	for _, it := range od.Items {
		t.Logf("overdue %s %s %s %d days %d%%", it.EmployeeNo, it.Name, it.PathID, it.DaysOverdue, it.Percent())
	}
	lead, err := e.app.LearningProgress(e.ctx, actor("SD1001"), "", app.ByDepartment)
	e.must(err)
	if len(lead.Rows) != 1 || lead.Rows[0].Name != "运营部" || lead.Total.People >= d.Total.People {
		t.Fatalf("运营部 lead's rows %+v", lead.Rows)
	}
	// 赵敏 is part-way through the demo's video: her record says how far.
	zm := actor("SD1007")
	pl, err := e.app.PersonLearning(e.ctx, actor("SD9001"), zm.PersonID)
	e.must(err)
	watching := 0
	for _, u := range pl.Record {
		if u.Watched >= 0 {
			watching++
			if u.Kind != "watch" || u.Status != app.StateStarted || u.Watched != 62 {
				t.Errorf("record %+v", u)
			}
		}
	}
	if watching != 1 {
		t.Fatalf("%d watched units in 赵敏's record, want 1", watching)
	}
}

// TestLearningProgressAtScale times the progress pages over 10,000 people
// with two paths each and about 650,000 done units (the built-in pack has
// 129 units; person i has done the first i*7 mod 130 of them). It runs
// when SHOPDOJO_SCALE is set: seeding takes a while.
func TestLearningProgressAtScale(t *testing.T) {
	if os.Getenv("SHOPDOJO_SCALE") == "" {
		t.Skip("set SHOPDOJO_SCALE=1 to time the progress pages at 10,000 people")
	}
	e := newEnv(t)
	_, mgr := e.person("M1", "许晴", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	p, _ := builtinFiles(t)
	x := curriculum.NewIndex(p)
	exec := func(q string, args ...any) {
		t.Helper()
		e.must(e.store.Exec(e.ctx, q, args...))
	}
	exec(`CREATE TABLE bench_n (i BIGINT PRIMARY KEY)`)
	exec(`CREATE TABLE bench_units (pos BIGINT, id TEXT)`)
	exec(`CREATE TABLE bench_depts (pos BIGINT, id TEXT)`)
	exec(`CREATE TABLE bench_paths (pos BIGINT, id TEXT)`)
	exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) INSERT INTO bench_n (i) SELECT i FROM n`)
	pos := 0
	for _, m := range p.Modules {
		for _, c := range m.Courses {
			for _, u := range c.Units {
				exec(`INSERT INTO bench_units (pos, id) VALUES ($1, $2)`, pos, u.ID)
				pos++
			}
		}
	}
	var lead app.Actor
	for i := range 20 {
		id, err := e.app.CreateDepartment(e.ctx, mgr, app.DepartmentInput{Name: "部门" + strconv.Itoa(i)})
		e.must(err)
		exec(`INSERT INTO bench_depts (pos, id) VALUES ($1, $2)`, i, id)
		if i == 0 {
			_, lead = e.person("L1", "张伟", id, shopdojo.RoleTeamLead)
		}
	}
	i := 0
	for _, pa := range p.Paths {
		if !pa.Onboarding {
			exec(`INSERT INTO bench_paths (pos, id) VALUES ($1, $2)`, i, pa.ID)
			i++
		}
	}
	start := time.Now()
	exec(`INSERT INTO people (id, employee_no, name, department_id, status, created_at, updated_at)
		SELECT 'bench-' || CAST(n.i AS TEXT), 'E' || CAST(100000 + n.i AS TEXT), '学员' || CAST(n.i AS TEXT), d.id, 'active', 0, 0
		FROM bench_n n JOIN bench_depts d ON d.pos = n.i % 20`)
	due, past := e.now.Add(30*24*time.Hour).UnixMilli(), e.now.Add(-3*24*time.Hour).UnixMilli()
	exec(`INSERT INTO path_assignments (person_id, path_id, source, assigned_at, due_at)
		SELECT 'bench-' || CAST(n.i AS TEXT), 'path-onboarding', 'manual', 0, CASE WHEN n.i % 10 = 0 THEN CAST($1 AS BIGINT) ELSE CAST($2 AS BIGINT) END FROM bench_n n`, past, due)
	exec(`INSERT INTO path_assignments (person_id, path_id, source, assigned_at, due_at)
		SELECT 'bench-' || CAST(n.i AS TEXT), p.id, 'rule', 0, CAST($1 AS BIGINT) FROM bench_n n JOIN bench_paths p ON p.pos = n.i % 6`, due)
	exec(`INSERT INTO unit_progress (person_id, unit_id, material_id, version_no, status, started_at, done_at, updated_at)
		SELECT 'bench-' || CAST(n.i AS TEXT), u.id, 'm', 1, 'done', 0, 0, 0 FROM bench_n n JOIN bench_units u ON u.pos < (n.i * 7) % 130`)
	e.must(e.store.RebuildLearnerStates(e.ctx))
	if e.store.Dialect == store.Postgres {
		exec(`ANALYZE`) // as autovacuum would have by now
	}
	t.Logf("seeded 10,000 people, 20,000 assignments and their progress in %v (%d modules)", time.Since(start), len(x.Pack.Modules))

	timed := func(name string, fn func() error) {
		t.Helper()
		start := time.Now()
		e.must(fn())
		t.Logf("%-40s %v", name, time.Since(start))
	}
	var d app.ProgressDashboard
	timed("dashboard by department (manager)", func() (err error) {
		d, err = e.app.LearningProgress(e.ctx, mgr, "", app.ByDepartment)
		return err
	})
	if d.Total.People != 10000 || d.Total.Assignments != 20000 || d.Total.Overdue != 1000 {
		t.Fatalf("total %+v", d.Total)
	}
	timed("dashboard by group (manager)", func() error { _, err := e.app.LearningProgress(e.ctx, mgr, "", app.ByGroup); return err })
	timed("dashboard of one path (manager)", func() error {
		_, err := e.app.LearningProgress(e.ctx, mgr, "path-onboarding", app.ByPosition)
		return err
	})
	timed("dashboard (team lead of 500)", func() error {
		d, err := e.app.LearningProgress(e.ctx, lead, "", app.ByDepartment)
		if err == nil && d.Total.People != 500 {
			t.Errorf("team lead sees %d people", d.Total.People)
		}
		return err
	})
	timed("overdue list page 3 (manager)", func() error { _, err := e.app.OverdueAssignments(e.ctx, mgr, "", 3); return err })
	timed("people page of a department (manager)", func() error {
		_, err := e.app.ProgressPeople(e.ctx, mgr, app.ProgressPeopleFilter{By: app.ByDepartment, Key: d.Rows[0].Key, After: "E100500"})
		return err
	})
	timed("one person's drill-down", func() error { _, err := e.app.PersonLearning(e.ctx, mgr, "bench-4321"); return err })
}
