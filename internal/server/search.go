package server

import (
	"context"
	"runtime/debug"
	"time"

	"github.com/shopdojo/shopdojo/internal/app"
)

// searchJobs loads the search dictionary off the request path (searches
// arriving meanwhile wait briefly, then are told search is starting),
// seeds the starter synonyms once, indexes every source and then checks
// the sources' stamps every five seconds, so publishes and question edits
// on any node reach search within seconds.
func (srv *Server) searchJobs(ctx context.Context) {
	if err := srv.App.LoadSearchDictionary(); err != nil {
		srv.log.Error("search disabled", "err", err)
		return
	}
	if n, err := srv.App.SeedSynonyms(ctx, app.SystemActor("search")); err != nil && ctx.Err() == nil {
		srv.log.Warn("seed synonyms", "err", err)
	} else if n > 0 {
		srv.log.Info("seeded search synonyms", "groups", n)
	}
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for first := true; ; first = false {
		start := time.Now()
		if n, err := srv.App.IndexSources(ctx); err != nil && ctx.Err() == nil {
			srv.log.Warn("search index", "err", err)
		} else if n > 0 {
			srv.log.Info("search indexed", "docs", n, "took", time.Since(start).Round(time.Millisecond))
		}
		if first {
			debug.FreeOSMemory() // the start-up reindex's garbage: idle memory is what stays
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
