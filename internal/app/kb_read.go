package app

import (
	"context"
	"slices"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// KBView is an item's reading page: the item, its current text and files,
// the files of earlier versions, its rules and questions.
type KBView struct {
	Item      KBItem
	Doc       KBDoc
	VersionNo int64
	Files     []KBFile // the current version's, in order
	History   []KBFile // files of earlier versions no longer current (templates' old versions)
	Rules     []KBRule
	Questions []KBQuestion
	Category  []KBCategory // path from the root
	CanEdit   bool
	CanReview bool
}

// FileMap is the current files by id, for rendering the text's links.
func (v KBView) FileMap() map[string]LessonFile {
	m := map[string]LessonFile{}
	for _, f := range v.Files {
		m[f.ID] = f.LessonFile
	}
	return m
}

// GetKB reads an item for its reading page and counts the view.
func (a *App) GetKB(ctx context.Context, ac Actor, id string) (KBView, error) {
	var v KBView
	err := a.store.Read(ctx, func(q *store.Queries) error {
		it, err := loadKB(ctx, q, id)
		if err == nil && it.Status == "archived" {
			err = shopdojo.ErrNotFound
		}
		if err == nil {
			err = canReadKB(ctx, q, ac, it)
		}
		if err != nil {
			return err
		}
		return a.fillKBView(ctx, q, ac, it, &v)
	})
	if err == nil && ac.PersonID != "" {
		_ = a.store.TxQuiet(ctx, func(tx *store.Tx) error { return tx.CountKBItemView(ctx, id) })
	}
	return v, err
}

func (a *App) fillKBView(ctx context.Context, q *store.Queries, ac Actor, it KBItem, v *KBView) error {
	it.Due = a.kbDue(it)
	v.Item, v.CanEdit, v.CanReview = it, ac.Can(shopdojo.PermContentEdit), mayReview(ac, it)
	m, err := q.GetMaterial(ctx, it.MaterialID)
	if err != nil {
		return err
	}
	ver, err := q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: m.ID, No: m.PublishedNo})
	if err != nil {
		return err
	}
	v.VersionNo, v.Doc = ver.No, ParseKBDoc(ver.Body)
	files, err := kbFiles(ctx, q, it.ID)
	if err != nil {
		return err
	}
	v.Files, v.History = splitFiles(files, ver.No)
	rules, err := q.ListKBRules(ctx, it.ID)
	for _, r := range rules {
		v.Rules = append(v.Rules, KBRule{Platform: r.Platform, Name: r.Name, URL: r.Url})
	}
	if err != nil {
		return err
	}
	if v.Questions, err = questionsFor(ctx, q, "kb", it.ID); err != nil {
		return err
	}
	cats, err := q.ListKBCategories(ctx)
	v.Category = categoryPath(toCategories(cats), it.CategoryID)
	return err
}

// splitFiles: the files of version no, and each file of earlier versions
// that no has not, once, with the newest version that held it.
func splitFiles(files []KBFile, no int64) (cur, history []KBFile) {
	seen := map[string]bool{}
	for _, f := range files {
		if f.VersionNo == no {
			cur = append(cur, f)
			seen[f.ID] = true
		}
	}
	for _, f := range files {
		if f.VersionNo < no && !seen[f.ID] && !f.Image() {
			history = append(history, f)
			seen[f.ID] = true
		}
	}
	return cur, history
}

func (a *App) kbDue(it KBItem) bool { return it.NextReviewOn != "" && it.NextReviewOn <= a.Today() }

// KBFilter narrows the knowledge list; zero values match everything.
type KBFilter struct {
	Kind, Category, Tag, Module string
	Due                         bool
	Offset, Limit               int
}

// KBList is one page of items the actor may read, with the tags in use.
type KBList struct {
	Items []KBItem
	Total int
	Tags  []string
}

