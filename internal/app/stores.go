package app

import (
	"context"
	"slices"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// StoreInput is what a person submits for a store.
type StoreInput struct {
	Platform shopdojo.Platform
	Name     string
	OwnerID  string
}

func (in *StoreInput) normalize() error {
	in.Name = strings.TrimSpace(in.Name)
	var v shopdojo.Validation
	validName(&v, "name", in.Name, 100)
	v.Check(slices.Contains(shopdojo.Platforms, in.Platform), "platform", "error.platform_invalid")
	return v.Err()
}

func (in StoreInput) fields(owner string) map[string]string {
	return map[string]string{"platform": string(in.Platform), "name": in.Name, "owner": owner}
}

// Stores lists every store.
func (a *App) Stores(ctx context.Context, ac Actor) ([]shopdojo.Store, error) {
	if err := ac.require(shopdojo.PermOrgRead); err != nil {
		return nil, err
	}
	var rows []sqlq.ListStoresRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListStores(ctx); return }); err != nil {
		return nil, err
	}
	out := make([]shopdojo.Store, len(rows))
	for i, r := range rows {
		out[i] = shopdojo.Store{ID: r.ID, Platform: shopdojo.Platform(r.Platform), Name: r.Name,
			OwnerID: r.OwnerID.String, OwnerName: r.OwnerName, CreatedAt: fromMs(r.CreatedAt), UpdatedAt: fromMs(r.UpdatedAt)}
	}
	return out, nil
}

// Store returns one store.
func (a *App) Store(ctx context.Context, ac Actor, id string) (shopdojo.Store, error) {
	if err := ac.require(shopdojo.PermOrgRead); err != nil {
		return shopdojo.Store{}, err
	}
	var r sqlq.Store
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { r, err = q.GetStore(ctx, id); return })
	return shopdojo.Store{ID: r.ID, Platform: shopdojo.Platform(r.Platform), Name: r.Name, OwnerID: r.OwnerID.String,
		CreatedAt: fromMs(r.CreatedAt), UpdatedAt: fromMs(r.UpdatedAt)}, err
}

func ownerName(ctx context.Context, tx *store.Tx, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	p, err := tx.GetPerson(ctx, id)
	if err != nil {
		return "", fieldErr(store.MapErr(err), "owner_id", "error.person_unknown")
	}
	return p.Name, nil
}

// CreateStore adds a store.
func (a *App) CreateStore(ctx context.Context, ac Actor, in StoreInput) (string, error) {
	if err := ac.require(shopdojo.PermOrgManage); err != nil {
		return "", err
	}
	if err := in.normalize(); err != nil {
		return "", err
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		owner, err := ownerName(ctx, tx, in.OwnerID)
		if err != nil {
			return err
		}
		now := a.nowMs()
		if err := tx.InsertStore(ctx, sqlq.InsertStoreParams{ID: id, Platform: string(in.Platform), Name: in.Name,
			OwnerID: nullStr(in.OwnerID), CreatedAt: now, UpdatedAt: now}); err != nil {
			return dupName(err)
		}
		return a.record(ctx, tx, ac, change{Action: "store.create", ObjectType: "store",
			ObjectID: id, ObjectName: in.Name, After: in.fields(owner)})
	})
	return id, err
}

// UpdateStore edits a store.
func (a *App) UpdateStore(ctx context.Context, ac Actor, id string, in StoreInput) error {
	if err := ac.require(shopdojo.PermOrgManage); err != nil {
		return err
	}
	if err := in.normalize(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetStore(ctx, id)
		if err != nil {
			return err
		}
		oldOwner, _ := ownerName(ctx, tx, old.OwnerID.String)
		owner, err := ownerName(ctx, tx, in.OwnerID)
		if err != nil {
			return err
		}
		if err := tx.UpdateStore(ctx, sqlq.UpdateStoreParams{ID: id, Platform: string(in.Platform), Name: in.Name,
			OwnerID: nullStr(in.OwnerID), UpdatedAt: a.nowMs()}); err != nil {
			return dupName(err)
		}
		before := StoreInput{Platform: shopdojo.Platform(old.Platform), Name: old.Name}
		return a.record(ctx, tx, ac, change{Action: "store.update", ObjectType: "store",
			ObjectID: id, ObjectName: in.Name, Before: before.fields(oldOwner), After: in.fields(owner)})
	})
}

// DeleteStore removes a store nobody is assigned to.
func (a *App) DeleteStore(ctx context.Context, ac Actor, id string) error {
	if err := ac.require(shopdojo.PermOrgManage); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetStore(ctx, id)
		if err != nil {
			return err
		}
		if n, err := tx.CountStoreUse(ctx, id); err != nil || n > 0 {
			return firstErr(err, shopdojo.E(shopdojo.KindConflict, "error.store_in_use"))
		}
		if err := tx.DeleteStore(ctx, id); err != nil {
			return err
		}
		before := StoreInput{Platform: shopdojo.Platform(old.Platform), Name: old.Name}
		return a.record(ctx, tx, ac, change{Action: "store.delete", ObjectType: "store",
			ObjectID: id, ObjectName: old.Name, Before: before.fields("")})
	})
}
