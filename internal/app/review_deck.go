package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/fsrs"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The mistake deck (错题本): a learner's wrong and partly right answers,
// added once the exam releases its answers (never before: the deck would
// tell correctness early) and reviewed on an FSRS-6 schedule. Each person
// sees only their own deck.

// newScheduler is FSRS-6 with its default weights, fuzzed intervals and
// days counted in the company time zone.
func newScheduler(loc *time.Location) *fsrs.Scheduler {
	p := fsrs.DefaultParams()
	p.Location = loc
	p.EnableFuzz = true
	s, err := fsrs.New(p)
	if err != nil {
		panic(err) // the defaults are valid (fsrs tests them); only a broken build gets here
	}
	return s
}

// deckReleased adds the mistakes of graded attempts whose answers are now
// released to their learners' decks.
func (a *App) deckReleased(ctx context.Context) (int, error) {
	n := 0
	for {
		var rows []sqlq.ListUndeckedRow
		if err := a.store.Read(ctx, func(q *store.Queries) (err error) {
			rows, err = q.ListUndecked(ctx, sqlq.ListUndeckedParams{ClosesAt: a.nowMs(), Limit: 100})
			return err
		}); err != nil || len(rows) == 0 {
			return n, err
		}
		for _, r := range rows {
			if err := a.store.TxQuiet(ctx, func(tx *store.Tx) error { return a.deckAttempt(ctx, tx, r) }); err != nil {
				return n, fmt.Errorf("deck attempt %s: %w", r.ID, err)
			}
			n++
		}
	}
}

func (a *App) deckAttempt(ctx context.Context, tx *store.Tx, r sqlq.ListUndeckedRow) error {
	p, err := a.loadPaper(ctx, tx.Queries, r.ID)
	if err != nil {
		return err
	}
	for _, it := range p.items {
		var res quiz.Result
		if json.Unmarshal([]byte(it.Result), &res) != nil || !mistaken(res.State) {
			continue
		}
		if err := tx.AddReviewCard(ctx, sqlq.AddReviewCardParams{ID: newID(), PersonID: r.PersonID,
			QuestionID: it.QuestionID, VersionNo: it.VersionNo, Body: it.Body, ExamTitle: r.ExamTitle,
			AttemptID: r.ID, Response: p.response(it.Pos), AddedAt: a.nowMs()}); err != nil {
			return err
		}
	}
	return tx.SetAttemptDecked(ctx, r.ID)
}

func mistaken(s quiz.State) bool { return s == quiz.Wrong || s == quiz.Partial || s == quiz.Unanswered }

// Deck is the actor's mistake deck at a glance.
type Deck struct {
	Due, Total int64
}

// MyDeck counts the actor's cards and those due now.
func (a *App) MyDeck(ctx context.Context, ac Actor) (Deck, error) {
	var d Deck
	if ac.PersonID == "" {
		return d, nil
	}
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if d.Due, err = q.CountDueCards(ctx, sqlq.CountDueCardsParams{PersonID: ac.PersonID, Due: a.nowMs()}); err != nil {
			return err
		}
		d.Total, err = q.CountCards(ctx, ac.PersonID)
		return err
	})
	return d, err
}

// ReviewView is the next card to review, with what each rating would do.
type ReviewView struct {
	Deck     Deck
	CardID   string
	Reps     int64
	Question quiz.Question
	Response quiz.Response
	Exam     string
	Lapses   int64
	Next     [4]time.Time // due after Again, Hard, Good, Easy
}

// NextReview returns the actor's next due card; ok is false when none is due.
func (a *App) NextReview(ctx context.Context, ac Actor) (v ReviewView, ok bool, err error) {
	if ac.PersonID == "" {
		return v, false, shopdojo.ErrForbidden
	}
	if v.Deck, err = a.MyDeck(ctx, ac); err != nil || v.Deck.Due == 0 {
		return v, false, err
	}
	var c sqlq.ReviewCard
	err = a.store.Read(ctx, func(q *store.Queries) (err error) {
		c, err = q.NextDueCard(ctx, sqlq.NextDueCardParams{PersonID: ac.PersonID, Due: a.nowMs()})
		return err
	})
	if errors.Is(err, shopdojo.ErrNotFound) || errors.Is(err, sql.ErrNoRows) {
		return v, false, nil
	}
	if err != nil {
		return v, false, err
	}
	return a.reviewView(c, v.Deck)
}

func (a *App) reviewView(c sqlq.ReviewCard, d Deck) (ReviewView, bool, error) {
	v := ReviewView{Deck: d, CardID: c.ID, Reps: c.Reps, Exam: c.ExamTitle, Lapses: c.Lapses}
	if err := json.Unmarshal([]byte(c.Body), &v.Question); err != nil {
		return v, false, fmt.Errorf("review card %s: %w", c.ID, err)
	}
	if c.Response != "" {
		_ = json.Unmarshal([]byte(c.Response), &v.Response)
	}
	next, err := a.fsrs.Preview(toCard(c), a.now())
	if err != nil {
		return v, false, fmt.Errorf("review card %s: %w", c.ID, err)
	}
	for i, n := range next {
		v.Next[i] = n.Due
	}
	return v, true, nil
}

func toCard(c sqlq.ReviewCard) fsrs.Card {
	return fsrs.Card{Due: fromMs(c.Due), Stability: c.Stability, Difficulty: c.Difficulty,
		ScheduledDays: int(c.ScheduledDays), Reps: int(c.Reps), Lapses: int(c.Lapses), State: fsrs.State(c.State),
		Step: int(c.Step), LastReview: fromMs(c.LastReview)}
}

// Review records the actor's rating of a card of their own deck. reps is
// the review count the page showed: a second submit of the same review
// changes nothing.
func (a *App) Review(ctx context.Context, ac Actor, cardID string, reps int64, r fsrs.Rating) error {
	if !r.Valid() {
		return shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	return a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		c, err := tx.GetReviewCard(ctx, cardID)
		if err != nil {
			return err
		}
		if ac.PersonID == "" || c.PersonID != ac.PersonID {
			return shopdojo.ErrNotFound
		}
		if c.Reps != reps {
			return nil // already reviewed from this page
		}
		next, err := a.fsrs.Review(toCard(c), r, a.now())
		if err != nil {
			return err
		}
		if _, err := tx.UpdateReviewCard(ctx, sqlq.UpdateReviewCardParams{ID: c.ID, Reps: c.Reps,
			Due: next.Due.UnixMilli(), Stability: next.Stability, Difficulty: next.Difficulty,
			ScheduledDays: int64(next.ScheduledDays), Reps_2: int64(next.Reps), Lapses: int64(next.Lapses),
			State: int64(next.State), Step: int64(next.Step), LastReview: msOf(next.LastReview)}); err != nil {
			return err
		}
		return tx.InsertReviewLog(ctx, sqlq.InsertReviewLogParams{ID: newID(), CardID: c.ID, At: a.nowMs(),
			Rating: int64(r), State: int64(next.State), Due: next.Due.UnixMilli()})
	})
}
