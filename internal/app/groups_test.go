package app_test

import (
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

func TestGroupMembership(t *testing.T) {
	e := newEnv(t)
	ops, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "运营部"})
	e.must(err)
	tmall, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "天猫组", ParentID: ops})
	e.must(err)
	cs, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "客服部"})
	e.must(err)
	_, trainer := e.person("T1", "程讲师", "", shopdojo.RoleTrainer)
	_, lead := e.person("A1", "张伟", ops, shopdojo.RoleTeamLead)
	e.person("A2", "王芳", tmall, shopdojo.RoleLearner)
	e.person("B1", "周杰", cs, shopdojo.RoleLearner)
	e.person("B2", "徐丽", cs, shopdojo.RoleLearner)

	// Team leads may read groups but not change them.
	if _, err := e.app.CreateGroup(e.ctx, lead, app.GroupInput{Name: "双11作战组"}); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("team lead created a group: %v", err)
	}
	g, err := e.app.CreateGroup(e.ctx, trainer, app.GroupInput{Name: "双11作战组", Description: "大促值班"})
	e.must(err)
	if _, err := e.app.CreateGroup(e.ctx, trainer, app.GroupInput{Name: "双11作战组"}); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("duplicate name: %v", err)
	}

	// An unknown number refuses the whole paste, by name.
	_, err = e.app.AddGroupMembers(e.ctx, trainer, g, app.MemberSelection{EmployeeNos: "A2, SD9999"})
	var de *shopdojo.Error
	if !asErr(err, &de) || de.Msg != "error.group_unknown_people" || de.Args["List"] != "SD9999" {
		t.Fatalf("unknown number: %v", err)
	}
	// Pasted numbers (full-width comma, new lines, duplicates) plus a department subtree.
	n, err := e.app.AddGroupMembers(e.ctx, trainer, g, app.MemberSelection{EmployeeNos: "B1，B1\nB2", DepartmentID: ops})
	e.must(err)
	if n != 4 {
		t.Fatalf("added %d, want 4 (B1, B2, A1, A2)", n)
	}
	if n, _ := e.app.AddGroupMembers(e.ctx, trainer, g, app.MemberSelection{EmployeeNos: "B1"}); n != 0 {
		t.Fatalf("re-adding counted %d", n)
	}
	got, err := e.app.Group(e.ctx, lead, g)
	e.must(err)
	if got.Members != 4 {
		t.Fatalf("members %d", got.Members)
	}
	// Members are scoped per viewer: the ops team lead sees only ops people.
	page, err := e.app.People(e.ctx, lead, app.PeopleFilter{GroupID: g})
	e.must(err)
	if ids(page.People) != "A1,A2" {
		t.Fatalf("lead sees %s", ids(page.People))
	}
	page, err = e.app.People(e.ctx, trainer, app.PeopleFilter{GroupID: g})
	e.must(err)
	if ids(page.People) != "A1,A2,B1,B2" {
		t.Fatalf("trainer sees %s", ids(page.People))
	}
	b1, err := e.app.PersonByEmployeeNo(e.ctx, e.sys, "B1")
	e.must(err)
	e.must(e.app.RemoveGroupMember(e.ctx, trainer, g, b1.ID))
	if err := e.app.RemoveGroupMember(e.ctx, trainer, g, b1.ID); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("second removal: %v", err)
	}
	e.must(e.app.DeleteGroup(e.ctx, trainer, g))
	if _, err := e.app.Group(e.ctx, trainer, g); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("deleted group: %v", err)
	}
	// Every change is on the audit log.
	evs, _, err := e.app.ListAudit(e.ctx, e.sys, app.AuditFilter{ObjectType: "group"})
	e.must(err)
	var acts []string
	for _, ev := range evs {
		acts = append(acts, ev.Action)
	}
	if got := strings.Join(acts, " "); got != "group.delete group.members_remove group.members_add group.create" {
		t.Fatalf("audit: %s", got)
	}
}

func asErr(err error, de **shopdojo.Error) bool {
	e, ok := err.(*shopdojo.Error)
	*de = e
	return ok
}
