package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
)

// drawnItem is one question of an attempt's paper, pinned to the version
// it was drawn at.
type drawnItem struct {
	Section    string
	MaterialID string
	VersionNo  int64
	Q          quiz.Question // Q.ID is the question's id
}

// pools caches each bank's live questions while one paper is drawn and,
// with an app, across papers: thousands of examinees starting at once draw
// from the same banks, and a memo entry is dropped by any write that could
// change a question (store.Gen) or after 10 s. Cached questions are
// shared: a paper always gets deep copies.
type pools struct {
	q    *store.Queries
	bank map[string][]drawnItem
	a    *App // nil: no memo across papers
}

func (p *pools) get(ctx context.Context, bankID string) ([]drawnItem, error) {
	if items, ok := p.bank[bankID]; ok {
		return items, nil
	}
	if p.a != nil {
		if items, ok := p.a.pools.get("bank:"+bankID, p.a.store.Gen(), p.a.now()); ok {
			p.bank[bankID] = items
			return items, nil
		}
	}
	items, err := loadPool(ctx, p.q, bankID)
	if err != nil {
		return nil, err
	}
	p.bank[bankID] = items
	if p.a != nil {
		p.a.pools.put("bank:"+bankID, items, p.a.store.Gen(), p.a.now())
	}
	return items, nil
}

// fixed returns a fixed question of the paper at its latest version.
func (p *pools) fixed(ctx context.Context, pq shopdojo.PaperQuestion) (drawnItem, error) {
	key := "q:" + pq.QuestionID
	if p.a != nil {
		if its, ok := p.a.pools.get(key, p.a.store.Gen(), p.a.now()); ok && len(its) == 1 {
			it := its[0]
			it.Q = it.Q.Clone()
			if pq.Points > 0 {
				it.Q.SetPoints(pq.Points)
			}
			return it, nil
		}
	}
	it, err := fixedItem(ctx, p.q, shopdojo.PaperQuestion{QuestionID: pq.QuestionID})
	if err != nil {
		return it, err
	}
	if p.a != nil {
		p.a.pools.put(key, []drawnItem{{MaterialID: it.MaterialID, VersionNo: it.VersionNo, Q: it.Q.Clone()}},
			p.a.store.Gen(), p.a.now())
	}
	if pq.Points > 0 {
		it.Q.SetPoints(pq.Points)
	}
	return it, nil
}

