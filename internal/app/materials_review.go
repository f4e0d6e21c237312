package app

import (
	"context"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
	"github.com/shopdojo/shopdojo/internal/textdiff"
)

// Comparison is two versions of a material side by side.
type Comparison struct {
	Material     shopdojo.Material
	Old, New     shopdojo.Version
	Rows         []textdiff.Row
	Stats        textdiff.Stats
	TitleChanged bool
}

// CompareVersions diffs version oldNo against newNo (editors only).
func (a *App) CompareVersions(ctx context.Context, ac Actor, id string, oldNo, newNo int64) (Comparison, error) {
	var c Comparison
	err := a.store.Read(ctx, func(q *store.Queries) error {
		m, k, err := a.loadMaterial(ctx, q, ac, id)
		if err != nil {
			return err
		}
		if err := ac.require(k.edit); err != nil {
			return err
		}
		c.Material = toMaterial(m)
		ov, err := q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: id, No: oldNo})
		if err != nil {
			return err
		}
		nv, err := q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: id, No: newNo})
		c.Old, c.New = toVersion(ov), toVersion(nv)
		return err
	})
	if err != nil {
		return c, err
	}
	rows, stats := textdiff.Compare(c.Old.Body, c.New.Body)
	c.Rows, c.Stats = textdiff.Collapse(rows, 3), stats
	c.TitleChanged = c.Old.Title != c.New.Title
	return c, nil
}

// ReviewItem is a version waiting for review.
type ReviewItem struct {
	Version   shopdojo.Version
	Kind      string
	SubjectID string
}

// ReviewQueue lists the versions waiting for a reviewer, oldest first,
// limited to kinds the actor may review.
func (a *App) ReviewQueue(ctx context.Context, ac Actor) ([]ReviewItem, error) {
	if err := ac.require(shopdojo.PermContentReview); err != nil {
		return nil, err
	}
	var rows []sqlq.ListVersionsInReviewRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListVersionsInReview(ctx); return }); err != nil {
		return nil, err
	}
	var out []ReviewItem
	for _, r := range rows {
		if k, err := kindOf(r.Kind); err != nil || !ac.Can(k.review) {
			continue
		}
		out = append(out, ReviewItem{Kind: r.Kind, SubjectID: r.SubjectID, Version: toVersion(sqlq.MaterialVersion{
			MaterialID: r.MaterialID, No: r.No, Title: r.Title, Note: r.Note, Major: r.Major,
			Status: string(shopdojo.VersionReview), AuthorID: r.AuthorID, AuthorName: r.AuthorName, CreatedAt: r.CreatedAt})})
	}
	return out, nil
}

// ReviewCount is the number of versions waiting for review, for the
// navigation badge on every page; 0 for those who do not review.
func (a *App) ReviewCount(ctx context.Context, ac Actor) int64 {
	if !ac.Can(shopdojo.PermContentReview) {
		return 0
	}
	now, gen := a.now(), a.store.Gen()
	if n, ok := a.counts.get("reviews", gen, now); ok {
		return n
	}
	var n int64
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { n, err = q.CountVersionsInReview(ctx); return })
	if err == nil {
		a.counts.put("reviews", n, gen, now)
	}
	return n
}
