package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// SurveyAnswer is one question's answer: Likert 1–5, chosen option
// indexes, open text, or competency levels 1–4 by competency id.
type SurveyAnswer struct {
	Likert  int            `json:"l,omitempty"`
	Choices []int          `json:"c,omitempty"`
	Text    string         `json:"t,omitempty"`
	Levels  map[string]int `json:"v,omitempty"`
}

// MySurvey is a survey in the recipient's list.
type MySurvey struct {
	ID, Title, Status, StoreName string
	Anonymous, Responded         bool
	OpensOn, ClosesOn            string
	Pending                      bool // open, not yet answered, within its dates
}

// MySurveys lists the caller's surveys, pending first.
func (a *App) MySurveys(ctx context.Context, ac Actor) ([]MySurvey, error) {
	if ac.PersonID == "" {
		return nil, nil
	}
	var out []MySurvey
	today := a.today()
	err := a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListMySurveys(ctx, ac.PersonID)
		for _, r := range rows {
			m := MySurvey{ID: r.ID, Title: r.Title, Status: r.Status, StoreName: r.StoreName, Anonymous: r.Anonymous,
				Responded: r.Responded, OpensOn: r.OpensOn, ClosesOn: r.ClosesOn}
			m.Pending = surveyOpenOn(r.Status, r.OpensOn, r.ClosesOn, today) && !r.Responded
			out = append(out, m)
		}
		return err
	})
	slices.SortStableFunc(out, func(x, y MySurvey) int { return boolInt(y.Pending) - boolInt(x.Pending) })
	return out, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func surveyOpenOn(status, opens, closes, today string) bool {
	return status == SurveyOpen && opens <= today && today <= closes
}

// SurveyToAnswer is a survey as its recipient sees it.
type SurveyToAnswer struct {
	Survey       Survey
	StoreName    string
	Responded    bool
	Open         bool // taking answers today
	Competencies map[string]CompetencyInfo
}

// CompetencyInfo is a competency of the catalogue with its levels.
type CompetencyInfo struct {
	ID, Name, NameEN string
	Levels           [4][2]string // L1…L4, Chinese and English
}

// SurveyForAnswer reads a survey for one of its recipients; anyone else
// gets not found, managers included (they read results in the report).
func (a *App) SurveyForAnswer(ctx context.Context, ac Actor, id string) (SurveyToAnswer, error) {
	var v SurveyToAnswer
	err := a.store.Read(ctx, func(q *store.Queries) error {
		s, responded, err := recipientSurvey(ctx, q, ac, id)
		if err != nil {
			return err
		}
		n, err := q.GetNeedsAnalysis(ctx, s.AnalysisID)
		if err != nil {
			return err
		}
		st, err := q.GetStore(ctx, n.StoreID)
		if err != nil {
			return err
		}
		v.StoreName, v.Responded = st.Name, responded
		v.Open = surveyOpenOn(s.Status, s.OpensOn, s.ClosesOn, a.today())
		v.Survey, err = surveyOf(s, n.StoreID)
		return err
	})
	if err != nil {
		return v, err
	}
	v.Competencies, err = a.competencyInfos(ctx)
	return v, err
}

func recipientSurvey(ctx context.Context, q *store.Queries, ac Actor, id string) (sqlq.Survey, bool, error) {
	if ac.PersonID == "" {
		return sqlq.Survey{}, false, shopdojo.ErrNotFound
	}
	responded, err := q.GetSurveyRecipient(ctx, sqlq.GetSurveyRecipientParams{SurveyID: id, PersonID: ac.PersonID})
	if errors.Is(err, sql.ErrNoRows) {
		return sqlq.Survey{}, false, shopdojo.ErrNotFound
	}
	if err != nil {
		return sqlq.Survey{}, false, err
	}
	s, err := q.GetSurvey(ctx, id)
	if err == nil && s.Status == SurveyDraft {
		err = shopdojo.ErrNotFound
	}
	return s, responded, err
}

func (a *App) competencyInfos(ctx context.Context) (map[string]CompetencyInfo, error) {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]CompetencyInfo{}
	for _, c := range sp.idx.Pack.Competencies {
		ci := CompetencyInfo{ID: c.ID, Name: c.Name, NameEN: c.NameEN}
		for i := range 4 {
			l := c.Levels["L"+strconv.Itoa(i+1)]
			ci.Levels[i] = [2]string{l.ZH, l.EN}
		}
		out[c.ID] = ci
	}
	return out, nil
}

