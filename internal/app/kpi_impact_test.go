package app_test

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/impact"
	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// impactFixture is a store with a 客服绩效 report for 8 sub-accounts over
// two windows, its people, and the starter curriculum.
type impactFixture struct {
	kpiFixture
	people map[string]string // name → id
	units  []string          // the units of course m01-c01, the training
}

// impactAgents: nick → 3-minute rate before (Jan 1–10) and after (Feb
// 1–10); -1 = no rows in that window.
var impactAgents = []struct {
	nick          string
	before, after float64
}{
	{"测试店:张三", 0.80, 0.90}, {"测试店:李四", 0.70, 0.85}, {"测试店:王五", 0.85, 0.86}, {"测试店:赵六", 0.90, 0.88},
	{"测试店:钱七", 0.75, 0.80}, {"测试店:孙八", 0.80, 0.82}, {"测试店:周九", 0.82, -1}, {"测试店:公共", 0.80, 0.80},
}

func csReport() string {
	var b strings.Builder
	b.WriteString("日期,客服昵称,询单人数,询单→最终付款人数,对话轮次,3分钟内响应轮次,平均首次响应时长,平均响应时长,客服销售额\n")
	for _, ag := range impactAgents {
		for _, w := range []struct {
			month int
			rate  float64
		}{{1, ag.before}, {2, ag.after}} {
			for d := 1; d <= 10 && w.rate >= 0; d++ {
				fmt.Fprintf(&b, "2026-%02d-%02d,%s,40,20,100,%d,30.0,45.0,3360.00\n", w.month, d, ag.nick, int(w.rate*100+0.5))
			}
		}
	}
	return b.String()
}

func newImpactFixture(t *testing.T) impactFixture {
	f := impactFixture{kpiFixture: newKPIFixture(t), people: map[string]string{}}
	e := f.e
	_, err := e.app.ImportContent(e.ctx, f.mgr, curriculum.Builtin(), "")
	e.must(err)
	p, _ := curriculum.Read(curriculum.Builtin())
	for _, c := range curriculum.NewIndex(p).Units("m01-c01") {
		f.units = append(f.units, c.ID)
	}
	body := csReport()
	_, err = e.app.ImportKPI(e.ctx, f.mgr, app.KPIImport{StoreID: f.storeID, Preset: "qianniu_cs", FileName: "客服绩效.csv",
		Size: int64(len(body)), Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(body)), nil }})
	e.must(err)
	for i, name := range []string{"张三", "李四", "王五", "赵六", "钱七", "孙八", "周九"} {
		id, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: fmt.Sprintf("C%03d", i+1), Name: name,
			Status: shopdojo.StatusActive, StoreIDs: []string{f.storeID}})
		e.must(err)
		f.people[name] = id
	}
	return f
}

// done marks the first n units of the training done for a person, the
// last on day (Asia/Shanghai noon), as the learner's pages do.
func (f impactFixture) done(name string, n int, day string) {
	at, _ := time.ParseInLocation(time.DateOnly, day, f.e.app.Location())
	f.e.must(f.e.store.Tx(f.e.ctx, func(tx *store.Tx) error {
		for i, u := range f.units[:n] {
			ms := at.Add(12*time.Hour - time.Duration(n-1-i)*time.Hour).UnixMilli()
			if _, err := tx.FinishUnit(f.e.ctx, sqlq.FinishUnitParams{PersonID: f.people[name], UnitID: u, MaterialID: "m",
				VersionNo: 1, StartedAt: ms}); err != nil {
				return err
			}
		}
		return nil
	}))
}

