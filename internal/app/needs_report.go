package app

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// MinAnonymous is how many answers an anonymous survey needs before its
// results are shown: with fewer, the answers would point at people.
const MinAnonymous = 3

// ExpectedLevel is the level a competency is measured against: L3 熟练,
// where a specialist works unaided and coaches others.
const ExpectedLevel = 3

// NeedsReport is one analysis combined: the store's KPI gaps and plan,
// the surveys' results, self against manager ratings, the notes, and the
// ranked training needs.
type NeedsReport struct {
	Analysis     NeedsAnalysis
	Dashboard    StoreDashboard
	Surveys      []SurveyResult
	Competencies []CompetencyResult
	BlindSpots   []BlindSpot
	Notes        []NeedsNote
	People       []NeedsPerson
	Needs        []TrainingNeed
}

// SurveyResult is a survey with its aggregated answers; Hidden when it
// is anonymous and has fewer than MinAnonymous answers.
type SurveyResult struct {
	Survey    Survey
	Responses int
	Hidden    bool
	Questions []QuestionResult
}

// QuestionResult aggregates one question: N answered; for Likert the mean
// and the count per point (Counts[0] = 1 …); for choices the count per
// option; open texts as written; for competencies, see CompetencyResult.
type QuestionResult struct {
	Question SurveyQuestion
	N        int
	Mean     float64
	Counts   []int
	Texts    []string
}

// CompetencyResult compares self and manager ratings of a competency.
type CompetencyResult struct {
	Info              CompetencyInfo
	SelfMean, MgrMean float64
	SelfN, MgrN       int
	Reference         float64 // the manager mean, else the self mean
	Gap               float64 // ExpectedLevel − Reference, at least 0
	BlindSpot         bool    // self ≥ manager + 1 on average
}

// BlindSpot is a person who rates themself a level or more above their
// manager's rating.
type BlindSpot struct {
	Person        NeedsPerson
	Competency    CompetencyInfo
	Self, Manager int
}

// TrainingNeed is a curriculum module the analysis points to, with the
// score it is ranked by and why.
type TrainingNeed struct {
	ModuleID, Title, TitleEN string
	Score                    float64
	KPIScore, CompScore      float64
	Metrics                  []string // KPI gaps that name the module
	Competencies             []string // competency ids below the expected level that the module covers
}

// NeedsReport builds the report of an analysis.
func (a *App) NeedsReport(ctx context.Context, ac Actor, storeID, analysisID string) (NeedsReport, error) {
	var r NeedsReport
	var surveys []sqlq.ListSurveysRow
	var responses []sqlq.SurveyResponse
	var ratings []sqlq.CompetencyRating
	var comps []string
	err := a.store.Read(ctx, func(q *store.Queries) error {
		_, n, err := a.analysisFor(ctx, q, ac, storeID, analysisID, shopdojo.PermStoreDataRead)
		if err != nil {
			return err
		}
		r.Analysis = analysisOf(n)
		if surveys, err = q.ListSurveys(ctx, n.ID); err != nil {
			return err
		}
		if responses, err = q.ListAnalysisResponses(ctx, n.ID); err != nil {
			return err
		}
		if ratings, err = q.ListCompetencyRatings(ctx, n.ID); err != nil {
			return err
		}
		if comps, err = analysisCompetencies(ctx, q, n.ID); err != nil {
			return err
		}
		notes, err := q.ListNeedsNotes(ctx, n.ID)
		r.Notes = notesOf(notes)
		if err != nil {
			return err
		}
		r.People, err = analysisPeople(ctx, q, n)
		return err
	})
	if err != nil {
		return r, err
	}
	if r.Dashboard, err = a.StoreDashboard(ctx, ac, storeID, a.analysisPeriod(r.Analysis)); err != nil {
		return r, fmt.Errorf("needs report %s: %w", analysisID, err)
	}
	infos, err := a.competencyInfos(ctx)
	if err != nil {
		return r, err
	}
	var anonymous []map[string]SurveyAnswer // visible anonymous answers, for the self means
	for _, s := range surveys {
		res, anon, err := surveyResult(s, storeID, responses)
		if err != nil {
			return r, err
		}
		r.Surveys = append(r.Surveys, res)
		anonymous = append(anonymous, anon...)
	}
	r.Competencies, r.BlindSpots = compareRatings(comps, infos, ratings, anonymous, r.People)
	r.Needs = a.rankNeeds(ctx, r.Dashboard, r.Competencies)
	return r, nil
}

