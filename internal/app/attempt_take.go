package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/attempt"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// TakeView is the exam page: what the learner may see while answering.
// Items are quiz.Item, which has no field for a key.
type TakeView struct {
	Attempt   shopdojo.Attempt
	Exam      ExamBrief
	Items     []TakeItem
	Now       time.Time     // the server's clock, for the timer
	Remaining time.Duration // until the deadline; 0 when untimed
	Elsewhere bool          // another device holds the attempt: take over first
}

// ExamBrief is what a learner may know of an exam's settings.
type ExamBrief struct {
	ID, Title, Description string
	TitleEN                string
	Mode                   string
	TimeLimit              time.Duration
	ClosesAt               time.Time
	PassPercent            float64
	AttemptsAllowed        int
	Certifies              string
}

func briefOf(e shopdojo.Exam) ExamBrief {
	return ExamBrief{ID: e.ID, Title: e.Title, TitleEN: e.TitleEN, Description: e.Description, Mode: e.Mode, TimeLimit: e.TimeLimit,
		ClosesAt: e.ClosesAt, PassPercent: e.PassPercent, AttemptsAllowed: e.AttemptsAllowed, Certifies: e.Certifies}
}

// TakeItem is one question of the exam page with the saved answer.
type TakeItem struct {
	Pos      int
	Section  string
	Item     quiz.Item
	Response quiz.Response
	Seq      int64
	Answered bool
}

// TakeAttempt opens the actor's attempt for answering from device. An
// attempt past its deadline is finished first (the view then says so); a
// first visit claims the attempt for device; a visit from another device
// is recorded and must take over explicitly.
func (a *App) TakeAttempt(ctx context.Context, ac Actor, id, device string) (TakeView, error) {
	var v TakeView
	var r sqlq.Attempt
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		r, err = ownAttempt(ctx, q, ac, id)
		return err
	})
	if err != nil {
		return v, err
	}
	// The page is read thousands of times at an exam's start: it writes
	// only when there is something to write, and quietly (no cached
	// figure depends on an attempt).
	rules := a.rules(r)
	if rules.Due(a.now()) || rules.State == attempt.Overdue || (rules.State.Open() && r.Device != device) {
		err = a.store.TxQuiet(ctx, func(tx *store.Tx) error {
			if r, err = ownAttempt(ctx, tx.Queries, ac, id); err != nil {
				return err
			}
			if r, err = a.settle(ctx, tx, r); err != nil {
				return err
			}
			return a.claim(ctx, tx, &r, device, &v)
		})
		if err != nil {
			return v, err
		}
	}
	err = a.store.Read(ctx, func(q *store.Queries) error { return a.fillTake(ctx, q, r, &v) })
	return v, err
}

// settle finishes an attempt that is past its deadline and returns it as
// it now stands.
func (a *App) settle(ctx context.Context, tx *store.Tx, r sqlq.Attempt) (sqlq.Attempt, error) {
	rules := a.rules(r)
	if !rules.Due(a.now()) && rules.State != attempt.Overdue {
		return r, nil
	}
	if err := a.finishTx(ctx, tx, r, "deadline"); err != nil {
		return r, err
	}
	got, err := tx.GetAttempt(ctx, r.ID)
	return got.Attempt, err
}

func (a *App) claim(ctx context.Context, tx *store.Tx, r *sqlq.Attempt, device string, v *TakeView) error {
	if !attempt.State(r.State).Open() || r.Device == device {
		return nil
	}
	if r.Device == "" {
		r.Device = device
		if err := tx.SetAttemptDevice(ctx, sqlq.SetAttemptDeviceParams{ID: r.ID, Device: device}); err != nil {
			return err
		}
		return a.event(ctx, tx, r.ID, "claim", device, "")
	}
	v.Elsewhere = true
	return a.event(ctx, tx, r.ID, "other_device", device, "")
}

