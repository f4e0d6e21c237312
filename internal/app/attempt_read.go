package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/attempt"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// MyExam is an exam on a learner's list with their attempts at it.
type MyExam struct {
	Exam     ExamBrief
	OpensAt  time.Time
	Attempts []shopdojo.Attempt // newest first; scores only when released
	OpenID   string             // the attempt in progress, if any
	Phase    string             // upcoming | open | closed
	Left     int                // attempts left; -1 unlimited
	Best     *shopdojo.Attempt  // best released graded attempt
}

// CanStart reports whether the learner may start a new attempt now.
func (m MyExam) CanStart() bool { return m.Phase == "open" && m.OpenID == "" && m.Left != 0 }

// MyExams lists the exams the actor may sit, with their attempts.
func (a *App) MyExams(ctx context.Context, ac Actor) ([]MyExam, error) {
	if ac.PersonID == "" {
		return nil, nil
	}
	var out []MyExam
	now := a.now()
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	err = a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListExamsForPerson(ctx, sqlq.ListExamsForPersonParams{PersonID: ac.PersonID})
		if err != nil {
			return err
		}
		mine, err := q.ListPersonAttempts(ctx, ac.PersonID)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if len(sp.examRefs[r.Exam.ID]) > 0 {
				continue // offered on the course map (我的学习), where its gate is shown
			}
			e, err := toExam(r.Exam, r.OwnerName)
			if err != nil {
				return err
			}
			out = append(out, a.myExam(e, mine, now))
		}
		return nil
	})
	return out, err
}

func (a *App) myExam(e shopdojo.Exam, mine []sqlq.Attempt, now time.Time) MyExam {
	m := MyExam{Exam: briefOf(e), OpensAt: e.OpensAt, Phase: "open", Left: -1}
	switch {
	case !e.OpensAt.IsZero() && now.Before(e.OpensAt):
		m.Phase = "upcoming"
	case !e.ClosesAt.IsZero() && !now.Before(e.ClosesAt):
		m.Phase = "closed"
	}
	used := 0
	for _, r := range mine {
		if r.ExamID != e.ID {
			continue
		}
		used++
		at := learnerAttempt(r, e, now)
		if attempt.State(r.State).Open() && !a.rules(r).Due(now) {
			m.OpenID = r.ID
		}
		if at.State == string(attempt.Graded) && scoreReleased(e, now) && (m.Best == nil || at.Score > m.Best.Score) {
			best := at
			m.Best = &best
		}
		m.Attempts = append(m.Attempts, at)
	}
	if e.AttemptsAllowed > 0 {
		m.Left = max(0, e.AttemptsAllowed-used)
	}
	return m
}

// learnerAttempt is an attempt as its learner may see it: without score
// and pass/fail until scores are released.
func learnerAttempt(r sqlq.Attempt, e shopdojo.Exam, now time.Time) shopdojo.Attempt {
	at := toAttempt(r)
	at.ExamTitle = e.Title
	if !scoreReleased(e, now) || at.State != string(attempt.Graded) {
		at.Score, at.Percent, at.Passed = 0, 0, false
	}
	return at
}

// ResultView is a finished attempt as its learner or a grader sees it.
type ResultView struct {
	Attempt      shopdojo.Attempt
	Exam         ExamBrief
	ScoreShown   bool // the score (and pass/fail) may be shown
	AnswersShown bool // keys, results per question and explanations may be shown
	Staff        bool // the viewer runs the exam (sees everything, can grade)
	Items        []ResultItem
	Events       []AttemptEvent // for staff only
}

// ResultItem is one question of a result. Question and Result are nil
// unless answers are shown.
type ResultItem struct {
	Pos      int
	Section  string
	Item     quiz.Item
	Response quiz.Response
	Answered bool
	Question *quiz.Question
	Result   *quiz.Result
	Feedback string
}

// AttemptEvent is a signal recorded during an attempt.
type AttemptEvent struct {
	At                   time.Time
	Kind, Device, Detail string
}

// AttemptResult returns the actor's own finished attempt, showing only
// what has been released.
func (a *App) AttemptResult(ctx context.Context, ac Actor, id string) (ResultView, error) {
	var v ResultView
	err := a.store.Read(ctx, func(q *store.Queries) error {
		r, err := ownAttempt(ctx, q, ac, id)
		if err != nil {
			return err
		}
		e, err := getExam(ctx, q, r.ExamID)
		if err != nil {
			return err
		}
		now := a.now()
		v.Attempt, v.Exam = learnerAttempt(r, e, now), briefOf(e)
		done := attempt.State(r.State).Done()
		v.ScoreShown = done && scoreReleased(e, now) && r.State == string(attempt.Graded)
		v.AnswersShown = done && answersReleased(e, now)
		return a.fillResult(ctx, q, r.ID, &v)
	})
	return v, err
}

