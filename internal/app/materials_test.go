package app_test

import (
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/textdiff"
)

func TestVersionWorkflow(t *testing.T) {
	e := newEnv(t)
	pos, err := e.app.CreatePosition(e.ctx, e.sys, app.PositionInput{Name: "客服专员"})
	e.must(err)
	_, trainer := e.person("T1", "程讲师", "", shopdojo.RoleTrainer)
	_, mgr := e.person("M1", "许晴", "", shopdojo.RoleTrainingManager)
	_, learner := e.person("L1", "李娜", "", shopdojo.RoleLearner)

	in := app.VersionInput{Kind: app.KindPositionProfile, SubjectID: pos, Title: "客服专员岗位说明书",
		Body: "## 核心指标\n- 3 分钟响应率 ≥ 85%\n- 询单转化率 ≥ 35%\n"}
	if _, _, err := e.app.SaveVersion(e.ctx, learner, in); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner drafted: %v", err)
	}
	id, no, err := e.app.SaveVersion(e.ctx, trainer, in)
	e.must(err)
	if no != 1 {
		t.Fatalf("first version %d", no)
	}
	// Nothing is published yet: learners see nothing, editors see the draft.
	if v, _, err := e.app.MaterialFor(e.ctx, learner, app.KindPositionProfile, pos); err != nil || v.Version.No != 0 {
		t.Fatalf("learner sees %+v %v", v.Version, err)
	}
	// A second edit needs a note and must start from the latest version.
	in2 := app.VersionInput{MaterialID: id, BaseNo: 1, Title: in.Title,
		Body: "## 核心指标\n- 3 分钟响应率 ≥ 90%（大促 ≥ 95%）\n- 询单转化率 ≥ 35%\n"}
	if _, _, err := e.app.SaveVersion(e.ctx, trainer, in2); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("no note: %v", err)
	}
	in2.Note, in2.Major, in2.Submit = "大促期间提高响应率要求", true, true
	_, no, err = e.app.SaveVersion(e.ctx, trainer, in2)
	e.must(err)
	if _, _, err := e.app.SaveVersion(e.ctx, mgr, in2); kind(err) != shopdojo.KindConflict {
		t.Fatalf("stale base accepted: %v", err)
	}
	// Trainers draft, training managers approve.
	if err := e.app.ReviewVersion(e.ctx, trainer, id, no, true, ""); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("trainer approved: %v", err)
	}
	if err := e.app.ReviewVersion(e.ctx, mgr, id, no, false, ""); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("return without a note: %v", err)
	}
	e.must(e.app.ReviewVersion(e.ctx, mgr, id, no, true, "同意"))
	if err := e.app.ReviewVersion(e.ctx, mgr, id, no, true, ""); kind(err) != shopdojo.KindConflict {
		t.Fatalf("second approval: %v", err)
	}
	v, _, err := e.app.MaterialFor(e.ctx, learner, app.KindPositionProfile, pos)
	e.must(err)
	if v.Version.No != 2 || v.Version.Status != shopdojo.VersionPublished || v.CanEdit {
		t.Fatalf("learner sees %+v", v)
	}
	// Readers cannot open drafts or history; editors compare versions.
	if _, err := e.app.MaterialVersion(e.ctx, learner, id, 1); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("learner opened v1: %v", err)
	}
	c, err := e.app.CompareVersions(e.ctx, trainer, id, 1, 2)
	e.must(err)
	if c.Stats.Changed != 1 || c.Rows[1].Op != textdiff.Change {
		t.Fatalf("diff %+v %+v", c.Stats, c.Rows)
	}
	// Rolling back makes a new draft from v1; the published v2 stays until it is approved.
	no, err = e.app.RollbackVersion(e.ctx, trainer, id, 1, "")
	e.must(err)
	vs, err := e.app.Versions(e.ctx, trainer, id)
	e.must(err)
	if len(vs) != 3 || vs[0].No != 3 || vs[0].BasedOn != 1 || vs[0].Status != shopdojo.VersionDraft || vs[1].Status != shopdojo.VersionPublished {
		t.Fatalf("history %+v", vs)
	}
	e.must(e.app.SubmitVersion(e.ctx, trainer, id, no))
	q, err := e.app.ReviewQueue(e.ctx, mgr)
	e.must(err)
	if len(q) != 1 || q[0].Version.No != 3 {
		t.Fatalf("queue %+v", q)
	}
	e.must(e.app.ReviewVersion(e.ctx, mgr, id, 3, true, ""))
	vs, _ = e.app.Versions(e.ctx, trainer, id)
	if vs[1].Status != shopdojo.VersionRetired || vs[0].Status != shopdojo.VersionPublished {
		t.Fatalf("after second publish %+v", vs)
	}
	evs, _, err := e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{ObjectType: app.KindPositionProfile})
	e.must(err)
	if len(evs) != 6 || evs[0].Action != "material.publish" || evs[1].Action != "material.submit" || evs[2].Action != "material.rollback" {
		t.Fatalf("audit %d events, newest %s", len(evs), evs[0].Action)
	}
}