func (a *App) fillTake(ctx context.Context, q *store.Queries, r sqlq.Attempt, v *TakeView) error {
	e, err := getExam(ctx, q, r.ExamID)
	if err != nil {
		return err
	}
	now := a.now()
	v.Attempt, v.Exam, v.Now = toAttempt(r), briefOf(e), now
	v.Attempt.ExamTitle = e.Title
	v.Remaining = a.rules(r).Remaining(now)
	if v.Elsewhere || !attempt.State(r.State).Open() {
		return nil
	}
	p, err := a.loadPaper(ctx, q, r.ID)
	if err != nil {
		return err
	}
	for _, it := range p.items {
		var qq quiz.Question
		if err := json.Unmarshal([]byte(it.Body), &qq); err != nil {
			return fmt.Errorf("attempt %s item %d: %w", r.ID, it.Pos, err)
		}
		ti := TakeItem{Pos: int(it.Pos), Section: it.Section, Item: qq.Public()}
		if an, ok := p.answers[it.Pos]; ok {
			ti.Seq, ti.Answered = an.Seq, true
			_ = json.Unmarshal([]byte(an.Response), &ti.Response)
		}
		v.Items = append(v.Items, ti)
	}
	return nil
}

// AnswerSave is one answer the exam page sends. Seq grows with every
// change the page makes to that question's answer.
type AnswerSave struct {
	Pos      int             `json:"pos"`
	Seq      int64           `json:"seq"`
	Response json.RawMessage `json:"response"`
}

// Ack says the server has committed an answer (or already had it, or a
// newer one): the page may forget it.
type Ack struct {
	Pos  int   `json:"pos"`
	Seq  int64 `json:"seq"`
	Kept bool  `json:"kept"` // false: a save with this or a later seq was already stored
	// Feedback is filled in practice mode only, where every answer is
	// checked at once.
	Feedback *Feedback `json:"feedback,omitempty"`
}

// Feedback is a practice answer's check.
type Feedback struct {
	State       quiz.State  `json:"state"`
	Points      float64     `json:"points"`
	Max         float64     `json:"max"`
	Answer      quiz.Answer `json:"answer"`
	Explanation string      `json:"explanation"` // Markdown
	// ExplanationEN is the English explanation, or "" when untranslated;
	// the page in English shows it instead (never sent as such).
	ExplanationEN string `json:"-"`
}

// maxResponse bounds one saved answer (a long short-answer included).
const maxResponse = 16 << 10

