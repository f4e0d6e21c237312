package app_test

import (
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

func ids(ps []shopdojo.Person) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.EmployeeNo)
	}
	return strings.Join(out, ",")
}

func TestPeopleScopes(t *testing.T) {
	e := newEnv(t)
	ops, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "运营部"})
	e.must(err)
	tmall, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "天猫组", ParentID: ops})
	e.must(err)
	cs, err := e.app.CreateDepartment(e.ctx, e.sys, app.DepartmentInput{Name: "客服部"})
	e.must(err)
	_, lead := e.person("A1", "张伟", ops, shopdojo.RoleTeamLead, shopdojo.RoleLearner)
	mentorID, mentor := e.person("A2", "王芳", tmall, shopdojo.RoleMentor, shopdojo.RoleLearner)
	_, learner := e.person("A3", "李娜", tmall, shopdojo.RoleLearner)
	otherID, _ := e.person("B1", "周杰", cs, shopdojo.RoleLearner)
	menteeID, _ := e.person("B2", "徐丽", cs, shopdojo.RoleLearner)
	p, err := e.app.Person(e.ctx, e.sys, menteeID)
	e.must(err)
	in := app.PersonInput{EmployeeNo: p.EmployeeNo, Name: p.Name, DepartmentID: cs, MentorID: mentorID, Status: p.Status, Roles: p.Roles}
	e.must(e.app.UpdatePerson(e.ctx, e.sys, menteeID, in))
	_, auditor := e.person("C1", "曹颖", "", shopdojo.RoleAuditor)

	cases := []struct {
		who  app.Actor
		want string
	}{
		{lead, "A1,A2,A3"},             // own department subtree
		{mentor, "A2,B2"},              // self and mentee
		{learner, "A3"},                // only self
		{auditor, "A1,A2,A3,B1,B2,C1"}, // everyone
	}
	for _, c := range cases {
		page, err := e.app.People(e.ctx, c.who, app.PeopleFilter{})
		e.must(err)
		if got := ids(page.People); got != c.want {
			t.Errorf("%s sees %s, want %s", c.who.Name, got, c.want)
		}
	}
	// Object level: out-of-scope people are not found, not forbidden.
	if _, err := e.app.Person(e.ctx, learner, otherID); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("learner read other: %v", err)
	}
	if _, err := e.app.Person(e.ctx, mentor, menteeID); err != nil {
		t.Fatalf("mentor read mentee: %v", err)
	}
}

func TestPeopleValidationAndPagination(t *testing.T) {
	e := newEnv(t)
	_, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "坏 号", Name: "", Mobile: "12345", Email: "x@", HireDate: "2026-02-30"})
	de, ok := err.(*shopdojo.Error)
	if !ok || de.Kind != shopdojo.KindInvalid {
		t.Fatalf("invalid person accepted: %v", err)
	}
	for _, f := range []string{"employee_no", "name", "mobile", "email", "hire_date"} {
		if de.Fields[f] == "" {
			t.Errorf("no error for %s: %v", f, de.Fields)
		}
	}
	for i := 0; i < 7; i++ {
		_, err := e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "P" + string(rune('0'+i)), Name: "员工",
			Mobile: "+86 138-0013-800" + string(rune('0'+i))})
		e.must(err)
	}
	_, err = e.app.CreatePerson(e.ctx, e.sys, app.PersonInput{EmployeeNo: "PX", Name: "重复手机", Mobile: "13800138000"})
	if kind(err) != shopdojo.KindInvalid {
		t.Fatalf("duplicate mobile: %v", err)
	}
	var seen []string
	f := app.PeopleFilter{Limit: 3}
	for {
		page, err := e.app.People(e.ctx, e.sys, f)
		e.must(err)
		seen = append(seen, ids(page.People))
		if page.Next == "" {
			break
		}
		f.After = page.Next
	}
	if got := strings.Join(seen, "|"); got != "P0,P1,P2|P3,P4,P5|P6" {
		t.Fatalf("pages %s", got)
	}
	page, err := e.app.People(e.ctx, e.sys, app.PeopleFilter{Query: "13800138003"})
	e.must(err)
	if ids(page.People) != "P3" {
		t.Fatalf("search by normalized mobile: %s", ids(page.People))
	}
}
