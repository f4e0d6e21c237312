package app

import (
	"cmp"
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
	var rows analysisRows
	err := a.store.Read(ctx, func(q *store.Queries) error {
		_, n, err := a.analysisFor(ctx, q, ac, storeID, analysisID, shopdojo.PermStoreDataRead)
		if err != nil {
			return err
		}
		r.Analysis = analysisOf(n)
		if err := rows.read(ctx, q, n); err != nil {
			return err
		}
		r.Notes = notesOf(rows.notes)
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
	for _, s := range rows.surveys {
		res, anon, err := surveyResult(s, storeID, rows.responses)
		if err != nil {
			return r, err
		}
		r.Surveys = append(r.Surveys, res)
		anonymous = append(anonymous, anon...)
	}
	r.Competencies, r.BlindSpots = compareRatings(rows.comps, infos, rows.ratings, anonymous, r.People)
	r.Needs = a.rankNeeds(ctx, r.Dashboard, r.Competencies)
	return r, nil
}

// analysisRows are what the report reads of an analysis.
type analysisRows struct {
	surveys   []sqlq.ListSurveysRow
	responses []sqlq.SurveyResponse
	ratings   []sqlq.CompetencyRating
	notes     []sqlq.ListNeedsNotesRow
	comps     []string
}

func (x *analysisRows) read(ctx context.Context, q *store.Queries, n sqlq.NeedsAnalysis) (err error) {
	if x.surveys, err = q.ListSurveys(ctx, n.ID); err != nil {
		return err
	}
	if x.responses, err = q.ListAnalysisResponses(ctx, n.ID); err != nil {
		return err
	}
	if x.ratings, err = q.ListCompetencyRatings(ctx, n.ID); err != nil {
		return err
	}
	if x.notes, err = q.ListNeedsNotes(ctx, n.ID); err != nil {
		return err
	}
	x.comps, err = analysisCompetencies(ctx, q, n.ID)
	return err
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
			if a, ok := m[q.ID]; ok {
				sum += r.add(a)
			}
		}
		if r.N > 0 && q.Kind == KindLikert {
			r.Mean = float64(sum) / float64(r.N)
		}
		out[i] = r
	}
	return out
}

// add counts one answer and returns its Likert point (0 for other kinds).
func (r *QuestionResult) add(a SurveyAnswer) int {
	switch r.Question.Kind {
	case KindLikert:
		if a.Likert < 1 || a.Likert > 5 {
			return 0
		}
		r.N++
		r.Counts[a.Likert-1]++
		return a.Likert
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
	return 0
}

// ratingSums add up one competency's ratings.
type ratingSums struct{ self, mgr, selfN, mgrN int }

func (s *ratingSums) add(rater string, level int) {
	if rater == RaterManager {
		s.mgr, s.mgrN = s.mgr+level, s.mgrN+1
		return
	}
	s.self, s.selfN = s.self+level, s.selfN+1
}

// result turns the sums into the competency's line of the report.
func (s *ratingSums) result(info CompetencyInfo) CompetencyResult {
	r := CompetencyResult{Info: info, SelfN: s.selfN, MgrN: s.mgrN}
	if s.selfN > 0 {
		r.SelfMean = float64(s.self) / float64(s.selfN)
	}
	r.Reference = r.SelfMean
	if s.mgrN > 0 {
		r.MgrMean = float64(s.mgr) / float64(s.mgrN)
		r.Reference = r.MgrMean
	}
	if s.selfN+s.mgrN > 0 {
		r.Gap = math.Max(0, ExpectedLevel-r.Reference)
	}
	r.BlindSpot = s.selfN > 0 && s.mgrN > 0 && r.SelfMean-r.MgrMean >= 1
	return r
}

// compareRatings gives each competency's self and manager means (self:
// named self-ratings plus visible anonymous ones) and the people rating
// themselves a level or more above their manager.
func compareRatings(comps []string, infos map[string]CompetencyInfo, ratings []sqlq.CompetencyRating,
	anonymous []map[string]SurveyAnswer, people []NeedsPerson) ([]CompetencyResult, []BlindSpot) {
	by := map[string]*ratingSums{}
	for _, c := range comps {
		by[c] = &ratingSums{}
	}
	levels := map[string]map[[2]string]int{RaterSelf: {}, RaterManager: {}}
	for _, r := range ratings {
		if s := by[r.CompetencyID]; s != nil {
			s.add(r.Rater, int(r.Level))
			levels[r.Rater][[2]string{r.PersonID, r.CompetencyID}] = int(r.Level)
		}
	}
	for _, m := range anonymous {
		for _, a := range m {
			for c, l := range a.Levels {
				if s := by[c]; s != nil && l >= 1 && l <= 4 {
					s.add(RaterSelf, l)
				}
			}
		}
	}
	out := make([]CompetencyResult, 0, len(comps))
	for _, c := range comps {
		info := infos[c]
		if info.ID == "" {
			info = CompetencyInfo{ID: c, Name: c, NameEN: c}
		}
		out = append(out, by[c].result(info))
	}
	return out, blindSpots(comps, infos, levels[RaterSelf], levels[RaterManager], people)
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
	r := needRanking{byID: map[string]*TrainingNeed{}}
	for _, it := range d.Plan.Items {
		for _, m := range it.Modules {
			n := r.need(m)
			n.KPIScore += 1 / float64(max(it.Priority, 1))
			n.Metrics = append(n.Metrics, it.Metric)
		}
	}
	for _, m := range sp.idx.Pack.Modules {
		for _, c := range comps {
			if c.Gap > 0 && slices.Contains(m.Competencies, c.Info.ID) {
				n := r.need(m.ID)
				n.CompScore += c.Gap / 2
				n.Competencies = append(n.Competencies, c.Info.ID)
			}
		}
	}
	for _, m := range sp.idx.Pack.Modules {
		if n, ok := r.byID[m.ID]; ok {
			n.Title, n.TitleEN = m.Title, m.TitleEN
		}
	}
	return r.ranked()
}

// needRanking collects the needs in the order first met.
type needRanking struct {
	byID  map[string]*TrainingNeed
	order []string
}

func (r *needRanking) need(id string) *TrainingNeed {
	if n, ok := r.byID[id]; ok {
		return n
	}
	n := &TrainingNeed{ModuleID: id, Title: id}
	r.byID[id], r.order = n, append(r.order, id)
	return n
}

// ranked scores the needs and sorts them, highest first; ties keep the
// order first met (KPI plan order, then the curriculum's).
func (r *needRanking) ranked() []TrainingNeed {
	out := make([]TrainingNeed, 0, len(r.order))
	for _, id := range r.order {
		n := r.byID[id]
		n.Score = math.Round((n.KPIScore+n.CompScore)*100) / 100
		out = append(out, *n)
	}
	slices.SortStableFunc(out, func(x, y TrainingNeed) int { return cmp.Compare(y.Score, x.Score) })
	return out
}
