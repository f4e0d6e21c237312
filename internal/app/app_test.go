package app_test

import (
	"context"
	"github.com/shopdojo/shopdojo/internal/mask"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/audit"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/blob"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/storetest"
)

type env struct {
	t     *testing.T
	ctx   context.Context
	store *store.Store
	app   *app.App
	now   time.Time
	sys   app.Actor
}

func newEnv(t *testing.T) *env {
	t.Helper()
	s := storetest.New(t)
	key, err := audit.LoadOrCreateKey(filepath.Join(t.TempDir(), "audit.key"))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: context.Background(), store: s, now: time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC), sys: app.SystemActor("test")}
	files, err := blob.NewLocal(filepath.Join(t.TempDir(), "files"))
	if err != nil {
		t.Fatal(err)
	}
	masker, err := mask.New([]byte("a test installation's masking key"), mask.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e.app = app.New(s, app.Options{Password: auth.Fast, AuditKey: key, Clock: func() time.Time { return e.now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Files: files, Masker: masker, Segmenter: testSegmenter})
	return e
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

// person creates a person with roles and a password, returning their actor.
func (e *env) person(no, name, deptID string, roles ...shopdojo.Role) (string, app.Actor) {
	e.t.Helper()
	id, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: no, Name: name, DepartmentID: deptID,
		Status: shopdojo.StatusActive, Roles: roles})
	e.must(err)
	e.must(e.app.SetPassword(e.ctx, e.sys, id, "password-"+no, false))
	ac, err := e.app.ActorFor(e.ctx, id)
	e.must(err)
	return id, ac
}

func kind(err error) shopdojo.Kind { return shopdojo.KindOf(err) }

func TestDepartmentTreeAndAudit(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "许晴", "", shopdojo.RoleTrainingManager)
	ops, err := e.app.CreateDepartment(e.ctx, mgr, app.DepartmentInput{Name: "运营部", Code: "OPS"})
	e.must(err)
	team, err := e.app.CreateDepartment(e.ctx, mgr, app.DepartmentInput{Name: "天猫组", ParentID: ops})
	e.must(err)
	// Same name under the same parent is refused with a field error.
	_, err = e.app.CreateDepartment(e.ctx, mgr, app.DepartmentInput{Name: "天猫组", ParentID: ops})
	if de, ok := err.(*shopdojo.Error); !ok || de.Fields["name"] != "error.name_taken" {
		t.Fatalf("duplicate: %v", err)
	}
	// Moving a department under its own child is a cycle.
	err = e.app.UpdateDepartment(e.ctx, mgr, ops, app.DepartmentInput{Name: "运营部", ParentID: team})
	if kind(err) != shopdojo.KindInvalid {
		t.Fatalf("cycle: %v", err)
	}
	if err := e.app.DeleteDepartment(e.ctx, mgr, ops); kind(err) != shopdojo.KindConflict {
		t.Fatalf("delete non-empty: %v", err)
	}
	e.must(e.app.DeleteDepartment(e.ctx, mgr, team))
	_, learner := e.person("L1", "李娜", ops, shopdojo.RoleLearner)
	if _, err := e.app.CreateDepartment(e.ctx, learner, app.DepartmentInput{Name: "x"}); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner create: %v", err)
	}
	events, _, err := e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{ObjectType: "department"})
	e.must(err)
	if len(events) != 3 || events[0].Action != "department.delete" || events[2].Action != "department.create" {
		t.Fatalf("audit: %+v", events)
	}
	if events[0].ActorName != "许晴" || events[0].Changes == "" {
		t.Fatalf("audit actor/changes: %+v", events[0])
	}
}

func TestAuditVerifyDetectsDatabaseTampering(t *testing.T) {
	e := newEnv(t)
	for _, n := range []string{"运营部", "客服部", "推广部", "内容部"} {
		_, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: n})
		e.must(err)
	}
	size, err := e.app.Checkpoint(e.ctx)
	e.must(err)
	if size != 4 {
		t.Fatalf("checkpoint size %d", size)
	}
	rep, err := e.app.VerifyAudit(e.ctx, e.sys)
	e.must(err)
	if len(rep.Problems) != 0 || rep.Events != 4 || rep.Checkpoints != 1 {
		t.Fatalf("clean: %+v", rep)
	}
	e.must(e.store.Exec(e.ctx, "UPDATE audit_events SET object_name = $1 WHERE seq = $2", "伪造部", 2))
	rep, err = e.app.VerifyAudit(e.ctx, e.sys)
	e.must(err)
	if len(rep.Problems) == 0 {
		t.Fatal("edited row not detected")
	}
	e.must(e.store.Exec(e.ctx, "DELETE FROM audit_events WHERE seq = $1", 4))
	rep, _ = e.app.VerifyAudit(e.ctx, e.sys)
	if len(rep.Problems) < 2 {
		t.Fatalf("deleted tail not detected: %v", rep.Problems)
	}
	if _, err := e.app.VerifyAudit(e.ctx, app.Actor{PersonID: "x", Roles: []shopdojo.Role{shopdojo.RoleLearner}}); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("learner verify: %v", err)
	}
}

