package app_test

import (
	"testing"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/kpi"
)

// TestDemoImpact: the demo store's agents tell the training story: five
// completed the customer-service module in the default window and their
// 3-minute response rate and inquiry conversion rose more than the
// others'; 陶然's account waits for a link with a suggestion, and the
// shared 售后01 account is excluded as unlinked.
func TestDemoImpact(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.SeedDemo(e.ctx)
	e.must(err)
	id := e.storeNamed(demoStoreName)
	mgr, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "SD9001")
	e.must(err)
	ac, err := e.app.ActorFor(e.ctx, mgr.ID)
	e.must(err)
	ag, err := e.app.StoreAgents(e.ctx, ac, id)
	e.must(err)
	if len(ag.Agents) != 10 || ag.Linked != 8 || ag.Suggests != 1 {
		t.Fatalf("%d agents, %d linked, %d suggestions", len(ag.Agents), ag.Linked, ag.Suggests)
	}
	for _, r := range ag.Agents {
		t.Logf("%s person=%v suggested=%v trained=%v metrics=%v", r.Agent, r.Person, r.Suggested, r.Trained, r.Metrics)
	}
	for _, metric := range []string{kpi.CSResponseRate3, kpi.CSInquiryConv, kpi.CSFirstResponse} {
		v, err := e.app.StoreImpact(e.ctx, ac, id, app.ImpactInput{Metric: metric})
		e.must(err)
		t.Logf("%s %+v query %+v", metric, v.Input, v.Query.Level)
		for _, u := range append(v.Units, v.Excluded...) {
			t.Logf("  %s trained=%v at=%v %.4f → %.4f %s", u.Name, u.Trained, u.CompletedAt, u.Before, u.After, u.Reason)
		}
		if v.Estimate == nil {
			t.Fatalf("%s: no estimate, empty %q", metric, v.Empty)
		}
		t.Logf("  effect %.4f [%.4f, %.4f] n %d/%d caveats %v verdict %s", v.Estimate.Effect, v.Estimate.Low, v.Estimate.High,
			v.Estimate.NTreated, v.Estimate.NControl, v.Estimate.Caveats, v.Verdict)
		if v.Estimate.NTreated != 5 || v.Estimate.NControl != 3 || len(v.Excluded) != 2 || v.Verdict != app.VerdictBetter {
			t.Errorf("%s: arms %d/%d, %d excluded", metric, v.Estimate.NTreated, v.Estimate.NControl, len(v.Excluded))
		}
		if float64(kpi.DirectionOf(metric))*v.Estimate.Effect <= 0 {
			t.Errorf("%s: effect %v is no improvement", metric, v.Estimate.Effect)
		}
	}
}
