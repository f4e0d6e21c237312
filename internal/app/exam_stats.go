package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/shopdojo/shopdojo/internal/itemstats"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// ExamStats is an exam's item analysis, Moodle's quiz statistics report:
// computed over graded attempts, by default each learner's first (later
// attempts build on feedback and break the assumptions of item analysis).
type ExamStats struct {
	Which  itemstats.Which
	Report itemstats.Report
	Items  []StatItem // in the order of Report.Items
}

// StatItem says which question a row of the report is.
type StatItem struct {
	QuestionID string
	Type       quiz.Type
	Stem       string
	Options    map[string]string // option key → text, for the distractor table
	Keys       []string          // the right options
}

// ExamStatistics computes the item analysis of an exam the actor runs.
func (a *App) ExamStatistics(ctx context.Context, ac Actor, examID string, which itemstats.Which) (ExamStats, error) {
	st := ExamStats{Which: which}
	var rows []sqlq.ListExamResponsesRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if _, err = loadExam(ctx, q, ac, examID, true); err != nil {
			return err
		}
		rows, err = q.ListExamResponses(ctx, examID)
		return err
	})
	if err != nil {
		return st, err
	}
	items, meta, attempts, err := statInput(rows)
	if err != nil || len(items) == 0 {
		return st, err // no graded attempt yet: an empty report
	}
	st.Report, err = itemstats.Compute(items, itemstats.Select(attempts, which))
	if err != nil {
		return st, fmt.Errorf("item statistics of exam %s: %w", examID, err)
	}
	st.Items = meta
	return st, nil
}

// statInput turns drawn items into the report's items (one per distinct
// question: a blueprint gives each attempt other ones) and attempts.
func statInput(rows []sqlq.ListExamResponsesRow) ([]itemstats.Item, []StatItem, []itemstats.Attempt, error) {
	index := map[string]int{}
	var items []itemstats.Item
	var meta []StatItem
	type draft struct {
		a   itemstats.Attempt
		has map[int]bool
	}
	var order []string
	byAttempt := map[string]*draft{}
	for _, r := range rows {
		var q quiz.Question
		if err := json.Unmarshal([]byte(r.Body), &q); err != nil {
			return nil, nil, nil, fmt.Errorf("attempt %s item %d: %w", r.AttemptID, r.Pos, err)
		}
		j, ok := index[r.QuestionID]
		if !ok {
			j = len(items)
			index[r.QuestionID] = j
			items = append(items, statItem(q, r))
			meta = append(meta, statMeta(q, r.QuestionID))
		}
		d := byAttempt[r.AttemptID]
		if d == nil {
			d = &draft{a: itemstats.Attempt{Learner: r.PersonID, Number: int(r.No)}, has: map[int]bool{}}
			byAttempt[r.AttemptID] = d
			order = append(order, r.AttemptID)
		}
		d.has[j] = true
		grow(&d.a, j+1)
		d.a.Scores[j] = r.Points
		d.a.Choices[j] = chosen(q, r.Response)
	}
	attempts := make([]itemstats.Attempt, 0, len(order))
	for _, id := range order {
		d := byAttempt[id]
		grow(&d.a, len(items))
		for j := range items {
			d.a.Presented[j] = d.has[j]
		}
		attempts = append(attempts, d.a)
	}
	return items, meta, attempts, nil
}

func grow(a *itemstats.Attempt, n int) {
	for len(a.Scores) < n {
		a.Scores = append(a.Scores, 0)
		a.Choices = append(a.Choices, nil)
		a.Presented = append(a.Presented, false)
	}
}

func statItem(q quiz.Question, r sqlq.ListExamResponsesRow) itemstats.Item {
	it := itemstats.Item{ID: r.QuestionID, Max: r.MaxPoints}
	switch q.Type {
	case quiz.Single, quiz.Multiple:
		fr := make([]float64, len(q.Options))
		for i, o := range q.Options {
			it.Options = append(it.Options, o.Key)
			if slices.Contains(q.Answer.Choices, o.Key) {
				fr[i] = 1
			}
		}
		if q.Type == quiz.Single {
			it.GuessScore = itemstats.SingleChoiceGuess(fr...)
		} else {
			it.GuessScore = itemstats.MultiResponseGuess(len(q.Answer.Choices), len(q.Options))
		}
	case quiz.TrueFalse:
		it.Options = []string{"T", "F"}
		it.GuessScore = itemstats.SingleChoiceGuess(1, 0)
	}
	return it
}

func statMeta(q quiz.Question, id string) StatItem {
	m := StatItem{QuestionID: id, Type: q.Type, Stem: excerpt(q.Stem, 80), Options: map[string]string{}, Keys: q.Answer.Choices}
	for _, o := range q.Options {
		m.Options[o.Key] = o.Text
	}
	return m
}

// chosen is the option keys of a choice answer, nil otherwise.
func chosen(q quiz.Question, response string) []string {
	if response == "" || (q.Type != quiz.Single && q.Type != quiz.Multiple && q.Type != quiz.TrueFalse) {
		return nil
	}
	var r quiz.Response
	if json.Unmarshal([]byte(response), &r) != nil {
		return nil
	}
	var out []string
	for _, c := range r.Choices {
		known := containsOption(q.Options, c)
		if q.Type == quiz.TrueFalse {
			known = c == "T" || c == "F"
		}
		if known {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

func containsOption(opts []quiz.Option, k string) bool {
	for _, o := range opts {
		if o.Key == k {
			return true
		}
	}
	return false
}
