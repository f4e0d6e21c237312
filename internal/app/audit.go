package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/audit"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// change describes one audited change; Before/After are display maps of
// the object's fields (never secrets).
type change struct {
	Action     string
	ObjectType string
	ObjectID   string
	ObjectName string
	Before     map[string]string
	After      map[string]string
}

// record appends an audit event inside tx, chained to the previous one, and
// stores its Merkle tree hashes, so the event commits or rolls back with the
// change it describes.
func (a *App) record(ctx context.Context, tx *store.Tx, ac Actor, c change) error {
	if err := tx.LockAudit(ctx); err != nil {
		return fmt.Errorf("lock audit: %w", err)
	}
	seq, prev := int64(0), audit.Genesis
	last, err := tx.LastAuditEvent(ctx)
	switch {
	case err == nil:
		seq, prev = last.Seq, last.Hash
	case shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound:
		return err
	}
	e := audit.Event{Seq: seq + 1, ID: newID(), At: a.nowMs(), ActorID: ac.PersonID, ActorName: ac.Name,
		Action: c.Action, ObjectType: c.ObjectType, ObjectID: c.ObjectID, ObjectName: c.ObjectName,
		BeforeDigest: digest(c.Before), AfterDigest: digest(c.After),
		Changes: audit.Changes(c.Before, c.After), RequestID: ac.RequestID}
	e.Seal(prev)
	if err := tx.InsertAuditEvent(ctx, sqlq.InsertAuditEventParams(toRow(e))); err != nil {
		return fmt.Errorf("insert audit event: %w", err)
	}
	return a.appendTree(ctx, tx, e)
}

func digest(m map[string]string) string {
	if m == nil {
		return ""
	}
	return audit.Digest(m)
}

func toRow(e audit.Event) sqlq.AuditEvent {
	return sqlq.AuditEvent{Seq: e.Seq, ID: e.ID, At: e.At, ActorID: e.ActorID, ActorName: e.ActorName,
		Action: e.Action, ObjectType: e.ObjectType, ObjectID: e.ObjectID, ObjectName: e.ObjectName,
		BeforeDigest: e.BeforeDigest, AfterDigest: e.AfterDigest, Changes: e.Changes,
		RequestID: e.RequestID, PrevHash: e.PrevHash, Hash: e.Hash}
}

func fromRow(r sqlq.AuditEvent) audit.Event {
	return audit.Event{Seq: r.Seq, ID: r.ID, At: r.At, ActorID: r.ActorID, ActorName: r.ActorName,
		Action: r.Action, ObjectType: r.ObjectType, ObjectID: r.ObjectID, ObjectName: r.ObjectName,
		BeforeDigest: r.BeforeDigest, AfterDigest: r.AfterDigest, Changes: r.Changes,
		RequestID: r.RequestID, PrevHash: r.PrevHash, Hash: r.Hash}
}

// treeReader reads stored tlog hashes from the audit_tree table.
type treeReader struct {
	ctx context.Context
	q   *store.Queries
}

func (r treeReader) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		s, err := r.q.GetAuditTreeHash(r.ctx, x)
		if err != nil {
			return nil, fmt.Errorf("audit tree hash %d: %w", x, err)
		}
		h, err := tlog.ParseHash(s)
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}

func (a *App) appendTree(ctx context.Context, tx *store.Tx, e audit.Event) error {
	n := e.Seq - 1 // record index
	hs, err := tlog.StoredHashes(n, e.Record(), treeReader{ctx, tx.Queries})
	if err != nil {
		return err
	}
	base := tlog.StoredHashIndex(0, n)
	for i, h := range hs {
		if err := tx.InsertAuditTreeHash(ctx, sqlq.InsertAuditTreeHashParams{Idx: base + int64(i), Hash: h.String()}); err != nil {
			return fmt.Errorf("audit tree: %w", err)
		}
	}
	return nil
}

