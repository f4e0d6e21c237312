package app

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

const minPassword = 8

func (a *App) hash(pw string) (string, error) {
	if utf8.RuneCountInString(pw) < minPassword {
		return "", &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
			Fields: map[string]string{"password": "error.password_short"}, Args: map[string]any{"Min": minPassword}}
	}
	return auth.HashPassword(pw, a.opt.Password)
}

// ChangePassword changes the actor's own password after checking the old one.
func (a *App) ChangePassword(ctx context.Context, ac Actor, old, new string) error {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return err
	}
	h, err := a.hash(new)
	if err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		acct, err := tx.GetAccount(ctx, ac.PersonID)
		if err != nil {
			return err
		}
		if ok, _ := auth.CheckPassword(acct.PasswordHash, old); !ok {
			return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid",
				Fields: map[string]string{"old_password": "error.password_wrong"}}
		}
		if err := tx.SetPassword(ctx, sqlq.SetPasswordParams{PersonID: ac.PersonID, PasswordHash: h,
			MustChange: false, UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "account.password_change", ObjectType: "person",
			ObjectID: ac.PersonID, ObjectName: ac.Name})
	})
}

// SetPassword sets a person's password (CLI and admins); mustChange forces a
// change at next sign-in. Every session of theirs ends.
func (a *App) SetPassword(ctx context.Context, ac Actor, personID, pw string, mustChange bool) error {
	if err := ac.require(shopdojo.PermAccountsManage); err != nil {
		return err
	}
	h, err := a.hash(pw)
	if err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		p, err := tx.GetPerson(ctx, personID)
		if err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, sqlq.SetPasswordParams{PersonID: personID, PasswordHash: h,
			MustChange: mustChange, UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		if err := tx.DeletePersonSessions(ctx, personID); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "account.password_reset", ObjectType: "person",
			ObjectID: personID, ObjectName: p.Name})
	})
}

// ResetPassword gives a person a new random temporary password that must be
// changed at first sign-in, and returns it to show once.
func (a *App) ResetPassword(ctx context.Context, ac Actor, personID string) (string, error) {
	pw := auth.Password(12)
	return pw, a.SetPassword(ctx, ac, personID, pw, true)
}

// IssueActivation creates a one-time activation code (valid 14 days) that
// lets a person set their own password.
func (a *App) IssueActivation(ctx context.Context, ac Actor, personID string) (string, error) {
	if err := ac.require(shopdojo.PermAccountsManage); err != nil {
		return "", err
	}
	code := auth.ActivationCode()
	err := a.store.Tx(ctx, func(tx *store.Tx) error { return a.issueActivation(ctx, tx, ac, personID, code) })
	return code, err
}

func (a *App) issueActivation(ctx context.Context, tx *store.Tx, ac Actor, personID, code string) error {
	p, err := tx.GetPerson(ctx, personID)
	if err != nil {
		return err
	}
	if err := tx.SetActivation(ctx, sqlq.SetActivationParams{PersonID: personID, ActivationHash: auth.HashToken(code),
		ActivationExpires: a.now().Add(14 * 24 * time.Hour).UnixMilli(), UpdatedAt: a.nowMs()}); err != nil {
		return err
	}
	return a.record(ctx, tx, ac, change{Action: "account.activation_issue", ObjectType: "person",
		ObjectID: personID, ObjectName: p.Name})
}

// Activate redeems an activation code: it sets the password and signs in.
func (a *App) Activate(ctx context.Context, code, pw string, c Client) (string, error) {
	h, err := a.hash(pw)
	if err != nil {
		return "", err
	}
	var secret string
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		id, err := tx.FindActivation(ctx, auth.HashToken(normalizeCode(code)))
		if err != nil {
			return shopdojo.E(shopdojo.KindInvalid, "error.activation_invalid")
		}
		acct, err := tx.GetAccount(ctx, id)
		if err != nil || acct.Disabled || acct.ActivationExpires < a.nowMs() {
			return shopdojo.E(shopdojo.KindInvalid, "error.activation_invalid")
		}
		if err := tx.SetPassword(ctx, sqlq.SetPasswordParams{PersonID: id, PasswordHash: h, UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		secret, err = a.newSession(ctx, tx, id, c)
		return err
	})
	return secret, err
}

func normalizeCode(code string) string {
	out := make([]rune, 0, 11)
	for _, r := range code {
		switch {
		case r >= 'a' && r <= 'z':
			out = append(out, r-'a'+'A')
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			out = append(out, r)
		}
	}
	if len(out) == 10 {
		return string(out[:5]) + "-" + string(out[5:])
	}
	return string(out)
}

// SetDisabled disables or re-enables a person's account; disabling ends
// their sessions and revokes their API tokens at once.
func (a *App) SetDisabled(ctx context.Context, ac Actor, personID string, disabled bool) error {
	if err := ac.require(shopdojo.PermAccountsManage); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		p, err := a.loadPerson(ctx, tx.Queries, personID)
		if err != nil {
			return err
		}
		if err := checkRoleGrant(ac, p.Roles, p.Roles); err != nil {
			return err
		}
		if disabled {
			if err := a.keepAnAdmin(ctx, tx, p.Roles, nil, p.Status); err != nil {
				return err
			}
			if err := a.revokeAccess(ctx, tx, personID); err != nil {
				return err
			}
		}
		if err := tx.SetDisabled(ctx, sqlq.SetDisabledParams{PersonID: personID, Disabled: disabled, UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		action := "account.enable"
		if disabled {
			action = "account.disable"
		}
		return a.record(ctx, tx, ac, change{Action: action, ObjectType: "person", ObjectID: personID, ObjectName: p.Name})
	})
}

// Unlock clears a sign-in lock-out.
func (a *App) Unlock(ctx context.Context, ac Actor, personID string) error {
	if err := ac.require(shopdojo.PermAccountsManage); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		p, err := tx.GetPerson(ctx, personID)
		if err != nil {
			return err
		}
		if err := tx.Unlock(ctx, sqlq.UnlockParams{PersonID: personID, UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "account.unlock", ObjectType: "person", ObjectID: personID, ObjectName: p.Name})
	})
}

// AccountState is what admins see about a person's account.
type AccountState struct {
	Disabled    bool
	MustChange  bool
	LockedUntil time.Time
	HasPassword bool
}

// Account returns the account state of a person the actor may manage.
func (a *App) Account(ctx context.Context, ac Actor, personID string) (AccountState, error) {
	if err := ac.require(shopdojo.PermAccountsManage); err != nil {
		return AccountState{}, err
	}
	var r sqlq.Account
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { r, err = q.GetAccount(ctx, personID); return })
	st := AccountState{Disabled: r.Disabled, MustChange: r.MustChange, HasPassword: r.PasswordHash != ""}
	if r.LockedUntil > a.nowMs() {
		st.LockedUntil = fromMs(r.LockedUntil)
	}
	return st, err
}

// SetLocale saves the actor's language.
func (a *App) SetLocale(ctx context.Context, ac Actor, locale string) error {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		return tx.SetPersonLocale(ctx, sqlq.SetPersonLocaleParams{ID: ac.PersonID, Locale: locale})
	})
}
