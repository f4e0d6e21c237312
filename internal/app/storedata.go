package app

import (
	"context"
	"database/sql"
	"errors"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// storeFor returns the store whose data the actor wants, checking perm
// and, for team leads, that they own the store or are linked to it. A
// store out of reach is not found, as a person out of scope is.
func (a *App) storeFor(ctx context.Context, q *store.Queries, ac Actor, storeID string, perm shopdojo.Permission) (sqlq.Store, error) {
	if err := ac.require(perm); err != nil {
		return sqlq.Store{}, err
	}
	st, err := q.GetStore(ctx, storeID)
	if errors.Is(err, sql.ErrNoRows) {
		return st, shopdojo.ErrNotFound
	}
	if err != nil {
		return st, err
	}
	if ac.System || shopdojo.PeopleScope(ac.Roles) == shopdojo.ScopeAll {
		return st, nil
	}
	linked, err := q.PersonLinkedToStore(ctx, sqlq.PersonLinkedToStoreParams{StoreID: storeID, PersonID: nullStr(ac.PersonID)})
	if err != nil {
		return st, err
	}
	if !linked {
		return st, shopdojo.ErrNotFound
	}
	return st, nil
}
