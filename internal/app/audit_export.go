package app

import (
	"context"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/audit"
	"github.com/shopdojo/shopdojo/internal/store"
)

// MaxAuditExport bounds one export; narrower filters get the rest.
const MaxAuditExport = 200_000

// ExportAudit returns every event matching f (its cursor and limit are
// ignored), newest first, up to MaxAuditExport; more reports whether the
// filter matched more than that.
func (a *App) ExportAudit(ctx context.Context, ac Actor, f AuditFilter) (evs []audit.Event, more bool, err error) {
	f.Before, f.Limit = 0, 500
	for {
		page, next, err := a.ListAudit(ctx, ac, f)
		if err != nil {
			return nil, false, err
		}
		evs = append(evs, page...)
		if len(evs) >= MaxAuditExport {
			return evs[:MaxAuditExport], true, nil
		}
		if next == 0 {
			return evs, false, nil
		}
		f.Before = next
	}
}

// AuditObjectTypes lists the distinct object types for the filter menu.
func (a *App) AuditObjectTypes(ctx context.Context, ac Actor) ([]string, error) {
	if err := ac.require(shopdojo.PermAuditRead); err != nil {
		return nil, err
	}
	var out []string
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { out, err = q.ListAuditObjectTypes(ctx); return })
	return out, err
}

// AuditActorID resolves the actor filter as people type it, an employee
// number, to a person id ("" for no filter).
func (a *App) AuditActorID(ctx context.Context, ac Actor, login string) (string, error) {
	login = strings.TrimSpace(login)
	if login == "" {
		return "", nil
	}
	if err := ac.require(shopdojo.PermAuditRead); err != nil {
		return "", err
	}
	var id string
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { id, err = q.FindPersonByEmployeeNo(ctx, login); return })
	if shopdojo.KindOf(err) == shopdojo.KindNotFound {
		return "", &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
			Fields: map[string]string{"actor": "error.person_unknown"}}
	}
	return id, err
}