// ListKB lists the items the actor may read, newest first. A category
// matches its sub-categories too.
func (a *App) ListKB(ctx context.Context, ac Actor, f KBFilter) (KBList, error) {
	var out KBList
	if ac.PersonID == "" && !ac.System {
		return out, shopdojo.ErrUnauth
	}
	items, err := a.readableKB(ctx, ac)
	if err != nil {
		return out, err
	}
	var cats []KBCategory
	if f.Category != "" {
		if cats, err = a.KBCategories(ctx, ac); err != nil {
			return out, err
		}
	}
	under := subtreeIDs(cats, f.Category)
	for _, it := range items {
		for _, t := range it.Tags {
			if !slices.Contains(out.Tags, t) {
				out.Tags = append(out.Tags, t)
			}
		}
		if f.matches(it, under) {
			out.Items = append(out.Items, it)
		}
	}
	slices.Sort(out.Tags)
	out.Total = len(out.Items)
	out.Items = page(out.Items, f.Offset, f.Limit)
	return out, nil
}

func (f KBFilter) matches(it KBItem, under []string) bool {
	return (f.Kind == "" || it.Kind == f.Kind) && (f.Category == "" || slices.Contains(under, it.CategoryID)) &&
		(f.Tag == "" || slices.Contains(it.Tags, f.Tag)) && (f.Module == "" || slices.Contains(it.Modules, f.Module)) &&
		(!f.Due || it.Due)
}

func page[T any](xs []T, offset, limit int) []T {
	if limit <= 0 {
		limit = 20
	}
	if offset < 0 || offset >= len(xs) {
		return nil
	}
	return xs[offset:min(len(xs), offset+limit)]
}

// readableKB reads every live item with its audience, tags and links and
// keeps those the actor may read.
func (a *App) readableKB(ctx context.Context, ac Actor) ([]KBItem, error) {
	var out []KBItem
	err := a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListKBItems(ctx)
		if err != nil {
			return err
		}
		items, err := a.kbItems(ctx, q, rows)
		if err != nil {
			return err
		}
		w, err := viewerOf(ctx, q, ac)
		for _, it := range items {
			if w.reads(*it) {
				out = append(out, *it)
			}
		}
		return err
	})
	return out, err
}

func (a *App) kbItems(ctx context.Context, q *store.Queries, rows []sqlq.ListKBItemsRow) ([]*KBItem, error) {
	items := make([]*KBItem, 0, len(rows))
	byID := map[string]*KBItem{}
	for _, r := range rows {
		it := kbItemOf(sqlq.KbItem{ID: r.ID, Kind: r.Kind, CategoryID: r.CategoryID, MaterialID: r.MaterialID,
			Title: r.Title, TitleEn: r.TitleEn, OwnerID: r.OwnerID, Visibility: r.Visibility, ReviewDays: r.ReviewDays,
			ReviewedOn: r.ReviewedOn, NextReviewOn: r.NextReviewOn, VideoUrl: r.VideoUrl, Status: r.Status,
			Views: r.Views, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}, r.OwnerName)
		it.Due = a.kbDue(it)
		items = append(items, &it)
		byID[it.ID] = &it
	}
	aud, err := q.ListAllKBAudience(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range aud {
		if it := byID[x.ItemID]; it != nil {
			it.Audience = append(it.Audience, KBRef{Kind: x.Kind, ID: x.RefID})
		}
	}
	return items, kbExtras(ctx, q, byID)
}

// KBForEdit reads an item with its current text for the editor.
func (a *App) KBForEdit(ctx context.Context, ac Actor, id string) (KBView, error) {
	var v KBView
	err := a.store.Read(ctx, func(q *store.Queries) error {
		it, err := loadKB(ctx, q, id)
		if err == nil {
			err = canEditKB(ctx, q, ac, it)
		}
		if err != nil {
			return err
		}
		return a.fillKBView(ctx, q, ac, it, &v)
	})
	return v, err
}