// SubmitSurvey stores a recipient's answers, once: a submitted survey
// cannot be changed, named or anonymous. For an anonymous survey the
// answers are stored without the person and without a time, under a
// random id, and only the recipient row records that they answered.
func (a *App) SubmitSurvey(ctx context.Context, ac Actor, id string, answers map[string]SurveyAnswer) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		s, responded, err := recipientSurvey(ctx, tx.Queries, ac, id)
		if err != nil {
			return err
		}
		if responded {
			return shopdojo.E(shopdojo.KindConflict, "survey.err_answered")
		}
		if !surveyOpenOn(s.Status, s.OpensOn, s.ClosesOn, a.today()) {
			return shopdojo.E(shopdojo.KindConflict, "survey.err_closed")
		}
		qs, err := decodeQuestions(s.Questions)
		if err != nil {
			return err
		}
		clean, err := checkAnswers(qs, answers)
		if err != nil {
			return err
		}
		if n, err := tx.MarkSurveyResponded(ctx, sqlq.MarkSurveyRespondedParams{SurveyID: id, PersonID: ac.PersonID}); err != nil || n == 0 {
			return errors.Join(err, shopdojo.E(shopdojo.KindConflict, "survey.err_answered"))
		}
		return a.storeResponse(ctx, tx, ac, s, qs, clean)
	})
}

func (a *App) storeResponse(ctx context.Context, tx *store.Tx, ac Actor, s sqlq.Survey, qs []SurveyQuestion, ans map[string]SurveyAnswer) error {
	body, err := json.Marshal(ans)
	if err != nil {
		return err
	}
	p := sqlq.InsertSurveyResponseParams{ID: uuid.NewString(), SurveyID: s.ID, Answers: string(body)}
	if !s.Anonymous {
		p.PersonID, p.SubmittedAt = nullStr(ac.PersonID), a.nowMs()
	}
	if err := tx.InsertSurveyResponse(ctx, p); err != nil {
		return err
	}
	if s.Anonymous {
		return nil
	}
	for _, q := range qs {
		for comp, level := range ans[q.ID].Levels {
			if err := tx.UpsertCompetencyRating(ctx, sqlq.UpsertCompetencyRatingParams{AnalysisID: s.AnalysisID,
				PersonID: ac.PersonID, CompetencyID: comp, Rater: RaterSelf, Level: int64(level),
				RatedBy: nullStr(ac.PersonID), RatedAt: a.nowMs()}); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkAnswers keeps the answers to the survey's questions and checks
// them: every question but open text needs an answer.
func checkAnswers(qs []SurveyQuestion, in map[string]SurveyAnswer) (map[string]SurveyAnswer, error) {
	var v shopdojo.Validation
	out := map[string]SurveyAnswer{}
	for _, q := range qs {
		a, f := in[q.ID], "a."+q.ID
		var keep SurveyAnswer
		switch q.Kind {
		case KindLikert:
			v.Check(a.Likert >= 1 && a.Likert <= 5, f, "survey.err_answer_required")
			keep.Likert = a.Likert
		case KindSingle, KindMulti:
			ok := len(a.Choices) > 0 && (q.Kind == KindMulti || len(a.Choices) == 1)
			for _, c := range a.Choices {
				ok = ok && c >= 0 && c < len(q.Options)
			}
			v.Check(ok, f, "survey.err_answer_required")
			keep.Choices = uniqueInts(a.Choices)
		case KindText:
			keep.Text = strings.TrimSpace(a.Text)
			v.Check(len([]rune(keep.Text)) <= maxAnswerText, f, "error.too_long")
		case KindCompetency:
			keep.Levels = map[string]int{}
			for _, c := range q.Competencies {
				l := a.Levels[c]
				v.Check(l >= 1 && l <= 4, f+"."+c, "survey.err_level_required")
				keep.Levels[c] = l
			}
		}
		out[q.ID] = keep
	}
	return out, v.Err()
}

func uniqueInts(xs []int) []int {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// CompetencyCatalogue is the curriculum's competencies in catalogue order,
// for the builder.
func (a *App) CompetencyCatalogue(ctx context.Context) ([]CompetencyInfo, error) {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	m, err := a.competencyInfos(ctx)
	out := make([]CompetencyInfo, 0, len(m))
	for _, c := range sp.idx.Pack.Competencies {
		out = append(out, m[c.ID])
	}
	return out, err
}
