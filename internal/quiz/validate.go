package quiz

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Limits that Validate enforces.
const (
	MinOptions = 2    // choices, ordering items, matching items and targets
	MaxOptions = 8    // option keys are one letter A–H
	MaxPoints  = 1000 // more on one question is a typing mistake
	// MinMultipleCorrect is 1, not the 2 of many Chinese exams: "select all
	// that apply" with one right option is a fair question, and SubsetHalf
	// still works (the one option is all of them). Set it to 2 to enforce
	// 多选题至少两个正确答案.
	MinMultipleCorrect = 1
	MinDifficulty      = 1
	MaxDifficulty      = 5
)

// Problem is one thing wrong with a question. Field is a path into the
// question such as "stem", "options[2].text", "answer.blanks[0]" or
// "sub[1].points" (for a sub-question of a case); Msg is a message id (one
// of MessageIDs) and Args fills its placeholders.
type Problem struct {
	Field, Msg string
	Args       map[string]any
}

// Validate lists every problem with q, in field order; nil means q can be
// saved, drawn and scored as its author meant. Type-specific checks run only
// for a known type. Sub-questions of a case may leave Difficulty at 0 (they
// are drawn with their case); everything else applies to them as well.
func (q Question) Validate() []Problem {
	v := &validator{}
	v.question(q, false)
	return v.out
}

type validator struct {
	prefix string // "sub[1]." while checking a sub-question
	out    []Problem
}

func (v *validator) add(field, msg string, args map[string]any) {
	v.out = append(v.out, Problem{Field: v.prefix + field, Msg: msg, Args: args})
}

func (v *validator) question(q Question, isSub bool) {
	if !slices.Contains(Types, q.Type) {
		v.add("type", MsgTypeUnknown, map[string]any{"Type": string(q.Type)})
		return
	}
	if strings.TrimSpace(q.Stem) == "" {
		v.add("stem", MsgStemRequired, nil)
	}
	v.points(q)
	v.difficulty(q.Difficulty, isSub)
	v.translation(q)
	switch q.Type {
	case Single, Multiple:
		v.choiceQuestion(q)
	case TrueFalse:
		v.trueFalse(q.Answer.Choices)
	case Fill:
		v.blanks(q.Answer.Blanks)
	case Ordering:
		v.options(q.Options, "options", optionKeyOK, MsgOptionKeyInvalid)
		v.ordering(q)
	case Matching:
		v.options(q.Options, "options", optionKeyOK, MsgOptionKeyInvalid)
		v.options(q.Targets, "targets", targetKeyOK, MsgTargetKeyInvalid)
		v.pairs(q)
	case Case:
		v.subs(q.Sub)
	}
}

// points checks a question's points; a case's own points are optional
// (Score uses the sum of its sub-questions) but must agree when given.
func (v *validator) points(q Question) {
	if q.Type != Case {
		if !(q.Points > 0 && q.Points <= MaxPoints) {
			v.add("points", MsgPointsInvalid, map[string]any{"Max": MaxPoints})
		}
		return
	}
	var sum float64
	for _, s := range q.Sub {
		sum += s.Points
	}
	if q.Points != 0 && !(math.Abs(q.Points-sum) < 0.005) {
		v.add("points", MsgCasePointsMismatch, map[string]any{"Sum": round2(sum)})
	}
}

func (v *validator) difficulty(d int, isSub bool) {
	if (d < MinDifficulty || d > MaxDifficulty) && !(isSub && d == 0) {
		v.add("difficulty", MsgDifficultyRange, map[string]any{"Min": MinDifficulty, "Max": MaxDifficulty})
	}
}

func (v *validator) choiceQuestion(q Question) {
	v.options(q.Options, "options", optionKeyOK, MsgOptionKeyInvalid)
	right := v.knownChoices(q.Answer.Choices, q.Options)
	switch {
	case q.Type == Single && right != 1:
		v.add("answer.choices", MsgSingleNeedsOne, nil)
	case q.Type == Multiple && right < MinMultipleCorrect:
		v.add("answer.choices", MsgMultipleNeedsCorrect, map[string]any{"Min": MinMultipleCorrect})
	}
	if q.Type == Multiple {
		v.partial(q.Partial)
	}
}

// knownChoices reports answer keys that are not options and returns how
// many distinct keys are. A wrong key is counted too, so a single-choice
// key of just "E" says "E is not an option", not also "needs one answer".
func (v *validator) knownChoices(choices []string, opts []Option) int {
	keys := keySet(choices)
	for _, k := range keys {
		if !slices.ContainsFunc(opts, func(o Option) bool { return normKey(o.Key) == k }) {
			v.add("answer.choices", MsgAnswerUnknownOption, map[string]any{"Key": k})
		}
	}
	return len(keys)
}

// options checks one list of options or targets: how many, their keys,
// their texts, and that no two say the same thing (which would make a
// choice or an order impossible to get right).
func (v *validator) options(opts []Option, field string, keyOK func(string) bool, keyMsg string) {
	if len(opts) < MinOptions {
		v.add(field, MsgOptionsTooFew, map[string]any{"Min": MinOptions})
	}
	if field == "options" && len(opts) > MaxOptions {
		v.add(field, MsgTooManyOptions, map[string]any{"Max": MaxOptions})
	}
	keys, texts := map[string]bool{}, map[string]string{}
	for i, o := range opts {
		k, at := normKey(o.Key), fmt.Sprintf("%s[%d]", field, i)
		switch {
		case !keyOK(k):
			v.add(at+".key", keyMsg, map[string]any{"Key": strings.TrimSpace(o.Key)})
		case keys[k]:
			v.add(at+".key", MsgDuplicateOptionKey, map[string]any{"Key": k})
		}
		keys[k] = true
		t := NormalizeText(o.Text)
		switch first, dup := texts[t]; {
		case strings.TrimSpace(o.Text) == "":
			v.add(at+".text", MsgOptionTextRequired, map[string]any{"Key": k})
		case dup:
			v.add(at+".text", MsgDuplicateOption, map[string]any{"Key": k, "First": first})
		case t != "":
			texts[t] = k
		}
	}
}

