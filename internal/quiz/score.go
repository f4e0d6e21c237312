package quiz

import (
	"maps"
	"math"
	"slices"
	"strings"
)

// State is how an answer stands after automatic scoring.
type State string

// The scoring states.
const (
	Correct      State = "correct"       // full points
	Partial      State = "partial"       // some credit, less than full
	Wrong        State = "wrong"         // answered, no credit
	Unanswered   State = "unanswered"    // nothing was answered
	NeedsGrading State = "needs_grading" // a person must grade it (short answers)
)

// Result is the score of one response. Points and Max are rounded to two
// decimals, so totals show as 2.67, never 2.6666666666666665.
type Result struct {
	Points, Max float64
	State       State
	Sub         map[string]Result // Case only: by sub-question ID
}

// Score scores r against q. It never fails: a malformed question (which
// Validate reports) scores what it can, and 0 <= Points <= Max always holds.
//
//   - Single and TrueFalse: full points when the one chosen key is the key.
//   - Multiple: by q.Partial (see PartialRule); a zero Kind is AllOrNothing.
//   - Fill: the points are split equally among the blanks; a blank is right
//     when NormalizeText of the answer equals that of an accepted answer.
//   - Ordering: full points only for exactly the right order, never Partial:
//     crediting "almost right" orders would need a distance measure that
//     training teams do not agree on, and guessing earns too much of it.
//   - Matching: the points are split equally among the key's pairs.
//   - Short: NeedsGrading with 0 points; a person adds the points later.
//   - Case: each sub-question scored on its own and summed; q.Points is not
//     used, Max is the sum of the sub-questions' Max.
//
// An empty response is Unanswered with 0 points. Option keys are compared
// case-insensitively after trimming, and a key chosen twice counts once.
// A question of an unknown type is left to a person (NeedsGrading).
func Score(q Question, r Response) Result {
	switch q.Type {
	case Case:
		return scoreCase(q, r)
	case Single, TrueFalse, Multiple, Fill, Ordering, Matching:
		return scoreAuto(q, r)
	}
	return scoreByPerson(q, r) // Short, and types this engine does not know
}

// scoreAuto scores the types a machine can mark from a credit fraction.
// Points come from the fraction of Max, not from summed per-blank points,
// so three right blanks of a 10-point question make 10, not 9.99.
func scoreAuto(q Question, r Response) Result {
	res := Result{Max: maxPoints(q.Points), State: Unanswered}
	if isEmpty(q.Type, r) {
		return res
	}
	f := credit(q, r)
	res.Points = round2(f * res.Max)
	res.State = stateOf(f)
	return res
}

// credit is the share of the points r earns, in [0, 1].
func credit(q Question, r Response) float64 {
	switch q.Type {
	case Single, TrueFalse:
		return exactCredit(keySet(q.Answer.Choices), keySet(r.Choices))
	case Multiple:
		return multipleCredit(q.Partial, keySet(q.Answer.Choices), keySet(r.Choices))
	case Fill:
		return fillCredit(q.Answer.Blanks, r.Blanks)
	case Ordering:
		return orderCredit(q.Answer.Order, r.Order)
	case Matching:
		return matchCredit(q.Answer.Pairs, r.Pairs)
	}
	return 0
}

func exactCredit(key, got []string) float64 {
	if len(key) > 0 && slices.Equal(key, got) {
		return 1
	}
	return 0
}

// multipleCredit applies a PartialRule. A key left blank by a broken
// question cannot be answered right, so it earns nothing.
func multipleCredit(rule PartialRule, key, got []string) float64 {
	right, wrong := 0, 0
	for _, k := range got {
		if slices.Contains(key, k) {
			right++
		} else {
			wrong++
		}
	}
	all := len(key) > 0 && right == len(key)
	switch rule.Kind {
	case SubsetHalf:
		return subsetCredit(all, right, wrong, 0.5)
	case Proportional:
		if wrong > 0 || len(key) == 0 {
			return 0
		}
		return float64(right) / float64(len(key))
	case Custom:
		f := subsetFraction(all, right, clamp01(rule.SubsetFraction))
		return clamp01(f - clamp01(rule.WrongPenalty)*float64(wrong))
	}
	return subsetCredit(all, right, wrong, 0)
}

// subsetCredit is the credit of rules under which any wrong option loses
// everything: 1 for all right options, part for a non-empty proper subset.
func subsetCredit(all bool, right, wrong int, part float64) float64 {
	if wrong > 0 {
		return 0
	}
	return subsetFraction(all, right, part)
}

func subsetFraction(all bool, right int, part float64) float64 {
	switch {
	case all:
		return 1
	case right > 0:
		return part
	}
	return 0
}

func fillCredit(accepted [][]string, got []string) float64 {
	if len(accepted) == 0 {
		return 0
	}
	right := 0
	for i, acc := range accepted {
		if i < len(got) && blankMatches(acc, got[i]) {
			right++
		}
	}
	return float64(right) / float64(len(accepted))
}

