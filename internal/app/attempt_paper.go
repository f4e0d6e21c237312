package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// An open attempt's paper is one attempt_papers row: per question a
// reference to the immutable version it drew and its layout. Starting an
// exam thus writes one small row, which is what lets thousands start in
// the same second. The paper is written out as attempt_items rows (the
// whole question as drawn, its mark and feedback) when the attempt is
// finished, or when a key is corrected while it is open.

// paperRef is one question of a stored paper.
type paperRef struct {
	Section    string      `json:"sec,omitempty"`
	QuestionID string      `json:"q"`
	MaterialID string      `json:"m"`
	VersionNo  int64       `json:"v"`
	Layout     quiz.Layout `json:"l"`
}

// storedPaper is a drawn paper as attempt_papers stores it.
type storedPaper struct {
	raw   string
	n     int
	total float64
}

// encodePaper is the attempt_papers row of items, with the paper's total.
func encodePaper(items []drawnItem) (storedPaper, error) {
	refs := make([]paperRef, len(items))
	var total float64
	for i, it := range items {
		refs[i] = paperRef{Section: it.Section, QuestionID: it.Q.ID, MaterialID: it.MaterialID, VersionNo: it.VersionNo,
			Layout: quiz.LayoutOf(it.Q)}
		total += quiz.Score(it.Q, quiz.Response{}).Max
	}
	raw, err := json.Marshal(refs)
	return storedPaper{raw: string(raw), n: len(items), total: roundTo(total, 2)}, err
}

// versionCache keeps decoded question versions. A version never changes
// once written, so entries need no invalidation; a full cache is emptied.
type versionCache struct {
	mu sync.Mutex
	m  map[versionKey]quiz.Question
}

type versionKey struct {
	material string
	no       int64
}

const versionCacheMax = 20_000

func (c *versionCache) get(ctx context.Context, q *store.Queries, material string, no int64) (quiz.Question, error) {
	k := versionKey{material, no}
	c.mu.Lock()
	qq, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return qq, nil
	}
	body, err := q.GetVersionBody(ctx, sqlq.GetVersionBodyParams{MaterialID: material, No: no})
	if err != nil {
		return qq, fmt.Errorf("question version %s v%d: %w", material, no, err)
	}
	if err := json.Unmarshal([]byte(body), &qq); err != nil {
		return qq, fmt.Errorf("question version %s v%d: %w", material, no, err)
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= versionCacheMax {
		c.m = map[versionKey]quiz.Question{}
	}
	c.m[k] = qq
	c.mu.Unlock()
	return qq, nil
}

// paperItems rebuilds the items of a stored paper as attempt_items rows
// would hold them (without marks).
func (a *App) paperItems(ctx context.Context, q *store.Queries, attemptID, raw string) ([]sqlq.AttemptItem, error) {
	var refs []paperRef
	if err := json.Unmarshal([]byte(raw), &refs); err != nil {
		return nil, fmt.Errorf("paper of attempt %s: %w", attemptID, err)
	}
	items := make([]sqlq.AttemptItem, len(refs))
	for i, r := range refs {
		base, err := a.versions.get(ctx, q, r.MaterialID, r.VersionNo)
		if err != nil {
			return nil, err
		}
		base.ID = r.QuestionID
		shown, err := r.Layout.Apply(base)
		if err != nil {
			return nil, fmt.Errorf("paper of attempt %s: %w", attemptID, err)
		}
		body, err := json.Marshal(shown)
		if err != nil {
			return nil, err
		}
		items[i] = sqlq.AttemptItem{AttemptID: attemptID, Pos: int64(i), Section: r.Section, QuestionID: r.QuestionID,
			MaterialID: r.MaterialID, VersionNo: r.VersionNo, Body: string(body),
			MaxPoints: quiz.Score(shown, quiz.Response{}).Max}
	}
	return items, nil
}

// attemptItems is an attempt's items, from its open paper or its rows.
func (a *App) attemptItems(ctx context.Context, q *store.Queries, attemptID string) (items []sqlq.AttemptItem, open bool, err error) {
	raw, err := q.GetAttemptPaper(ctx, attemptID)
	switch {
	case err == nil:
		items, err = a.paperItems(ctx, q, attemptID, raw)
		return items, true, err
	case !errors.Is(err, sql.ErrNoRows):
		return nil, false, err
	}
	items, err = q.ListAttemptItems(ctx, attemptID)
	return items, false, err
}

// writeOutPaper turns an open paper into attempt_items rows, in tx; an
// attempt already written out is left as it is.
func (a *App) writeOutPaper(ctx context.Context, tx *store.Tx, attemptID string) error {
	items, open, err := a.attemptItems(ctx, tx.Queries, attemptID)
	if err != nil || !open {
		return err
	}
	for _, it := range items {
		if err := insertItem(ctx, tx, it); err != nil {
			return err
		}
	}
	return tx.DeleteAttemptPaper(ctx, attemptID)
}

func insertItem(ctx context.Context, tx *store.Tx, it sqlq.AttemptItem) error {
	err := tx.InsertAttemptItem(ctx, sqlq.InsertAttemptItemParams{AttemptID: it.AttemptID, Pos: it.Pos,
		Section: it.Section, QuestionID: it.QuestionID, MaterialID: it.MaterialID, VersionNo: it.VersionNo,
		Body: it.Body, Points: it.Points, MaxPoints: it.MaxPoints, Result: it.Result})
	if err != nil {
		return fmt.Errorf("write out item %d of attempt %s: %w", it.Pos, it.AttemptID, err)
	}
	return nil
}

// attemptItem is item pos of an attempt.
func (a *App) attemptItem(ctx context.Context, q *store.Queries, attemptID string, pos int) (sqlq.AttemptItem, error) {
	items, _, err := a.attemptItems(ctx, q, attemptID)
	if err != nil {
		return sqlq.AttemptItem{}, err
	}
	if pos < 0 || pos >= len(items) {
		return sqlq.AttemptItem{}, sql.ErrNoRows
	}
	return items[pos], nil
}

// paper is an attempt's drawn items with the answer stored for each, the
// one read that the exam page, scoring, results and the deck all start from.
type paper struct {
	items   []sqlq.AttemptItem
	answers map[int64]sqlq.AttemptAnswer // by item position
	open    bool                         // items come from attempt_papers, not attempt_items rows
}

func (a *App) loadPaper(ctx context.Context, q *store.Queries, attemptID string) (paper, error) {
	items, open, err := a.attemptItems(ctx, q, attemptID)
	if err != nil {
		return paper{}, err
	}
	answers, err := q.ListAttemptAnswers(ctx, attemptID)
	if err != nil {
		return paper{}, err
	}
	p := paper{items: items, answers: make(map[int64]sqlq.AttemptAnswer, len(answers)), open: open}
	for _, an := range answers {
		p.answers[an.Pos] = an
	}
	return p, nil
}

// response is the stored answer to item pos, "" when unanswered.
func (p paper) response(pos int64) string { return p.answers[pos].Response }