// TestAgentLinks: suggestions come from the name after the colon or an IM
// id among the store's people, never for a name two people share; the
// manager confirms them, links by hand only to the store's people, the
// links survive a re-import, and every change is audited.
func TestAgentLinks(t *testing.T) {
	f := newImpactFixture(t)
	e := f.e
	// A second 孙八 makes that name ambiguous; 周九's WeCom id is the nick.
	_, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "C100", Name: "孙八", Status: shopdojo.StatusActive,
		StoreIDs: []string{f.storeID}})
	e.must(err)
	outsider, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "C101", Name: "公共", Status: shopdojo.StatusActive})
	e.must(err)
	v, err := e.app.StoreAgents(e.ctx, f.mgr, f.storeID)
	e.must(err)
	suggested := map[string]string{}
	for _, r := range v.Agents {
		if r.Suggested != nil {
			suggested[r.Agent] = r.Suggested.Name
		}
	}
	if len(v.Agents) != 8 || v.Linked != 0 || len(suggested) != 6 || suggested["测试店:孙八"] != "" || suggested["测试店:公共"] != "" ||
		suggested["测试店:张三"] != "张三" {
		t.Fatalf("%d agents, %d linked, suggestions %v", len(v.Agents), v.Linked, suggested)
	}
	if err := e.app.LinkAgent(e.ctx, f.mgr, f.storeID, "测试店:公共", outsider); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("linked to someone outside the store: %v", err)
	}
	if err := e.app.LinkAgent(e.ctx, f.mgr, f.storeID, "测试店:无此人", f.people["张三"]); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("linked an agent the data does not have: %v", err)
	}
	n, err := e.app.LinkSuggestedAgents(e.ctx, f.mgr, f.storeID)
	e.must(err)
	e.must(e.app.LinkAgent(e.ctx, f.mgr, f.storeID, "测试店:孙八", f.people["孙八"]))
	e.must(e.app.LinkAgent(e.ctx, f.mgr, f.storeID, "测试店:孙八", f.people["孙八"])) // unchanged: no event
	if n != 6 || e.count(t, "SELECT COUNT(*) FROM audit_events WHERE action = 'impact.agent_link'") != 7 {
		t.Fatalf("%d linked as suggested, %d link events", n, e.count(t, "SELECT COUNT(*) FROM audit_events WHERE action = 'impact.agent_link'"))
	}
	e.must(e.app.LinkAgent(e.ctx, f.mgr, f.storeID, "测试店:钱七", ""))
	if e.count(t, "SELECT COUNT(*) FROM audit_events WHERE action = 'impact.agent_unlink'") != 1 {
		t.Error("no unlink event")
	}
	body := csReport()
	_, err = e.app.ImportKPI(e.ctx, f.mgr, app.KPIImport{StoreID: f.storeID, Preset: "qianniu_cs", FileName: "客服绩效.csv",
		Size: int64(len(body)), Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(body)), nil }})
	e.must(err)
	if v, err = e.app.StoreAgents(e.ctx, f.mgr, f.storeID); err != nil || v.Linked != 6 {
		t.Fatalf("after a re-import %d linked, %v", v.Linked, err)
	}
	if m := v.Agents[slices.IndexFunc(v.Agents, func(r app.AgentRow) bool { return r.Agent == "测试店:张三" })].Metrics; len(m) != 4 || m[0].Value != 0.9 {
		t.Errorf("张三's last 30 days %+v", m)
	}
}

// TestAgentLinksScope: a learner cannot see the page, a team lead sees
// only a store they are linked to and may link there; a trainer may read
// but not link.
func TestAgentLinksScope(t *testing.T) {
	f := newImpactFixture(t)
	e := f.e
	_, learner := e.person("L1", "学员", "", shopdojo.RoleLearner)
	if _, err := e.app.StoreAgents(e.ctx, learner, f.storeID); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner: %v", err)
	}
	leadID, lead := e.person("TL1", "组长", "", shopdojo.RoleTeamLead)
	if _, err := e.app.StoreImpact(e.ctx, lead, f.storeID, app.ImpactInput{}); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("team lead of another store: %v", err)
	}
	if err := e.app.LinkAgent(e.ctx, lead, f.storeID, "测试店:张三", f.people["张三"]); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("team lead linked in another store: %v", err)
	}
	e.must(e.store.Tx(e.ctx, func(tx *store.Tx) error {
		return tx.AddPersonStore(e.ctx, sqlq.AddPersonStoreParams{PersonID: leadID, StoreID: f.storeID})
	}))
	e.must(e.app.LinkAgent(e.ctx, lead, f.storeID, "测试店:张三", f.people["张三"]))
	_, trainer := e.person("TR1", "讲师", "", shopdojo.RoleTrainer)
	if _, err := e.app.StoreAgents(e.ctx, trainer, f.storeID); err != nil {
		t.Fatalf("trainer reads: %v", err)
	}
	if err := e.app.LinkAgent(e.ctx, trainer, f.storeID, "测试店:李四", f.people["李四"]); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("trainer linked: %v", err)
	}
	if _, err := e.app.StoreImpact(e.ctx, f.mgr, "00000000-0000-0000-0000-000000000000", app.ImpactInput{}); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("unknown store: %v", err)
	}
}

