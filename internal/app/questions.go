package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// KindQuestion is a bank's question: every edit is a version, published at
// once, and attempts keep the version they drew.
const KindQuestion = "question"

func questionKind() materialKind {
	return materialKind{read: shopdojo.PermContentEdit, edit: shopdojo.PermContentEdit, review: shopdojo.PermContentEdit,
		autoPublish: true,
		subject: func(ctx context.Context, q *store.Queries, id string) (string, error) {
			qs, err := q.GetQuestion(ctx, id)
			return excerpt(qs.StemText, 40), err
		},
		access: func(ctx context.Context, q *store.Queries, ac Actor, m sqlq.Material, write bool) error {
			qs, err := q.GetQuestion(ctx, m.SubjectID)
			if err == nil {
				_, err = loadBank(ctx, q, ac, qs.BankID, write)
			}
			return err
		}}
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// QuestionInput is one edit of a question. A new question names BankID;
// an edit names QuestionID and BaseNo, the version the editor started from.
type QuestionInput struct {
	BankID, QuestionID string
	// KeepID, for a new question, is the id to create it with (a content
	// pack's question id) instead of a fresh one.
	KeepID   string
	BaseNo   int64
	Question quiz.Question
	Note     string
}

// problemsErr turns quiz validation problems into a form error whose
// fields carry their message arguments.
func problemsErr(probs []quiz.Problem) error {
	if len(probs) == 0 {
		return nil
	}
	e := &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Fields: map[string]string{},
		FieldArgs: map[string]map[string]any{}}
	for _, p := range probs {
		if _, ok := e.Fields[p.Field]; !ok {
			e.Fields[p.Field], e.FieldArgs[p.Field] = p.Msg, p.Args
		}
	}
	return e
}

// prepareQuestion normalizes and validates a question and returns it with
// the version body it is stored as.
func prepareQuestion(q quiz.Question) (quiz.Question, string, error) {
	q.ID = ""
	q.Tags = cleanTags(q.Tags)
	if err := problemsErr(q.Validate()); err != nil {
		return q, "", err
	}
	body, err := json.Marshal(q)
	if err != nil {
		return q, "", fmt.Errorf("encode question: %w", err)
	}
	return q, string(body), nil
}

// SaveQuestion validates and stores a question as a new published version.
func (a *App) SaveQuestion(ctx context.Context, ac Actor, in QuestionInput) (string, int64, error) {
	var id string
	var no int64
	err := a.store.Tx(ctx, func(tx *store.Tx) (err error) {
		id, no, err = a.saveQuestionTx(ctx, tx, ac, in)
		return err
	})
	return id, no, err
}

func (a *App) saveQuestionTx(ctx context.Context, tx *store.Tx, ac Actor, in QuestionInput) (string, int64, error) {
	q, body, err := prepareQuestion(in.Question)
	if err != nil {
		return "", 0, err
	}
	id := in.QuestionID
	mid, err := a.questionMaterial(ctx, tx, ac, &in, &id)
	if err != nil {
		return "", 0, err
	}
	v := VersionInput{MaterialID: mid, BaseNo: in.BaseNo, Title: excerpt(q.Stem, 60), Body: body,
		Note: strings.TrimSpace(in.Note)}
	no, err := a.saveVersionTx(ctx, tx, ac, &v)
	if err != nil {
		return "", 0, err
	}
	return id, no, a.mirrorQuestion(ctx, tx, id, q, no)
}

// questionMaterial returns the material of an existing question, or creates
// the question and its material in bank in.BankID.
func (a *App) questionMaterial(ctx context.Context, tx *store.Tx, ac Actor, in *QuestionInput, id *string) (string, error) {
	if *id != "" {
		qs, err := tx.GetQuestion(ctx, *id)
		if err != nil {
			return "", err
		}
		_, err = loadBank(ctx, tx.Queries, ac, qs.BankID, true)
		return qs.MaterialID, err
	}
	if _, err := loadBank(ctx, tx.Queries, ac, in.BankID, true); err != nil {
		return "", err
	}
	*id = in.KeepID
	if *id == "" {
		*id = newID()
	}
	mid, now := newID(), a.nowMs()
	if err := tx.InsertMaterial(ctx, sqlq.InsertMaterialParams{ID: mid, Kind: KindQuestion, SubjectID: *id,
		Title: excerpt(in.Question.Stem, 60), CreatedAt: now}); err != nil {
		return "", err
	}
	q := in.Question
	return mid, tx.InsertQuestion(ctx, sqlq.InsertQuestionParams{ID: *id, BankID: in.BankID, MaterialID: mid,
		Type: string(q.Type), StemText: excerpt(q.Stem, 500), Difficulty: int64(q.Difficulty), Points: q.Points,
		VersionNo: 1, CreatedAt: now})
}

func (a *App) mirrorQuestion(ctx context.Context, tx *store.Tx, id string, q quiz.Question, no int64) error {
	if err := tx.UpdateQuestionMirror(ctx, sqlq.UpdateQuestionMirrorParams{ID: id, Type: string(q.Type),
		StemText: excerpt(q.Stem, 500), Difficulty: int64(q.Difficulty), Points: q.Points, VersionNo: no,
		UpdatedAt: a.nowMs()}); err != nil {
		return err
	}
	if err := tx.DeleteQuestionTags(ctx, id); err != nil {
		return err
	}
	for _, t := range q.Tags {
		if err := tx.AddQuestionTag(ctx, sqlq.AddQuestionTagParams{QuestionID: id, Tag: t}); err != nil {
			return err
		}
	}
	return nil
}

// cleanTags trims, lower-cases the "kind:" prefix and drops repeats.
func cleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if k, v, ok := strings.Cut(t, ":"); ok {
			t = strings.ToLower(strings.TrimSpace(k)) + ":" + strings.TrimSpace(v)
		}
		if t != "" && !seen[t] && utf8.RuneCountInString(t) <= 64 {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
