package roster

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2024-03-01", "2024-03-01", true},
		{"2024/3/1", "2024-03-01", true},
		{"2024.3.1", "2024-03-01", true},
		{"2024年3月1日", "2024-03-01", true},
		{"2024年03月01日", "2024-03-01", true},
		{"20240301", "2024-03-01", true},
		{"45352", "2024-03-01", true},
		{"45352.75", "2024-03-01", true},
		{"2024-03-01 09:30:00", "2024-03-01", true},
		{"2024-03-01T09:30:00Z", "2024-03-01", true},
		{"2024-02-29", "2024-02-29", true},
		{"2023-02-29", "", false},
		{"2024-13-01", "", false},
		{"20241301", "", false},
		{"2024", "", false}, // a bare year, not serial 2024
		{"3/1/2024", "", false},
		{"1800-01-01", "", false},
		{"tomorrow", "", false},
		{"2024-3", "", false},
	}
	for _, tt := range tests {
		got, ok := normalizeDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("normalizeDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalizeMobile(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"13800138000", "13800138000", true},
		{"+86 138 0013 8000", "13800138000", true},
		{"138-0013-8000", "13800138000", true},
		{"0086 13800138000", "13800138000", true},
		{"8613800138000", "13800138000", true},
		{"+86-138-0013-8000", "13800138000", true},
		{"\u3000138 0013 8000", "13800138000", true},
		{"12800138000", "12800138000", false}, // no 12x mobile prefix
		{"1380013800", "1380013800", false},
		{"010-12345678", "01012345678", false},
		{"+1 415 555 0100", "+14155550100", false},
	}
	for _, tt := range tests {
		got, ok := normalizeMobile(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("normalizeMobile(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalizeRoles(t *testing.T) {
	tests := []struct {
		in, want string
		bad      []string
	}{
		{"", "learner", nil},
		{"学员", "learner", nil},
		{"讲师、管理员", "admin,trainer", nil},
		{"Admin; team_lead ；审计员/导师 培训经理", "admin,training_manager,mentor,team_lead,auditor", nil},
		{"学员,学员,learner", "learner", nil},
		{"老板,学员,boss", "learner", []string{"老板", "boss"}},
	}
	for _, tt := range tests {
		got, bad := normalizeRoles(tt.in)
		if got != tt.want || !cmp.Equal(bad, tt.bad) {
			t.Errorf("normalizeRoles(%q) = %q, %q; want %q, %q", tt.in, got, bad, tt.want, tt.bad)
		}
	}
}

func TestValidate(t *testing.T) {
	rows := []Row{
		{Line: 2, EmployeeNo: "E001", Name: "张三", Mobile: "+86 138 0013 8000", Email: "ZS@Example.com",
			HireDate: "2024/3/1", Status: "在职", Roles: "讲师、学员", Manager: "E000"},
		{Line: 3, EmployeeNo: "E002", Name: "李四", Mobile: "138-0013-8000", Email: "zs@example.com",
			Status: "待离职", Mentor: "E002"},
		{Line: 5, EmployeeNo: "e001", Name: "", Mobile: "12345", Email: "not an email",
			HireDate: "2024-02-30", Status: "休假", Roles: "老板", Manager: "E 1"},
		{Line: 6, EmployeeNo: "工号1", Name: strings.Repeat("名", 65), Department: strings.Repeat("部", 256)},
		{Line: 7, Name: "王五", Status: "LEFT", Roles: "ADMIN"},
	}
	probs := Validate(rows)
	want := []Problem{
		{Line: 3, Field: "mobile", Msg: "roster.duplicate_mobile", Args: map[string]any{"First": 2}},
		{Line: 3, Field: "email", Msg: "roster.duplicate_email", Args: map[string]any{"First": 2}},
		{Line: 3, Field: "mentor", Msg: "roster.self_reference"},
		{Line: 5, Field: "employee_no", Msg: "roster.duplicate_employee_no", Args: map[string]any{"First": 2}},
		{Line: 5, Field: "name", Msg: "roster.name_required"},
		{Line: 5, Field: "mobile", Msg: "roster.mobile_invalid", Args: map[string]any{"Value": "12345"}},
		{Line: 5, Field: "email", Msg: "roster.email_invalid", Args: map[string]any{"Value": "not an email"}},
		{Line: 5, Field: "hire_date", Msg: "roster.hire_date_invalid", Args: map[string]any{"Value": "2024-02-30"}},
		{Line: 5, Field: "status", Msg: "roster.status_invalid", Args: map[string]any{"Value": "休假"}},
		{Line: 5, Field: "roles", Msg: "roster.role_invalid", Args: map[string]any{"Value": "老板"}},
		{Line: 5, Field: "manager", Msg: "roster.employee_no_invalid", Args: map[string]any{"Value": "E 1", "Max": 32}},
		{Line: 6, Field: "employee_no", Msg: "roster.employee_no_invalid", Args: map[string]any{"Value": "工号1", "Max": 32}},
		{Line: 6, Field: "name", Msg: "roster.too_long", Args: map[string]any{"Max": 64}},
		{Line: 6, Field: "department", Msg: "roster.too_long", Args: map[string]any{"Max": 255}},
		{Line: 7, Field: "employee_no", Msg: "roster.employee_no_required"},
	}
	if diff := cmp.Diff(want, probs); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	wantRows := []Row{
		{Line: 2, EmployeeNo: "E001", Name: "张三", Mobile: "13800138000", Email: "zs@example.com",
			HireDate: "2024-03-01", Status: "active", Roles: "trainer,learner", Manager: "E000"},
		{Line: 3, EmployeeNo: "E002", Name: "李四", Mobile: "13800138000", Email: "zs@example.com",
			Status: "leaving", Roles: "learner", Mentor: "E002"},
	}
	if diff := cmp.Diff(wantRows, rows[:2]); diff != "" {
		t.Errorf("normalized rows (-want +got):\n%s", diff)
	}
	if got := rows[4]; got.Status != "left" || got.Roles != "admin" {
		t.Errorf("row 7 status, roles = %q, %q; want left, admin", got.Status, got.Roles)
	}
}

func TestValidateLongEmployeeNo(t *testing.T) {
	rows := []Row{{Line: 2, EmployeeNo: strings.Repeat("A", 33), Name: "x"}, {Line: 3, EmployeeNo: strings.Repeat("A", 32), Name: "y"}}
	probs := Validate(rows)
	if len(probs) != 1 || probs[0].Msg != MsgEmployeeNoInvalid || probs[0].Line != 2 {
		t.Errorf("problems = %v; want one employee_no_invalid on line 2", probs)
	}
}

func TestRowLists(t *testing.T) {
	r := Row{Stores: " 天猫旗舰店、京东店 ,拼多多；抖音店;天猫旗舰店，, ", Roles: "admin,learner"}
	if diff := cmp.Diff([]string{"天猫旗舰店", "京东店", "拼多多", "抖音店"}, r.StoreNames()); diff != "" {
		t.Errorf("StoreNames (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"admin", "learner"}, r.RoleIDs()); diff != "" {
		t.Errorf("RoleIDs (-want +got):\n%s", diff)
	}
}

func TestMessageIDsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, id := range MessageIDs() {
		if seen[id] || !strings.HasPrefix(id, "roster.") {
			t.Errorf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
}
