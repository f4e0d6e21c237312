package app

import (
	"context"
	"encoding/json"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// UpdatePaper replaces an exam's paper (the paper builder's every step).
// A published exam's paper must stay drawable.
func (a *App) UpdatePaper(ctx context.Context, ac Actor, id string, p shopdojo.Paper) error {
	var v shopdojo.Validation
	checkPaper(&v, p)
	if err := v.Err(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		e, err := loadExam(ctx, tx.Queries, ac, id, true)
		if err != nil {
			return err
		}
		if err := checkPaperSources(ctx, tx.Queries, ac, p, e.Status == shopdojo.ExamPublished); err != nil {
			return err
		}
		in := examInput(e)
		before := in.fields()
		in.Paper = p
		body, _ := json.Marshal(p)
		if err := tx.UpdateExam(ctx, examUpdateParams(id, in, string(body), a.nowMs())); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "exam.paper", ObjectType: "exam", ObjectID: id, ObjectName: e.Title,
			Before: map[string]string{"paper": before["paper"]}, After: map[string]string{"paper": in.fields()["paper"]}})
	})
}

func examUpdateParams(id string, in ExamInput, paper string, now int64) sqlq.UpdateExamParams {
	return sqlq.UpdateExamParams{ID: id, Title: in.Title, Description: in.Description, Mode: in.Mode, Paper: paper,
		OpensAt: msOf(in.OpensAt), ClosesAt: msOf(in.ClosesAt), TimeLimitS: int64(in.TimeLimit.Seconds()),
		AttemptsAllowed: int64(in.AttemptsAllowed), PassPercent: in.PassPercent, ScoreRelease: string(in.ScoreRelease),
		AnswerRelease: string(in.AnswerRelease), ShuffleQuestions: in.ShuffleQuestions, ShuffleOptions: in.ShuffleOptions,
		Everyone: in.Everyone, UpdatedAt: now}
}

// PaperView is a paper with what its references name, for the builder.
type PaperView struct {
	Sections []SectionView
	Points   float64 // total points of a drawn paper
	Count    int     // questions in a drawn paper
}

// SectionView is one section of a PaperView.
type SectionView struct {
	shopdojo.PaperSection
	Fixed []shopdojo.QuestionSummary // in the order of Questions; a missing one has only its ID
	Rules []RuleView
}

// RuleView is a blueprint rule with its bank's name and how many of the
// bank's live questions match it.
type RuleView struct {
	shopdojo.PaperRule
	BankName string
	Match    int
}

// ExamPaper resolves an exam's paper for the builder.
func (a *App) ExamPaper(ctx context.Context, ac Actor, id string) (PaperView, error) {
	var pv PaperView
	err := a.store.Read(ctx, func(q *store.Queries) error {
		e, err := loadExam(ctx, q, ac, id, false)
		if err != nil {
			return err
		}
		ps := &pools{q: q, bank: map[string][]drawnItem{}}
		for _, s := range e.Paper.Sections {
			sv, err := sectionView(ctx, q, ps, s, &pv)
			if err != nil {
				return err
			}
			pv.Sections = append(pv.Sections, sv)
		}
		pv.Points = roundTo(pv.Points, 2)
		return nil
	})
	return pv, err
}

func sectionView(ctx context.Context, q *store.Queries, ps *pools, s shopdojo.PaperSection, pv *PaperView) (SectionView, error) {
	sv := SectionView{PaperSection: s}
	for _, pq := range s.Questions {
		qs := shopdojo.QuestionSummary{ID: pq.QuestionID}
		if r, err := q.GetQuestion(ctx, pq.QuestionID); err == nil {
			qs = toQuestionSummary(r)
		}
		if pq.Points > 0 {
			qs.Points = pq.Points
		}
		sv.Fixed = append(sv.Fixed, qs)
		pv.Points += qs.Points
		pv.Count++
	}
	for _, r := range s.Rules {
		rv := RuleView{PaperRule: r}
		if b, err := q.GetBank(ctx, r.BankID); err == nil {
			rv.BankName = b.Name
		}
		pool, err := ps.get(ctx, r.BankID)
		if err != nil {
			return sv, err
		}
		var pts float64
		rule := quiz.BlueprintRule{Tag: r.Tag, Difficulty: r.Difficulty}
		for _, it := range pool {
			if rule.Fits(it.Q) {
				rv.Match++
				pts += it.Q.Points
			}
		}
		if rv.Match > 0 {
			pts /= float64(rv.Match) // an estimate: which questions are drawn varies
		}
		if r.Points > 0 {
			pts = r.Points
		}
		pv.Points += pts * float64(r.Count)
		pv.Count += r.Count
		sv.Rules = append(sv.Rules, rv)
	}
	return sv, nil
}
