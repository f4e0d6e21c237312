package app

import (
	"context"
	"slices"
)

// Knowledge items join the curriculum's graph through the modules and SOPs
// they name, so the knowledge map and the knowledge base's module filter
// browse by topic.

// KBTopic is a curriculum module or SOP an item may be filed under.
type KBTopic struct {
	ID, Kind, Title, TitleEN string
	Module                   string // an SOP's module
}

// KBTopics lists the published curriculum's modules and SOPs, in pack order.
func (a *App) KBTopics(ctx context.Context) ([]KBTopic, error) {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	var out []KBTopic
	for _, m := range sp.idx.Pack.Modules {
		out = append(out, KBTopic{ID: m.ID, Kind: "module", Title: m.Title, TitleEN: m.TitleEN})
		for _, s := range m.SOPs {
			out = append(out, KBTopic{ID: s.ID, Kind: "sop", Title: s.Title, TitleEN: s.TitleEN, Module: m.ID})
		}
	}
	return out, nil
}

// KBByTopic is the items the actor may read, by module or SOP id.
func (a *App) KBByTopic(ctx context.Context, ac Actor) (map[string][]KBItem, error) {
	items, err := a.readableKB(ctx, ac)
	out := map[string][]KBItem{}
	for _, it := range items {
		for _, ref := range slices.Concat(it.Modules, it.SOPs) {
			out[ref] = append(out[ref], it)
		}
	}
	return out, err
}
