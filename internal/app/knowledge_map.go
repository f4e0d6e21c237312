package app

import (
	"context"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
)

// KnowledgeMap is the published curriculum as a graph, with where the
// viewer stands on it.
type KnowledgeMap struct {
	Graph curriculum.Graph
	Paths []PathBrief
	Mine  map[string]bool // paths assigned to the viewer
	// Default is the path the map opens filtered by: the viewer's first
	// assigned path that is not onboarding, or "" for everything.
	Default string
	State   map[string]string // course or SOP id → done or started, for the viewer
}

// CurriculumMap returns the knowledge map for a signed-in person.
func (a *App) CurriculumMap(ctx context.Context, ac Actor) (KnowledgeMap, error) {
	km := KnowledgeMap{Mine: map[string]bool{}, State: map[string]string{}}
	if ac.PersonID == "" {
		return km, shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return km, err
	}
	err = a.store.Read(ctx, func(q *store.Queries) error {
		pr, assigned, err := a.learnerState(ctx, q, ac.PersonID)
		for _, as := range assigned {
			km.Mine[as.PathID] = true
		}
		km.State = mapStates(sp.idx, pr)
		return err
	})
	km.Graph = curriculum.NewGraph(sp.idx.Pack)
	for _, pa := range sp.idx.Pack.Paths {
		km.Paths = append(km.Paths, PathBrief{ID: pa.ID, Title: pa.Title, TitleEN: pa.TitleEN, Onboarding: pa.Onboarding})
		if km.Default == "" && km.Mine[pa.ID] && !pa.Onboarding {
			km.Default = pa.ID
		}
	}
	return km, err
}

// mapStates is the viewer's state of each course and SOP.
func mapStates(x *curriculum.Index, pr progressOf) map[string]string {
	out := map[string]string{}
	for _, m := range x.Pack.Modules {
		for _, c := range m.Courses {
			iv := itemView(x, curriculum.PathItem{Ref: c.ID}, pr)
			if iv.State == StateDone || iv.State == StateStarted {
				out[c.ID] = iv.State
			}
		}
		for _, s := range m.SOPs {
			iv := itemView(x, curriculum.PathItem{Ref: s.ID}, pr)
			if iv.State == StateDone || iv.State == StateStarted {
				out[s.ID] = iv.State
			}
		}
	}
	return out
}

// CompetencyView is a competency of the catalogue with the modules that
// build it.
type CompetencyView struct {
	curriculum.Competency
	Modules []ModuleBrief
}

// Competencies lists the competency catalogue (L1–L4 descriptors) in pack
// order, each with the modules that build it.
func (a *App) Competencies(ctx context.Context, ac Actor) ([]CompetencyView, error) {
	if ac.PersonID == "" {
		return nil, shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	p := sp.idx.Pack
	out := make([]CompetencyView, len(p.Competencies))
	at := map[string]int{}
	for i, c := range p.Competencies {
		out[i], at[c.ID] = CompetencyView{Competency: c}, i
	}
	for _, m := range p.Modules {
		for _, id := range m.Competencies {
			if i, ok := at[id]; ok {
				out[i].Modules = append(out[i].Modules, ModuleBrief{ID: m.ID, Kind: m.Kind, Level: m.Level, Title: m.Title, TitleEN: m.TitleEN})
			}
		}
	}
	return out, nil
}
