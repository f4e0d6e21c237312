package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// PositionInput is what a person submits for a position.
type PositionInput struct {
	Name, Code, Description string
}

func (in *PositionInput) normalize() error {
	in.Name, in.Code = strings.TrimSpace(in.Name), strings.TrimSpace(in.Code)
	in.Description = strings.TrimSpace(in.Description)
	var v shopdojo.Validation
	validName(&v, "name", in.Name, 64)
	v.Check(utf8.RuneCountInString(in.Code) <= 32, "code", "error.too_long")
	v.Check(utf8.RuneCountInString(in.Description) <= 1000, "description", "error.too_long")
	return v.Err()
}

func (in PositionInput) fields() map[string]string {
	return map[string]string{"name": in.Name, "code": in.Code, "description": in.Description}
}

// Positions lists every position with its head count.
func (a *App) Positions(ctx context.Context, ac Actor) ([]shopdojo.Position, error) {
	if err := ac.require(shopdojo.PermOrgRead); err != nil {
		return nil, err
	}
	var rows []sqlq.ListPositionsRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListPositions(ctx); return }); err != nil {
		return nil, err
	}
	out := make([]shopdojo.Position, len(rows))
	for i, r := range rows {
		out[i] = shopdojo.Position{ID: r.ID, Name: r.Name, Code: r.Code, Description: r.Description,
			People: r.People, CreatedAt: fromMs(r.CreatedAt), UpdatedAt: fromMs(r.UpdatedAt)}
	}
	return out, nil
}

// Position returns one position.
func (a *App) Position(ctx context.Context, ac Actor, id string) (shopdojo.Position, error) {
	if err := ac.require(shopdojo.PermOrgRead); err != nil {
		return shopdojo.Position{}, err
	}
	var r sqlq.Position
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { r, err = q.GetPosition(ctx, id); return })
	return shopdojo.Position{ID: r.ID, Name: r.Name, Code: r.Code, Description: r.Description,
		CreatedAt: fromMs(r.CreatedAt), UpdatedAt: fromMs(r.UpdatedAt)}, err
}

// CreatePosition adds a position.
func (a *App) CreatePosition(ctx context.Context, ac Actor, in PositionInput) (string, error) {
	if err := ac.require(shopdojo.PermOrgManage); err != nil {
		return "", err
	}
	if err := in.normalize(); err != nil {
		return "", err
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		now := a.nowMs()
		if err := tx.InsertPosition(ctx, sqlq.InsertPositionParams{ID: id, Name: in.Name, Code: in.Code,
			Description: in.Description, CreatedAt: now, UpdatedAt: now}); err != nil {
			return dupName(err)
		}
		return a.record(ctx, tx, ac, change{Action: "position.create", ObjectType: "position",
			ObjectID: id, ObjectName: in.Name, After: in.fields()})
	})
	return id, err
}

// UpdatePosition edits a position.
func (a *App) UpdatePosition(ctx context.Context, ac Actor, id string, in PositionInput) error {
	if err := ac.require(shopdojo.PermOrgManage); err != nil {
		return err
	}
	if err := in.normalize(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetPosition(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.UpdatePosition(ctx, sqlq.UpdatePositionParams{ID: id, Name: in.Name, Code: in.Code,
			Description: in.Description, UpdatedAt: a.nowMs()}); err != nil {
			return dupName(err)
		}
		before := PositionInput{Name: old.Name, Code: old.Code, Description: old.Description}
		return a.record(ctx, tx, ac, change{Action: "position.update", ObjectType: "position",
			ObjectID: id, ObjectName: in.Name, Before: before.fields(), After: in.fields()})
	})
}

// DeletePosition removes a position nobody holds.
func (a *App) DeletePosition(ctx context.Context, ac Actor, id string) error {
	if err := ac.require(shopdojo.PermOrgManage); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetPosition(ctx, id)
		if err != nil {
			return err
		}
		if n, err := tx.CountPositionUse(ctx, nullStr(id)); err != nil || n > 0 {
			return firstErr(err, shopdojo.E(shopdojo.KindConflict, "error.position_in_use"))
		}
		if err := tx.DeletePosition(ctx, id); err != nil {
			return err
		}
		before := PositionInput{Name: old.Name, Code: old.Code, Description: old.Description}
		return a.record(ctx, tx, ac, change{Action: "position.delete", ObjectType: "position",
			ObjectID: id, ObjectName: old.Name, Before: before.fields()})
	})
}
