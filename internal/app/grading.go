package app

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/attempt"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Grading is for the exam's owner and content reviewers. Every grade and
// regrade is audited in the transaction that changes the score; the
// learning record hears of the new score from the attempt job.

// GradeInput is a grader's mark for a short answer: the item at Pos, or
// sub-question Sub of the case at Pos.
type GradeInput struct {
	Pos      int
	Sub      string
	Points   float64
	Feedback string
}

// GradeItem marks one short answer of a finished attempt; the attempt is
// graded when nothing waits any more.
func (a *App) GradeItem(ctx context.Context, ac Actor, attemptID string, in GradeInput) error {
	in.Feedback = strings.TrimSpace(in.Feedback)
	if utf8.RuneCountInString(in.Feedback) > 2000 || math.IsNaN(in.Points) {
		return shopdojo.E(shopdojo.KindInvalid, "error.too_long")
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		r, e, err := a.gradable(ctx, tx, ac, attemptID)
		if err != nil {
			return err
		}
		it, err := tx.GetAttemptItem(ctx, sqlq.GetAttemptItemParams{AttemptID: attemptID, Pos: int64(in.Pos)})
		if err != nil {
			return err
		}
		before := it.Points
		res, err := markItem(it, in)
		if err != nil {
			return err
		}
		body, _ := json.Marshal(res)
		if err := tx.ScoreAttemptItem(ctx, sqlq.ScoreAttemptItemParams{AttemptID: attemptID, Pos: it.Pos,
			Points: res.Points, MaxPoints: res.Max, Result: string(body), GraderID: ac.PersonID,
			Feedback: in.Feedback}); err != nil {
			return err
		}
		if err := a.rescore(ctx, tx, r, e); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "attempt.grade", ObjectType: "attempt", ObjectID: attemptID,
			ObjectName: e.Title + " · " + strconv.Itoa(in.Pos+1),
			Before:     map[string]string{"points": fmtPoints(before)},
			After:      map[string]string{"points": fmtPoints(res.Points), "sub": in.Sub, "feedback": in.Feedback}})
	})
}

func fmtPoints(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }

// gradable locks a submitted attempt of an exam the actor runs.
func (a *App) gradable(ctx context.Context, tx *store.Tx, ac Actor, id string) (sqlq.Attempt, shopdojo.Exam, error) {
	if _, err := tx.LockAttempt(ctx, id); err != nil {
		return sqlq.Attempt{}, shopdojo.Exam{}, err
	}
	r, err := tx.GetAttempt(ctx, id)
	if err != nil {
		return sqlq.Attempt{}, shopdojo.Exam{}, err
	}
	e, err := loadExam(ctx, tx.Queries, ac, r.Attempt.ExamID, true)
	if err != nil {
		return r.Attempt, e, err
	}
	if !attempt.State(r.Attempt.State).Done() {
		return r.Attempt, e, shopdojo.E(shopdojo.KindConflict, "attempt.err_not_finished")
	}
	return r.Attempt, e, nil
}

// markItem applies a grade to an item's stored result.
func markItem(it sqlq.AttemptItem, in GradeInput) (quiz.Result, error) {
	var q quiz.Question
	var res quiz.Result
	if err := json.Unmarshal([]byte(it.Body), &q); err != nil {
		return res, fmt.Errorf("attempt item %d: %w", it.Pos, err)
	}
	if err := json.Unmarshal([]byte(it.Result), &res); err != nil {
		return res, fmt.Errorf("attempt item %d result: %w", it.Pos, err)
	}
	if in.Sub == "" {
		if q.Type != quiz.Short {
			return res, shopdojo.E(shopdojo.KindInvalid, "attempt.err_not_gradable")
		}
		return mark(res, in.Points)
	}
	if q.Type != quiz.Case || res.Sub == nil {
		return res, shopdojo.E(shopdojo.KindInvalid, "attempt.err_not_gradable")
	}
	for _, s := range q.Sub {
		if s.ID == in.Sub && s.Type == quiz.Short {
			sr, err := mark(res.Sub[s.ID], in.Points)
			if err != nil {
				return res, err
			}
			res.Sub[s.ID] = sr
			return sumCase(res), nil
		}
	}
	return res, shopdojo.E(shopdojo.KindInvalid, "attempt.err_not_gradable")
}

