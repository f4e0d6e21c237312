package app

import (
	"context"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo/internal/markdown"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// KBIndexDoc is a knowledge item as plain text, for a search index. Text
// holds both languages' bodies without Markdown; Everyone and Principals
// are the item's SearchPrincipals. Archived items have Archived set and
// should be dropped from the index.
type KBIndexDoc struct {
	ID, Kind, URL     string
	Title, TitleEN    string
	Text              string
	Tags              []string
	Category          string // the path, "店铺运营 / 大促"
	UpdatedAt         time.Time
	Everyone          bool
	Principals        []string
	Archived, Unknown bool
}

// KBIndexText returns the plain-text representation of an item for
// indexing; call it inside kbChanged's transaction with tx.Queries, or
// from a reindex with any Queries. A missing item gives Unknown.
func KBIndexText(ctx context.Context, q *store.Queries, id string) (KBIndexDoc, error) {
	it, err := loadKB(ctx, q, id)
	if err != nil {
		return KBIndexDoc{ID: id, Unknown: true}, nil //nolint:nilerr // gone: drop it from the index
	}
	m, err := q.GetMaterial(ctx, it.MaterialID)
	if err != nil {
		return KBIndexDoc{}, err
	}
	v, err := q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: m.ID, No: m.PublishedNo})
	if err != nil {
		return KBIndexDoc{}, err
	}
	cats, err := q.ListKBCategories(ctx)
	if err != nil {
		return KBIndexDoc{}, err
	}
	var path []string
	for _, c := range categoryPath(toCategories(cats), it.CategoryID) {
		path = append(path, c.Name)
	}
	d := ParseKBDoc(v.Body)
	md := markdown.New()
	doc := KBIndexDoc{ID: it.ID, Kind: it.Kind, URL: it.URL(), Title: it.Title, TitleEN: it.TitleEN,
		Text: strings.TrimSpace(md.Text(d.Body, 0) + "\n" + md.Text(d.BodyEN, 0)), Tags: it.Tags,
		Category: strings.Join(path, " / "), UpdatedAt: it.UpdatedAt, Archived: it.Status == "archived"}
	doc.Everyone, doc.Principals = it.SearchPrincipals()
	return doc, nil
}

// KBItemIDs lists every live item's id, for a full reindex.
func KBItemIDs(ctx context.Context, q *store.Queries) ([]string, error) {
	rows, err := q.ListKBItems(ctx)
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids, err
}