// analysisPeriod is the analysis' period as a dashboard query.
func (a *App) analysisPeriod(n NeedsAnalysis) DashboardQuery {
	from, e1 := time.ParseInLocation(time.DateOnly, n.From, a.Location())
	to, e2 := time.ParseInLocation(time.DateOnly, n.To, a.Location())
	if e1 != nil || e2 != nil {
		return DashboardQuery{}
	}
	return DashboardQuery{From: from, To: to.AddDate(0, 0, 1)}
}

// surveyResult aggregates one survey's responses; it returns the answers
// of an anonymous survey that may be shown, for the self-rating means.
func surveyResult(s sqlq.ListSurveysRow, storeID string, all []sqlq.SurveyResponse) (SurveyResult, []map[string]SurveyAnswer, error) {
	sv, err := surveyOf(sqlq.Survey{ID: s.ID, AnalysisID: s.AnalysisID, Title: s.Title, Intro: s.Intro, Status: s.Status,
		Anonymous: s.Anonymous, OpensOn: s.OpensOn, ClosesOn: s.ClosesOn, Questions: s.Questions, SentAt: s.SentAt, ClosedAt: s.ClosedAt}, storeID)
	if err != nil {
		return SurveyResult{}, nil, err
	}
	sv.Recipients, sv.Responded = s.Recipients, s.Responded
	var answers []map[string]SurveyAnswer
	for _, resp := range all {
		if resp.SurveyID != s.ID {
			continue
		}
		var m map[string]SurveyAnswer
		if err := json.Unmarshal([]byte(resp.Answers), &m); err != nil {
			return SurveyResult{}, nil, fmt.Errorf("response of %s: %w", s.ID, err)
		}
		answers = append(answers, m)
	}
	res := SurveyResult{Survey: sv, Responses: len(answers), Hidden: sv.Anonymous && len(answers) < MinAnonymous}
	if res.Hidden {
		return res, nil, nil
	}
	res.Questions = Aggregate(sv.Questions, answers)
	if sv.Anonymous {
		return res, answers, nil
	}
	return res, nil, nil
}

// Aggregate sums up the answers to each question.
func Aggregate(qs []SurveyQuestion, answers []map[string]SurveyAnswer) []QuestionResult {
	out := make([]QuestionResult, len(qs))
	for i, q := range qs {
		r := QuestionResult{Question: q}
		switch q.Kind {
		case KindLikert:
			r.Counts = make([]int, 5)
		case KindSingle, KindMulti:
			r.Counts = make([]int, len(q.Options))
		}
		sum := 0
		for _, m := range answers {
			a, ok := m[q.ID]
			if !ok {
				continue
			}
			switch q.Kind {
			case KindLikert:
				if a.Likert >= 1 && a.Likert <= 5 {
					r.N++
					r.Counts[a.Likert-1]++
					sum += a.Likert
				}
			case KindSingle, KindMulti:
				r.N += boolInt(len(a.Choices) > 0)
				for _, c := range a.Choices {
					if c >= 0 && c < len(r.Counts) {
						r.Counts[c]++
					}
				}
			case KindText:
				if a.Text != "" {
					r.N++
					r.Texts = append(r.Texts, a.Text)
				}
			case KindCompetency:
				r.N += boolInt(len(a.Levels) > 0)
			}
		}
		if r.N > 0 && q.Kind == KindLikert {
			r.Mean = float64(sum) / float64(r.N)
		}
		out[i] = r
	}
	return out
}

