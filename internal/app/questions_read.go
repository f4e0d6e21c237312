package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

func toQuestionSummary(r sqlq.Question) shopdojo.QuestionSummary {
	return shopdojo.QuestionSummary{ID: r.ID, BankID: r.BankID, MaterialID: r.MaterialID, Type: r.Type,
		StemText: r.StemText, Difficulty: int(r.Difficulty), Points: r.Points, VersionNo: r.VersionNo,
		Archived: r.Archived, CreatedAt: fromMs(r.CreatedAt), UpdatedAt: fromMs(r.UpdatedAt)}
}

// QuestionView is one version of a question with its bank.
type QuestionView struct {
	Summary  shopdojo.QuestionSummary
	Bank     shopdojo.Bank
	Question quiz.Question
	Version  shopdojo.Version
}

// Question returns version no of a question (0 = the latest) for someone
// who may see its bank.
func (a *App) Question(ctx context.Context, ac Actor, id string, no int64) (QuestionView, error) {
	var v QuestionView
	err := a.store.Read(ctx, func(q *store.Queries) error {
		r, err := q.GetQuestion(ctx, id)
		if err != nil {
			return err
		}
		if v.Bank, err = loadBank(ctx, q, ac, r.BankID, false); err != nil {
			return err
		}
		v.Summary = toQuestionSummary(r)
		if no == 0 {
			no = r.VersionNo
		}
		ver, err := q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: r.MaterialID, No: no})
		if err != nil {
			return err
		}
		v.Version = toVersion(ver)
		v.Summary.Tags, err = q.ListQuestionTags(ctx, id)
		return err
	})
	if err != nil {
		return v, err
	}
	if err := json.Unmarshal([]byte(v.Version.Body), &v.Question); err != nil {
		return v, fmt.Errorf("question %s v%d: %w", id, no, err)
	}
	v.Question.ID = id
	return v, nil
}

// QuestionFilter selects a bank's questions; the cursor is the last seen
// question's id.
type QuestionFilter struct {
	Type, Tag, Query string
	Difficulty       int
	Archived         bool
	After            string
	Limit            int
}

// QuestionPage is one page of questions and the cursor for the next.
type QuestionPage struct {
	Questions []shopdojo.QuestionSummary
	Next      string
}

// Questions lists a bank's questions, newest first.
func (a *App) Questions(ctx context.Context, ac Actor, bankID string, f QuestionFilter) (QuestionPage, error) {
	var page QuestionPage
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if _, err := loadBank(ctx, q, ac, bankID, false); err != nil {
			return err
		}
		p := sqlq.ListQuestionsParams{BankID: bankID, Archived: f.Archived, Type: f.Type, Difficulty: int64(f.Difficulty),
			Query: strings.ToLower(strings.TrimSpace(f.Query)), Tag: strings.TrimSpace(f.Tag), Lim: int32(clampLimit(f.Limit))}
		if f.After != "" {
			last, err := q.GetQuestion(ctx, f.After)
			if err != nil || last.BankID != bankID {
				return fieldErr(shopdojo.ErrNotFound, "after", "error.cursor_invalid")
			}
			p.BeforeAt, p.BeforeID = last.CreatedAt, last.ID
		}
		rows, err := q.ListQuestions(ctx, p)
		if err != nil {
			return err
		}
		page.Questions = mapRows(rows, toQuestionSummary)
		if len(rows) == int(p.Lim) {
			page.Next = rows[len(rows)-1].ID
		}
		return a.fillTags(ctx, q, page.Questions)
	})
	return page, err
}

func (a *App) fillTags(ctx context.Context, q *store.Queries, qs []shopdojo.QuestionSummary) error {
	for i := range qs {
		tags, err := q.ListQuestionTags(ctx, qs[i].ID)
		if err != nil {
			return err
		}
		qs[i].Tags = tags
	}
	return nil
}

// BankTags lists the tags used in a bank with their counts, for filters.
func (a *App) BankTags(ctx context.Context, ac Actor, bankID string) ([]Count, error) {
	var out []Count
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if _, err := loadBank(ctx, q, ac, bankID, false); err != nil {
			return err
		}
		rows, err := q.ListBankTags(ctx, bankID)
		out = mapRows(rows, func(r sqlq.ListBankTagsRow) Count { return Count{Label: r.Tag, N: r.N} })
		return err
	})
	return out, err
}

// ArchiveQuestion takes a question out of use (or back); its versions and
// the attempts that used them stay.
func (a *App) ArchiveQuestion(ctx context.Context, ac Actor, id string, archived bool) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		r, err := tx.GetQuestion(ctx, id)
		if err != nil {
			return err
		}
		if _, err := loadBank(ctx, tx.Queries, ac, r.BankID, true); err != nil {
			return err
		}
		if err := tx.SetQuestionArchived(ctx, sqlq.SetQuestionArchivedParams{ID: id, Archived: archived,
			UpdatedAt: a.nowMs()}); err != nil {
			return err
		}
		action := "question.archive"
		if !archived {
			action = "question.restore"
		}
		return a.record(ctx, tx, ac, change{Action: action, ObjectType: "question", ObjectID: id,
			ObjectName: excerpt(r.StemText, 40)})
	})
}
