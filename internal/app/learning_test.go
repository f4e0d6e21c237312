package app_test

import (
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/xapi"
)

func TestLearningRecord(t *testing.T) {
	e := newEnv(t)
	meID, me := e.person("L1", "李娜", "", shopdojo.RoleLearner)
	otherID, other := e.person("L2", "刘洋", "", shopdojo.RoleLearner)
	_, auditor := e.person("A1", "曹颖", "", shopdojo.RoleAuditor)
	st := xapi.Statement{Verb: xapi.Experienced.IRI, ObjectType: app.KindPositionProfile, ObjectID: "m1", ObjectName: "客服专员岗位说明书",
		Context: &xapi.Context{Extensions: map[string]any{"version": 2}}}
	e.must(e.app.RecordLearning(e.ctx, me, st))
	if err := e.app.RecordLearning(e.ctx, other, xapi.Statement{ActorID: meID, Verb: xapi.Passed.IRI, ObjectType: "exam", ObjectID: "x"}); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("recorded for someone else: %v", err)
	}
	if err := e.app.RecordLearning(e.ctx, me, xapi.Statement{Verb: "read", ObjectType: "x", ObjectID: "y"}); err == nil {
		t.Fatal("a verb that is not an IRI was accepted")
	}
	got, err := e.app.LearningRecord(e.ctx, auditor, meID, 10)
	e.must(err)
	if len(got) != 1 || got[0].Verb != xapi.Experienced.IRI || got[0].Authority != meID || got[0].Context.Extensions["version"] != float64(2) ||
		!got[0].Timestamp.Equal(e.now.Truncate(1e6)) {
		t.Fatalf("record %+v", got)
	}
	if _, err := e.app.LearningRecord(e.ctx, other, meID, 10); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("a learner read another's record: %v", err)
	}
	if recs, err := e.app.LearningRecord(e.ctx, other, otherID, 10); err != nil || len(recs) != 0 {
		t.Fatalf("own empty record: %v %v", recs, err)
	}
	// Learning records are not audit events.
	evs, _, err := e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{ObjectType: app.KindPositionProfile})
	e.must(err)
	if len(evs) != 0 {
		t.Fatalf("%d audit events for a read", len(evs))
	}
}