// ReviewAttempt returns any attempt of an exam the actor runs, in full.
func (a *App) ReviewAttempt(ctx context.Context, ac Actor, id string) (ResultView, error) {
	var v ResultView
	err := a.store.Read(ctx, func(q *store.Queries) error {
		r, err := q.GetAttempt(ctx, id)
		if err != nil {
			return err
		}
		e, err := loadExam(ctx, q, ac, r.Attempt.ExamID, true)
		if err != nil {
			return err
		}
		v.Attempt, v.Exam, v.Staff = toAttempt(r.Attempt), briefOf(e), true
		v.Attempt.PersonName, v.Attempt.EmployeeNo, v.Attempt.ExamTitle = r.PersonName, r.EmployeeNo, e.Title
		v.ScoreShown, v.AnswersShown = true, true
		if err := a.fillResult(ctx, q, id, &v); err != nil {
			return err
		}
		evs, err := q.ListAttemptEvents(ctx, id)
		for _, ev := range evs {
			v.Events = append(v.Events, AttemptEvent{At: fromMs(ev.At), Kind: ev.Kind, Device: ev.Device, Detail: ev.Detail})
		}
		return err
	})
	return v, err
}

func (a *App) fillResult(ctx context.Context, q *store.Queries, id string, v *ResultView) error {
	p, err := a.loadPaper(ctx, q, id)
	if err != nil {
		return err
	}
	for _, it := range p.items {
		ri, err := resultItem(it, p, v.AnswersShown)
		if err != nil {
			return fmt.Errorf("attempt %s: %w", id, err)
		}
		v.Items = append(v.Items, ri)
	}
	return nil
}

func resultItem(it sqlq.AttemptItem, p paper, full bool) (ResultItem, error) {
	var qq quiz.Question
	if err := json.Unmarshal([]byte(it.Body), &qq); err != nil {
		return ResultItem{}, fmt.Errorf("item %d: %w", it.Pos, err)
	}
	ri := ResultItem{Pos: int(it.Pos), Section: it.Section, Item: qq.Public()}
	if an, ok := p.answers[it.Pos]; ok {
		ri.Answered = true
		_ = json.Unmarshal([]byte(an.Response), &ri.Response)
	}
	if !full {
		return ri, nil
	}
	ri.Question, ri.Feedback = &qq, it.Feedback
	if it.Result != "" {
		var res quiz.Result
		if err := json.Unmarshal([]byte(it.Result), &res); err == nil {
			ri.Result = &res
		}
	}
	return ri, nil
}

// ExamAttempts lists every attempt at an exam the actor runs.
func (a *App) ExamAttempts(ctx context.Context, ac Actor, examID string) ([]shopdojo.Attempt, error) {
	var out []shopdojo.Attempt
	err := a.store.Read(ctx, func(q *store.Queries) error {
		e, err := loadExam(ctx, q, ac, examID, true)
		if err != nil {
			return err
		}
		rows, err := q.ListExamAttempts(ctx, examID)
		for _, r := range rows {
			at := toAttempt(r.Attempt)
			at.PersonName, at.EmployeeNo, at.ExamTitle, at.Department = r.PersonName, r.EmployeeNo, e.Title, r.Department
			out = append(out, at)
		}
		return err
	})
	return out, err
}

// GrantExtraTime moves an open attempt's deadline later by extra; only the
// exam's owner and content reviewers may, and it is audited.
func (a *App) GrantExtraTime(ctx context.Context, ac Actor, id string, extra time.Duration) error {
	if extra < time.Minute || extra > 4*time.Hour {
		return shopdojo.E(shopdojo.KindInvalid, "attempt.err_extra_time")
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.LockAttempt(ctx, id); err != nil {
			return err
		}
		r, err := tx.GetAttempt(ctx, id)
		if err != nil {
			return err
		}
		e, err := loadExam(ctx, tx.Queries, ac, r.Attempt.ExamID, true)
		if err != nil {
			return err
		}
		at := r.Attempt
		if at.State != string(attempt.InProgress) || at.Deadline == 0 || a.rules(at).Due(a.now()) {
			return shopdojo.E(shopdojo.KindConflict, "attempt.err_no_extra_time")
		}
		nd := at.Deadline + extra.Milliseconds()
		if err := tx.SetAttemptDeadline(ctx, sqlq.SetAttemptDeadlineParams{ID: id, Deadline: nd,
			ExtraS: at.ExtraS + int64(extra/time.Second)}); err != nil {
			return err
		}
		if err := a.event(ctx, tx, id, "extra_time", "", extra.String()+" by "+ac.Name); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "attempt.extra_time", ObjectType: "attempt", ObjectID: id,
			ObjectName: e.Title + " · " + r.PersonName,
			Before:     map[string]string{"deadline": timeField(fromMs(at.Deadline))},
			After:      map[string]string{"deadline": timeField(fromMs(nd))}})
	})
}

// AnswerSeqs returns the stored client sequence of every answered item of
// an attempt, for those who run its exam (and the crash test that checks
// no acknowledged answer was lost).
func (a *App) AnswerSeqs(ctx context.Context, ac Actor, id string) (map[int]int64, error) {
	out := map[int]int64{}
	err := a.store.Read(ctx, func(q *store.Queries) error {
		r, err := q.GetAttemptOnly(ctx, id)
		if err != nil {
			return err
		}
		if _, err := loadExam(ctx, q, ac, r.ExamID, true); err != nil {
			return err
		}
		rows, err := q.ListAnswerSeqs(ctx, id)
		for _, x := range rows {
			out[int(x.Pos)] = x.Seq
		}
		return err
	})
	return out, err
}

// CheckIntegrity checks the database's own integrity (SQLite's
// integrity_check).
func (a *App) CheckIntegrity(ctx context.Context) error { return a.store.CheckIntegrity(ctx) }
