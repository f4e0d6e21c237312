package app_test

import (
	"math"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/kpi"
)

// demoStoreName is the demo's Tmall store, which has data.
const demoStoreName = "示例家居天猫旗舰店"

// storeNamed is the id of the store with this name.
func (e *env) storeNamed(name string) string {
	e.t.Helper()
	stores, err := e.app.Stores(e.ctx, e.sys)
	e.must(err)
	for _, s := range stores {
		if s.Name == name {
			return s.ID
		}
	}
	e.t.Fatalf("no store %s", name)
	return ""
}

// TestDemoStoreDiagnosis: the demo's Tmall store comes with three
// imported exports whose diagnosis tells its story: conversion below the
// 同行同层 average is the costliest gap, two slow agents keep the 3-minute
// response rate under the manager's target, and the drop in sales is
// mostly conversion and order value.
func TestDemoStoreDiagnosis(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	id := e.storeNamed(demoStoreName)
	imports, err := e.app.KPIImports(e.ctx, e.sys, id, 10)
	e.must(err)
	if len(imports) != 3 {
		t.Fatalf("%d demo imports", len(imports))
	}
	for _, im := range imports {
		if im.Status != app.ImportDone || im.Stored == 0 || im.Problems != 0 {
			t.Errorf("demo import %s: %s, %d stored, %d problems", im.FileName, im.Status, im.Stored, im.Problems)
		}
	}
	d, err := e.app.StoreDashboard(e.ctx, e.sys, id, app.DashboardQuery{})
	e.must(err)
	if len(d.Gaps) < 2 || d.Gaps[0].Metric != kpi.PayConversion || d.Gaps[0].Source != kpi.SourcePeerAvg {
		t.Fatalf("gaps %+v", d.Gaps)
	}
	found := false
	for _, g := range d.Gaps {
		found = found || g.Metric == kpi.CSResponseRate3 && g.Source == kpi.SourceManager
	}
	if !found || len(d.Plan.Items) == 0 {
		t.Errorf("no 3-minute response gap against the manager's target, or no plan: %+v", d.Plan)
	}
	c := d.Change
	if c == nil || c.Delta >= 0 || c.Conversion >= 0 || math.Abs(c.Visitors+c.Conversion+c.AOV-c.Delta) > 1 {
		t.Fatalf("change %+v", c)
	}
	if gmv, _ := d.Result.Total.Metric(kpi.GMV); math.Abs(gmv.Value-c.After) > 1 {
		t.Errorf("the decomposition's GMV %v is not the period's %v", c.After, gmv.Value)
	}
	if n := e.count(t, "SELECT COUNT(*) FROM kpi_orders WHERE buyer NOT LIKE 'u\\_%' ESCAPE '\\' OR region LIKE '%路%'"); n != 0 {
		t.Errorf("%d demo orders with a raw buyer or street address", n)
	}
}

// TestAcceptTrainingPlan: accepting the demo store's plan gives each
// position it names that position's course map; accepting again changes
// nothing; a learner cannot accept.
func TestAcceptTrainingPlan(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	id := e.storeNamed(demoStoreName)
	mgr, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "SD9001")
	e.must(err)
	ac, err := e.app.ActorFor(e.ctx, mgr.ID)
	e.must(err)
	res, err := e.app.AcceptTrainingPlan(e.ctx, ac, id, nil)
	e.must(err)
	total := 0
	positions := map[string]bool{}
	for _, it := range res.Items {
		t.Logf("%+v", it)
		if it.PathID == "" || it.NoPeople {
			t.Errorf("item %+v has no path or nobody", it)
		}
		positions[it.Position] = true
		total += it.Assigned + it.Had
	}
	if !positions["客服专员"] || !positions["运营专员"] || total == 0 {
		t.Fatalf("accepted %+v", res.Items)
	}
	again, err := e.app.AcceptTrainingPlan(e.ctx, ac, id, []string{kpi.CSResponseRate3})
	e.must(err)
	for _, it := range again.Items {
		if it.Metric != kpi.CSResponseRate3 || it.Assigned != 0 {
			t.Errorf("a second acceptance assigned again: %+v", it)
		}
	}
	if n := e.count(t, "SELECT COUNT(*) FROM audit_events WHERE action = 'storedata.plan_accept'"); n != 2 {
		t.Errorf("%d audit events", n)
	}
	learner, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "SD1003")
	e.must(err)
	lac, err := e.app.ActorFor(e.ctx, learner.ID)
	e.must(err)
	if _, err := e.app.AcceptTrainingPlan(e.ctx, lac, id, nil); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner accepted the plan: %v", err)
	}
}
