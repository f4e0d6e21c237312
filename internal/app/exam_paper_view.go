package app

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// PaperEdit is one step of the paper builder.
type PaperEdit struct {
	Action         string // add_section, update_section, remove_section, move_up, add_rule, remove_rule, add_questions, remove_question
	Section, Item  int    // the section, and the rule or question within it
	Title, Partial string // a section's
	Rule           shopdojo.PaperRule
	Questions      []string // question ids to add
	Points         float64  // points of the added questions; 0 keeps theirs
}

// EditPaper applies one builder step to an exam's paper, reading and
// writing it in one transaction so two editors never overwrite each
// other's steps. A published exam's paper must stay drawable.
func (a *App) EditPaper(ctx context.Context, ac Actor, id string, edit PaperEdit) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		e, err := loadExam(ctx, tx.Queries, ac, id, true)
		if err != nil {
			return err
		}
		p, err := applyEdit(e.Paper, edit)
		if err != nil {
			return err
		}
		var v shopdojo.Validation
		if checkPaper(&v, p); v.Err() != nil {
			return v.Err()
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

// applyEdit returns a copy of p changed by one builder step.
func applyEdit(p shopdojo.Paper, ed PaperEdit) (shopdojo.Paper, error) {
	out := shopdojo.Paper{Sections: slices.Clone(p.Sections)}
	si, ii := ed.Section, ed.Item
	if ed.Action != "add_section" && (si < 0 || si >= len(out.Sections)) {
		return p, shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	switch ed.Action {
	case "add_section":
		out.Sections = append(out.Sections, shopdojo.PaperSection{Title: strings.TrimSpace(ed.Title), Partial: ed.Partial})
	case "update_section":
		out.Sections[si].Title, out.Sections[si].Partial = strings.TrimSpace(ed.Title), ed.Partial
	case "remove_section":
		out.Sections = slices.Delete(out.Sections, si, si+1)
	case "move_up":
		if si > 0 {
			out.Sections[si-1], out.Sections[si] = out.Sections[si], out.Sections[si-1]
		}
	case "add_rule":
		r := ed.Rule
		r.Tag = strings.TrimSpace(r.Tag)
		out.Sections[si].Rules = append(slices.Clone(out.Sections[si].Rules), r)
	case "remove_rule":
		if rs := out.Sections[si].Rules; ii >= 0 && ii < len(rs) {
			out.Sections[si].Rules = slices.Delete(slices.Clone(rs), ii, ii+1)
		}
	case "add_questions":
		s := &out.Sections[si]
		s.Questions = slices.Clone(s.Questions)
		for _, q := range ed.Questions {
			if !slices.ContainsFunc(s.Questions, func(x shopdojo.PaperQuestion) bool { return x.QuestionID == q }) {
				s.Questions = append(s.Questions, shopdojo.PaperQuestion{QuestionID: q, Points: ed.Points})
			}
		}
	case "remove_question":
		if qs := out.Sections[si].Questions; ii >= 0 && ii < len(qs) {
			out.Sections[si].Questions = slices.Delete(slices.Clone(qs), ii, ii+1)
		}
	default:
		return p, shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	return out, nil
}

func examUpdateParams(id string, in ExamInput, paper string, now int64) sqlq.UpdateExamParams {
	return sqlq.UpdateExamParams{ID: id, Title: in.Title, Description: in.Description, Mode: in.Mode, Paper: paper,
		OpensAt: msOf(in.OpensAt), ClosesAt: msOf(in.ClosesAt), TimeLimitS: int64(in.TimeLimit.Seconds()),
		AttemptsAllowed: int64(in.AttemptsAllowed), PassPercent: in.PassPercent, ScoreRelease: string(in.ScoreRelease),
		AnswerRelease: string(in.AnswerRelease), ShuffleQuestions: in.ShuffleQuestions, ShuffleOptions: in.ShuffleOptions,
		Everyone: in.Everyone, UpdatedAt: now, TitleEn: in.TitleEN}
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
