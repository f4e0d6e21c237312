package app

import (
	"context"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Periodic review keeps items current: an item is due when its next review
// day (company time zone) has come; its owner gets it on the review list
// and a badge, readers see it marked, and marking it reviewed moves the
// next review day by the item's interval from today.

// KBReviews lists the items due for review that the actor may review:
// their own, or every readable one for content reviewers.
func (a *App) KBReviews(ctx context.Context, ac Actor) ([]KBItem, error) {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return nil, err
	}
	var out []KBItem
	err := a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListKBDue(ctx, a.Today())
		if err != nil {
			return err
		}
		list := make([]sqlq.ListKBItemsRow, 0, len(rows))
		for _, r := range rows {
			list = append(list, sqlq.ListKBItemsRow(r))
		}
		items, err := a.kbItems(ctx, q, list)
		if err != nil {
			return err
		}
		w, err := viewerOf(ctx, q, ac)
		for _, it := range items {
			if w.reads(*it) && mayReview(ac, *it) {
				out = append(out, *it)
			}
		}
		return err
	})
	return out, err
}

// KBDueCount is the number of the actor's own items due for review, for
// the navigation badge; it is one indexed count (kb_items_owner_due),
// memoized like the other badges.
func (a *App) KBDueCount(ctx context.Context, ac Actor) int64 {
	if ac.PersonID == "" {
		return 0
	}
	now, gen, key := a.now(), a.store.Gen(), "kbdue:"+ac.PersonID
	if n, ok := a.counts.get(key, gen, now); ok {
		return n
	}
	var n int64
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		n, err = q.CountKBDueForOwner(ctx, sqlq.CountKBDueForOwnerParams{OwnerID: ac.PersonID, NextReviewOn: a.Today()})
		return err
	})
	if err == nil {
		a.counts.put(key, n, gen, now)
	}
	return n
}

// MarkKBReviewed records that the item was checked and is still right.
func (a *App) MarkKBReviewed(ctx context.Context, ac Actor, id string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		it, err := loadKB(ctx, tx.Queries, id)
		if err != nil {
			return err
		}
		if err := canReadKB(ctx, tx.Queries, ac, it); err != nil {
			return err
		}
		if !mayReview(ac, it) {
			return shopdojo.E(shopdojo.KindForbidden, "error.forbidden")
		}
		today := a.Today()
		next := addDays(today, it.ReviewDays)
		if err := tx.SetKBItemReviewed(ctx, sqlq.SetKBItemReviewedParams{ID: id, ReviewedOn: today, NextReviewOn: next}); err != nil {
			return err
		}
		if err := a.record(ctx, tx, ac, change{Action: "kb.reviewed", ObjectType: "kb_item", ObjectID: id,
			ObjectName: it.Title, Before: map[string]string{"reviewed_on": it.ReviewedOn, "next_review_on": it.NextReviewOn},
			After: map[string]string{"reviewed_on": today, "next_review_on": next}}); err != nil {
			return err
		}
		return a.kbChanged(ctx, tx, id)
	})
}

// KBBadge is the knowledge base's navigation badge for content editors:
// their items due for review plus the open questions they may answer.
// Others get 0 without a query, so learners' pages pay nothing.
func (a *App) KBBadge(ctx context.Context, ac Actor) int64 {
	if !ac.Can(shopdojo.PermContentEdit) || ac.PersonID == "" {
		return 0
	}
	return a.KBDueCount(ctx, ac) + a.OpenQuestionCount(ctx, ac)
}
