package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Questions close the loop: a learner asks on a knowledge item or a
// curriculum unit; the item's owner (or a content reviewer), and for units
// the content editors, answer; an answered question can become an FAQ
// item. Asking is learner activity and not audited; answering and
// promoting are.

// KBQuestion is a learner's question and its answer.
type KBQuestion struct {
	ID, TargetKind, TargetID string
	AskerID, AskerName       string
	Body, Answer             string
	AnsweredBy               string
	AnsweredAt, CreatedAt    time.Time
	Status, FAQItemID        string
	// TargetTitle names the item or unit asked about (lists only).
	TargetTitle string
}

const maxQuestion = 2000

func questionOf(q sqlq.KbQuestion, asker, answerer string) KBQuestion {
	return KBQuestion{ID: q.ID, TargetKind: q.TargetKind, TargetID: q.TargetID, AskerID: q.AskerID, AskerName: asker,
		Body: q.Body, Answer: q.Answer, AnsweredBy: answerer, AnsweredAt: fromMs(q.AnsweredAt),
		CreatedAt: fromMs(q.CreatedAt), Status: q.Status, FAQItemID: q.FaqItemID}
}

// TargetURL is the page the question was asked on.
func (q KBQuestion) TargetURL() string {
	if q.TargetKind == "unit" {
		return "/learn/units/" + q.TargetID
	}
	return "/kb/" + q.TargetID
}

func questionsFor(ctx context.Context, q *store.Queries, kind, id string) ([]KBQuestion, error) {
	rows, err := q.ListKBQuestionsForTarget(ctx, sqlq.ListKBQuestionsForTargetParams{TargetKind: kind, TargetID: id})
	out := make([]KBQuestion, 0, len(rows))
	for _, r := range rows {
		out = append(out, questionOf(r.KbQuestion, r.AskerName, r.AnswererName))
	}
	return out, err
}

// UnitQuestions lists the questions asked on a curriculum unit.
func (a *App) UnitQuestions(ctx context.Context, ac Actor, unitID string) ([]KBQuestion, error) {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return nil, err
	}
	var out []KBQuestion
	err := a.store.Read(ctx, func(q *store.Queries) (err error) { out, err = questionsFor(ctx, q, "unit", unitID); return })
	return out, err
}

// Ask records a question on a knowledge item (kind "kb") or a curriculum
// unit (kind "unit") the actor may read.
func (a *App) Ask(ctx context.Context, ac Actor, kind, targetID, body string) (string, error) {
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return "", err
	}
	body = strings.TrimSpace(body)
	var v shopdojo.Validation
	v.Check(body != "", "question", "error.required")
	v.Check(utf8.RuneCountInString(body) <= maxQuestion, "question", "error.too_long")
	if err := v.Err(); err != nil {
		return "", err
	}
	if kind == "unit" {
		if _, ok := a.unitTitle(ctx, targetID); !ok {
			return "", shopdojo.ErrNotFound
		}
	} else if kind != "kb" {
		return "", shopdojo.ErrNotFound
	}
	id := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		if kind == "kb" {
			it, err := loadKB(ctx, tx.Queries, targetID)
			if err == nil {
				err = canReadKB(ctx, tx.Queries, ac, it)
			}
			if err != nil {
				return err
			}
		}
		if err := tx.InsertKBQuestion(ctx, sqlq.InsertKBQuestionParams{ID: id, TargetKind: kind, TargetID: targetID,
			AskerID: ac.PersonID, Body: body, CreatedAt: a.nowMs()}); err != nil {
			return err
		}
		// A question shortly after a search means search did not answer
		// it: the owners' insights list shows those searches.
		return a.NoteQuestionAfterSearch(ctx, tx, ac.PersonID, a.now())
	})
	return id, err
}