// TestImpactAgents: trained and untrained come from progress in the
// window, the excluded say why, and the estimate is impact.DiD of the
// units exactly.
func TestImpactAgents(t *testing.T) {
	f := newImpactFixture(t)
	e := f.e
	in := app.ImpactInput{Metric: kpi.CSResponseRate3, Training: "m01-c01", BeforeFrom: "2026-01-01", BeforeTo: "2026-01-10",
		From: "2026-01-11", To: "2026-01-31", AfterFrom: "2026-02-01", AfterTo: "2026-02-10"}
	v, err := e.app.StoreImpact(e.ctx, f.mgr, f.storeID, in)
	e.must(err)
	if v.Empty != app.EmptyNoLinked || v.Estimate != nil {
		t.Fatalf("no links: empty %q, estimate %v", v.Empty, v.Estimate)
	}
	_, err = e.app.LinkSuggestedAgents(e.ctx, f.mgr, f.storeID)
	e.must(err)
	if v, err = e.app.StoreImpact(e.ctx, f.mgr, f.storeID, in); err != nil || v.Empty != app.EmptyNoTrained {
		t.Fatalf("no one trained: empty %q, %v", v.Empty, err)
	}
	all := len(f.units)
	f.done("张三", all, "2026-01-20")
	f.done("李四", all, "2026-01-31")
	f.done("王五", all-1, "2026-01-20") // not all units: untrained
	f.done("钱七", all, "2026-01-05")   // before the window
	f.done("孙八", all, "2026-02-05")   // during the after period
	f.done("周九", all, "2026-01-15")   // trained, but no after data
	v, err = e.app.StoreImpact(e.ctx, f.mgr, f.storeID, in)
	e.must(err)
	reasons := map[string]string{}
	for _, u := range v.Excluded {
		reasons[u.Name] = u.Reason
	}
	want := map[string]string{"测试店:钱七": app.ReasonTrainedBefore, "测试店:孙八": app.ReasonTrainedAfter,
		"测试店:周九": app.ReasonNoAfter, "测试店:公共": app.ReasonUnlinked}
	if fmt.Sprint(reasons) != fmt.Sprint(want) {
		t.Errorf("excluded %v, want %v", reasons, want)
	}
	var treated, control []impact.Unit
	for _, u := range v.Units {
		iu := impact.Unit{ID: u.ID, Before: u.Before, After: u.After}
		if u.Trained {
			treated = append(treated, iu)
		} else {
			control = append(control, iu)
		}
	}
	wantT := []impact.Unit{{ID: "测试店:张三", Before: 0.8, After: 0.9}, {ID: "测试店:李四", Before: 0.7, After: 0.85}}
	wantC := []impact.Unit{{ID: "测试店:王五", Before: 0.85, After: 0.86}, {ID: "测试店:赵六", Before: 0.9, After: 0.88}}
	if fmt.Sprint(treated) != fmt.Sprint(wantT) || fmt.Sprint(control) != fmt.Sprint(wantC) {
		t.Fatalf("arms %v / %v, want %v / %v", treated, control, wantT, wantC)
	}
	exp, err := impact.DiD(wantT, wantC, impact.Options{Seed: app.ImpactSeed})
	e.must(err)
	if got := v.Estimate; got == nil || got.Effect != exp.Effect || got.Low != exp.Low || got.High != exp.High ||
		got.NTreated != 2 || got.NControl != 2 || !slices.Equal(got.Caveats, exp.Caveats) {
		t.Fatalf("estimate %+v, want %+v", got, exp)
	}
	if d := exp.Effect - 0.13; d > 1e-9 || d < -1e-9 || !slices.Contains(exp.Caveats, impact.CaveatSmallSample) {
		t.Errorf("effect %v caveats %v", exp.Effect, exp.Caveats)
	}
	if v.Verdict != app.VerdictBetter && v.Verdict != app.VerdictBetterUnclear {
		t.Errorf("verdict %s", v.Verdict)
	}
	if a := v.Treated; a.Before != 0.75 || a.After != 0.875 {
		t.Errorf("trained arm %+v", a)
	}
}

// TestImpactQuery: defaults fill an empty query, bad windows are field
// errors, and lower-is-better metrics call a drop an improvement.
func TestImpactQuery(t *testing.T) {
	f := newImpactFixture(t)
	e := f.e
	v, err := e.app.StoreImpact(e.ctx, f.mgr, f.storeID, app.ImpactInput{})
	e.must(err)
	// The data ends 2026-02-10: the after period is its last 30 days.
	in := v.Input
	if in.Level != "agents" || in.Metric != kpi.CSResponseRate3 || in.Training != "m06" || in.AfterTo != "2026-02-10" ||
		in.AfterFrom != "2026-01-12" || in.To != "2026-01-11" || in.From != "2025-12-22" || in.BeforeTo != "2025-12-21" {
		t.Errorf("defaults %+v", in)
	}
	for _, bad := range []app.ImpactInput{
		{From: "2026-01-20", To: "2026-01-10"},
		{From: "2026-01-01", To: "2026-01-10", BeforeFrom: "2025-12-01", BeforeTo: "2026-01-05"},
		{From: "2026-01-01", To: "2026-01-10", AfterFrom: "2026-01-05"},
		{From: "2026/01/01"},
		{Metric: kpi.GMV},
		{Training: "m99"},
		{Level: "teams"},
	} {
		if _, err := e.app.StoreImpact(e.ctx, f.mgr, f.storeID, bad); kind(err) != shopdojo.KindInvalid {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	v, err = e.app.StoreImpact(e.ctx, f.mgr, f.storeID, app.ImpactInput{Level: "stores", Metric: kpi.CSResponseRate3})
	e.must(err)
	if len(v.Units)+len(v.Excluded) != 1 || v.Metrics[0] != kpi.GMV {
		t.Errorf("stores: %d units, metrics %v", len(v.Units)+len(v.Excluded), v.Metrics)
	}
}
