package store

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Group commits the writes of concurrent callers together (group commit):
// while one batch's transaction runs, new callers queue; the next batch
// runs them all in one transaction, so one commit (one fsync with
// synchronous=FULL) covers many callers. Each caller's work runs in its own
// savepoint, so its error undoes only its own writes; a failed commit fails
// every caller of the batch, and no caller hears "done" before the commit
// returned. Group writes are quiet (see TxQuiet): use it for high-volume
// learner activity that no cached figure depends on.
type Group struct {
	s       *Store
	max     int
	linger  time.Duration // see Linger
	mu      sync.Mutex
	pending []*groupCall
	running bool
}

type groupCall struct {
	fn   func(tx *Tx) error
	one  bool // fn writes at most one statement: no savepoint needed
	err  error
	done chan struct{}
}

// NewGroup returns a Group whose batches hold at most max callers.
func (s *Store) NewGroup(max int) *Group { return &Group{s: s, max: max} }

// Linger makes each batch wait d for more callers before it runs,
// when fewer than a quarter of max are waiting, like PostgreSQL's
// commit_delay. Under a steady stream of small writes (answer saves at a
// few thousand a second) the fsync is so quick that batches would hold one
// or two callers, and the commit's fixed cost — not the writes — would
// spend the CPU; a wait far below any latency target lets one commit
// cover several. Set it before the Group is used.
func (g *Group) Linger(d time.Duration) *Group {
	g.linger = d
	return g
}

// Do runs fn in the next batch's transaction and returns after that
// transaction committed (nil) or failed. If the caller stops waiting (ctx
// ends), its work may still commit; it just is not acknowledged.
func (g *Group) Do(ctx context.Context, fn func(tx *Tx) error) error {
	return g.do(ctx, &groupCall{fn: fn, done: make(chan struct{})})
}

// DoOne is Do for work that writes at most one statement, and only as its
// last step: on SQLite a failing statement undoes itself and leaves the
// transaction usable, so the work needs no savepoint (two statements fewer
// in the batch's serial transaction). PostgreSQL aborts the transaction on
// any error, so there it still gets one.
func (g *Group) DoOne(ctx context.Context, fn func(tx *Tx) error) error {
	return g.do(ctx, &groupCall{fn: fn, one: true, done: make(chan struct{})})
}

// GoOne queues one-statement work (see DoOne) for the next batch and
// returns at once, without waiting for the commit: for best-effort writes
// such as a session's last-seen time, where a lost write costs nothing
// and a request should not wait for an fsync. It reports false, and
// queues nothing, when more than ten batches are already waiting.
func (g *Group) GoOne(fn func(tx *Tx) error) bool {
	return g.enqueue(&groupCall{fn: fn, one: true, done: make(chan struct{})}, 10*g.max)
}

func (g *Group) enqueue(c *groupCall, limit int) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if limit > 0 && len(g.pending) >= limit {
		return false
	}
	g.pending = append(g.pending, c)
	if !g.running {
		g.running = true
		go g.loop()
	}
	return true
}

func (g *Group) do(ctx context.Context, c *groupCall) error {
	g.enqueue(c, 0)
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// loop runs batches until the queue is empty. It runs on its own
// goroutine, so no caller's request waits for other callers' batches.
func (g *Group) loop() {
	for {
		g.mu.Lock()
		if len(g.pending) == 0 {
			g.running = false
			g.mu.Unlock()
			return
		}
		if g.linger > 0 && len(g.pending) < g.max/4 {
			g.mu.Unlock()
			time.Sleep(g.linger)
			g.mu.Lock()
		}
		n := min(len(g.pending), g.max)
		batch := g.pending[:n:n]
		g.pending = g.pending[n:]
		g.mu.Unlock()
		g.run(batch)
	}
}

// run commits one batch.
func (g *Group) run(batch []*groupCall) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := g.s.tx(ctx, func(tx *Tx) error {
		for _, c := range batch {
			if c.one && g.s.Dialect == SQLite {
				c.err = MapErr(c.fn(tx))
			} else {
				c.err = tx.savepoint(ctx, c.fn)
			}
		}
		return nil
	})
	for _, c := range batch {
		if err != nil {
			c.err = err
		}
		close(c.done)
	}
}

// savepoint runs fn so that its error rolls back only what fn wrote.
func (tx *Tx) savepoint(ctx context.Context, fn func(tx *Tx) error) error {
	if _, err := tx.tx.ExecContext(ctx, "SAVEPOINT grp"); err != nil {
		return MapErr(fmt.Errorf("savepoint: %w", err))
	}
	if err := fn(tx); err != nil {
		if _, rerr := tx.tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT grp"); rerr != nil {
			return MapErr(fmt.Errorf("rollback to savepoint: %w (after %v)", rerr, err))
		}
		_, _ = tx.tx.ExecContext(ctx, "RELEASE SAVEPOINT grp")
		return MapErr(err)
	}
	_, err := tx.tx.ExecContext(ctx, "RELEASE SAVEPOINT grp")
	return MapErr(err)
}
