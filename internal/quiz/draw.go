package quiz

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Blueprint says how to draw a paper from a pool: rule by rule, in order.
type Blueprint struct {
	Rules []BlueprintRule
}

// BlueprintRule draws Count questions that have Tag and Difficulty.
type BlueprintRule struct {
	Tag        string  // a tag the question must have (case-insensitive); "" for any
	Difficulty int     // 1–5; 0 for any
	Count      int     // how many questions to draw
	Points     float64 // points of each drawn question; 0 keeps the question's own
}

// Errors of Draw. A *ShortPoolError is an ErrShortPool.
var (
	ErrShortPool = errors.New("quiz: question pool too small for the blueprint")
	ErrBlueprint = errors.New("quiz: invalid blueprint")
)

// ShortPoolError says which rule Draw could not fill and why.
type ShortPoolError struct {
	Rule       int // index into Blueprint.Rules
	Tag        string
	Difficulty int
	Need       int // the rule's Count
	Match      int // distinct questions in the pool with the rule's tag and difficulty
	Drawn      int // how many of them the paper can hold next to the other rules' questions
}

func (e *ShortPoolError) Error() string {
	return fmt.Sprintf("%v: Rules[%d] (tag %q, difficulty %d) needs %d questions, %d match, %d can be drawn beside the other rules",
		ErrShortPool, e.Rule, e.Tag, e.Difficulty, e.Need, e.Match, e.Drawn)
}

func (e *ShortPoolError) Unwrap() error { return ErrShortPool }

// Draw builds a paper: for each rule, Count distinct questions of the pool
// that have its tag and difficulty, in an order fixed by seed, rule after
// rule. No question is drawn twice, even when it fits several rules;
// questions with the same non-empty ID are one question (the first is
// used). Drawn questions are deep copies; a rule's Points replace theirs
// (a case's sub-questions are scaled to add up to them).
//
// Which questions a rule gets is random, but whether Draw succeeds is not:
// when rules compete for questions, Draw moves questions between them
// until every rule is filled if any paper can satisfy all rules, so the
// same blueprint never fails for some learners and not for others. When no
// paper can, the error is a *ShortPoolError for the first rule that cannot
// be filled.
func Draw(pool []Question, b Blueprint, seed uint64) ([]Question, error) {
	if err := checkBlueprint(b); err != nil {
		return nil, err
	}
	d := newDrawing(pool, b.Rules, newRNG(seed, streamDraw))
	for r, rule := range b.Rules {
		for range rule.Count {
			d.search++
			if !d.take(r) {
				return nil, d.shortage(r)
			}
		}
	}
	return d.paper(), nil
}

func checkBlueprint(b Blueprint) error {
	for i, r := range b.Rules {
		switch {
		case r.Count < 0:
			return fmt.Errorf("%w: Rules[%d]: count %d is negative", ErrBlueprint, i, r.Count)
		case r.Difficulty < 0 || r.Difficulty > MaxDifficulty:
			return fmt.Errorf("%w: Rules[%d]: difficulty %d is not 0–%d", ErrBlueprint, i, r.Difficulty, MaxDifficulty)
		case !(r.Points >= 0 && r.Points <= MaxPoints):
			return fmt.Errorf("%w: Rules[%d]: points %v are not 0–%d", ErrBlueprint, i, r.Points, MaxPoints)
		}
	}
	return nil
}

// drawing assigns pool questions to rules. It is Kuhn's augmenting-path
// matching, with each rule's candidates visited in one random order: a
// rule takes its next free candidate, and only when none is left takes one
// from another rule that can take a replacement.
type drawing struct {
	pool   []Question
	rules  []BlueprintRule
	cands  [][]int // per rule: matching pool indices, in the drawn order
	cursor []int   // per rule: every candidate before it is taken
	owner  []int   // per pool index: the rule that took it, or -1
	stamp  []int   // per pool index: the search that last visited it
	search int
}

func newDrawing(pool []Question, rules []BlueprintRule, g rng) *drawing {
	order := distinct(pool)
	g.shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	d := &drawing{
		pool: pool, rules: rules,
		cands:  make([][]int, len(rules)),
		cursor: make([]int, len(rules)),
		owner:  slices.Repeat([]int{-1}, len(pool)),
		stamp:  make([]int, len(pool)),
	}
	for r, rule := range rules {
		for _, i := range order {
			if fits(pool[i], rule) {
				d.cands[r] = append(d.cands[r], i)
			}
		}
	}
	return d
}

