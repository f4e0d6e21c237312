package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The store dashboard computes over a store's whole history, and reading a
// million order lines from the database and folding them (kpi.Prepare)
// took seconds per page view, while computing over folded orders takes a
// fraction of one. So the prepared dataset of the last few stores viewed
// is kept here, built on first use and rebuilt when the store's import
// stamp changes. The stamp is read on every view (one indexed query), so
// an import finished by this process or by another app node on the same
// database is seen by the next view; an import still running is not, and
// the dashboard keeps showing the data from before it until it finishes.
//
// Memory: an entry holds every order line as read (a kpi.OrderLine of
// about 300 bytes plus its strings) and the folded orders; `shopdojo
// bench import` measured 522 MB of live heap per million lines (and a
// first view of 9.9 s, repeated views of 0.2 s), which is why only
// kpiCacheStores entries are kept, the least recently used evicted first.

// kpiCacheStores is how many stores' prepared datasets are kept.
const kpiCacheStores = 3

// kpiStampImports is how many of a store's latest imports the stamp covers:
// an import that finishes after this many newer ones were started is
// missed until one more import finishes, which no store does in practice.
const kpiStampImports = 16

// kpiCache is the per-store cache of prepared datasets. Its zero value is
// ready to use.
type kpiCache struct {
	mu      sync.Mutex
	entries map[string]*kpiEntry
	builds  map[string]*sync.Mutex // per store: one build at a time
	tick    uint64
}

// kpiEntry is one store's prepared dataset.
type kpiEntry struct {
	stamp string
	ds    kpi.Dataset
	last  time.Time // lastDataDay(ds), the default period's end
	used  uint64    // kpiCache.tick when last handed out
	// kpi.Prepared.Compute interns product keys as it goes, so two computes
	// over one Prepared must not run at once.
	mu   sync.Mutex
	prep *kpi.Prepared
}

// get returns the store's entry if it was built under stamp.
func (c *kpiCache) get(storeID, stamp string) *kpiEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[storeID]
	if e == nil || e.stamp != stamp {
		return nil
	}
	c.tick++
	e.used = c.tick
	return e
}

// put keeps e for the store, evicting the least recently used entry when
// the cache is full.
func (c *kpiCache) put(storeID string, e *kpiEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*kpiEntry{}
	}
	delete(c.entries, storeID)
	for len(c.entries) >= kpiCacheStores {
		oldest := ""
		for id, x := range c.entries {
			if oldest == "" || x.used < c.entries[oldest].used {
				oldest = id
			}
		}
		delete(c.entries, oldest)
	}
	c.tick++
	e.used = c.tick
	c.entries[storeID] = e
}

// buildLock is the store's build mutex, so that page views arriving
// together while the entry is missing build it once, not once each (a
// build of a million lines holds its size in memory).
func (c *kpiCache) buildLock(storeID string) *sync.Mutex {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.builds == nil {
		c.builds = map[string]*sync.Mutex{}
	}
	m := c.builds[storeID]
	if m == nil {
		m = &sync.Mutex{}
		c.builds[storeID] = m
	}
	return m
}

// kpiStamp identifies the state of a store's data: its latest finished
// imports (a failed import may have written some batches, so it counts
// too). Running imports are left out.
func kpiStamp(ctx context.Context, q *store.Queries, storeID string) (string, error) {
	rows, err := q.ListKPIImports(ctx, sqlq.ListKPIImportsParams{StoreID: storeID, Limit: kpiStampImports})
	if err != nil {
		return "", fmt.Errorf("import stamp of %s: %w", storeID, err)
	}
	var b strings.Builder
	for _, r := range rows {
		if r.Status != ImportRunning {
			fmt.Fprintf(&b, "%s:%s:%d;", r.ID, r.Status, r.FinishedAt)
		}
	}
	return b.String(), nil
}

// preparedDataset is the store's prepared dataset under stamp: cached, or
// read and folded now. The stamp is read again before the rows, so rows
// newer than a stamp can be cached under it (and rebuilt next time), never
// rows older than it.
func (a *App) preparedDataset(ctx context.Context, storeID, stamp string) (*kpiEntry, error) {
	if e := a.kpis.get(storeID, stamp); e != nil {
		return e, nil
	}
	build := a.kpis.buildLock(storeID)
	build.Lock()
	defer build.Unlock()
	if e := a.kpis.get(storeID, stamp); e != nil {
		return e, nil // built by the view we waited for
	}
	e := &kpiEntry{}
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if e.stamp, err = kpiStamp(ctx, q, storeID); err != nil {
			return err
		}
		e.ds, err = a.storeDataset(ctx, q, storeID, time.Time{}, time.Time{})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("dashboard of %s: read: %w", storeID, err)
	}
	if e.prep, err = kpi.Prepare(e.ds); err != nil {
		return nil, fmt.Errorf("dashboard of %s: %w", storeID, err)
	}
	e.last = lastDataDay(e.ds)
	a.kpis.put(storeID, e)
	return e, nil
}
