package app

import (
	"context"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/auth"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Lock-out policy: after maxFailures wrong passwords the account is locked
// for lockFor; the HTTP layer also rate-limits sign-in attempts per client.
const (
	maxFailures = 5
	lockFor     = 15 * time.Minute
)

// Client describes where a request comes from (for the session list).
type Client struct {
	IP        string
	UserAgent string
}

// Login checks credentials (login is an employee number, mobile or e-mail)
// and returns a new session secret for the cookie.
func (a *App) Login(ctx context.Context, login, password string, c Client) (string, error) {
	login = strings.TrimSpace(login)
	var id string
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { id, err = q.FindPersonByLogin(ctx, login); return })
	if err != nil {
		if shopdojo.KindOf(err) == shopdojo.KindNotFound {
			// Spend the same time as a real check so timing does not reveal accounts.
			_, _ = auth.CheckPassword(dummyHash, password)
			return "", shopdojo.E(shopdojo.KindUnauthenticated, "error.bad_credentials")
		}
		return "", err
	}
	var secret string
	var refusal error
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		acct, err := tx.GetAccount(ctx, id)
		if err != nil {
			refusal = shopdojo.E(shopdojo.KindUnauthenticated, "error.bad_credentials")
			return nil
		}
		if refusal, err = a.checkLogin(ctx, tx, acct, password); err != nil || refusal != nil {
			return err
		}
		secret, err = a.newSession(ctx, tx, id, c)
		return err
	})
	if err == nil {
		err = refusal
	}
	if k := shopdojo.KindOf(err); k == shopdojo.KindUnauthenticated || k == shopdojo.KindTooMany {
		a.log.InfoContext(ctx, "sign-in refused", "person", id, "ip", c.IP, "reason", err.Error())
	}
	return secret, err
}

var dummyHash, _ = auth.HashPassword("dummy-password", auth.Default)

// checkLogin checks the password and counts failures. A refusal is
// returned apart from err so that the transaction still commits the
// failure counter and lock-out.
func (a *App) checkLogin(ctx context.Context, tx *store.Tx, acct sqlq.Account, password string) (refusal, err error) {
	now := a.nowMs()
	if acct.Disabled || acct.PasswordHash == "" {
		return shopdojo.E(shopdojo.KindUnauthenticated, "error.bad_credentials"), nil
	}
	if acct.LockedUntil > now {
		return shopdojo.E(shopdojo.KindTooMany, "error.account_locked"), nil
	}
	ok, err := auth.CheckPassword(acct.PasswordHash, password)
	if err != nil {
		return nil, err
	}
	if ok {
		return nil, tx.RecordLoginSuccess(ctx, acct.PersonID)
	}
	fails, until := acct.FailedLogins+1, int64(0)
	if fails >= maxFailures {
		until = a.now().Add(lockFor).UnixMilli()
	}
	return shopdojo.E(shopdojo.KindUnauthenticated, "error.bad_credentials"),
		tx.RecordLoginFailure(ctx, sqlq.RecordLoginFailureParams{PersonID: acct.PersonID,
			FailedLogins: fails, LockedUntil: until})
}

