// Package roster reads, checks and writes people lists: the CSV and XLSX
// files that HR and operations teams keep of their staff. Parse turns a
// file into rows, Validate normalizes and checks them, and Template and
// Export write spreadsheets that Parse reads back.
//
// The package knows nothing of the database: whether a department, manager
// or store exists is for the caller to check. Problems carry i18n message
// ids and arguments, never English sentences, so the caller renders them in
// the reader's language (see MessageIDs).
package roster

import (
	"strings"
	"unicode"
)

// Row is one person row as read from the file, raw strings trimmed.
//
// Parse only trims; the fields documented as normalized hold that form after
// Validate, which rewrites them in place.
type Row struct {
	Line int // 1-based row number as a person sees it in Excel (the header row counts)

	EmployeeNo string
	Name       string
	Mobile     string // normalized to 11 digits by Validate
	Email      string // lowercased by Validate
	Department string
	Position   string
	Manager    string // employee no of the direct manager
	Mentor     string // employee no of the mentor
	HireDate   string // normalized YYYY-MM-DD or ""
	Status     string // normalized active|leaving|left, default active
	Roles      string // normalized comma list of role ids, default "learner"
	Stores     string // raw store names separated by , ， ; ； 、 (see StoreNames)
	DingTalkID string
	WeComID    string
	FeishuID   string
}

// Problem is one row-level error: Msg is an i18n message id and Args its
// template arguments, never English text. Line 0 means the whole file.
type Problem struct {
	Line  int
	Field string // a column key such as "mobile", or "" for the whole row or file
	Msg   string
	Args  map[string]any
}

// Column keys, used in Problem.Field and Args["Column"].
const (
	ColEmployeeNo = "employee_no"
	ColName       = "name"
	ColMobile     = "mobile"
	ColEmail      = "email"
	ColDepartment = "department"
	ColPosition   = "position"
	ColManager    = "manager"
	ColMentor     = "mentor"
	ColHireDate   = "hire_date"
	ColStatus     = "status"
	ColRoles      = "roles"
	ColStores     = "stores"
	ColDingTalkID = "dingtalk_id"
	ColWeComID    = "wecom_id"
	ColFeishuID   = "feishu_id"
)

// column ties a column key to its Row field. The order is the order of the
// template and of exports.
type column struct {
	key   string
	field func(*Row) *string
}

var columns = []column{
	{ColEmployeeNo, func(r *Row) *string { return &r.EmployeeNo }},
	{ColName, func(r *Row) *string { return &r.Name }},
	{ColMobile, func(r *Row) *string { return &r.Mobile }},
	{ColEmail, func(r *Row) *string { return &r.Email }},
	{ColDepartment, func(r *Row) *string { return &r.Department }},
	{ColPosition, func(r *Row) *string { return &r.Position }},
	{ColManager, func(r *Row) *string { return &r.Manager }},
	{ColMentor, func(r *Row) *string { return &r.Mentor }},
	{ColHireDate, func(r *Row) *string { return &r.HireDate }},
	{ColStatus, func(r *Row) *string { return &r.Status }},
	{ColRoles, func(r *Row) *string { return &r.Roles }},
	{ColStores, func(r *Row) *string { return &r.Stores }},
	{ColDingTalkID, func(r *Row) *string { return &r.DingTalkID }},
	{ColWeComID, func(r *Row) *string { return &r.WeComID }},
	{ColFeishuID, func(r *Row) *string { return &r.FeishuID }},
}

// StoreNames splits Stores on the separators people type in Chinese and
// English, trims each name and drops empty and repeated ones.
func (r Row) StoreNames() []string {
	return splitList(r.Stores, ",，;；、")
}

// RoleIDs splits the normalized Roles field.
func (r Row) RoleIDs() []string {
	return splitList(r.Roles, ",")
}

func splitList(s, seps string) []string {
	parts := strings.FieldsFunc(s, func(c rune) bool { return strings.ContainsRune(seps, c) })
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		p = trim(p)
		if p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// trim removes white space (including U+3000 and NBSP) and the invisible
// characters that copy-and-paste from chat apps leaves around values.
func trim(s string) string {
	return strings.TrimFunc(s, func(c rune) bool {
		return unicode.IsSpace(c) || c == '\ufeff' || c == '\u200b'
	})
}