func TestAuditRollsBackWithChange(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "运营部"})
	e.must(err)
	// A failing change writes no audit event.
	_, err = e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "运营部"})
	if err == nil {
		t.Fatal("duplicate accepted")
	}
	events, _, err := e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{})
	e.must(err)
	if len(events) != 1 {
		t.Fatalf("%d events", len(events))
	}
}

func TestLoginLockoutAndSessions(t *testing.T) {
	e := newEnv(t)
	id, _ := e.person("SD1", "王芳", "", shopdojo.RoleLearner)
	c := app.Client{IP: "10.0.0.9", UserAgent: "test"}
	for i := 0; i < 5; i++ {
		if _, err := e.app.Login(e.ctx, "SD1", "wrong", c); kind(err) != shopdojo.KindUnauthenticated {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if _, err := e.app.Login(e.ctx, "SD1", "password-SD1", c); kind(err) != shopdojo.KindTooMany {
		t.Fatalf("locked account signed in: %v", err)
	}
	e.now = e.now.Add(16 * time.Minute)
	if _, err := e.app.Login(e.ctx, "sd1", "password-SD1", c); err == nil {
		t.Fatal("employee numbers are case-sensitive; sd1 should not match")
	}
	secret, err := e.app.Login(e.ctx, "SD1", "password-SD1", c)
	e.must(err)
	ac, err := e.app.Authenticate(e.ctx, secret)
	e.must(err)
	if ac.PersonID != id || ac.Name != "王芳" {
		t.Fatalf("actor %+v", ac)
	}
	// Sliding expiry: still valid after 6 days of activity, then 8 idle days end it.
	e.now = e.now.Add(6 * 24 * time.Hour)
	_, err = e.app.Authenticate(e.ctx, secret)
	e.must(err)
	e.now = e.now.Add(8 * 24 * time.Hour)
	if _, err := e.app.Authenticate(e.ctx, secret); kind(err) != shopdojo.KindUnauthenticated {
		t.Fatalf("expired session: %v", err)
	}
}

func TestDisableRevokesSessionsAndTokens(t *testing.T) {
	e := newEnv(t)
	id, ac := e.person("SD2", "吴倩", "", shopdojo.RoleLearner)
	secret, err := e.app.Login(e.ctx, "SD2", "password-SD2", app.Client{})
	e.must(err)
	tok, err := e.app.CreateToken(e.ctx, ac, "脚本", []string{app.ScopeRead}, 0)
	e.must(err)
	if _, write, err := e.app.TokenActor(e.ctx, tok); err != nil || write {
		t.Fatalf("token: write=%v %v", write, err)
	}
	e.must(e.app.SetDisabled(e.ctx, e.sys, id, true))
	if _, err := e.app.Authenticate(e.ctx, secret); kind(err) != shopdojo.KindUnauthenticated {
		t.Fatalf("session survived disable: %v", err)
	}
	if _, _, err := e.app.TokenActor(e.ctx, tok); kind(err) != shopdojo.KindUnauthenticated {
		t.Fatalf("token survived disable: %v", err)
	}
	e.must(e.app.SetDisabled(e.ctx, e.sys, id, false))
	if _, _, err := e.app.TokenActor(e.ctx, tok); kind(err) != shopdojo.KindUnauthenticated {
		t.Fatalf("revoked token came back after enable: %v", err)
	}
}

func TestLastAdminIsKept(t *testing.T) {
	e := newEnv(t)
	pw, err := e.app.Bootstrap(e.ctx)
	e.must(err)
	if len(pw) != 16 {
		t.Fatalf("password %q", pw)
	}
	again, err := e.app.Bootstrap(e.ctx)
	e.must(err)
	if again != "" {
		t.Fatal("second bootstrap made another admin")
	}
	admin, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "admin")
	e.must(err)
	if err := e.app.SetDisabled(e.ctx, e.sys, admin.ID, true); kind(err) != shopdojo.KindConflict {
		t.Fatalf("disabled the last admin: %v", err)
	}
	_, mgr := e.person("M1", "许晴", "", shopdojo.RoleTrainingManager)
	in := app.PersonInput{EmployeeNo: "M2", Name: "越权", Status: shopdojo.StatusActive, Roles: []shopdojo.Role{shopdojo.RoleAdmin}}
	if _, err := e.app.CreatePerson(e.ctx, mgr, in); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("training manager granted admin: %v", err)
	}
}

func TestActivationCode(t *testing.T) {
	e := newEnv(t)
	id, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "N1", Name: "新人", Status: shopdojo.StatusActive})
	e.must(err)
	code, err := e.app.IssueActivation(e.ctx, e.sys, id)
	e.must(err)
	if _, err := e.app.Activate(e.ctx, code, "short", app.Client{}); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("short password: %v", err)
	}
	secret, err := e.app.Activate(e.ctx, " "+code[:5]+" "+code[6:]+" ", "新密码-足够长的一句话", app.Client{})
	e.must(err)
	if ac, err := e.app.Authenticate(e.ctx, secret); err != nil || ac.PersonID != id || ac.MustChange {
		t.Fatalf("after activation: %+v %v", ac, err)
	}
	if _, err := e.app.Activate(e.ctx, code, "another-password", app.Client{}); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("code reused: %v", err)
	}
}