// distinct returns the pool indices without repeated IDs, in pool order.
func distinct(pool []Question) []int {
	seen := map[string]bool{}
	var out []int
	for i, q := range pool {
		if q.ID != "" && seen[q.ID] {
			continue
		}
		seen[q.ID] = true
		out = append(out, i)
	}
	return out
}

// Fits reports whether q has the rule's tag and difficulty.
func (r BlueprintRule) Fits(q Question) bool { return fits(q, r) }

func fits(q Question, r BlueprintRule) bool {
	if r.Difficulty != 0 && q.Difficulty != r.Difficulty {
		return false
	}
	tag := strings.TrimSpace(r.Tag)
	return tag == "" || slices.ContainsFunc(q.Tags, func(t string) bool {
		return strings.EqualFold(strings.TrimSpace(t), tag)
	})
}

// take gives rule r one more question, moving questions between rules if
// that is what it takes.
func (d *drawing) take(r int) bool {
	if q, ok := d.free(r); ok {
		d.owner[q] = r
		return true
	}
	for _, q := range d.cands[r] { // every candidate is taken by now
		o := d.owner[q]
		if o == r || d.stamp[q] == d.search {
			continue
		}
		d.stamp[q] = d.search
		if d.take(o) { // o takes a replacement and gives q up
			d.owner[q] = r
			return true
		}
	}
	return false
}

// free returns r's next free candidate. A taken question never becomes
// free again (take only moves questions between rules), so the cursor
// never has to go back.
func (d *drawing) free(r int) (int, bool) {
	for ; d.cursor[r] < len(d.cands[r]); d.cursor[r]++ {
		if q := d.cands[r][d.cursor[r]]; d.owner[q] < 0 {
			return q, true
		}
	}
	return 0, false
}

func (d *drawing) shortage(r int) error {
	rule := d.rules[r]
	return &ShortPoolError{
		Rule: r, Tag: rule.Tag, Difficulty: rule.Difficulty, Need: rule.Count,
		Match: len(d.cands[r]), Drawn: d.count(r),
	}
}

func (d *drawing) count(r int) int {
	n := 0
	for _, q := range d.cands[r] {
		if d.owner[q] == r {
			n++
		}
	}
	return n
}

// paper lists each rule's questions in the drawn order, rule after rule.
func (d *drawing) paper() []Question {
	var out []Question
	for r, rule := range d.rules {
		for _, i := range d.cands[r] {
			if d.owner[i] != r {
				continue
			}
			q := clone(d.pool[i])
			if rule.Points > 0 {
				setPoints(&q, rule.Points)
			}
			out = append(out, q)
		}
	}
	return out
}

// setPoints gives q the points p. A case scores the sum of its
// sub-questions, so they are scaled in proportion to add up to p exactly,
// in cents; sub-questions without valid points share equally.
func setPoints(q *Question, p float64) {
	q.Points = p
	if q.Type != Case || len(q.Sub) == 0 {
		return
	}
	weights := make([]float64, len(q.Sub))
	var sum float64
	for i, s := range q.Sub {
		if s.Points > 0 && !math.IsInf(s.Points, 1) {
			weights[i] = s.Points
		}
		sum += weights[i]
	}
	if !(sum > 0) || math.IsInf(sum, 1) {
		weights = slices.Repeat([]float64{1}, len(q.Sub))
		sum = float64(len(q.Sub))
	}
	for i, c := range splitCents(int64(math.Round(p*100)), weights, sum) {
		setPoints(&q.Sub[i], float64(c)/100)
	}
}

// splitCents splits total cents in proportion to weights by rounding the
// running total, so no part is negative and the parts add up exactly.
func splitCents(total int64, weights []float64, sum float64) []int64 {
	parts := make([]int64, len(weights))
	var acc float64
	var prev int64
	for i, w := range weights {
		acc += w
		cum := int64(math.Round(float64(total) * acc / sum))
		if i == len(weights)-1 {
			cum = total // acc == sum here; this only guards float rounding
		}
		parts[i] = cum - prev
		prev = cum
	}
	return parts
}

// SetPoints gives q the points p; a case's sub-questions are scaled in
// proportion to add up to p exactly.
func (q *Question) SetPoints(p float64) { setPoints(q, p) }

// SetPartial gives every multiple-choice question in q (a case's
// sub-questions included) the credit rule kind.
func (q *Question) SetPartial(kind PartialKind) {
	if q.Type == Multiple {
		q.Partial = PartialRule{Kind: kind}
	}
	for i := range q.Sub {
		q.Sub[i].SetPartial(kind)
	}
}