// Checkpoint signs the current tree size and root if it grew since the last
// checkpoint. It returns the checkpointed size.
func (a *App) Checkpoint(ctx context.Context) (int64, error) {
	if a.opt.AuditKey == nil {
		return 0, errors.New("no audit key configured")
	}
	var size int64
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.LockAudit(ctx); err != nil {
			return err
		}
		n, err := tx.CountAuditEvents(ctx)
		if err != nil || n == 0 {
			return err
		}
		if last, err := tx.LastCheckpoint(ctx); err == nil && last.Size >= n {
			size = last.Size
			return nil
		}
		root, err := tlog.TreeHash(n, treeReader{ctx, tx.Queries})
		if err != nil {
			return err
		}
		c := a.opt.AuditKey.Sign(n, root)
		size = n
		return tx.InsertCheckpoint(ctx, sqlq.InsertCheckpointParams{Size: c.Size, RootHash: c.Root,
			Signature: c.Signature, KeyID: c.KeyID, CreatedAt: a.nowMs()})
	})
	return size, err
}

// VerifyReport is the outcome of an audit verification.
type VerifyReport struct {
	Events      int64
	Checkpoints int
	Problems    []string
}

// VerifyAudit re-checks the whole chain, the tree and every checkpoint.
func (a *App) VerifyAudit(ctx context.Context, ac Actor) (VerifyReport, error) {
	if err := ac.require(shopdojo.PermAuditRead); err != nil {
		return VerifyReport{}, err
	}
	v := audit.NewVerifier(a.opt.AuditKey)
	var cps []audit.Checkpoint
	err := a.store.Read(ctx, func(q *store.Queries) error {
		for after := int64(0); ; {
			rows, err := q.AuditEventsFrom(ctx, sqlq.AuditEventsFromParams{Seq: after, Limit: 2000})
			if err != nil {
				return err
			}
			for _, r := range rows {
				v.Add(fromRow(r))
				after = r.Seq
			}
			if len(rows) < 2000 {
				break
			}
		}
		rows, err := q.ListCheckpoints(ctx)
		for _, c := range rows {
			cps = append(cps, audit.Checkpoint{Size: c.Size, Root: c.RootHash, Signature: c.Signature, KeyID: c.KeyID})
		}
		return err
	})
	if err != nil {
		return VerifyReport{}, err
	}
	v.Finish(cps)
	return VerifyReport{Events: v.Checked, Checkpoints: len(cps), Problems: v.Problems}, nil
}

// AuditFilter selects audit events; Before is a seq cursor (0 = newest).
type AuditFilter struct {
	Action, ObjectType, ActorID string
	Since, Until                string // YYYY-MM-DD in the company zone
	Before                      int64
	Limit                       int
}

// ListAudit returns events newest first and the cursor for the next page.
func (a *App) ListAudit(ctx context.Context, ac Actor, f AuditFilter) ([]audit.Event, int64, error) {
	if err := ac.require(shopdojo.PermAuditRead); err != nil {
		return nil, 0, err
	}
	p := sqlq.ListAuditEventsParams{Before: f.Before, Action: f.Action, ObjectType: f.ObjectType,
		ActorID: f.ActorID, Since: 0, Until: 1 << 62, Lim: int32(clampLimit(f.Limit))}
	if p.Before <= 0 {
		p.Before = 1 << 62
	}
	var err error
	if p.Since, err = a.dayStart(f.Since, 0); err != nil {
		return nil, 0, err
	}
	if p.Until, err = a.dayStart(f.Until, 1); err != nil {
		return nil, 0, err
	}
	var rows []sqlq.AuditEvent
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListAuditEvents(ctx, p); return }); err != nil {
		return nil, 0, err
	}
	out := make([]audit.Event, len(rows))
	for i, r := range rows {
		out[i] = fromRow(r)
	}
	next := int64(0)
	if len(rows) == int(p.Lim) {
		next = rows[len(rows)-1].Seq
	}
	return out, next, nil
}

// AuditActions lists the distinct actions for the filter menu.
func (a *App) AuditActions(ctx context.Context, ac Actor) ([]string, error) {
	if err := ac.require(shopdojo.PermAuditRead); err != nil {
		return nil, err
	}
	var out []string
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { out, err = q.ListAuditActions(ctx); return })
	return out, err
}

func clampLimit(n int) int {
	if n <= 0 {
		return 50
	}
	return min(n, 500)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
