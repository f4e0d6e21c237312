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

// LogSearch records a search the actor made and how many results it had.
// Searches without a person (command line as administrator) are not kept.
func (a *App) LogSearch(ctx context.Context, ac Actor, query string, results int) error {
	return a.logSearchAt(ctx, ac, query, results, a.nowMs())
}

func (a *App) logSearchAt(ctx context.Context, ac Actor, query string, results int, now int64) error {
	query = strings.TrimSpace(query)
	if ac.PersonID == "" || query == "" {
		return nil
	}
	norm := strings.Join(strings.Fields(search.Normalize(query)), " ")
	return a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		last, err := tx.LastSearchQuery(ctx, nullStr(ac.PersonID))
		if err == nil && now-last.At < typingWindow.Milliseconds() &&
			(strings.HasPrefix(norm, last.Norm) || strings.HasPrefix(last.Norm, norm)) {
			return tx.UpdateSearchQuery(ctx, sqlq.UpdateSearchQueryParams{ID: last.ID, Query: query, Norm: norm,
				Results: int64(results), At: now})
		}
		if err != nil && shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound {
			return err
		}
		return tx.LogSearchQuery(ctx, sqlq.LogSearchQueryParams{ID: newID(), PersonID: nullStr(ac.PersonID),
			Query: query, Norm: norm, Results: int64(results), At: now})
	})
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