func mark(r quiz.Result, points float64) (quiz.Result, error) {
	if points < 0 || points > r.Max {
		return r, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "attempt.err_points_range",
			Args: map[string]any{"Max": r.Max}}
	}
	r.Points = roundTo(points, 2)
	switch {
	case r.Points >= r.Max:
		r.State = quiz.Correct
	case r.Points > 0:
		r.State = quiz.Partial
	default:
		r.State = quiz.Wrong
	}
	return r, nil
}

// sumCase recomputes a case's points and state from its sub-results.
func sumCase(r quiz.Result) quiz.Result {
	r.Points = 0
	all, none, waiting := true, true, false
	for _, s := range r.Sub {
		r.Points += s.Points
		waiting = waiting || s.State == quiz.NeedsGrading
		all = all && s.State == quiz.Correct
		none = none && s.Points == 0
	}
	r.Points = roundTo(r.Points, 2)
	switch {
	case waiting:
		r.State = quiz.NeedsGrading
	case all:
		r.State = quiz.Correct
	case none:
		r.State = quiz.Wrong
	default:
		r.State = quiz.Partial
	}
	return r
}

// rescore sums an attempt's items again and moves it to graded when
// nothing waits for a grader.
func (a *App) rescore(ctx context.Context, tx *store.Tx, r sqlq.Attempt, e shopdojo.Exam) error {
	items, err := tx.ListAttemptItems(ctx, r.ID)
	if err != nil {
		return err
	}
	var points float64
	toGrade := 0
	for _, it := range items {
		points += it.Points
		var res quiz.Result
		if err := json.Unmarshal([]byte(it.Result), &res); err == nil {
			toGrade += waiting(res)
		}
	}
	points = roundTo(points, 2)
	p := sqlq.SetAttemptScoreParams{ID: r.ID, State: string(attempt.Finished), Score: points, ToGrade: int64(toGrade),
		Recorded: r.Recorded && points == r.Score && toGrade == 0 && r.State == string(attempt.Graded)}
	if toGrade == 0 {
		p.State, p.Passed, p.GradedAt = string(attempt.Graded), passes(points, r.MaxScore, e.PassPercent), r.GradedAt
		if p.GradedAt == 0 {
			p.GradedAt = a.nowMs()
		}
	}
	return tx.SetAttemptScore(ctx, p)
}

// GradingQueue lists finished attempts waiting for a grader at the exams
// the actor runs, oldest first.
func (a *App) GradingQueue(ctx context.Context, ac Actor) ([]shopdojo.Attempt, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return nil, err
	}
	all := int64(0)
	if ac.Can(shopdojo.PermContentReview) {
		all = 1
	}
	var out []shopdojo.Attempt
	err := a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListAttemptsToGrade(ctx, sqlq.ListAttemptsToGradeParams{AllExams: all, ViewerID: ac.PersonID})
		for _, r := range rows {
			at := toAttempt(r.Attempt)
			at.PersonName, at.EmployeeNo, at.ExamTitle = r.PersonName, r.EmployeeNo, r.ExamTitle
			out = append(out, at)
		}
		return err
	})
	return out, err
}

