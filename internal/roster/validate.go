package roster

import (
	"strings"
	"unicode/utf8"
)

// Length limits, in characters (runes) except for the employee number,
// which is ASCII.
const (
	MaxEmployeeNo = 32
	MaxName       = 64
	MaxText       = 255 // department, position, stores and IM ids
)

// Validate checks every row, normalizes Mobile, Email, HireDate, Status and
// Roles in place, and returns all problems in row order (it does not stop at
// the first). It checks the file on its own terms only: whether departments,
// managers, mentors or stores exist is for the caller, who knows the
// database.
//
// Employee numbers, mobiles and emails must be unique within the file; a
// repeat is reported on the later row with Args["First"] set to the line of
// the earlier one. Employee numbers are compared case-insensitively, since
// E001 and e001 are surely the same person.
func Validate(rows []Row) []Problem {
	v := validator{
		employees: map[string]int{},
		mobiles:   map[string]int{},
		emails:    map[string]int{},
	}
	for i := range rows {
		v.row(&rows[i])
	}
	return v.probs
}

type validator struct {
	probs                      []Problem
	employees, mobiles, emails map[string]int // value → first line
}

func (v *validator) add(r *Row, field, msg string, args map[string]any) {
	v.probs = append(v.probs, problem(r.Line, field, msg, args))
}

func (v *validator) row(r *Row) {
	v.employeeNo(r)
	v.name(r)
	v.mobile(r)
	v.email(r)
	v.hireDate(r)
	v.status(r)
	v.roles(r)
	v.references(r)
	v.lengths(r)
}

func (v *validator) employeeNo(r *Row) {
	switch {
	case r.EmployeeNo == "":
		v.add(r, ColEmployeeNo, MsgEmployeeNoRequired, nil)
	case !validEmployeeNo(r.EmployeeNo):
		v.add(r, ColEmployeeNo, MsgEmployeeNoInvalid, map[string]any{"Value": r.EmployeeNo, "Max": MaxEmployeeNo})
	default:
		v.unique(r, ColEmployeeNo, MsgDuplicateEmployee, strings.ToLower(r.EmployeeNo), v.employees)
	}
}

func validEmployeeNo(s string) bool {
	return len(s) <= MaxEmployeeNo && employeeNoRE.MatchString(s)
}

// unique records key for r and reports it if an earlier row had it.
func (v *validator) unique(r *Row, field, msg, key string, seen map[string]int) {
	if first, ok := seen[key]; ok {
		v.add(r, field, msg, map[string]any{"First": first})
		return
	}
	seen[key] = r.Line
}

func (v *validator) name(r *Row) {
	switch {
	case r.Name == "":
		v.add(r, ColName, MsgNameRequired, nil)
	case utf8.RuneCountInString(r.Name) > MaxName:
		v.add(r, ColName, MsgTooLong, map[string]any{"Max": MaxName})
	}
}

func (v *validator) mobile(r *Row) {
	if r.Mobile == "" {
		return
	}
	m, ok := normalizeMobile(r.Mobile)
	if !ok {
		v.add(r, ColMobile, MsgMobileInvalid, map[string]any{"Value": r.Mobile})
		return
	}
	r.Mobile = m
	v.unique(r, ColMobile, MsgDuplicateMobile, m, v.mobiles)
}

func (v *validator) email(r *Row) {
	if r.Email == "" {
		return
	}
	e, ok := normalizeEmail(r.Email)
	if !ok {
		v.add(r, ColEmail, MsgEmailInvalid, map[string]any{"Value": r.Email})
		return
	}
	r.Email = e
	v.unique(r, ColEmail, MsgDuplicateEmail, e, v.emails)
}

func (v *validator) hireDate(r *Row) {
	if r.HireDate == "" {
		return
	}
	d, ok := normalizeDate(r.HireDate)
	if !ok {
		v.add(r, ColHireDate, MsgHireDateInvalid, map[string]any{"Value": r.HireDate})
		return
	}
	r.HireDate = d
}

func (v *validator) status(r *Row) {
	s, ok := normalizeStatus(r.Status)
	if !ok {
		v.add(r, ColStatus, MsgStatusInvalid, map[string]any{"Value": r.Status})
		return
	}
	r.Status = s
}

func (v *validator) roles(r *Row) {
	norm, bad := normalizeRoles(r.Roles)
	for _, b := range bad {
		v.add(r, ColRoles, MsgRoleInvalid, map[string]any{"Value": b})
	}
	if len(bad) == 0 {
		r.Roles = norm
	}
}

// references checks the manager and mentor columns: the format of an
// employee number, and not the row's own. Whether they exist is the
// caller's check.
func (v *validator) references(r *Row) {
	for _, ref := range []struct {
		field, value string
	}{{ColManager, r.Manager}, {ColMentor, r.Mentor}} {
		switch {
		case ref.value == "":
		case !validEmployeeNo(ref.value):
			v.add(r, ref.field, MsgEmployeeNoInvalid, map[string]any{"Value": ref.value, "Max": MaxEmployeeNo})
		case strings.EqualFold(ref.value, r.EmployeeNo):
			v.add(r, ref.field, MsgSelfReference, nil)
		}
	}
}

// lengths caps the free-text columns so a stray paste cannot store a novel.
func (v *validator) lengths(r *Row) {
	for _, c := range columns {
		switch c.key {
		case ColDepartment, ColPosition, ColStores, ColDingTalkID, ColWeComID, ColFeishuID:
			if utf8.RuneCountInString(*c.field(r)) > MaxText {
				v.add(r, c.key, MsgTooLong, map[string]any{"Max": MaxText})
			}
		}
	}
}
