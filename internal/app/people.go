package app

import (
	"context"
	"slices"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// PersonInput is what a person submits to create or edit a person.
type PersonInput struct {
	EmployeeNo, Name, Mobile, Email string
	DingTalkID, WeComID, FeishuID   string
	DepartmentID, PositionID        string
	ManagerID, MentorID             string
	HireDate                        string
	Status                          shopdojo.PersonStatus
	Roles                           []shopdojo.Role
	StoreIDs                        []string
}

func (in PersonInput) fields() map[string]string {
	roles := make([]string, len(in.Roles))
	for i, r := range in.Roles {
		roles[i] = string(r)
	}
	return map[string]string{"employee_no": in.EmployeeNo, "name": in.Name, "mobile": in.Mobile,
		"email": in.Email, "dingtalk_id": in.DingTalkID, "wecom_id": in.WeComID, "feishu_id": in.FeishuID,
		"department_id": in.DepartmentID, "position_id": in.PositionID, "manager_id": in.ManagerID,
		"mentor_id": in.MentorID, "hire_date": in.HireDate, "status": string(in.Status),
		"roles": strings.Join(roles, ","), "stores": strings.Join(in.StoreIDs, ",")}
}

func searchText(in PersonInput) string {
	return strings.ToLower(strings.Join([]string{in.EmployeeNo, in.Name, in.Mobile, in.Email}, " "))
}

// checkRoleGrant refuses role changes the actor may not make: only holders
// of roles.manage may grant or remove admin and auditor.
func checkRoleGrant(ac Actor, before, after []shopdojo.Role) error {
	for _, r := range []shopdojo.Role{shopdojo.RoleAdmin, shopdojo.RoleAuditor} {
		if slices.Contains(before, r) != slices.Contains(after, r) && !ac.Can(shopdojo.PermRolesManage) {
			return shopdojo.E(shopdojo.KindForbidden, "error.role_grant_forbidden")
		}
	}
	return nil
}

// checkRefs verifies that referenced rows exist, as field errors.
func checkRefs(ctx context.Context, tx *store.Tx, in PersonInput, selfID string) error {
	var v shopdojo.Validation
	if in.DepartmentID != "" {
		_, err := tx.GetDepartment(ctx, in.DepartmentID)
		v.Check(err == nil, "department_id", "error.department_unknown")
	}
	if in.PositionID != "" {
		_, err := tx.GetPosition(ctx, in.PositionID)
		v.Check(err == nil, "position_id", "error.position_unknown")
	}
	for field, id := range map[string]string{"manager_id": in.ManagerID, "mentor_id": in.MentorID} {
		if id == "" {
			continue
		}
		v.Check(id != selfID, field, "error.self_reference")
		_, err := tx.GetPerson(ctx, id)
		v.Check(err == nil, field, "error.person_unknown")
	}
	for _, s := range in.StoreIDs {
		_, err := tx.GetStore(ctx, s)
		v.Check(err == nil, "store_ids", "error.store_unknown")
	}
	return v.Err()
}

// CreatePerson adds a person (and an account) and returns the id.
func (a *App) CreatePerson(ctx context.Context, ac Actor, in PersonInput) (string, error) {
	if err := ac.require(shopdojo.PermPeopleManage); err != nil {
		return "", err
	}
	if err := normalizePerson(&in); err != nil {
		return "", err
	}
	if err := checkRoleGrant(ac, nil, in.Roles); err != nil {
		return "", err
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := checkRefs(ctx, tx, in, id); err != nil {
			return err
		}
		if err := a.insertPerson(ctx, tx, id, in); err != nil {
			return err
		}
		if err := a.assignByRules(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "person.create", ObjectType: "person",
			ObjectID: id, ObjectName: in.Name, After: in.fields()})
	})
	return id, err
}

func (a *App) insertPerson(ctx context.Context, tx *store.Tx, id string, in PersonInput) error {
	now := a.nowMs()
	err := tx.InsertPerson(ctx, sqlq.InsertPersonParams{ID: id, EmployeeNo: in.EmployeeNo, Name: in.Name,
		Mobile: in.Mobile, Email: in.Email, DingtalkID: in.DingTalkID, WecomID: in.WeComID, FeishuID: in.FeishuID,
		DepartmentID: nullStr(in.DepartmentID), PositionID: nullStr(in.PositionID),
		ManagerID: nullStr(in.ManagerID), MentorID: nullStr(in.MentorID), HireDate: in.HireDate,
		Status: string(in.Status), SearchText: searchText(in), CreatedAt: now, UpdatedAt: now})
	if err != nil {
		return uniquePersonErr(err)
	}
	if err := tx.InsertAccount(ctx, sqlq.InsertAccountParams{PersonID: id, MustChange: true,
		CreatedAt: now, UpdatedAt: now}); err != nil {
		return err
	}
	return setLinks(ctx, tx, id, in)
}

// uniquePersonErr names the field behind a uniqueness conflict.
func uniquePersonErr(err error) error {
	if shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindConflict {
		return err
	}
	return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.person_taken", Err: err,
		Fields: map[string]string{"employee_no": "error.person_taken_hint"}}
}

func setLinks(ctx context.Context, tx *store.Tx, id string, in PersonInput) error {
	if err := tx.DeletePersonRoles(ctx, id); err != nil {
		return err
	}
	for _, r := range in.Roles {
		if err := tx.AddPersonRole(ctx, sqlq.AddPersonRoleParams{PersonID: id, Role: string(r)}); err != nil {
			return err
		}
	}
	if err := tx.DeletePersonStores(ctx, id); err != nil {
		return err
	}
	for _, s := range in.StoreIDs {
		if err := tx.AddPersonStore(ctx, sqlq.AddPersonStoreParams{PersonID: id, StoreID: s}); err != nil {
			return err
		}
	}
	return nil
}

