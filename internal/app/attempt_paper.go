package app

import (
	"context"

	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// paper is an attempt's drawn items with the answer stored for each, the
// one read that the exam page, scoring, results and the deck all start from.
type paper struct {
	items   []sqlq.AttemptItem
	answers map[int64]sqlq.AttemptAnswer // by item position
}

func loadPaper(ctx context.Context, q *store.Queries, attemptID string) (paper, error) {
	items, err := q.ListAttemptItems(ctx, attemptID)
	if err != nil {
		return paper{}, err
	}
	answers, err := q.ListAttemptAnswers(ctx, attemptID)
	if err != nil {
		return paper{}, err
	}
	p := paper{items: items, answers: make(map[int64]sqlq.AttemptAnswer, len(answers))}
	for _, an := range answers {
		p.answers[an.Pos] = an
	}
	return p, nil
}

// response is the stored answer to item pos, "" when unanswered.
func (p paper) response(pos int64) string { return p.answers[pos].Response }
