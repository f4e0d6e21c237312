package kpi

import "slices"

// PlanItem is one recommended piece of training: what to study for one
// gap and who should.
type PlanItem struct {
	Priority     int // 1 first, from the gap's impact rank
	Metric       string
	Store        string
	Impact       int64
	ImpactKnown  bool
	Modules      []string
	Competencies []string
	Positions    []string
}

// TrainingPlan is the recommended plan the manager accepts or edits; the
// app turns accepted items into assignments.
type TrainingPlan struct {
	Items []PlanItem
	// Modules and Positions are the distinct modules and positions in
	// priority order of their first item.
	Modules   []string
	Positions []string
}

// Plan turns ranked gaps into a training plan through the rule table;
// gaps no rule matches are left out (the manager sees them in Gaps).
func Plan(gaps []Gap, rules Rules) TrainingPlan {
	sorted := slices.Clone(gaps)
	slices.SortStableFunc(sorted, func(a, b Gap) int { return a.Rank - b.Rank })
	var p TrainingPlan
	for _, g := range sorted {
		r, ok := rules.Match(g.Metric, g.Shortfall)
		if !ok {
			continue
		}
		p.Items = append(p.Items, PlanItem{Priority: len(p.Items) + 1, Metric: g.Metric, Store: g.Store,
			Impact: g.Impact, ImpactKnown: g.ImpactKnown, Modules: slices.Clone(r.Modules),
			Competencies: slices.Clone(r.Competencies), Positions: slices.Clone(r.Positions)})
		p.Modules = appendNew(p.Modules, r.Modules...)
		p.Positions = appendNew(p.Positions, r.Positions...)
	}
	return p
}

func appendNew(list []string, items ...string) []string {
	for _, s := range items {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}