// UpdatePerson edits a person. Leaving (status left) revokes their access.
func (a *App) UpdatePerson(ctx context.Context, ac Actor, id string, in PersonInput) error {
	if err := ac.require(shopdojo.PermPeopleManage); err != nil {
		return err
	}
	if err := normalizePerson(&in); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := a.loadPerson(ctx, tx.Queries, id)
		if err != nil {
			return err
		}
		if err := checkRoleGrant(ac, old.Roles, in.Roles); err != nil {
			return err
		}
		if err := a.keepAnAdmin(ctx, tx, old.Roles, in.Roles, in.Status); err != nil {
			return err
		}
		if err := checkRefs(ctx, tx, in, id); err != nil {
			return err
		}
		if err := tx.UpdatePerson(ctx, updateParams(id, in, a.nowMs())); err != nil {
			return uniquePersonErr(err)
		}
		if err := setLinks(ctx, tx, id, in); err != nil {
			return err
		}
		if in.Status == shopdojo.StatusLeft && old.Status != shopdojo.StatusLeft {
			if err := a.revokeAccess(ctx, tx, id); err != nil {
				return err
			}
		}
		if err := a.assignByRules(ctx, tx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "person.update", ObjectType: "person",
			ObjectID: id, ObjectName: in.Name, Before: inputOf(old).fields(), After: in.fields()})
	})
}

// keepAnAdmin refuses a change that would leave no active admin.
func (a *App) keepAnAdmin(ctx context.Context, tx *store.Tx, before, after []shopdojo.Role, st shopdojo.PersonStatus) error {
	if !slices.Contains(before, shopdojo.RoleAdmin) {
		return nil
	}
	if slices.Contains(after, shopdojo.RoleAdmin) && st != shopdojo.StatusLeft {
		return nil
	}
	n, err := tx.CountRole(ctx, string(shopdojo.RoleAdmin))
	if err != nil {
		return err
	}
	if n <= 1 {
		return shopdojo.E(shopdojo.KindConflict, "error.last_admin")
	}
	return nil
}

func inputOf(p shopdojo.Person) PersonInput {
	return PersonInput{EmployeeNo: p.EmployeeNo, Name: p.Name, Mobile: p.Mobile, Email: p.Email,
		DingTalkID: p.DingTalkID, WeComID: p.WeComID, FeishuID: p.FeishuID, DepartmentID: p.DepartmentID,
		PositionID: p.PositionID, ManagerID: p.ManagerID, MentorID: p.MentorID, HireDate: p.HireDate,
		Status: p.Status, Roles: p.Roles, StoreIDs: p.StoreIDs}
}

func (a *App) loadPerson(ctx context.Context, q *store.Queries, id string) (shopdojo.Person, error) {
	r, err := q.GetPerson(ctx, id)
	if err != nil {
		return shopdojo.Person{}, err
	}
	p := shopdojo.Person{ID: r.ID, EmployeeNo: r.EmployeeNo, Name: r.Name, Mobile: r.Mobile, Email: r.Email,
		DingTalkID: r.DingtalkID, WeComID: r.WecomID, FeishuID: r.FeishuID, DepartmentID: r.DepartmentID.String,
		PositionID: r.PositionID.String, ManagerID: r.ManagerID.String, MentorID: r.MentorID.String,
		HireDate: r.HireDate, Status: shopdojo.PersonStatus(r.Status), Locale: r.Locale, PhotoID: r.PhotoFileID,
		CreatedAt: fromMs(r.CreatedAt), UpdatedAt: fromMs(r.UpdatedAt), DepartmentName: r.DepartmentName,
		PositionName: r.PositionName, ManagerName: r.ManagerName, MentorName: r.MentorName, Disabled: r.Disabled}
	roles, err := q.ListPersonRoles(ctx, id)
	if err != nil {
		return p, err
	}
	for _, r := range roles {
		p.Roles = append(p.Roles, shopdojo.Role(r))
	}
	p.StoreIDs, err = q.ListPersonStores(ctx, id)
	return p, err
}

// Person returns one person if the actor may read them.
func (a *App) Person(ctx context.Context, ac Actor, id string) (shopdojo.Person, error) {
	var p shopdojo.Person
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if err := a.canReadPerson(ctx, q, ac, id); err != nil {
			return err
		}
		p, err = a.loadPerson(ctx, q, id)
		return err
	})
	return p, err
}

// canReadPerson applies object-level scoping; an out-of-scope person is
// reported as not found so ids cannot be probed.
func (a *App) canReadPerson(ctx context.Context, q *store.Queries, ac Actor, id string) error {
	if ac.PersonID == "" && !ac.System {
		return shopdojo.ErrUnauth
	}
	if id == ac.PersonID || ac.System {
		return nil
	}
	if !ac.Can(shopdojo.PermPeopleRead) {
		return shopdojo.ErrNotFound
	}
	rows, err := q.ListPeople(ctx, a.listParams(ac, PeopleFilter{}, id))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.ID == id {
			return nil
		}
	}
	return shopdojo.ErrNotFound
}

// PersonByEmployeeNo finds a person the actor may read by employee number.
func (a *App) PersonByEmployeeNo(ctx context.Context, ac Actor, no string) (shopdojo.Person, error) {
	var id string
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { id, err = q.FindPersonByEmployeeNo(ctx, no); return }); err != nil {
		return shopdojo.Person{}, err
	}
	return a.Person(ctx, ac, id)
}

// ActorFor returns the actor of an active person (for the command line,
// which acts on someone's behalf, e.g. to create their API token).
func (a *App) ActorFor(ctx context.Context, personID string) (Actor, error) {
	return a.actor(ctx, personID)
}
