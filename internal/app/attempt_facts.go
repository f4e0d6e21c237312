package app

import (
	"sync"

	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// attemptFacts are the parts of an attempt that never change once it has
// started: whose it is, how many items its paper has, whether it is
// practice. Answer saves need only these before the write, because the
// write itself (SaveAnswerIfOpen, or the locked check on PostgreSQL)
// re-checks the parts that do change (state, device, deadline) in the same
// transaction. Keeping them in memory spares each save a read transaction,
// which on SQLite's WAL also means re-reading the pages the last commit
// changed.
type attemptFacts struct {
	ID       string
	PersonID string
	Items    int64
	Practice bool
}

func factsOf(r sqlq.Attempt) attemptFacts {
	return attemptFacts{ID: r.ID, PersonID: r.PersonID, Items: r.Items, Practice: r.Practice}
}

// factCache holds attemptFacts by attempt id. Entries never go stale (the
// facts are immutable; a deleted attempt fails the write's own check), so
// there is no TTL; a full cache is emptied, which keeps memory bounded.
type factCache struct {
	mu  sync.Mutex
	max int
	m   map[string]attemptFacts
}

func newFactCache(max int) *factCache {
	return &factCache{max: max, m: make(map[string]attemptFacts)}
}

func (c *factCache) get(id string) (attemptFacts, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[id]
	return f, ok
}

func (c *factCache) put(f attemptFacts) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[f.ID] = f
}