func (a *App) newSession(ctx context.Context, tx *store.Tx, personID string, c Client) (string, error) {
	secret := auth.Token("", 32)
	now := a.now()
	err := tx.InsertSession(ctx, sqlq.InsertSessionParams{IDHash: auth.HashToken(secret), PersonID: personID,
		CreatedAt: now.UnixMilli(), LastSeenAt: now.UnixMilli(), ExpiresAt: now.Add(a.opt.SessionTTL).UnixMilli(),
		IP: c.IP, UserAgent: truncate(c.UserAgent, 300)})
	return secret, err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// sessionHit is a resolved session kept in the session memo.
type sessionHit struct {
	ac                Actor
	expires, lastSeen int64
}

// Authenticate resolves a session secret to its actor, sliding the expiry
// at most once a minute so that reads stay cheap. Resolved sessions are
// kept for ten seconds unless this process writes anything meanwhile, so a
// sign-out, disable or role change here applies to the very next request
// (and within ten seconds on other app nodes). Ten, not less: during an
// exam thousands of sessions each send an answer every few seconds, and a
// shorter memo made every fifth save read the session again.
func (a *App) Authenticate(ctx context.Context, secret string) (Actor, error) {
	if secret == "" {
		return Actor{}, shopdojo.ErrUnauth
	}
	h := auth.HashToken(secret)
	now := a.now()
	nowMs, gen := now.UnixMilli(), a.store.Gen()
	if hit, ok := a.sessions.get(h, gen, now); ok && hit.expires > nowMs && nowMs-hit.lastSeen <= time.Minute.Milliseconds() {
		return hit.ac, nil
	}
	var s sqlq.GetSessionActorRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { s, err = q.GetSessionActor(ctx, h); return })
	if err != nil || s.ExpiresAt <= nowMs {
		return Actor{}, shopdojo.ErrUnauth
	}
	ac, err := actorOf(s.Actor)
	if err != nil {
		return Actor{}, err
	}
	if nowMs-s.LastSeenAt > time.Minute.Milliseconds() {
		// Through the answer saves' group commit, which is quiet (a
		// last-seen time changes nothing cached): sessions made together
		// come due together, and a transaction each would queue thousands
		// of commits in front of an exam's answer saves. The request does
		// not wait for it: sliding the expiry is best effort (a lost touch
		// only ends a 7-day session a minute sooner), and waiting for the
		// fsync was the slowest part of the first page after an idle minute.
		exp := now.Add(a.opt.SessionTTL).UnixMilli()
		if a.saves.GoOne(func(tx *store.Tx) error {
			return tx.TouchSession(context.WithoutCancel(ctx), sqlq.TouchSessionParams{IDHash: h, LastSeenAt: nowMs, ExpiresAt: exp})
		}) {
			s.LastSeenAt, s.ExpiresAt = nowMs, exp
		}
	}
	a.sessions.put(h, sessionHit{ac: ac, expires: s.ExpiresAt, lastSeen: s.LastSeenAt}, gen, now)
	return ac, nil
}

// actor loads the person behind a session or token; disabled or departed
// people have no actor.
func (a *App) actor(ctx context.Context, personID string) (Actor, error) {
	var r sqlq.Actor
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { r, err = q.GetActor(ctx, personID); return })
	if shopdojo.KindOf(err) == shopdojo.KindNotFound {
		return Actor{}, shopdojo.ErrUnauth
	}
	if err != nil {
		return Actor{}, err
	}
	return actorOf(r)
}

// actorOf is the actor of a person as the actors view has them; disabled
// or departed people have none.
func actorOf(r sqlq.Actor) (Actor, error) {
	if r.Disabled || shopdojo.PersonStatus(r.Status) == shopdojo.StatusLeft {
		return Actor{}, shopdojo.ErrUnauth
	}
	ac := Actor{PersonID: r.ID, Name: r.Name, Locale: r.Locale, PhotoID: r.PhotoFileID, MustChange: r.MustChange}
	for role := range strings.SplitSeq(r.Roles, ",") {
		if role != "" {
			ac.Roles = append(ac.Roles, shopdojo.Role(role))
		}
	}
	return ac, nil
}

// Logout ends the session with this secret.
func (a *App) Logout(ctx context.Context, secret string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, auth.HashToken(secret)) })
}

// Session is one of a person's sessions, for the "my sessions" page.
type Session struct {
	ID         string // the stored hash, safe to show and to post back
	Current    bool
	CreatedAt  time.Time
	LastSeenAt time.Time
	IP         string
	UserAgent  string
}

// Sessions lists the actor's live sessions; current marks the caller's.
func (a *App) Sessions(ctx context.Context, ac Actor, currentSecret string) ([]Session, error) {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return nil, err
	}
	var rows []sqlq.Session
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		rows, err = q.ListSessions(ctx, sqlq.ListSessionsParams{PersonID: ac.PersonID, ExpiresAt: a.nowMs()})
		return
	})
	cur := auth.HashToken(currentSecret)
	out := make([]Session, len(rows))
	for i, r := range rows {
		out[i] = Session{ID: r.IDHash, Current: r.IDHash == cur, CreatedAt: fromMs(r.CreatedAt),
			LastSeenAt: fromMs(r.LastSeenAt), IP: r.IP, UserAgent: r.UserAgent}
	}
	return out, err
}

// RevokeSession ends one of the actor's own sessions.
func (a *App) RevokeSession(ctx context.Context, ac Actor, id string) error {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		n, err := tx.DeletePersonSession(ctx, sqlq.DeletePersonSessionParams{PersonID: ac.PersonID, IDHash: id})
		if err == nil && n == 0 {
			return shopdojo.ErrNotFound
		}
		return err
	})
}

// revokeAccess ends every session and API token of a person at once.
func (a *App) revokeAccess(ctx context.Context, tx *store.Tx, personID string) error {
	if err := tx.DeletePersonSessions(ctx, personID); err != nil {
		return err
	}
	return tx.RevokePersonTokens(ctx, sqlq.RevokePersonTokensParams{PersonID: personID, RevokedAt: a.nowMs()})
}
