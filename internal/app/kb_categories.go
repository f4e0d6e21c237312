package app

import (
	"context"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// KBCategory is a node of the knowledge base's category tree.
type KBCategory struct {
	ID, ParentID, Name, NameEN string
	Sort                       int64
	Depth                      int // in Tree's order
}

// KBCategoryInput is a new category or an edit of one.
type KBCategoryInput struct {
	ParentID, Name, NameEN string
	Sort                   int64
}

func toCategories(rows []sqlq.KbCategory) []KBCategory {
	out := make([]KBCategory, 0, len(rows))
	for _, r := range rows {
		out = append(out, KBCategory{ID: r.ID, ParentID: r.ParentID, Name: r.Name, NameEN: r.NameEn, Sort: r.Sort})
	}
	return out
}

// KBCategories lists the tree depth first (parents before children, each
// level by sort), with Depth set.
func (a *App) KBCategories(ctx context.Context, ac Actor) ([]KBCategory, error) {
	if ac.PersonID == "" && !ac.System {
		return nil, shopdojo.ErrUnauth
	}
	var rows []sqlq.KbCategory
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListKBCategories(ctx); return })
	return tree(toCategories(rows)), err
}

func tree(cats []KBCategory) []KBCategory {
	var out []KBCategory
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, c := range cats {
			if c.ParentID == parent && depth < 10 {
				c.Depth = depth
				out = append(out, c)
				walk(c.ID, depth+1)
			}
		}
	}
	walk("", 0)
	return out
}

// subtreeIDs is id and every category below it.
func subtreeIDs(cats []KBCategory, id string) []string {
	out := []string{id}
	for i := 0; i < len(out); i++ {
		for _, c := range cats {
			if c.ParentID == out[i] {
				out = append(out, c.ID)
			}
		}
	}
	return out
}

// categoryPath is the path from the root to id.
func categoryPath(cats []KBCategory, id string) []KBCategory {
	var out []KBCategory
	for id != "" && len(out) < 10 {
		found := false
		for _, c := range cats {
			if c.ID == id {
				out = append([]KBCategory{c}, out...)
				id, found = c.ParentID, true
				break
			}
		}
		if !found {
			break
		}
	}
	return out
}

func (a *App) validCategory(ctx context.Context, q *store.Queries, id string, in *KBCategoryInput) error {
	in.Name, in.NameEN = strings.TrimSpace(in.Name), strings.TrimSpace(in.NameEN)
	var v shopdojo.Validation
	validName(&v, "name", in.Name, 60)
	v.Check(len([]rune(in.NameEN)) <= 60, "name_en", "error.too_long")
	if in.ParentID != "" {
		rows, err := q.ListKBCategories(ctx)
		if err != nil {
			return err
		}
		cats := toCategories(rows)
		v.Check(len(categoryPath(cats, in.ParentID)) > 0, "parent", "error.out_of_range")
		v.Check(id == "" || !contains(subtreeIDs(cats, id), in.ParentID), "parent", "kb.err_category_cycle")
	}
	return v.Err()
}

// CreateKBCategory adds a category (content editors).
func (a *App) CreateKBCategory(ctx context.Context, ac Actor, in KBCategoryInput) (string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", err
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := a.validCategory(ctx, tx.Queries, "", &in); err != nil {
			return err
		}
		if err := tx.InsertKBCategory(ctx, sqlq.InsertKBCategoryParams{ID: id, ParentID: in.ParentID, Name: in.Name,
			NameEn: in.NameEN, Sort: in.Sort, CreatedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "kb.category_create", ObjectType: "kb_category", ObjectID: id,
			ObjectName: in.Name, After: categoryMap(in)})
	})
	return id, err
}

func categoryMap(in KBCategoryInput) map[string]string {
	return map[string]string{"parent": in.ParentID, "name": in.Name, "name_en": in.NameEN, "sort": itoa(in.Sort)}
}

// UpdateKBCategory renames or moves a category.
func (a *App) UpdateKBCategory(ctx context.Context, ac Actor, id string, in KBCategoryInput) error {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetKBCategory(ctx, id)
		if err != nil {
			return err
		}
		if err := a.validCategory(ctx, tx.Queries, id, &in); err != nil {
			return err
		}
		if _, err := tx.UpdateKBCategory(ctx, sqlq.UpdateKBCategoryParams{ID: id, ParentID: in.ParentID, Name: in.Name,
			NameEn: in.NameEN, Sort: in.Sort}); err != nil {
			return err
		}
		before := categoryMap(KBCategoryInput{ParentID: old.ParentID, Name: old.Name, NameEN: old.NameEn, Sort: old.Sort})
		return a.record(ctx, tx, ac, change{Action: "kb.category_update", ObjectType: "kb_category", ObjectID: id,
			ObjectName: in.Name, Before: before, After: categoryMap(in)})
	})
}

// DeleteKBCategory removes an empty category (no sub-categories, no items).
func (a *App) DeleteKBCategory(ctx context.Context, ac Actor, id string) error {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetKBCategory(ctx, id)
		if err != nil {
			return err
		}
		n, err := tx.CountKBCategoryUse(ctx, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return shopdojo.E(shopdojo.KindConflict, "kb.err_category_in_use")
		}
		if err := tx.DeleteKBCategory(ctx, id); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "kb.category_delete", ObjectType: "kb_category", ObjectID: id,
			ObjectName: old.Name, Before: map[string]string{"name": old.Name}})
	})
}
