package app

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// defaultSearchWait is how long a search arriving while the dictionary
// loads waits before it is answered "search is starting".
const defaultSearchWait = 3 * time.Second

// searchState is the app's search: the segmenter (its dictionary loaded
// off the request path by LoadSearchDictionary), the synonym and
// principal memos, and the stamps of the sources last indexed.
type searchState struct {
	seg        *search.Segmenter
	wait       time.Duration
	synonyms   *memo[string, *search.Synonyms]
	principals *memo[string, []string]
	mu         sync.Mutex        // one reindex at a time
	stamps     map[string]string // source kind → stamp last indexed
	logs       chan searchLogEntry
	queued     atomic.Bool // RunSearchLog is writing the queue
}

func newSearchState(seg *search.Segmenter, wait time.Duration) *searchState {
	if seg == nil {
		seg = search.NewSegmenter()
	}
	if wait == 0 {
		wait = defaultSearchWait
	}
	return &searchState{seg: seg, wait: wait, synonyms: newMemo[string, *search.Synonyms](10*time.Second, 1),
		principals: newMemo[string, []string](10*time.Second, 10_000), stamps: map[string]string{},
		logs: make(chan searchLogEntry, 4096)}
}

// LoadSearchDictionary loads the segmenter's embedded dictionary; the
// server calls it once in a goroutine at start-up. Later calls return at
// once.
func (a *App) LoadSearchDictionary() error {
	first := !a.search.seg.IsReady()
	if err := a.search.seg.Load(); err != nil {
		return fmt.Errorf("load search dictionary: %w", err)
	}
	if !first {
		return nil
	}
	// Loading splits the 5 MB word list into lines and tokens; return that
	// garbage to the system now rather than carrying it as idle memory.
	runtime.GC()
	debug.FreeOSMemory()
	a.log.Info("search dictionary loaded", "took", a.search.seg.LoadTime().Round(time.Millisecond))
	return nil
}

// SearchReady reports whether the dictionary is loaded.
func (a *App) SearchReady() bool { return a.search.seg.IsReady() }

// SearchDictionaryLoadTime is how long loading the dictionary took.
func (a *App) SearchDictionaryLoadTime() time.Duration { return a.search.seg.LoadTime() }

// IndexDoc writes one document into the search index in tx, so a source
// indexes its change in the change's own transaction. Principals say who
// may open it ("everyone", "dept:<id>", "pos:<id>", "person:<id>",
// "role:<name>", "perm:<permission>", "group:<id>"); none means everyone.
// Before the dictionary is loaded it does nothing: the start-up reindex of
// every source (IndexSources) catches up.
func (a *App) IndexDoc(ctx context.Context, tx *store.Tx, d search.Doc) error {
	if !a.search.seg.IsReady() {
		return nil
	}
	if d.Kind == "" || d.RefID == "" {
		return shopdojo.E(shopdojo.KindInvalid, "search.error.doc")
	}
	if d.Audience == "" {
		d.Audience = search.AudienceEveryone
	}
	return a.store.Search().Upsert(ctx, tx, a.search.seg.Index(d))
}

// RemoveDoc deletes a document from the search index in tx.
func (a *App) RemoveDoc(ctx context.Context, tx *store.Tx, kind, refID string) error {
	return a.store.Search().Remove(ctx, tx, search.Doc{Kind: kind, RefID: refID}.ID())
}

// searchSource is one kind of indexed content: a cheap stamp that changes
// whenever any of its documents changes, and all its documents.
type searchSource struct {
	name  string
	kinds []string
	stamp func(ctx context.Context) (string, error)
	docs  func(ctx context.Context) ([]search.Doc, error)
}

// IndexSources indexes every source whose stamp changed since it was last
// indexed (all of them the first time), writing changed documents and
// removing vanished ones; it returns how many documents it wrote. The
// server runs it once the dictionary is ready and then every few seconds,
// so publishes and question edits (on any node) reach search within
// seconds without hooks in every write path.
//
// A source's stamp is stored with its documents, in the same transaction
// (settings key search.stamp.<source>), and includes the segmenter's
// fingerprint: a restart, or a second node, does not segment everything
// again, while a changed dictionary or tokenizer reindexes every source.
func (a *App) IndexSources(ctx context.Context) (int, error) {
	return a.indexSources(ctx, false)
}

