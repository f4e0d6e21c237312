package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Token scopes. A token acts with its owner's roles, narrowed to read-only
// unless it has the write scope.
const (
	ScopeRead  = "read"
	ScopeWrite = "write"
)

// TokenPrefix marks ShopDojo API tokens so secret scanners can find them.
const TokenPrefix = "sdt_"

// APIToken is a personal API token as listed (never the secret).
type APIToken struct {
	ID         string
	Name       string
	Scopes     []string
	CreatedAt  time.Time
	LastUsedAt time.Time
	ExpiresAt  time.Time
	Revoked    bool
}

// CreateToken makes a personal API token for the actor and returns the
// secret, shown once. expiresDays 0 means no expiry.
func (a *App) CreateToken(ctx context.Context, ac Actor, name string, scopes []string, expiresDays int) (string, error) {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return "", err
	}
	name = strings.TrimSpace(name)
	var v shopdojo.Validation
	validName(&v, "name", name, 64)
	for _, s := range scopes {
		v.Check(s == ScopeRead || s == ScopeWrite, "scopes", "error.scope_invalid")
	}
	v.Check(len(scopes) > 0, "scopes", "error.required")
	v.Check(expiresDays >= 0 && expiresDays <= 3650, "expires_days", "error.out_of_range")
	if err := v.Err(); err != nil {
		return "", err
	}
	secret := TokenPrefix + auth.Token("", 30)
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		exp := int64(0)
		if expiresDays > 0 {
			exp = a.now().AddDate(0, 0, expiresDays).UnixMilli()
		}
		if err := tx.InsertToken(ctx, sqlq.InsertTokenParams{ID: id, PersonID: ac.PersonID, Name: name,
			TokenHash: auth.HashToken(secret), Scopes: strings.Join(scopes, ","), CreatedAt: a.nowMs(),
			ExpiresAt: exp}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "token.create", ObjectType: "api_token", ObjectID: id,
			ObjectName: name, After: map[string]string{"scopes": strings.Join(scopes, ",")}})
	})
	return secret, err
}

// Tokens lists the actor's tokens.
func (a *App) Tokens(ctx context.Context, ac Actor) ([]APIToken, error) {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return nil, err
	}
	var rows []sqlq.ApiToken
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListTokens(ctx, ac.PersonID); return })
	out := make([]APIToken, len(rows))
	for i, r := range rows {
		out[i] = APIToken{ID: r.ID, Name: r.Name, Scopes: strings.Split(r.Scopes, ","), CreatedAt: fromMs(r.CreatedAt),
			LastUsedAt: fromMs(r.LastUsedAt), ExpiresAt: fromMs(r.ExpiresAt), Revoked: r.RevokedAt != 0}
	}
	return out, err
}

// RevokeToken revokes one of the actor's tokens (admins may revoke any).
func (a *App) RevokeToken(ctx context.Context, ac Actor, id string) error {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		t, err := tx.GetToken(ctx, id)
		if err != nil {
			return err
		}
		if t.PersonID != ac.PersonID && !ac.Can(shopdojo.PermAccountsManage) {
			return shopdojo.ErrNotFound
		}
		if err := tx.RevokeToken(ctx, sqlq.RevokeTokenParams{ID: id, RevokedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "token.revoke", ObjectType: "api_token", ObjectID: id, ObjectName: t.Name})
	})
}

// TokenActor resolves a bearer token to an actor; write reports whether the
// token may change data. Last-used time is kept to the minute.
func (a *App) TokenActor(ctx context.Context, secret string) (ac Actor, write bool, err error) {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return Actor{}, false, shopdojo.ErrUnauth
	}
	var t sqlq.ApiToken
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { t, err = q.GetTokenByHash(ctx, auth.HashToken(secret)); return }); err != nil {
		return Actor{}, false, shopdojo.ErrUnauth
	}
	now := a.nowMs()
	if t.RevokedAt != 0 || (t.ExpiresAt != 0 && t.ExpiresAt <= now) {
		return Actor{}, false, shopdojo.ErrUnauth
	}
	if ac, err = a.actor(ctx, t.PersonID); err != nil {
		return Actor{}, false, err
	}
	if now-t.LastUsedAt > time.Minute.Milliseconds() {
		err = a.store.Tx(ctx, func(tx *store.Tx) error {
			return tx.TouchToken(ctx, sqlq.TouchTokenParams{ID: t.ID, LastUsedAt: now})
		})
	}
	return ac, slices.Contains(strings.Split(t.Scopes, ","), ScopeWrite), err
}