// mayAnswer: the owner of the item or a content reviewer; for units,
// content editors.
func mayAnswer(ctx context.Context, q *store.Queries, ac Actor, qu sqlq.KbQuestion) (KBItem, bool, error) {
	if qu.TargetKind == "unit" {
		return KBItem{}, ac.Can(shopdojo.PermContentEdit), nil
	}
	it, err := loadKB(ctx, q, qu.TargetID)
	if err != nil {
		return it, false, err
	}
	if err := canReadKB(ctx, q, ac, it); err != nil {
		return it, false, nil
	}
	return it, ac.PersonID == it.OwnerID || ac.Can(shopdojo.PermContentReview), nil
}

// KBQuestions is the questions page: those the actor may answer, and
// their own.
type KBQuestions struct {
	ToAnswer, Mine []KBQuestion
}

// ListQuestions reads the questions page.
func (a *App) ListQuestions(ctx context.Context, ac Actor) (KBQuestions, error) {
	var out KBQuestions
	if err := ac.require(shopdojo.PermSignedIn); err != nil {
		return out, err
	}
	err := a.store.Read(ctx, func(q *store.Queries) error {
		mine, err := q.ListKBQuestionsByAsker(ctx, ac.PersonID)
		if err != nil {
			return err
		}
		for _, r := range mine {
			out.Mine = append(out.Mine, questionOf(r.KbQuestion, r.AskerName, r.AnswererName))
		}
		all, err := q.ListKBQuestions(ctx)
		if err != nil {
			return err
		}
		for _, r := range all {
			qu := r.KbQuestion
			if it, ok, err := mayAnswer(ctx, q, ac, qu); err == nil && ok {
				x := questionOf(qu, r.AskerName, r.AnswererName)
				x.TargetTitle = it.Title
				out.ToAnswer = append(out.ToAnswer, x)
			}
		}
		return nil
	})
	for i := range out.Mine {
		out.Mine[i].TargetTitle = a.targetTitle(ctx, ac, out.Mine[i])
	}
	for i := range out.ToAnswer {
		if out.ToAnswer[i].TargetKind == "unit" {
			out.ToAnswer[i].TargetTitle, _ = a.unitTitle(ctx, out.ToAnswer[i].TargetID)
		}
	}
	return out, err
}

func (a *App) targetTitle(ctx context.Context, ac Actor, q KBQuestion) string {
	if q.TargetKind == "unit" {
		t, _ := a.unitTitle(ctx, q.TargetID)
		return t
	}
	var title string
	_ = a.store.Read(ctx, func(qq *store.Queries) error {
		it, err := loadKB(ctx, qq, q.TargetID)
		if err == nil && canReadKB(ctx, qq, ac, it) == nil {
			title = it.Title
		}
		return nil
	})
	return title
}

// OpenQuestionCount is the number of open questions the actor may answer,
// for the navigation badge.
func (a *App) OpenQuestionCount(ctx context.Context, ac Actor) int64 {
	if ac.PersonID == "" {
		return 0
	}
	now, gen, key := a.now(), a.store.Gen(), "kbq:"+ac.PersonID
	if n, ok := a.counts.get(key, gen, now); ok {
		return n
	}
	var n int64
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		n, err = q.CountOpenKBQuestions(ctx, sqlq.CountOpenKBQuestionsParams{Units: ac.Can(shopdojo.PermContentEdit),
			AllItems: ac.Can(shopdojo.PermContentReview), OwnerID: ac.PersonID})
		return err
	})
	if err == nil {
		a.counts.put(key, n, gen, now)
	}
	return n
}