// blankMatches reports whether got is one of the accepted answers. An
// accepted answer that normalizes to nothing matches nothing, so a blank
// left empty is never right.
func blankMatches(accepted []string, got string) bool {
	g := NormalizeText(got)
	if g == "" {
		return false
	}
	for _, a := range accepted {
		if NormalizeText(a) == g {
			return true
		}
	}
	return false
}

func orderCredit(key, got []string) float64 {
	if len(key) == 0 || len(key) != len(got) {
		return 0
	}
	for i := range key {
		if normKey(key[i]) != normKey(got[i]) {
			return 0
		}
	}
	return 1
}

func matchCredit(key, got map[string]string) float64 {
	if len(key) == 0 {
		return 0
	}
	g := normPairs(got)
	right := 0
	for k, t := range key {
		if v := g[normKey(k)]; v != "" && v == normKey(t) {
			right++
		}
	}
	return float64(right) / float64(len(key))
}

// scoreByPerson leaves the points to a grader: 0 of Max until graded.
func scoreByPerson(q Question, r Response) Result {
	res := Result{Max: maxPoints(q.Points), State: NeedsGrading}
	if isEmpty(q.Type, r) {
		res.State = Unanswered
	}
	return res
}

// scoreCase sums the sub-questions. Its State comes from theirs, not from
// the points, so a case of zero-point sub-questions still reads right.
func scoreCase(q Question, r Response) Result {
	res := Result{Sub: make(map[string]Result, len(q.Sub))}
	states := make([]State, 0, len(q.Sub))
	var points, possible float64
	for _, s := range q.Sub {
		sr := Score(s, r.Sub[s.ID])
		res.Sub[s.ID] = sr
		points += sr.Points
		possible += sr.Max
		states = append(states, sr.State)
	}
	res.Points, res.Max = round2(points), round2(possible)
	res.State = caseState(states)
	return res
}

// caseState combines the sub-questions' states: Unanswered when none was
// answered, else NeedsGrading while any waits for a person, else Correct
// when all are correct and Wrong when none earned anything.
func caseState(states []State) State {
	has := func(s State) bool { return slices.Contains(states, s) }
	only := func(s State) bool {
		return !slices.ContainsFunc(states, func(x State) bool { return x != s })
	}
	switch {
	case only(Unanswered):
		return Unanswered
	case has(NeedsGrading):
		return NeedsGrading
	case only(Correct):
		return Correct
	case has(Correct) || has(Partial):
		return Partial
	}
	return Wrong
}

// isEmpty reports whether r answers nothing for a question of type t; for
// an unknown type, whether every part of r is empty.
func isEmpty(t Type, r Response) bool {
	switch t {
	case Single, Multiple, TrueFalse:
		return len(keySet(r.Choices)) == 0
	case Fill:
		return !slices.ContainsFunc(r.Blanks, func(b string) bool { return NormalizeText(b) != "" })
	case Ordering:
		return !slices.ContainsFunc(r.Order, func(k string) bool { return normKey(k) != "" })
	case Matching:
		return len(normPairs(r.Pairs)) == 0
	case Short:
		return strings.TrimSpace(r.Text) == ""
	case Case:
		return len(r.Sub) == 0
	}
	return isEmpty(Single, r) && isEmpty(Fill, r) && isEmpty(Ordering, r) &&
		isEmpty(Matching, r) && isEmpty(Short, r) && isEmpty(Case, r)
}

func stateOf(f float64) State {
	switch {
	case f >= 1:
		return Correct
	case f <= 0:
		return Wrong
	}
	return Partial
}

// normKey is the form in which option and target keys are compared.
func normKey(k string) string { return strings.ToUpper(strings.TrimSpace(k)) }

// keySet normalizes keys into a sorted set without blanks, so a response
// with "A", " a" and "" is just {A}.
func keySet(keys []string) []string {
	set := make([]string, 0, len(keys))
	for _, k := range keys {
		if k = normKey(k); k != "" {
			set = append(set, k)
		}
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// normPairs normalizes a matching response and drops unmatched items. When
// two keys collide after normalization ("a" and "A"), the first in sorted
// order with a target wins, so the result never depends on map order.
func normPairs(p map[string]string) map[string]string {
	out := make(map[string]string, len(p))
	for _, k := range slices.Sorted(maps.Keys(p)) {
		nk, nv := normKey(k), normKey(p[k])
		if _, seen := out[nk]; !seen && nk != "" && nv != "" {
			out[nk] = nv
		}
	}
	return out
}

// maxPoints is a question's possible points; points that are not a
// positive finite number (which Validate reports) count as 0.
func maxPoints(p float64) float64 {
	if !(p > 0) || math.IsInf(p, 1) {
		return 0
	}
	return round2(p)
}

// round2 rounds to cents. Values too large for cents to exist in a float64
// are returned as they are, as x*100 could overflow.
func round2(x float64) float64 {
	if math.IsNaN(x) || math.Abs(x) >= 1e15 {
		return x
	}
	return math.Round(x*100) / 100
}

// clamp01 clamps to [0, 1]; NaN counts as 0.
func clamp01(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	return math.Min(x, 1)
}