// SaveAnswers stores answers from device and acknowledges them only
// after the transaction holding them committed. Saves from many learners
// share transactions (group commit), so one commit covers many. A save
// counts only while the attempt is in progress and the server's clock is
// before the deadline plus grace; client times are never used. A device
// that lost the attempt to another gets a conflict and nothing is stored.
func (a *App) SaveAnswers(ctx context.Context, ac Actor, id, device string, saves []AnswerSave) ([]Ack, error) {
	resps, err := parseSaves(saves)
	if err != nil {
		return nil, err
	}
	seen, err := a.saveFacts(ctx, ac, id, device)
	if err != nil {
		return nil, err
	}
	do := a.saves.Do
	if len(saves) == 1 {
		do = a.saves.DoOne
	}
	var acks []Ack
	err = do(ctx, func(tx *store.Tx) error {
		// PostgreSQL locks and checks the attempt once for the batch;
		// SQLite's single writer lets each save check itself (saveOne).
		checked := tx.Dialect() == store.Postgres
		if checked {
			if _, err := a.writableAttempt(ctx, tx, ac, id, device); err != nil {
				return err
			}
		}
		acks = make([]Ack, 0, len(saves))
		for i, s := range saves {
			ack, err := a.saveOne(ctx, tx, ac, seen, device, checked, s, resps[i])
			if err != nil {
				return err
			}
			acks = append(acks, ack)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return acks, nil
}

// saveFacts returns what a save needs to know of the actor's attempt
// before it writes. The first save of an attempt reads and checks it in
// full on the read pool; later ones take its immutable facts from memory
// and leave the changing parts to the write's own check (saveOne).
func (a *App) saveFacts(ctx context.Context, ac Actor, id, device string) (attemptFacts, error) {
	if f, ok := a.facts.get(id); ok {
		if ac.PersonID == "" || f.PersonID != ac.PersonID {
			return attemptFacts{}, shopdojo.ErrNotFound
		}
		return f, nil
	}
	var seen sqlq.Attempt
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		seen, err = a.checkWritable(ctx, q, ac, id, device)
		return err
	}); err != nil {
		return attemptFacts{}, err
	}
	f := factsOf(seen)
	a.facts.put(f)
	return f, nil
}

// parseSaves checks a batch before any of it is written and returns each
// answer re-encoded with only the fields a response has.
func parseSaves(saves []AnswerSave) ([]string, error) {
	if len(saves) == 0 || len(saves) > 500 {
		return nil, shopdojo.E(shopdojo.KindInvalid, "attempt.err_batch")
	}
	out := make([]string, len(saves))
	for i, s := range saves {
		var resp quiz.Response
		if s.Pos < 0 || s.Seq < 1 || len(s.Response) > maxResponse || json.Unmarshal(s.Response, &resp) != nil {
			return nil, shopdojo.E(shopdojo.KindInvalid, "attempt.err_answer")
		}
		clean, _ := json.Marshal(resp)
		out[i] = string(clean)
	}
	return out, nil
}

// writableAttempt locks the actor's attempt (PostgreSQL; SQLite has one
// writer) and checks that device holds it and that it still accepts
// answers now.
func (a *App) writableAttempt(ctx context.Context, tx *store.Tx, ac Actor, id, device string) (sqlq.Attempt, error) {
	if tx.Dialect() == store.Postgres {
		if _, err := tx.LockAttempt(ctx, id); err != nil {
			return sqlq.Attempt{}, err
		}
	}
	return a.checkWritable(ctx, tx.Queries, ac, id, device)
}

// checkWritable reads the actor's attempt and checks that device holds it
// and that it accepts answers now.
func (a *App) checkWritable(ctx context.Context, q *store.Queries, ac Actor, id, device string) (sqlq.Attempt, error) {
	r, err := q.GetAttemptOnly(ctx, id)
	if err != nil {
		return r, err
	}
	if ac.PersonID == "" || r.PersonID != ac.PersonID {
		return sqlq.Attempt{}, shopdojo.ErrNotFound
	}
	if r.Device != device {
		return r, shopdojo.E(shopdojo.KindConflict, "attempt.err_taken_over")
	}
	switch err := a.rules(r).CanSave(a.now()); {
	case errors.Is(err, attempt.ErrPastDue):
		return r, shopdojo.E(shopdojo.KindConflict, "attempt.err_past_due")
	case err != nil:
		return r, shopdojo.E(shopdojo.KindConflict, "attempt.err_finished")
	}
	return r, nil
}

// saveOne stores one answer in tx. seen is the attempt as read before the
// batch; checked says the batch has locked and checked it already. Else one
// statement checks that it is unchanged and writes; when that writes
// nothing (an older save, or the attempt changed) the attempt is checked
// again first.
func (a *App) saveOne(ctx context.Context, tx *store.Tx, ac Actor, seen attemptFacts, device string, checked bool, s AnswerSave, resp string) (Ack, error) {
	if int64(s.Pos) >= seen.Items {
		return Ack{}, shopdojo.E(shopdojo.KindInvalid, "attempt.err_answer")
	}
	now := a.nowMs()
	var n int64
	var err error
	if !checked {
		n, err = tx.SaveAnswerIfOpen(ctx, sqlq.SaveAnswerIfOpenParams{AttemptID: seen.ID, Pos: int64(s.Pos), Seq: s.Seq,
			Response: resp, SavedAt: now, Device: device, GraceMs: a.opt.ExamGrace.Milliseconds()})
		if err != nil {
			return Ack{}, err
		}
		if n == 0 {
			if _, err := a.writableAttempt(ctx, tx, ac, seen.ID, device); err != nil {
				return Ack{}, err
			}
		}
	}
	if checked || n == 0 {
		if n, err = tx.SaveAnswer(ctx, sqlq.SaveAnswerParams{AttemptID: seen.ID, Pos: int64(s.Pos), Seq: s.Seq,
			Response: resp, SavedAt: now}); err != nil {
			return Ack{}, err
		}
	}
	ack := Ack{Pos: s.Pos, Seq: s.Seq, Kept: n > 0}
	if seen.Practice {
		var qr quiz.Response
		_ = json.Unmarshal([]byte(resp), &qr)
		ack.Feedback, err = a.practiceFeedback(ctx, tx.Queries, seen.ID, s.Pos, qr)
	}
	return ack, err
}

func (a *App) practiceFeedback(ctx context.Context, q *store.Queries, id string, pos int, resp quiz.Response) (*Feedback, error) {
	it, err := a.attemptItem(ctx, q, id, pos)
	if err != nil {
		return nil, err
	}
	var qq quiz.Question
	if err := json.Unmarshal([]byte(it.Body), &qq); err != nil {
		return nil, err
	}
	res := quiz.Score(qq, resp)
	fb := &Feedback{State: res.State, Points: res.Points, Max: res.Max, Answer: qq.Answer, Explanation: qq.Explanation}
	if qq.EN != nil {
		fb.ExplanationEN = qq.EN.Explanation
	}
	return fb, nil
}

// TakeOver moves the actor's open attempt to device; answers queued on the
// device that held it are refused from now on.
func (a *App) TakeOver(ctx context.Context, ac Actor, id, device string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		if _, err := tx.LockAttempt(ctx, id); err != nil {
			return err
		}
		r, err := ownAttempt(ctx, tx.Queries, ac, id)
		if err != nil || r.Device == device || !attempt.State(r.State).Open() {
			return err
		}
		if err := tx.SetAttemptDevice(ctx, sqlq.SetAttemptDeviceParams{ID: id, Device: device}); err != nil {
			return err
		}
		return a.event(ctx, tx, id, "takeover", device, "from "+r.Device)
	})
}