func optionKeyOK(k string) bool { return len(k) == 1 && k[0] >= 'A' && k[0] <= 'H' }

// targetKeyOK accepts 1, 2, … as types.go documents; no leading zero, so
// "01" and "1" cannot both appear as different targets.
func targetKeyOK(k string) bool {
	n, err := strconv.Atoi(k)
	return err == nil && n > 0 && strconv.Itoa(n) == k
}

func (v *validator) partial(p PartialRule) {
	switch p.Kind {
	case "", AllOrNothing, SubsetHalf, Proportional:
	case Custom:
		v.fraction("partial.subset_fraction", p.SubsetFraction)
		v.fraction("partial.wrong_penalty", p.WrongPenalty)
	default:
		v.add("partial.kind", MsgPartialKindUnknown, map[string]any{"Kind": string(p.Kind)})
	}
}

func (v *validator) fraction(field string, f float64) {
	if !(f >= 0 && f <= 1) {
		v.add(field, MsgCustomFractionRange, map[string]any{"Min": 0, "Max": 1})
	}
}

// trueFalse ignores Options: the two choices are fixed (对/错) and a
// question may or may not spell them out.
func (v *validator) trueFalse(choices []string) {
	keys := keySet(choices)
	if len(keys) != 1 || (keys[0] != "T" && keys[0] != "F") {
		v.add("answer.choices", MsgTrueFalseAnswer, nil)
	}
}

func (v *validator) blanks(blanks [][]string) {
	if len(blanks) == 0 {
		v.add("answer.blanks", MsgFillNeedsBlank, nil)
	}
	for i, acc := range blanks {
		// An accepted answer that is only punctuation or space normalizes
		// to nothing and can never be matched.
		if !slices.ContainsFunc(acc, func(a string) bool { return NormalizeText(a) != "" }) {
			v.add(fmt.Sprintf("answer.blanks[%d]", i), MsgBlankNoAnswer, map[string]any{"N": i + 1})
		}
	}
}

// ordering requires Answer.Order to name every option exactly once.
func (v *validator) ordering(q Question) {
	want := make([]string, len(q.Options))
	for i, o := range q.Options {
		want[i] = normKey(o.Key)
	}
	got := make([]string, len(q.Answer.Order))
	for i, k := range q.Answer.Order {
		got[i] = normKey(k)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) || len(slices.Compact(got)) != len(q.Answer.Order) {
		v.add("answer.order", MsgOrderingMismatch, nil)
	}
}

// pairs requires every option to have one known target; several options
// may share a target.
func (v *validator) pairs(q Question) {
	pairs, unknown := map[string]string{}, map[string]bool{}
	for _, k := range slices.Sorted(maps.Keys(q.Answer.Pairs)) {
		nk, nt := normKey(k), normKey(q.Answer.Pairs[k])
		if nk == "" || nt == "" {
			continue // matches nothing; a missing pair is reported below
		}
		pairs[nk] = nt
		if !slices.ContainsFunc(q.Options, func(o Option) bool { return normKey(o.Key) == nk }) {
			v.add("answer.pairs", MsgAnswerUnknownOption, map[string]any{"Key": nk})
		}
		if !unknown[nt] && !slices.ContainsFunc(q.Targets, func(o Option) bool { return normKey(o.Key) == nt }) {
			unknown[nt] = true // once, though several options may name it
			v.add("answer.pairs", MsgAnswerUnknownTarget, map[string]any{"Key": nt})
		}
	}
	for _, o := range q.Options {
		if k := normKey(o.Key); pairs[k] == "" {
			v.add("answer.pairs", MsgMatchingIncomplete, map[string]any{"Key": k})
		}
	}
}

// subs checks a case's sub-questions. They need IDs because responses and
// results are keyed by them, and may not be cases themselves.
func (v *validator) subs(subs []Question) {
	if len(subs) == 0 {
		v.add("sub", MsgCaseNeedsSub, nil)
	}
	seen := map[string]bool{}
	for i, s := range subs {
		at := fmt.Sprintf("sub[%d]", i)
		switch id := s.ID; {
		case strings.TrimSpace(id) == "":
			v.add(at+".id", MsgSubIDRequired, nil)
		case seen[id]:
			v.add(at+".id", MsgDuplicateSubID, map[string]any{"ID": id})
		}
		seen[s.ID] = true
		if s.Type == Case {
			v.add(at+".type", MsgCaseNested, nil)
			continue
		}
		outer := v.prefix
		v.prefix = outer + at + "."
		v.question(s, true)
		v.prefix = outer
	}
}

// translation checks that an English text translates only options and
// targets the question has.
func (v *validator) translation(q Question) {
	if q.EN == nil {
		return
	}
	check := func(field string, en, have []Option) {
		for i, o := range en {
			if !slices.ContainsFunc(have, func(x Option) bool { return x.Key == o.Key }) {
				v.add(field+"["+strconv.Itoa(i)+"]", MsgENUnknownKey, map[string]any{"Key": o.Key})
			}
		}
	}
	check("en.options", q.EN.Options, q.Options)
	check("en.targets", q.EN.Targets, q.Targets)
}
