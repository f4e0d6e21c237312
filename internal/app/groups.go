package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// GroupInput is what a person submits for a named group of people.
type GroupInput struct {
	Name, Description string
}

func (in *GroupInput) normalize() error {
	in.Name, in.Description = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description)
	var v shopdojo.Validation
	validName(&v, "name", in.Name, 64)
	v.Check(utf8.RuneCountInString(in.Description) <= 1000, "description", "error.too_long")
	return v.Err()
}

func (in GroupInput) fields() map[string]string {
	return map[string]string{"name": in.Name, "description": in.Description}
}

func toGroup(id, name, desc string, members, created, updated int64) shopdojo.Group {
	return shopdojo.Group{ID: id, Name: name, Description: desc, Members: members,
		CreatedAt: fromMs(created), UpdatedAt: fromMs(updated)}
}

// Groups lists every group with its current member count. Groups are
// visible to whoever may read people; members are still scoped per person.
func (a *App) Groups(ctx context.Context, ac Actor) ([]shopdojo.Group, error) {
	if err := ac.require(shopdojo.PermPeopleRead); err != nil {
		return nil, err
	}
	var rows []sqlq.ListGroupsRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListGroups(ctx); return }); err != nil {
		return nil, err
	}
	return mapRows(rows, func(r sqlq.ListGroupsRow) shopdojo.Group {
		return toGroup(r.ID, r.Name, r.Description, r.Members, r.CreatedAt, r.UpdatedAt)
	}), nil
}

// Group returns one group.
func (a *App) Group(ctx context.Context, ac Actor, id string) (shopdojo.Group, error) {
	if err := ac.require(shopdojo.PermPeopleRead); err != nil {
		return shopdojo.Group{}, err
	}
	var r sqlq.GetGroupRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { r, err = q.GetGroup(ctx, id); return })
	return toGroup(r.ID, r.Name, r.Description, r.Members, r.CreatedAt, r.UpdatedAt), err
}

// PersonGroups lists the groups a person the actor may read belongs to.
func (a *App) PersonGroups(ctx context.Context, ac Actor, personID string) ([]shopdojo.Group, error) {
	var rows []sqlq.ListPersonGroupsRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if err := a.canReadPerson(ctx, q, ac, personID); err != nil {
			return err
		}
		rows, err = q.ListPersonGroups(ctx, personID)
		return err
	})
	return mapRows(rows, func(r sqlq.ListPersonGroupsRow) shopdojo.Group {
		return shopdojo.Group{ID: r.ID, Name: r.Name}
	}), err
}

// CreateGroup adds an empty group.
func (a *App) CreateGroup(ctx context.Context, ac Actor, in GroupInput) (string, error) {
	if err := ac.require(shopdojo.PermGroupsManage); err != nil {
		return "", err
	}
	if err := in.normalize(); err != nil {
		return "", err
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		now := a.nowMs()
		if err := tx.InsertGroup(ctx, sqlq.InsertGroupParams{ID: id, Name: in.Name, Description: in.Description,
			CreatedAt: now, UpdatedAt: now}); err != nil {
			return dupName(err)
		}
		return a.record(ctx, tx, ac, change{Action: "group.create", ObjectType: "group",
			ObjectID: id, ObjectName: in.Name, After: in.fields()})
	})
	return id, err
}

// UpdateGroup renames or re-describes a group.
func (a *App) UpdateGroup(ctx context.Context, ac Actor, id string, in GroupInput) error {
	if err := ac.require(shopdojo.PermGroupsManage); err != nil {
		return err
	}
	if err := in.normalize(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetGroup(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.UpdateGroup(ctx, sqlq.UpdateGroupParams{ID: id, Name: in.Name, Description: in.Description,
			UpdatedAt: a.nowMs()}); err != nil {
			return dupName(err)
		}
		before := GroupInput{Name: old.Name, Description: old.Description}
		return a.record(ctx, tx, ac, change{Action: "group.update", ObjectType: "group",
			ObjectID: id, ObjectName: in.Name, Before: before.fields(), After: in.fields()})
	})
}

// DeleteGroup removes a group and its memberships (not the people).
func (a *App) DeleteGroup(ctx context.Context, ac Actor, id string) error {
	if err := ac.require(shopdojo.PermGroupsManage); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetGroup(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteGroupMembers(ctx, id); err != nil {
			return err
		}
		if err := tx.DeleteGroup(ctx, id); err != nil {
			return err
		}
		before := GroupInput{Name: old.Name, Description: old.Description}.fields()
		before["members"] = itoa(old.Members)
		return a.record(ctx, tx, ac, change{Action: "group.delete", ObjectType: "group",
			ObjectID: id, ObjectName: old.Name, Before: before})
	})
}

func mapRows[R, T any](rows []R, fn func(R) T) []T {
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = fn(r)
	}
	return out
}
