package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo/internal/markdown"
	"github.com/shopdojo/shopdojo/internal/search"
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
	Modules           []string // curriculum modules it is linked to
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
		Category: strings.Join(path, " / "), UpdatedAt: it.UpdatedAt, Archived: it.Status == "archived",
		Modules: it.Modules}
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

// kbSearchDoc is a knowledge item as a search document: both languages'
// titles and bodies, its category path and tags, its first linked module
// for the module filter, and who may read it.
func kbSearchDoc(d KBIndexDoc) search.Doc {
	doc := search.Doc{Kind: search.KindKB, RefID: d.ID, Title: d.Title,
		Body: d.TitleEN + "\n" + d.Category + "\n" + d.Text, Tags: append([]string{d.Kind}, d.Tags...),
		UpdatedAt: d.UpdatedAt, URL: d.URL, Audience: search.AudienceEveryone}
	if len(d.Modules) > 0 {
		doc.Module = d.Modules[0]
	}
	if !d.Everyone {
		doc.Audience, doc.Principals = search.AudienceACL, d.Principals
	}
	return doc
}

// kbSearchStamp changes whenever an item is added, edited or archived; a
// visibility change is indexed by kbChanged in its own transaction.
func (a *App) kbSearchStamp(ctx context.Context) (string, error) {
	var st sqlq.KBSearchStampRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { st, err = q.KBSearchStamp(ctx); return })
	return fmt.Sprint(st), err
}

// kbSearchDocs are every published item, for the start-up index and for
// changes made before the dictionary was loaded.
func (a *App) kbSearchDocs(ctx context.Context) ([]search.Doc, error) {
	var docs []search.Doc
	err := a.store.Read(ctx, func(q *store.Queries) error {
		ids, err := KBItemIDs(ctx, q)
		for _, id := range ids {
			d, err := KBIndexText(ctx, q, id)
			if err != nil {
				return err
			}
			if !d.Unknown && !d.Archived {
				docs = append(docs, kbSearchDoc(d))
			}
		}
		return err
	})
	return docs, err
}
