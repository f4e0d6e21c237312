package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/attempt"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
	"github.com/shopdojo/shopdojo/internal/xapi"
)

// FinishAttempt submits the actor's attempt from device. Finishing a
// finished attempt does nothing; a device that lost the attempt cannot.
func (a *App) FinishAttempt(ctx context.Context, ac Actor, id, device string) error {
	var examID string
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.LockAttempt(ctx, id); err != nil {
			return err
		}
		r, err := ownAttempt(ctx, tx.Queries, ac, id)
		if err != nil || attempt.State(r.State).Done() {
			return err
		}
		if r.Device != device {
			return shopdojo.E(shopdojo.KindConflict, "attempt.err_taken_over")
		}
		examID = r.ExamID
		return a.finishTx(ctx, tx, r, "submit")
	})
	if err != nil || examID == "" {
		return err
	}
	return a.recordCurriculumResult(ctx, id, examID)
}

// recordCurriculumResult records at once the released result of a
// curriculum exam (a unit quiz done, a stage passed), so the course map is
// current when the learner returns to it; other exams leave it to the job.
func (a *App) recordCurriculumResult(ctx context.Context, id, examID string) error {
	sp, err := a.pack(ctx)
	if err != nil || len(sp.examRefs[examID]) == 0 {
		return err
	}
	return a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		r, err := tx.GetAttempt(ctx, id)
		if err != nil || r.Attempt.State != string(attempt.Graded) {
			return err
		}
		e, err := getExam(ctx, tx.Queries, examID)
		if err != nil || e.ScoreRelease != shopdojo.ReleaseImmediate {
			return err
		}
		return a.recordResultTx(ctx, tx, id)
	})
}

// finishTx scores and closes an attempt that is in progress or overdue;
// the finish time is never after the deadline. It does nothing to an
// attempt already finished (also when two finishes race: the update is
// conditional on the state).
func (a *App) finishTx(ctx context.Context, tx *store.Tx, r sqlq.Attempt, how string) error {
	rules, now := a.rules(r), a.now()
	if !rules.Finish(now) {
		return nil
	}
	e, err := getExam(ctx, tx.Queries, r.ExamID)
	if err != nil {
		return err
	}
	drawn, err := a.loadPaper(ctx, tx.Queries, r.ID)
	if err != nil {
		return err
	}
	sc, err := scoreItems(ctx, tx, r.ID, drawn)
	if err != nil {
		return err
	}
	p := sqlq.FinishAttemptParams{ID: r.ID, State: string(attempt.Finished), FinishedAt: rules.Finished.UnixMilli(),
		Score: sc.points, MaxScore: sc.max, ToGrade: int64(sc.toGrade)}
	if sc.toGrade == 0 {
		p.State, p.GradedAt, p.Passed = string(attempt.Graded), now.UnixMilli(), passes(sc.points, sc.max, e.PassPercent)
	}
	if n, err := tx.FinishAttempt(ctx, p); err != nil || n == 0 {
		return err
	}
	if err := a.event(ctx, tx, r.ID, "finish", "", how); err != nil {
		return err
	}
	sys := SystemActor("exam")
	if err := a.answeredTx(ctx, tx, r, e, drawn, rules.Finished); err != nil {
		return err
	}
	return a.learnTx(ctx, tx, sys, xapi.Statement{ActorID: r.PersonID, Verb: xapi.Completed.IRI, ObjectType: "exam",
		ObjectID: e.ID, ObjectName: e.Title, Timestamp: rules.Finished,
		Result:  &xapi.Result{Duration: xapi.Duration(rules.Finished.Sub(rules.Started))},
		Context: &xapi.Context{Registration: r.ID}})
}

func passes(points, max, pass float64) bool {
	if max <= 0 {
		return pass <= 0
	}
	return 100*points/max+1e-9 >= pass
}

type scored struct {
	points, max float64
	toGrade     int
}