// Signal kinds the exam page reports for reviewers. Leaving the page is a
// signal, never a penalty.
var signalKinds = map[string]bool{"hidden": true, "visible": true, "offline": true, "online": true}

// Signal records a page event of the actor's attempt.
func (a *App) Signal(ctx context.Context, ac Actor, id, device, kind string) error {
	if !signalKinds[kind] {
		return shopdojo.E(shopdojo.KindInvalid, "error.out_of_range")
	}
	return a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		r, err := ownAttempt(ctx, tx.Queries, ac, id)
		if err != nil || !attempt.State(r.State).Open() {
			return err
		}
		return a.event(ctx, tx, id, kind, device, "")
	})
}

// Clock is an attempt's standing by the server's clock, for the exam
// page's timer.
type Clock struct {
	State       string `json:"state"`
	RemainingMs int64  `json:"remaining_ms"`
	Timed       bool   `json:"timed"`
	Holder      bool   `json:"holder"` // device holds the attempt
}

// AttemptClock returns the time left of the actor's attempt.
func (a *App) AttemptClock(ctx context.Context, ac Actor, id, device string) (Clock, error) {
	var c Clock
	err := a.store.Read(ctx, func(q *store.Queries) error {
		r, err := ownAttempt(ctx, q, ac, id)
		if err != nil {
			return err
		}
		rules := a.rules(r)
		state := r.State
		if rules.Due(a.now()) {
			state = string(attempt.Overdue)
		}
		c = Clock{State: state, RemainingMs: rules.Remaining(a.now()).Milliseconds(), Timed: r.Deadline != 0,
			Holder: r.Device == device}
		return nil
	})
	return c, err
}