func (a *App) indexSources(ctx context.Context, force bool) (int, error) {
	if !a.search.seg.IsReady() {
		return 0, nil
	}
	a.search.mu.Lock()
	defer a.search.mu.Unlock()
	// A failing source is reported but does not keep the others (which
	// come after it) out of the index.
	n := 0
	var errs []error
	for _, src := range a.searchSources() {
		stamp, err := src.stamp(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("search source %s: %w", src.name, err))
			continue
		}
		stamp = a.search.seg.Fingerprint() + "|" + stamp
		if !force && a.sourceIndexed(ctx, src.name, stamp) {
			continue
		}
		k, err := a.indexSource(ctx, src, stamp)
		n += k
		if err != nil {
			errs = append(errs, fmt.Errorf("index %s: %w", src.name, err))
			continue
		}
		a.search.stamps[src.name] = stamp
	}
	return n, errors.Join(errs...)
}

// sourceIndexed reports whether the index already holds the source at
// this stamp: in this process's memory, or stored by any process.
func (a *App) sourceIndexed(ctx context.Context, name, stamp string) bool {
	if a.search.stamps[name] == stamp {
		return true
	}
	var stored string
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		stored, err = q.GetSetting(ctx, searchStampKey(name))
		return err
	})
	if err != nil || stored != stamp {
		return false // not stored yet (or unreadable): index it
	}
	a.search.stamps[name] = stamp
	return true
}

func searchStampKey(source string) string { return "search.stamp." + source }

// indexSource writes a source's documents in batches, removes the
// documents of its kinds it no longer lists and stores the stamp they
// were indexed at.
func (a *App) indexSource(ctx context.Context, src searchSource, stamp string) (int, error) {
	docs, err := src.docs(ctx)
	if err != nil {
		return 0, err
	}
	keep := map[string]bool{}
	for _, d := range docs {
		keep[d.ID()] = true
	}
	ix := make([]search.Indexed, len(docs))
	for i, d := range docs {
		ix[i] = a.search.seg.Index(d)
	}
	return len(docs), a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		for _, d := range ix {
			if err := a.store.Search().Upsert(ctx, tx, d); err != nil {
				return err
			}
		}
		if err := a.pruneKinds(ctx, tx, src.kinds, keep); err != nil {
			return err
		}
		return tx.PutSetting(ctx, sqlq.PutSettingParams{Key: searchStampKey(src.name), Value: stamp})
	})
}

func (a *App) pruneKinds(ctx context.Context, tx *store.Tx, kinds []string, keep map[string]bool) error {
	for _, k := range kinds {
		refs, err := tx.ListSearchDocIDs(ctx, k)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			if id := (search.Doc{Kind: k, RefID: ref}).ID(); !keep[id] {
				if err := a.store.Search().Remove(ctx, tx, id); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// IndexDocs indexes many documents at once (bulk loads, the benchmark):
// workers segment a batch while one writer commits the previous batch in
// its own transaction. It waits for the dictionary.
func (a *App) IndexDocs(ctx context.Context, docs []search.Doc, workers int) error {
	if err := a.search.seg.Wait(ctx, time.Minute); err != nil {
		return err
	}
	workers = max(workers, 1)
	const batch = 1000
	batches := make(chan []search.Indexed, 1)
	errc := make(chan error, 1)
	go func() { errc <- a.writeBatches(ctx, batches) }()
	for from := 0; from < len(docs); from += batch {
		part := docs[from:min(len(docs), from+batch)]
		ix := make([]search.Indexed, len(part))
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(part); i += workers {
					ix[i] = a.search.seg.Index(part[i])
				}
			})
		}
		wg.Wait()
		select {
		case batches <- ix:
		case err := <-errc:
			return err
		}
	}
	close(batches)
	return <-errc
}

func (a *App) writeBatches(ctx context.Context, batches <-chan []search.Indexed) error {
	var err error
	for ix := range batches {
		if err != nil {
			continue // drain
		}
		err = a.store.TxQuiet(ctx, func(tx *store.Tx) error {
			for _, d := range ix {
				if err := a.store.Search().Upsert(ctx, tx, d); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return err
}

// EnsureSearchIndex indexes every source when the index is empty or force
// is set (the command line, which has no server keeping it current).
func (a *App) EnsureSearchIndex(ctx context.Context, force bool) (int, error) {
	if err := a.LoadSearchDictionary(); err != nil {
		return 0, err
	}
	var n int64
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { n, err = q.CountSearchDocs(ctx); return }); err != nil {
		return 0, err
	}
	if n > 0 && !force {
		return 0, nil
	}
	return a.indexSources(ctx, force)
}
