package app

import (
	"context"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/search"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Closing the loop: searches are logged (one row per search, not per
// keystroke), and knowledge owners see the queries that found nothing and
// those a question followed.

const (
	// typingWindow: a search that extends (or trims) the person's previous
	// one within this time is the same search still being typed.
	typingWindow = 15 * time.Second
	// askWindow: a question asked this long after a search counts as
	// "searched, then asked".
	askWindow = 30 * time.Minute
	// insightDays is how far back the owner lists look.
	insightDays = 90
)

// searchLogEntry is one search waiting to be written.
type searchLogEntry struct {
	personID, query string
	results         int
	at              int64
}

// LogSearch records a search the actor made and how many results it had.
// Searches without a person (command line as administrator) are not kept.
// While RunSearchLog runs (the server), the entry is queued and written
// with others once a second, so a search never waits for a commit.
func (a *App) LogSearch(ctx context.Context, ac Actor, query string, results int) error {
	return a.logSearchAt(ctx, ac, query, results, a.nowMs())
}

func (a *App) logSearchAt(ctx context.Context, ac Actor, query string, results int, now int64) error {
	e := searchLogEntry{personID: ac.PersonID, query: strings.TrimSpace(query), results: results, at: now}
	if e.personID == "" || e.query == "" {
		return nil
	}
	if a.search.queued.Load() {
		select {
		case a.search.logs <- e:
		default: // a full queue drops the entry rather than slow searches down
		}
		return nil
	}
	return a.store.TxQuiet(ctx, func(tx *store.Tx) error { return a.writeSearchLog(ctx, tx, e) })
}

// RunSearchLog writes queued searches once a second until ctx ends.
func (a *App) RunSearchLog(ctx context.Context) {
	a.search.queued.Store(true)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			a.search.queued.Store(false)
			a.flushSearchLog(context.WithoutCancel(ctx))
			return
		case <-t.C:
			a.flushSearchLog(ctx)
		}
	}
}

func (a *App) flushSearchLog(ctx context.Context) {
	var batch []searchLogEntry
	for len(batch) < cap(a.search.logs) {
		select {
		case e := <-a.search.logs:
			batch = append(batch, e)
			continue
		default:
		}
		break
	}
	if len(batch) == 0 {
		return
	}
	err := a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		for _, e := range batch {
			if err := a.writeSearchLog(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		a.log.Warn("search log", "err", err, "lost", len(batch))
	}
}

// writeSearchLog writes one search; one that extends (or trims) the
// person's previous search within the typing window updates that row.
func (a *App) writeSearchLog(ctx context.Context, tx *store.Tx, e searchLogEntry) error {
	norm := strings.Join(strings.Fields(search.Normalize(e.query)), " ")
	last, err := tx.LastSearchQuery(ctx, nullStr(e.personID))
	if err == nil && e.at-last.At < typingWindow.Milliseconds() && e.at >= last.At &&
		(strings.HasPrefix(norm, last.Norm) || strings.HasPrefix(last.Norm, norm)) {
		return tx.UpdateSearchQuery(ctx, sqlq.UpdateSearchQueryParams{ID: last.ID, Query: e.query, Norm: norm,
			Results: int64(e.results), At: e.at})
	}
	if err != nil && shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound {
		return err
	}
	return tx.LogSearchQuery(ctx, sqlq.LogSearchQueryParams{ID: newID(), PersonID: nullStr(e.personID),
		Query: e.query, Norm: norm, Results: int64(e.results), At: e.at})
}

// NoteQuestionAfterSearch marks the person's searches of the last 30
// minutes as followed by a question. The question side (learner questions
// on knowledge items and lessons) calls it in the transaction that saves
// the question.
func (a *App) NoteQuestionAfterSearch(ctx context.Context, tx *store.Tx, personID string, at time.Time) error {
	_, err := tx.MarkSearchAsked(ctx, sqlq.MarkSearchAskedParams{PersonID: nullStr(personID), AskedAt: at.UnixMilli(),
		At: at.Add(-askWindow).UnixMilli()})
	return err
}

// QueryInsight is a query as the owner lists show it.
type QueryInsight struct {
	Query         string
	Times, People int64
	LastAt        time.Time
	FewestResults int64
}

// SearchInsights are the owner lists: queries that found nothing, and
// queries a question followed, over the last 90 days, most frequent first.
type SearchInsights struct {
	ZeroResults []QueryInsight
	AskedAfter  []QueryInsight
}

// SearchInsights returns the owner lists for content owners.
func (a *App) SearchInsights(ctx context.Context, ac Actor) (SearchInsights, error) {
	var out SearchInsights
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return out, err
	}
	since := a.now().AddDate(0, 0, -insightDays).UnixMilli()
	err := a.store.Read(ctx, func(q *store.Queries) error {
		zero, err := q.ZeroResultQueries(ctx, sqlq.ZeroResultQueriesParams{At: since, Limit: 100})
		if err != nil {
			return err
		}
		for _, r := range zero {
			out.ZeroResults = append(out.ZeroResults, QueryInsight{Query: r.Norm, Times: r.Times, People: r.People,
				LastAt: fromMs(r.LastAt)})
		}
		asked, err := q.AskedAfterSearchQueries(ctx, sqlq.AskedAfterSearchQueriesParams{At: since, Limit: 100})
		for _, r := range asked {
			out.AskedAfter = append(out.AskedAfter, QueryInsight{Query: r.Norm, Times: r.Times, People: r.People,
				LastAt: fromMs(r.LastAt), FewestResults: r.FewestResults})
		}
		return err
	})
	return out, err
}
