package app

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"strconv"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/attempt"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
	"github.com/shopdojo/shopdojo/internal/xapi"
)

// An attempt belongs to the person sitting it: every read and write below
// checks that, and answers "not found" to anyone else, so attempt ids
// reveal nothing. Staff (the exam's owner and content reviewers) see
// attempts through the exam's pages.

func toAttempt(r sqlq.Attempt) shopdojo.Attempt {
	at := shopdojo.Attempt{ID: r.ID, ExamID: r.ExamID, PersonID: r.PersonID, No: int(r.No), State: r.State,
		StartedAt: fromMs(r.StartedAt), Deadline: fromMs(r.Deadline), FinishedAt: fromMs(r.FinishedAt),
		GradedAt: fromMs(r.GradedAt), Extra: time.Duration(r.ExtraS) * time.Second, Score: r.Score,
		MaxScore: r.MaxScore, Passed: r.Passed, ToGrade: int(r.ToGrade)}
	if r.MaxScore > 0 {
		at.Percent = roundTo(100*r.Score/r.MaxScore, 1)
	}
	return at
}

func (a *App) rules(r sqlq.Attempt) attempt.Attempt {
	return attempt.Attempt{State: attempt.State(r.State), Started: fromMs(r.StartedAt), Deadline: fromMs(r.Deadline),
		Grace: a.opt.ExamGrace, Finished: fromMs(r.FinishedAt)}
}

// ownAttempt loads an attempt of the actor's; anyone else's is not found.
func ownAttempt(ctx context.Context, q *store.Queries, ac Actor, id string) (sqlq.Attempt, error) {
	r, err := q.GetAttempt(ctx, id)
	if err != nil {
		return sqlq.Attempt{}, err
	}
	if ac.PersonID == "" || r.Attempt.PersonID != ac.PersonID {
		return sqlq.Attempt{}, shopdojo.ErrNotFound
	}
	return r.Attempt, nil
}

func newSeed() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return binary.LittleEndian.Uint64(b[:]) >> 1 // fits a signed BIGINT
}

// StartAttempt resumes the actor's attempt at an exam that is in progress,
// or starts a new one: it checks the audience, the window and the attempts
// left, draws the paper from a fresh server-side seed and pins every
// question's version. device is the browser that will hold the attempt.
// The checks and the drawing read outside the write transaction; the
// write joins the answer saves' group commit and checks again what could
// have changed meanwhile (another start of the same person).
func (a *App) StartAttempt(ctx context.Context, ac Actor, examID, device string) (string, error) {
	var e shopdojo.Exam
	var p storedPaper
	var open string
	seed := newSeed()
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if e, err = a.sittable(ctx, q, ac, examID); err != nil {
			return err
		}
		if open, err = q.OpenAttempt(ctx, sqlq.OpenAttemptParams{ExamID: examID, PersonID: ac.PersonID}); err == nil {
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		items, err := drawPaper(ctx, &pools{q: q, bank: map[string][]drawnItem{}, a: a}, e, seed)
		if err == nil {
			p, err = encodePaper(items)
		}
		return err
	})
	if err != nil || open != "" {
		return open, err
	}
	var id string
	err = a.saves.Do(ctx, func(tx *store.Tx) error {
		open, err := tx.OpenAttempt(ctx, sqlq.OpenAttemptParams{ExamID: examID, PersonID: ac.PersonID})
		if err == nil {
			id = open
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		id, err = a.newAttempt(ctx, tx, ac, e, device, seed, p)
		return err
	})
	return id, err
}