// RegradeQuestion applies the latest version of a question's key to every
// attempt of an exam that drew it (a key was corrected): automatic items
// are scored again, short answers keep their grader's mark. It returns
// how many copies changed.
func (a *App) RegradeQuestion(ctx context.Context, ac Actor, examID, questionID string) (int, error) {
	n := 0
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		e, err := loadExam(ctx, tx.Queries, ac, examID, true)
		if err != nil {
			return err
		}
		latest, err := fixedItem(ctx, tx.Queries, shopdojo.PaperQuestion{QuestionID: questionID})
		if err != nil {
			return err
		}
		// Open attempts get the corrected key too: their papers are
		// written out first, so that every copy is a row.
		open, err := tx.ListExamOpenPapers(ctx, examID)
		if err != nil {
			return err
		}
		for _, id := range open {
			if err := a.writeOutPaper(ctx, tx, id); err != nil {
				return err
			}
		}
		copies, err := tx.ListExamItemsOf(ctx, sqlq.ListExamItemsOfParams{ExamID: examID, QuestionID: questionID})
		if err != nil {
			return err
		}
		touched := map[string]bool{}
		for _, c := range copies {
			changed, err := a.regradeCopy(ctx, tx, c, latest)
			if err != nil {
				return err
			}
			if changed {
				n++
				touched[c.AttemptItem.AttemptID] = attempt.State(c.State).Done()
			}
		}
		for id, done := range touched {
			if !done {
				continue
			}
			r, err := tx.GetAttempt(ctx, id)
			if err != nil {
				return err
			}
			if err := a.rescore(ctx, tx, r.Attempt, e); err != nil {
				return err
			}
		}
		return a.record(ctx, tx, ac, change{Action: "exam.regrade", ObjectType: "exam", ObjectID: examID,
			ObjectName: e.Title, After: map[string]string{"question": questionID,
				"version": strconv.FormatInt(latest.VersionNo, 10), "copies": strconv.Itoa(n)}})
	})
	return n, err
}

// regradeCopy gives one drawn copy the latest key (its shuffled order and
// its points stay) and scores it again if its attempt is finished.
func (a *App) regradeCopy(ctx context.Context, tx *store.Tx, c sqlq.ListExamItemsOfRow, latest drawnItem) (bool, error) {
	it := c.AttemptItem
	if it.VersionNo == latest.VersionNo {
		return false, nil
	}
	var q quiz.Question
	if err := json.Unmarshal([]byte(it.Body), &q); err != nil {
		return false, err
	}
	q.Answer, q.Partial, q.Explanation, q.Rubric = latest.Q.Answer, latest.Q.Partial, latest.Q.Explanation, latest.Q.Rubric
	for i := range q.Sub {
		for _, s := range latest.Q.Sub {
			if s.ID == q.Sub[i].ID {
				q.Sub[i].Answer, q.Sub[i].Partial, q.Sub[i].Explanation = s.Answer, s.Partial, s.Explanation
			}
		}
	}
	body, _ := json.Marshal(q)
	if err := tx.SetAttemptItemBody(ctx, sqlq.SetAttemptItemBodyParams{AttemptID: it.AttemptID, Pos: it.Pos,
		Body: string(body), VersionNo: latest.VersionNo}); err != nil {
		return false, err
	}
	if !attempt.State(c.State).Done() || q.Type == quiz.Short {
		return true, nil
	}
	it.Body = string(body)
	res, err := scoreItem(it, c.Response)
	if err != nil {
		return false, err
	}
	res = keepMarks(q, it.Result, res)
	rb, _ := json.Marshal(res)
	return true, tx.ScoreAttemptItem(ctx, sqlq.ScoreAttemptItemParams{AttemptID: it.AttemptID, Pos: it.Pos,
		Points: res.Points, MaxPoints: res.Max, Result: string(rb), GraderID: it.GraderID, Feedback: it.Feedback})
}

// keepMarks carries a grader's marks of a case's short sub-answers over
// to its new automatic result.
func keepMarks(q quiz.Question, old string, res quiz.Result) quiz.Result {
	var prev quiz.Result
	if q.Type != quiz.Case || json.Unmarshal([]byte(old), &prev) != nil {
		return res
	}
	for _, s := range q.Sub {
		if p, ok := prev.Sub[s.ID]; ok && s.Type == quiz.Short && p.State != quiz.NeedsGrading {
			res.Sub[s.ID] = p
		}
	}
	return sumCase(res)
}
