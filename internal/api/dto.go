package api

import (
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
)

// The DTOs below are the API's wire format: snake_case, times in RFC 3339
// UTC. They copy fields one by one so that nothing is exposed by accident
// when a domain type grows.

// list is the envelope of every collection.
type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// personSummary is a person as listed.
type personSummary struct {
	ID             string `json:"id"`
	EmployeeNo     string `json:"employee_no"`
	Name           string `json:"name"`
	Mobile         string `json:"mobile"`
	Email          string `json:"email"`
	DepartmentID   string `json:"department_id"`
	DepartmentName string `json:"department_name"`
	PositionID     string `json:"position_id"`
	PositionName   string `json:"position_name"`
	ManagerID      string `json:"manager_id"`
	MentorID       string `json:"mentor_id"`
	HireDate       string `json:"hire_date"`
	Status         string `json:"status"`
	Disabled       bool   `json:"disabled"`
	CreatedAt      string `json:"created_at,omitempty"`
}

func toPersonSummary(p shopdojo.Person) personSummary {
	return personSummary{ID: p.ID, EmployeeNo: p.EmployeeNo, Name: p.Name, Mobile: p.Mobile, Email: p.Email,
		DepartmentID: p.DepartmentID, DepartmentName: p.DepartmentName, PositionID: p.PositionID,
		PositionName: p.PositionName, ManagerID: p.ManagerID, MentorID: p.MentorID, HireDate: p.HireDate,
		Status: string(p.Status), Disabled: p.Disabled, CreatedAt: ts(p.CreatedAt)}
}

// personDTO is one person in full.
type personDTO struct {
	personSummary
	DingTalkID  string   `json:"dingtalk_id"`
	WeComID     string   `json:"wecom_id"`
	FeishuID    string   `json:"feishu_id"`
	ManagerName string   `json:"manager_name"`
	MentorName  string   `json:"mentor_name"`
	Locale      string   `json:"locale"`
	Roles       []string `json:"roles"`
	StoreIDs    []string `json:"store_ids"`
	UpdatedAt   string   `json:"updated_at,omitempty"`
}

func toPerson(p shopdojo.Person) personDTO {
	roles := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		roles[i] = string(r)
	}
	stores := append([]string{}, p.StoreIDs...)
	return personDTO{personSummary: toPersonSummary(p), DingTalkID: p.DingTalkID, WeComID: p.WeComID,
		FeishuID: p.FeishuID, ManagerName: p.ManagerName, MentorName: p.MentorName, Locale: p.Locale,
		Roles: roles, StoreIDs: stores, UpdatedAt: ts(p.UpdatedAt)}
}

// personInput is the body of POST, PUT and PATCH on people. For PATCH it
// is decoded over the current record, so omitted fields keep their values.
type personInput struct {
	EmployeeNo   string   `json:"employee_no"`
	Name         string   `json:"name"`
	Mobile       string   `json:"mobile"`
	Email        string   `json:"email"`
	DingTalkID   string   `json:"dingtalk_id"`
	WeComID      string   `json:"wecom_id"`
	FeishuID     string   `json:"feishu_id"`
	DepartmentID string   `json:"department_id"`
	PositionID   string   `json:"position_id"`
	ManagerID    string   `json:"manager_id"`
	MentorID     string   `json:"mentor_id"`
	HireDate     string   `json:"hire_date"`
	Status       string   `json:"status"`
	Roles        []string `json:"roles"`
	StoreIDs     []string `json:"store_ids"`
}

func personInputOf(p shopdojo.Person) personInput {
	d := toPerson(p)
	return personInput{EmployeeNo: p.EmployeeNo, Name: p.Name, Mobile: p.Mobile, Email: p.Email,
		DingTalkID: p.DingTalkID, WeComID: p.WeComID, FeishuID: p.FeishuID, DepartmentID: p.DepartmentID,
		PositionID: p.PositionID, ManagerID: p.ManagerID, MentorID: p.MentorID, HireDate: p.HireDate,
		Status: string(p.Status), Roles: d.Roles, StoreIDs: d.StoreIDs}
}

