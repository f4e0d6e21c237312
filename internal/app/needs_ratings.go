package app

import (
	"context"
	"slices"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Raters of a competency rating.
const (
	RaterSelf    = "self"
	RaterManager = "manager"
)

// RatingsGrid is the manager's ratings page: the analysis' people by the
// competencies it looks at, with the levels set so far.
type RatingsGrid struct {
	Analysis     NeedsAnalysis
	People       []NeedsPerson
	Competencies []CompetencyInfo
	Manager      map[string]map[string]int // person → competency → level
	Self         map[string]map[string]int
}

// defaultCompetencies are looked at when no survey names any: the front
// line of a store's operations.
var defaultCompetencies = []string{"customer-service", "after-sales", "data-analysis", "product-listing", "promotion-execution"}

// analysisCompetencies are the competencies the analysis' surveys ask
// about, in first-asked order, or the default set.
func analysisCompetencies(ctx context.Context, q *store.Queries, analysisID string) ([]string, error) {
	rows, err := q.ListSurveys(ctx, analysisID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range rows {
		qs, err := decodeQuestions(r.Questions)
		if err != nil {
			return nil, err
		}
		for _, qu := range qs {
			for _, c := range qu.Competencies {
				if !slices.Contains(out, c) {
					out = append(out, c)
				}
			}
		}
	}
	if len(out) == 0 {
		return slices.Clone(defaultCompetencies), nil
	}
	return out, nil
}

// Ratings reads the ratings grid.
func (a *App) Ratings(ctx context.Context, ac Actor, storeID, analysisID string) (RatingsGrid, error) {
	infos, err := a.competencyInfos(ctx)
	if err != nil {
		return RatingsGrid{}, err
	}
	g := RatingsGrid{Manager: map[string]map[string]int{}, Self: map[string]map[string]int{}}
	err = a.store.Read(ctx, func(q *store.Queries) error {
		_, n, err := a.analysisFor(ctx, q, ac, storeID, analysisID, shopdojo.PermStoreDataRead)
		if err != nil {
			return err
		}
		g.Analysis = analysisOf(n)
		if g.People, err = analysisPeople(ctx, q, n); err != nil {
			return err
		}
		ids, err := analysisCompetencies(ctx, q, n.ID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if ci, ok := infos[id]; ok {
				g.Competencies = append(g.Competencies, ci)
			}
		}
		rows, err := q.ListCompetencyRatings(ctx, n.ID)
		for _, r := range rows {
			m := g.Self
			if r.Rater == RaterManager {
				m = g.Manager
			}
			if m[r.PersonID] == nil {
				m[r.PersonID] = map[string]int{}
			}
			m[r.PersonID][r.CompetencyID] = int(r.Level)
		}
		return err
	})
	return g, err
}

// SetManagerRatings stores the grid: levels 1–4 by person and competency;
// 0 clears a rating.
func (a *App) SetManagerRatings(ctx context.Context, ac Actor, storeID, analysisID string, levels map[string]map[string]int) (int, error) {
	set := 0
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		_, n, err := a.analysisFor(ctx, tx.Queries, ac, storeID, analysisID, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		people, err := analysisPeople(ctx, tx.Queries, n)
		if err != nil {
			return err
		}
		comps, err := analysisCompetencies(ctx, tx.Queries, n.ID)
		if err != nil {
			return err
		}
		for pid, byComp := range levels {
			if !slices.ContainsFunc(people, func(p NeedsPerson) bool { return p.ID == pid }) {
				return invalidField("ratings", "error.out_of_range")
			}
			for c, l := range byComp {
				if !slices.Contains(comps, c) || l < 0 || l > 4 {
					return invalidField("ratings", "error.out_of_range")
				}
				if err := a.setRating(ctx, tx, ac, n.ID, pid, c, l); err != nil {
					return err
				}
				set += boolInt(l > 0)
			}
		}
		return a.record(ctx, tx, ac, change{Action: "needs.ratings", ObjectType: "needs_analysis", ObjectID: n.ID,
			ObjectName: n.Title, After: map[string]string{"rated": strconv.Itoa(set)}})
	})
	return set, err
}

func (a *App) setRating(ctx context.Context, tx *store.Tx, ac Actor, analysisID, personID, comp string, level int) error {
	if level == 0 {
		return tx.DeleteCompetencyRating(ctx, sqlq.DeleteCompetencyRatingParams{AnalysisID: analysisID, PersonID: personID,
			CompetencyID: comp, Rater: RaterManager})
	}
	return tx.UpsertCompetencyRating(ctx, sqlq.UpsertCompetencyRatingParams{AnalysisID: analysisID, PersonID: personID,
		CompetencyID: comp, Rater: RaterManager, Level: int64(level), RatedBy: nullStr(ac.PersonID), RatedAt: a.nowMs()})
}