// AnswerQuestion answers (or corrects the answer of) a question.
func (a *App) AnswerQuestion(ctx context.Context, ac Actor, id, answer string) error {
	answer = strings.TrimSpace(answer)
	var v shopdojo.Validation
	v.Check(answer != "", "answer", "error.required")
	v.Check(utf8.RuneCountInString(answer) <= maxQuestion, "answer", "error.too_long")
	if err := v.Err(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		qu, err := a.questionForAnswer(ctx, tx.Queries, ac, id)
		if err != nil {
			return err
		}
		n, err := tx.AnswerKBQuestion(ctx, sqlq.AnswerKBQuestionParams{ID: id, Answer: answer, AnsweredBy: ac.PersonID,
			AnsweredAt: a.nowMs()})
		if err != nil {
			return err
		}
		if n == 0 {
			return shopdojo.E(shopdojo.KindConflict, "kb.err_question_promoted")
		}
		return a.record(ctx, tx, ac, change{Action: "kb.question_answer", ObjectType: "kb_question", ObjectID: id,
			ObjectName: clip(qu.Body, 60), Before: map[string]string{"answer": qu.Answer},
			After: map[string]string{"answer": answer}})
	})
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (a *App) questionForAnswer(ctx context.Context, q *store.Queries, ac Actor, id string) (sqlq.KbQuestion, error) {
	r, err := q.GetKBQuestion(ctx, id)
	if err != nil {
		return sqlq.KbQuestion{}, err
	}
	qu := sqlq.KbQuestion{ID: r.ID, TargetKind: r.TargetKind, TargetID: r.TargetID, AskerID: r.AskerID, Body: r.Body,
		Answer: r.Answer, AnsweredBy: r.AnsweredBy, AnsweredAt: r.AnsweredAt, Status: r.Status, FaqItemID: r.FaqItemID,
		CreatedAt: r.CreatedAt}
	_, ok, err := mayAnswer(ctx, q, ac, qu)
	if err != nil {
		return qu, err
	}
	if !ok {
		return qu, shopdojo.ErrNotFound
	}
	return qu, nil
}

// PromoteQuestion turns an answered question into a new FAQ item (owned by
// the actor, visible as the item asked about was, or to everyone for a
// unit) and links the question to it; it returns the FAQ's id.
func (a *App) PromoteQuestion(ctx context.Context, ac Actor, id, title string) (string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", err
	}
	faq := newID()
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		qu, err := a.questionForAnswer(ctx, tx.Queries, ac, id)
		if err != nil {
			return err
		}
		if qu.Status != "answered" {
			return shopdojo.E(shopdojo.KindConflict, "kb.err_not_answered")
		}
		in := KBInput{Kind: KBFAQ, Title: strings.TrimSpace(title), Body: "**问：** " + qu.Body + "\n\n**答：** " + qu.Answer,
			Visibility: KBEveryone, Note: "", Tags: []string{"FAQ"}}
		if in.Title == "" {
			in.Title = clip(qu.Body, 60)
		}
		if qu.TargetKind == "kb" {
			it, err := loadKB(ctx, tx.Queries, qu.TargetID)
			if err != nil {
				return err
			}
			in.CategoryID, in.Visibility, in.Audience, in.Modules, in.SOPs = it.CategoryID, it.Visibility, it.Audience, it.Modules, it.SOPs
		}
		in.normalize(ac)
		if err := checkVersionText(in.Title, in.doc(), "", true); err != nil {
			return err
		}
		if err := a.validateKB(ctx, tx.Queries, ac, in); err != nil {
			return err
		}
		if err := a.createKBTx(ctx, tx, ac, faq, in); err != nil {
			return err
		}
		if _, err := tx.PromoteKBQuestion(ctx, sqlq.PromoteKBQuestionParams{ID: id, FaqItemID: faq}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "kb.question_promote", ObjectType: "kb_question", ObjectID: id,
			ObjectName: clip(qu.Body, 60), After: map[string]string{"faq": faq}})
	})
	return faq, err
}

// unitTitle is a published unit's title.
func (a *App) unitTitle(ctx context.Context, id string) (string, bool) {
	p, err := a.pack(ctx)
	if err != nil {
		return "", false
	}
	if u := p.idx.Unit(id); u != nil {
		return u.Title, true
	}
	return "", false
}