func (in personInput) app() app.PersonInput {
	roles := make([]shopdojo.Role, len(in.Roles))
	for i, r := range in.Roles {
		roles[i] = shopdojo.Role(r)
	}
	return app.PersonInput{EmployeeNo: in.EmployeeNo, Name: in.Name, Mobile: in.Mobile, Email: in.Email,
		DingTalkID: in.DingTalkID, WeComID: in.WeComID, FeishuID: in.FeishuID, DepartmentID: in.DepartmentID,
		PositionID: in.PositionID, ManagerID: in.ManagerID, MentorID: in.MentorID, HireDate: in.HireDate,
		Status: shopdojo.PersonStatus(in.Status), Roles: roles, StoreIDs: in.StoreIDs}
}

// departmentDTO is a department; people (direct members) is filled in lists.
type departmentDTO struct {
	ID        string `json:"id"`
	ParentID  string `json:"parent_id"`
	Name      string `json:"name"`
	Code      string `json:"code"`
	SortOrder int64  `json:"sort_order"`
	People    *int64 `json:"people,omitempty"`
	CreatedAt string `json:"created_at,omitempty"`
	UpdatedAt string `json:"updated_at,omitempty"`
}

func toDepartment(d shopdojo.Department) departmentDTO {
	return departmentDTO{ID: d.ID, ParentID: d.ParentID, Name: d.Name, Code: d.Code, SortOrder: d.SortOrder,
		CreatedAt: ts(d.CreatedAt), UpdatedAt: ts(d.UpdatedAt)}
}

type departmentInput struct {
	ParentID  string `json:"parent_id"`
	Name      string `json:"name"`
	Code      string `json:"code"`
	SortOrder int64  `json:"sort_order"`
}

func (in departmentInput) app() app.DepartmentInput {
	return app.DepartmentInput{ParentID: in.ParentID, Name: in.Name, Code: in.Code, SortOrder: in.SortOrder}
}

// positionDTO is a job position; people (holders) is filled in lists.
type positionDTO struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Code        string `json:"code"`
	Description string `json:"description"`
	People      *int64 `json:"people,omitempty"`
	CreatedAt   string `json:"created_at,omitempty"`
	UpdatedAt   string `json:"updated_at,omitempty"`
}

func toPosition(p shopdojo.Position) positionDTO {
	return positionDTO{ID: p.ID, Name: p.Name, Code: p.Code, Description: p.Description,
		CreatedAt: ts(p.CreatedAt), UpdatedAt: ts(p.UpdatedAt)}
}

type positionInput struct {
	Name        string `json:"name"`
	Code        string `json:"code"`
	Description string `json:"description"`
}

func (in positionInput) app() app.PositionInput {
	return app.PositionInput{Name: in.Name, Code: in.Code, Description: in.Description}
}

// storeDTO is a shop; owner_name is filled in lists.
type storeDTO struct {
	ID        string `json:"id"`
	Platform  string `json:"platform"`
	Name      string `json:"name"`
	OwnerID   string `json:"owner_id"`
	OwnerName string `json:"owner_name,omitempty"`
	CreatedAt string `json:"created_at,omitempty"`
	UpdatedAt string `json:"updated_at,omitempty"`
}

func toStore(s shopdojo.Store) storeDTO {
	return storeDTO{ID: s.ID, Platform: string(s.Platform), Name: s.Name, OwnerID: s.OwnerID,
		OwnerName: s.OwnerName, CreatedAt: ts(s.CreatedAt), UpdatedAt: ts(s.UpdatedAt)}
}

type storeInput struct {
	Platform string `json:"platform"`
	Name     string `json:"name"`
	OwnerID  string `json:"owner_id"`
}

func (in storeInput) app() app.StoreInput {
	return app.StoreInput{Platform: shopdojo.Platform(in.Platform), Name: in.Name, OwnerID: in.OwnerID}
}

// mapAll converts a slice of domain values.
func mapAll[T, D any](xs []T, f func(T) D) []D {
	out := make([]D, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}
