package app

import (
	"context"
	"strings"
	"unicode"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// MemberSelection names people to add to a group: employee numbers pasted
// from a spreadsheet (any mix of spaces, commas, semicolons and new lines),
// everyone in a department subtree, or everyone holding a position.
type MemberSelection struct {
	EmployeeNos  string
	DepartmentID string
	PositionID   string
}

// maxGroupAdd bounds one add so a pasted column cannot run away.
const maxGroupAdd = 5000

func splitNumbers(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，;；、", r)
	})
	seen := map[string]bool{}
	out := parts[:0]
	for _, p := range parts {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

type member struct{ id, no, name string }

// resolveMembers turns a selection into people, refusing unknown or departed
// employee numbers by name so that nothing is added half-way.
func resolveMembers(ctx context.Context, tx *store.Tx, sel MemberSelection) ([]member, error) {
	var out []member
	var unknown []string
	for _, no := range splitNumbers(sel.EmployeeNos) {
		m, ok, err := activeByNo(ctx, tx, no)
		if err != nil {
			return nil, err
		}
		if !ok {
			unknown = append(unknown, no)
			continue
		}
		out = append(out, m)
	}
	if len(unknown) > 0 {
		return nil, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.group_unknown_people",
			Args:   map[string]any{"List": strings.Join(unknown, "、"), "Count": len(unknown)},
			Fields: map[string]string{"employee_nos": "field.group_unknown_people"}}
	}
	if sel.DepartmentID == "" && sel.PositionID == "" {
		return out, nil
	}
	rows, err := tx.PeopleIDsForGroupAdd(ctx, sqlq.PeopleIDsForGroupAddParams{DepartmentID: sel.DepartmentID,
		PositionID: sel.PositionID})
	for _, r := range rows {
		out = append(out, member{id: r.ID, no: r.EmployeeNo, name: r.Name})
	}
	return out, err
}

// activeByNo finds a person who has not left by employee number.
func activeByNo(ctx context.Context, tx *store.Tx, no string) (member, bool, error) {
	id, err := tx.FindPersonByEmployeeNo(ctx, no)
	if shopdojo.KindOf(store.MapErr(err)) == shopdojo.KindNotFound {
		return member{}, false, nil
	}
	if err != nil {
		return member{}, false, err
	}
	p, err := tx.GetPerson(ctx, id)
	if err != nil {
		return member{}, false, err
	}
	return member{id: id, no: p.EmployeeNo, name: p.Name}, p.Status != string(shopdojo.StatusLeft), nil
}

// AddGroupMembers adds the selected people to a group and returns how many
// were new members. One audit event lists who was added.
func (a *App) AddGroupMembers(ctx context.Context, ac Actor, groupID string, sel MemberSelection) (int, error) {
	if err := ac.require(shopdojo.PermGroupsManage); err != nil {
		return 0, err
	}
	if strings.TrimSpace(sel.EmployeeNos) == "" && sel.DepartmentID == "" && sel.PositionID == "" {
		return 0, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
			Fields: map[string]string{"employee_nos": "field.group_select_people"}}
	}
	added := 0
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		g, err := tx.GetGroup(ctx, groupID)
		if err != nil {
			return err
		}
		ms, err := resolveMembers(ctx, tx, sel)
		if err != nil {
			return err
		}
		if len(ms) > maxGroupAdd {
			return shopdojo.E(shopdojo.KindInvalid, "error.group_too_many")
		}
		var names []string
		for _, m := range ms {
			n, err := tx.AddGroupMember(ctx, sqlq.AddGroupMemberParams{GroupID: groupID, PersonID: m.id})
			if err != nil {
				return err
			}
			if n > 0 {
				added++
				names = append(names, m.name+" "+m.no)
			}
		}
		if added == 0 {
			return nil
		}
		return a.record(ctx, tx, ac, change{Action: "group.members_add", ObjectType: "group", ObjectID: groupID,
			ObjectName: g.Name, After: map[string]string{"added": strings.Join(names, "、")}})
	})
	return added, err
}

// RemoveGroupMember takes one person out of a group.
func (a *App) RemoveGroupMember(ctx context.Context, ac Actor, groupID, personID string) error {
	if err := ac.require(shopdojo.PermGroupsManage); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		g, err := tx.GetGroup(ctx, groupID)
		if err != nil {
			return err
		}
		p, err := tx.GetPerson(ctx, personID)
		if err != nil {
			return err
		}
		n, err := tx.RemoveGroupMember(ctx, sqlq.RemoveGroupMemberParams{GroupID: groupID, PersonID: personID})
		if err != nil || n == 0 {
			return firstErr(err, shopdojo.ErrNotFound)
		}
		return a.record(ctx, tx, ac, change{Action: "group.members_remove", ObjectType: "group", ObjectID: groupID,
			ObjectName: g.Name, Before: map[string]string{"removed": p.Name + " " + p.EmployeeNo}})
	})
}