// compareRatings gives each competency's self and manager means (self:
// named self-ratings plus visible anonymous ones) and the people rating
// themselves a level or more above their manager.
func compareRatings(comps []string, infos map[string]CompetencyInfo, ratings []sqlq.CompetencyRating,
	anonymous []map[string]SurveyAnswer, people []NeedsPerson) ([]CompetencyResult, []BlindSpot) {
	type sums struct{ self, mgr, selfN, mgrN int }
	by := map[string]*sums{}
	for _, c := range comps {
		by[c] = &sums{}
	}
	self, mgr := map[[2]string]int{}, map[[2]string]int{}
	for _, r := range ratings {
		s := by[r.CompetencyID]
		if s == nil {
			continue
		}
		if r.Rater == RaterManager {
			s.mgr, s.mgrN = s.mgr+int(r.Level), s.mgrN+1
			mgr[[2]string{r.PersonID, r.CompetencyID}] = int(r.Level)
		} else {
			s.self, s.selfN = s.self+int(r.Level), s.selfN+1
			self[[2]string{r.PersonID, r.CompetencyID}] = int(r.Level)
		}
	}
	for _, m := range anonymous {
		for _, a := range m {
			for c, l := range a.Levels {
				if s := by[c]; s != nil && l >= 1 && l <= 4 {
					s.self, s.selfN = s.self+l, s.selfN+1
				}
			}
		}
	}
	var out []CompetencyResult
	for _, c := range comps {
		s, info := by[c], infos[c]
		if info.ID == "" {
			info = CompetencyInfo{ID: c, Name: c, NameEN: c}
		}
		r := CompetencyResult{Info: info, SelfN: s.selfN, MgrN: s.mgrN}
		if s.selfN > 0 {
			r.SelfMean = float64(s.self) / float64(s.selfN)
		}
		if s.mgrN > 0 {
			r.MgrMean = float64(s.mgr) / float64(s.mgrN)
		}
		r.Reference = r.SelfMean
		if s.mgrN > 0 {
			r.Reference = r.MgrMean
		}
		if s.selfN+s.mgrN > 0 {
			r.Gap = math.Max(0, ExpectedLevel-r.Reference)
		}
		r.BlindSpot = s.selfN > 0 && s.mgrN > 0 && r.SelfMean-r.MgrMean >= 1
		out = append(out, r)
	}
	return out, blindSpots(comps, infos, self, mgr, people)
}

func blindSpots(comps []string, infos map[string]CompetencyInfo, self, mgr map[[2]string]int, people []NeedsPerson) []BlindSpot {
	var out []BlindSpot
	for _, p := range people {
		for _, c := range comps {
			k := [2]string{p.ID, c}
			s, okS := self[k]
			m, okM := mgr[k]
			if okS && okM && s-m >= 1 {
				out = append(out, BlindSpot{Person: p, Competency: infos[c], Self: s, Manager: m})
			}
		}
	}
	slices.SortStableFunc(out, func(x, y BlindSpot) int { return (y.Self - y.Manager) - (x.Self - x.Manager) })
	return out
}

// rankNeeds merges the modules the KPI plan names with the modules that
// cover competencies below the expected level. A module scores 1/P for
// each plan item of priority P naming it, plus, for each competency it
// covers, the gap to L3 halved (L1 → 1, L2 → 0.5); highest first.
func (a *App) rankNeeds(ctx context.Context, d StoreDashboard, comps []CompetencyResult) []TrainingNeed {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil
	}
	byID := map[string]*TrainingNeed{}
	var order []string
	need := func(id string) *TrainingNeed {
		if n, ok := byID[id]; ok {
			return n
		}
		n := &TrainingNeed{ModuleID: id, Title: id}
		byID[id], order = n, append(order, id)
		return n
	}
	for _, it := range d.Plan.Items {
		for _, m := range it.Modules {
			n := need(m)
			n.KPIScore += 1 / float64(max(it.Priority, 1))
			n.Metrics = append(n.Metrics, it.Metric)
		}
	}
	for _, m := range sp.idx.Pack.Modules {
		for _, c := range comps {
			if c.Gap > 0 && slices.Contains(m.Competencies, c.Info.ID) {
				n := need(m.ID)
				n.CompScore += c.Gap / 2
				n.Competencies = append(n.Competencies, c.Info.ID)
			}
		}
	}
	titles := map[string][2]string{}
	for _, m := range sp.idx.Pack.Modules {
		titles[m.ID] = [2]string{m.Title, m.TitleEN}
	}
	out := make([]TrainingNeed, 0, len(order))
	for _, id := range order {
		n := byID[id]
		n.Score = math.Round((n.KPIScore+n.CompScore)*100) / 100
		if t, ok := titles[id]; ok {
			n.Title, n.TitleEN = t[0], t[1]
		}
		out = append(out, *n)
	}
	slices.SortStableFunc(out, func(x, y TrainingNeed) int {
		switch {
		case x.Score > y.Score:
			return -1
		case x.Score < y.Score:
			return 1
		}
		return 0
	})
	return out
}