// scoreItems scores every item of an attempt's paper against the version
// it drew and stores each result.
func scoreItems(ctx context.Context, tx *store.Tx, id string, p paper) (scored, error) {
	var sc scored
	for _, it := range p.items {
		res, err := scoreItem(it, p.response(it.Pos))
		if err != nil {
			return sc, err
		}
		body, _ := json.Marshal(res)
		if p.open {
			it.Points, it.MaxPoints, it.Result = res.Points, res.Max, string(body)
			err = insertItem(ctx, tx, it)
		} else {
			err = tx.ScoreAttemptItem(ctx, sqlq.ScoreAttemptItemParams{AttemptID: id, Pos: it.Pos, Points: res.Points,
				MaxPoints: res.Max, Result: string(body)})
		}
		if err != nil {
			return sc, err
		}
		sc.points += res.Points
		sc.max += res.Max
		sc.toGrade += waiting(res)
	}
	sc.points, sc.max = roundTo(sc.points, 2), roundTo(sc.max, 2)
	if p.open {
		return sc, tx.DeleteAttemptPaper(ctx, id)
	}
	return sc, nil
}

func scoreItem(it sqlq.AttemptItem, response string) (quiz.Result, error) {
	var q quiz.Question
	if err := json.Unmarshal([]byte(it.Body), &q); err != nil {
		return quiz.Result{}, fmt.Errorf("attempt item %d: %w", it.Pos, err)
	}
	var r quiz.Response
	if response != "" {
		if err := json.Unmarshal([]byte(response), &r); err != nil {
			return quiz.Result{}, fmt.Errorf("attempt item %d answer: %w", it.Pos, err)
		}
	}
	res := quiz.Score(q, r)
	if res.State == quiz.Unanswered && (q.Type == quiz.Short) {
		res.State = quiz.Wrong // nothing to grade: an empty short answer earns nothing
	}
	return res, nil
}

// waiting counts the answers of a result that wait for a grader.
func waiting(r quiz.Result) int {
	if len(r.Sub) == 0 {
		if r.State == quiz.NeedsGrading {
			return 1
		}
		return 0
	}
	n := 0
	for _, s := range r.Sub {
		n += waiting(s)
	}
	return n
}

// scoreReleased reports whether learners may see their scores of e now.
func scoreReleased(e shopdojo.Exam, now time.Time) bool { return released(e.ScoreRelease, e, now) }

// answersReleased reports whether learners may see keys, correctness and
// explanations of e now.
func answersReleased(e shopdojo.Exam, now time.Time) bool { return released(e.AnswerRelease, e, now) }

func released(p shopdojo.Release, e shopdojo.Exam, now time.Time) bool {
	switch p {
	case shopdojo.ReleaseImmediate:
		return true
	case shopdojo.ReleaseAfterClose:
		return !e.ClosesAt.IsZero() && !now.Before(e.ClosesAt)
	case shopdojo.ReleaseManual:
		return !e.ReleasedAt.IsZero()
	}
	return false
}

// RunAttemptJobs is the overdue job: it finishes every attempt past its
// deadline plus grace (finish time = deadline), writes passed/failed to
// the learning record for graded attempts whose scores are now released,
// and adds the mistakes of attempts whose answers are now released to
// their learners' decks. It is safe to run on several nodes at once and after a
// restart, since every step is conditional on the stored state.
func (a *App) RunAttemptJobs(ctx context.Context) (finished, recorded int, err error) {
	if finished, err = a.finishOverdue(ctx); err != nil {
		return finished, 0, err
	}
	if recorded, err = a.recordReleased(ctx); err != nil {
		return finished, recorded, err
	}
	_, err = a.deckReleased(ctx)
	return finished, recorded, err
}