func loadPool(ctx context.Context, q *store.Queries, bankID string) ([]drawnItem, error) {
	rows, err := q.ListBankPool(ctx, bankID)
	if err != nil {
		return nil, err
	}
	items := make([]drawnItem, 0, len(rows))
	for _, r := range rows {
		it, err := decodeItem(r.ID, r.MaterialID, r.VersionNo, r.Body)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, nil
}

// decodeItem is question id at version (material, no) with body.
func decodeItem(id, material string, no int64, body string) (drawnItem, error) {
	it := drawnItem{MaterialID: material, VersionNo: no}
	if err := json.Unmarshal([]byte(body), &it.Q); err != nil {
		return it, fmt.Errorf("question %s v%d: %w", id, no, err)
	}
	it.Q.ID = id
	return it, nil
}

// drawPaper builds one attempt's paper from seed: per section its fixed
// questions and what its rules draw (never a question twice in a paper),
// shuffled as the exam says. It does not check the actor's access to the
// banks: learners draw papers from banks they may never read.
func drawPaper(ctx context.Context, ps *pools, e shopdojo.Exam, seed uint64) ([]drawnItem, error) {
	// Fixed questions are reserved up front, so that no rule of an earlier
	// section draws a question a later section names.
	used := map[string]bool{}
	for _, s := range e.Paper.Sections {
		for _, pq := range s.Questions {
			used[pq.QuestionID] = true
		}
	}
	placed := map[string]bool{}
	var out []drawnItem
	for i, s := range e.Paper.Sections {
		items, err := drawSection(ctx, ps, s, seed+uint64(i)*0x9E3779B97F4A7C15, used, placed)
		if err != nil {
			return nil, err
		}
		items = shuffleSection(items, seed^uint64(i+1)*0xBF58476D1CE4E5B9, e.ShuffleQuestions, e.ShuffleOptions)
		for j := range items {
			items[j].Section = s.Title
			if s.Partial != "" {
				items[j].Q.SetPartial(quiz.PartialKind(s.Partial))
			}
		}
		out = append(out, items...)
	}
	return out, nil
}

func drawSection(ctx context.Context, ps *pools, s shopdojo.PaperSection, seed uint64, used, placed map[string]bool) ([]drawnItem, error) {
	var out []drawnItem
	for _, pq := range s.Questions {
		if placed[pq.QuestionID] {
			continue // named twice: the first place keeps it
		}
		it, err := ps.fixed(ctx, pq)
		if err != nil {
			return nil, err
		}
		placed[it.Q.ID] = true
		out = append(out, it)
	}
	// Rules are drawn bank by bank: Draw fills competing rules of one pool.
	var banks []string
	byBank := map[string][]quiz.BlueprintRule{}
	for _, r := range s.Rules {
		if byBank[r.BankID] == nil {
			banks = append(banks, r.BankID)
		}
		byBank[r.BankID] = append(byBank[r.BankID], quiz.BlueprintRule{Tag: r.Tag, Difficulty: r.Difficulty,
			Count: r.Count, Points: r.Points})
	}
	for _, b := range banks {
		items, err := drawRules(ctx, ps, b, byBank[b], seed, used)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	return out, nil
}

func fixedItem(ctx context.Context, q *store.Queries, pq shopdojo.PaperQuestion) (drawnItem, error) {
	r, err := q.GetQuestionBody(ctx, pq.QuestionID)
	if err != nil {
		return drawnItem{}, err
	}
	it, err := decodeItem(r.ID, r.MaterialID, r.VersionNo, r.Body)
	if err != nil {
		return it, err
	}
	if pq.Points > 0 {
		it.Q.SetPoints(pq.Points)
	}
	return it, nil
}

func drawRules(ctx context.Context, ps *pools, bankID string, rules []quiz.BlueprintRule, seed uint64, used map[string]bool) ([]drawnItem, error) {
	all, err := ps.get(ctx, bankID)
	if err != nil {
		return nil, err
	}
	var pool []quiz.Question
	byID := map[string]drawnItem{}
	for _, it := range all {
		if !used[it.Q.ID] {
			pool = append(pool, it.Q)
			byID[it.Q.ID] = it
		}
	}
	drawn, err := quiz.Draw(pool, quiz.Blueprint{Rules: rules}, seed)
	if err != nil {
		return nil, shortPool(err)
	}
	out := make([]drawnItem, len(drawn))
	for i, q := range drawn {
		used[q.ID] = true
		out[i] = byID[q.ID]
		out[i].Q = q
	}
	return out, nil
}

func shortPool(err error) error {
	var sp *quiz.ShortPoolError
	if errors.As(err, &sp) {
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "exam.err_short_pool", Err: err,
			Args: map[string]any{"Tag": sp.Tag, "Difficulty": sp.Difficulty, "Need": sp.Need, "Have": sp.Drawn}}
	}
	return shopdojo.Wrap(shopdojo.KindInvalid, "exam.err_paper", err)
}

func shuffleSection(items []drawnItem, seed uint64, order, options bool) []drawnItem {
	if !order {
		for i := range items {
			if options {
				items[i].Q = quiz.Shuffle([]quiz.Question{items[i].Q}, seed+uint64(i), true)[0]
			}
		}
		return items
	}
	qs := make([]quiz.Question, len(items))
	byID := make(map[string]drawnItem, len(items))
	for i, it := range items {
		qs[i], byID[it.Q.ID] = it.Q, it
	}
	out := make([]drawnItem, len(items))
	for i, q := range quiz.Shuffle(qs, seed, options) {
		out[i] = byID[q.ID]
		out[i].Q = q
	}
	return out
}

// checkPaperSources checks that the actor may read every bank and question
// a paper uses, and with drawable that attempts can draw it: every fixed
// question is live and every rule can be filled (tried with several seeds,
// since rules of one bank in different sections compete).
func checkPaperSources(ctx context.Context, q *store.Queries, ac Actor, p shopdojo.Paper, drawable bool) error {
	var v shopdojo.Validation
	v.Check(!drawable || len(p.Sections) > 0, "paper", "exam.err_paper_empty")
	for i, s := range p.Sections {
		f := "paper.sections[" + strconv.Itoa(i) + "]"
		v.Check(!drawable || len(s.Questions)+len(s.Rules) > 0, f, "exam.err_section_empty")
		for _, pq := range s.Questions {
			r, err := q.GetQuestion(ctx, pq.QuestionID)
			if err == nil {
				_, err = loadBank(ctx, q, ac, r.BankID, false)
			}
			if err != nil || (drawable && r.Archived) {
				v.Add(f, "exam.err_question_gone")
			}
		}
		for _, r := range s.Rules {
			if _, err := loadBank(ctx, q, ac, r.BankID, false); err != nil {
				v.Add(f, "exam.err_bank_gone")
			}
		}
	}
	if err := v.Err(); err != nil || !drawable {
		return err
	}
	for seed := uint64(1); seed <= 3; seed++ {
		if _, err := drawPaper(ctx, &pools{q: q, bank: map[string][]drawnItem{}}, shopdojo.Exam{Paper: p, ShuffleQuestions: true}, seed); err != nil {
			return err
		}
	}
	return nil
}