// sittable returns a published exam the actor may sit now (without its
// audience, which sitting needs no more).
func (a *App) sittable(ctx context.Context, q *store.Queries, ac Actor, examID string) (shopdojo.Exam, error) {
	if ac.PersonID == "" {
		return shopdojo.Exam{}, shopdojo.ErrForbidden
	}
	if examID == "" {
		return shopdojo.Exam{}, shopdojo.ErrNotFound // "" would list them all
	}
	rows, err := q.ListExamsForPerson(ctx, sqlq.ListExamsForPersonParams{PersonID: ac.PersonID, ExamID: examID})
	if err != nil || len(rows) == 0 {
		return shopdojo.Exam{}, firstErr(err, shopdojo.ErrNotFound)
	}
	e, err := a.examOf(rows[0].Exam, rows[0].OwnerName)
	if err != nil {
		return e, err
	}
	if err := a.curriculumGate(ctx, q, ac, examID); err != nil {
		return e, err
	}
	now := a.now()
	switch {
	case !e.OpensAt.IsZero() && now.Before(e.OpensAt):
		return e, shopdojo.E(shopdojo.KindConflict, "exam.err_not_open")
	case !e.ClosesAt.IsZero() && !now.Before(e.ClosesAt):
		return e, shopdojo.E(shopdojo.KindConflict, "exam.err_closed")
	}
	return e, nil
}

// examOf is toExam with the decoded paper memoized: thousands starting an
// exam at once share one decoding. The paper is shared: read it only.
func (a *App) examOf(r sqlq.Exam, owner string) (shopdojo.Exam, error) {
	key, gen, now := r.ID+"@"+strconv.FormatInt(r.UpdatedAt, 10), a.store.Gen(), a.now()
	if p, ok := a.papers.get(key, gen, now); ok {
		r.Paper = "{}"
		e, err := toExam(r, owner)
		e.Paper = p
		return e, err
	}
	e, err := toExam(r, owner)
	if err == nil {
		a.papers.put(key, e.Paper, gen, now)
	}
	return e, err
}

// newAttempt stores an attempt with the paper drawn from seed.
func (a *App) newAttempt(ctx context.Context, tx *store.Tx, ac Actor, e shopdojo.Exam, device string, seed uint64, p storedPaper) (string, error) {
	last, err := tx.LastAttemptNo(ctx, sqlq.LastAttemptNoParams{ExamID: e.ID, PersonID: ac.PersonID})
	if err != nil {
		return "", err
	}
	if e.AttemptsAllowed > 0 && last >= int64(e.AttemptsAllowed) {
		return "", shopdojo.E(shopdojo.KindConflict, "exam.err_no_attempts_left")
	}
	now := a.now()
	id := newID()
	deadline := attempt.Deadline(now, e.TimeLimit, 0, e.ClosesAt)
	if err := tx.InsertAttempt(ctx, sqlq.InsertAttemptParams{ID: id, ExamID: e.ID, PersonID: ac.PersonID,
		No: last + 1, Seed: int64(seed), Items: int64(p.n), Practice: e.Mode == shopdojo.ModePractice, Device: device, StartedAt: now.UnixMilli(),
		Deadline: msOf(deadline), MaxScore: p.total}); err != nil {
		return "", err
	}
	if err := tx.InsertAttemptPaper(ctx, sqlq.InsertAttemptPaperParams{AttemptID: id, Items: p.raw}); err != nil {
		return "", err
	}
	if err := a.event(ctx, tx, id, "start", device, ""); err != nil {
		return "", err
	}
	return id, a.learnTx(ctx, tx, ac, xapi.Statement{Verb: xapi.Attempted.IRI, ObjectType: "exam", ObjectID: e.ID,
		ObjectName: e.Title, Context: &xapi.Context{Registration: id}})
}

func (a *App) event(ctx context.Context, tx *store.Tx, attemptID, kind, device, detail string) error {
	return tx.InsertAttemptEvent(ctx, sqlq.InsertAttemptEventParams{ID: newID(), AttemptID: attemptID,
		At: a.nowMs(), Kind: kind, Device: device, Detail: excerpt(detail, 200)})
}

func roundTo(x float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	if x < 0 {
		return -float64(int64(-x*p+0.5)) / p
	}
	return float64(int64(x*p+0.5)) / p
}