func (a *App) finishOverdue(ctx context.Context) (int, error) {
	cutoff := a.now().Add(-a.opt.ExamGrace).UnixMilli()
	if err := a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		_, err := tx.ExpireAttempts(ctx, cutoff)
		return err
	}); err != nil {
		return 0, fmt.Errorf("expire attempts: %w", err)
	}
	n := 0
	for {
		var ids []string
		if err := a.store.Read(ctx, func(q *store.Queries) (err error) {
			ids, err = q.ListOverdueAttempts(ctx, 100)
			return err
		}); err != nil || len(ids) == 0 {
			return n, err
		}
		for _, id := range ids {
			if err := a.store.Tx(ctx, func(tx *store.Tx) error {
				if _, err := tx.LockAttempt(ctx, id); err != nil {
					return err
				}
				r, err := tx.GetAttempt(ctx, id)
				if err != nil {
					return err
				}
				return a.finishTx(ctx, tx, r.Attempt, "overdue")
			}); err != nil {
				return n, fmt.Errorf("finish overdue attempt %s: %w", id, err)
			}
			n++
		}
	}
}

func (a *App) recordReleased(ctx context.Context) (int, error) {
	n := 0
	for {
		var ids []string
		if err := a.store.Read(ctx, func(q *store.Queries) (err error) {
			ids, err = q.ListUnrecordedResults(ctx, sqlq.ListUnrecordedResultsParams{ClosesAt: a.nowMs(), Limit: 100})
			return err
		}); err != nil || len(ids) == 0 {
			return n, err
		}
		for _, id := range ids {
			if err := a.store.TxQuiet(ctx, func(tx *store.Tx) error { return a.recordResultTx(ctx, tx, id) }); err != nil {
				return n, fmt.Errorf("record result of attempt %s: %w", id, err)
			}
			n++
		}
	}
}

// recordResultTx writes an attempt's passed or failed statement, once.
func (a *App) recordResultTx(ctx context.Context, tx *store.Tx, id string) error {
	r, err := tx.GetAttempt(ctx, id)
	if err != nil || r.Attempt.Recorded {
		return err
	}
	at := r.Attempt
	e, err := getExam(ctx, tx.Queries, at.ExamID)
	if err != nil {
		return err
	}
	verb, ok := xapi.Failed, at.Passed
	if ok {
		verb = xapi.Passed
	}
	s := xapi.Statement{ActorID: at.PersonID, Verb: verb.IRI, ObjectType: "exam", ObjectID: e.ID, ObjectName: e.Title,
		Result:  &xapi.Result{Success: &ok, Score: &xapi.Score{Raw: at.Score, Min: 0, Max: at.MaxScore}},
		Context: &xapi.Context{Registration: at.ID}}
	if at.MaxScore > 0 {
		s.Result.Score.Scaled = roundTo(at.Score/at.MaxScore, 4)
	}
	if err := a.learnTx(ctx, tx, SystemActor("exam"), s); err != nil {
		return err
	}
	if at.Passed && e.Certifies != "" {
		if err := a.certify(ctx, tx, e, r); err != nil {
			return err
		}
	}
	if at.Passed {
		if err := a.unitsPassedTx(ctx, tx, e.ID, at.PersonID); err != nil {
			return err
		}
	}
	return tx.SetAttemptRecorded(ctx, at.ID)
}

// answeredTx records an "answered" statement for every answered question
// of a finished attempt: the learner's own response, never a score or
// correctness (those follow, as passed/failed, once released).
func (a *App) answeredTx(ctx context.Context, tx *store.Tx, r sqlq.Attempt, e shopdojo.Exam, p paper, at time.Time) error {
	for _, it := range p.items {
		an, ok := p.answers[it.Pos]
		if !ok {
			continue
		}
		s := xapi.Statement{ActorID: r.PersonID, Verb: xapi.Answered.IRI, ObjectType: "question", ObjectID: it.QuestionID,
			ObjectName: e.Title + " · " + strconv.Itoa(int(an.Pos)+1), Timestamp: at,
			Result:  &xapi.Result{Response: excerpt(an.Response, 1000)},
			Context: &xapi.Context{Registration: r.ID, Parent: "exam/" + e.ID}}
		if err := a.learnTx(ctx, tx, SystemActor("exam"), s); err != nil {
			return err
		}
	}
	return nil
}
