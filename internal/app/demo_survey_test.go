package app_test

import (
	"testing"
)

// TestDemoNeeds: the demo store's needs analysis is full on first start —
// a closed named survey with seven answers, the team lead's ratings with
// blind spots, notes, KPI gaps in the ranking — and SD1003 has the
// anonymous survey to answer.
func TestDemoNeeds(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	id := e.storeNamed(demoStoreName)
	list, _, err := e.app.NeedsAnalyses(e.ctx, e.sys, id, 10, 0)
	e.must(err)
	if len(list) != 1 {
		t.Fatalf("%d demo analyses", len(list))
	}
	r, err := e.app.NeedsReport(e.ctx, e.sys, id, list[0].ID)
	e.must(err)
	if len(r.Surveys) != 2 || r.Surveys[0].Responses != 7 || r.Surveys[0].Survey.Status != "closed" || !r.Surveys[1].Hidden {
		t.Fatalf("demo surveys %+v", r.Surveys)
	}
	if len(r.Competencies) != 6 || len(r.BlindSpots) == 0 || len(r.Notes) != 3 {
		t.Errorf("%d competencies, %d blind spots, %d notes", len(r.Competencies), len(r.BlindSpots), len(r.Notes))
	}
	kpi := false
	for _, n := range r.Needs {
		kpi = kpi || n.KPIScore > 0
	}
	if len(r.Dashboard.Gaps) == 0 || !kpi {
		t.Errorf("the ranking has no KPI gap: %d gaps, needs %+v", len(r.Dashboard.Gaps), r.Needs)
	}
	p, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "SD1003")
	e.must(err)
	learner, err := e.app.ActorFor(e.ctx, p.ID)
	e.must(err)
	mine, err := e.app.MySurveys(e.ctx, learner)
	e.must(err)
	if len(mine) != 2 || !mine[0].Pending || !mine[0].Anonymous || mine[1].Pending {
		t.Errorf("SD1003's surveys %+v", mine)
	}
}
