package quiz

import (
	"maps"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// Streams of the PCG generator, one per purpose, so that Shuffle and Draw
// given the same seed do not make correlated choices.
const (
	streamShuffle = 0x5155495a53485546 // "QUIZSHUF"
	streamDraw    = 0x5155495a44524157 // "QUIZDRAW"
)

// orderingTries bounds the reshuffles that avoid showing an ordering
// question in its right order; only a broken question (every order right,
// as with duplicate keys) can use them all.
const orderingTries = 64

// Shuffle returns a deep copy of qs in an order fixed by seed, so an
// attempt's paper can be rebuilt from its seed alone. With shuffleOptions
// the options of single- and multiple-choice questions are shuffled too;
// true/false never is (对 before 错 is a convention), nor are matching
// questions. Ordering items are always shuffled, and never shown in the
// right order when there are two or more. The sub-questions of a case keep
// their order, since they usually follow the material step by step, but
// their options are shuffled like any other question's. Options keep their
// keys, so scoring is unaffected.
//
// To keep the sections of a paper (单选题, then 多选题, …) apart, shuffle
// each section on its own with its own seed.
func Shuffle(qs []Question, seed uint64, shuffleOptions bool) []Question {
	if qs == nil {
		return nil
	}
	g := newRNG(seed, streamShuffle)
	out := make([]Question, len(qs))
	for i, q := range qs {
		out[i] = clone(q)
	}
	g.shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	for i := range out {
		shuffleInside(&out[i], g, shuffleOptions)
	}
	return out
}

func shuffleInside(q *Question, g rng, options bool) {
	switch q.Type {
	case Single, Multiple:
		if options {
			g.shuffle(len(q.Options), swapper(q.Options))
		}
	case Ordering:
		shuffleOrdering(q, g)
	case Case:
		for i := range q.Sub {
			shuffleInside(&q.Sub[i], g, options)
		}
	}
}

// shuffleOrdering reshuffles until the items are out of order. Rejecting
// the right order, rather than swapping two items of it, leaves every other
// order equally likely.
func shuffleOrdering(q *Question, g rng) {
	opts := q.Options
	if len(opts) < 2 {
		return
	}
	for range orderingTries {
		g.shuffle(len(opts), swapper(opts))
		if !inOrder(opts, q.Answer.Order) {
			return
		}
	}
	first := opts[0]
	copy(opts, opts[1:])
	opts[len(opts)-1] = first
}

// inOrder reports whether the options stand in the order of the key.
func inOrder(opts []Option, order []string) bool {
	return orderCredit(order, optionKeys(opts)) == 1
}

func optionKeys(opts []Option) []string {
	keys := make([]string, len(opts))
	for i, o := range opts {
		keys[i] = o.Key
	}
	return keys
}

func swapper(opts []Option) func(i, j int) {
	return func(i, j int) { opts[i], opts[j] = opts[j], opts[i] }
}

// clone copies q deeply, so that a paper can be changed (shuffled, given
// other points) without touching the bank it came from.
func clone(q Question) Question {
	q.Options = slices.Clone(q.Options)
	q.Targets = slices.Clone(q.Targets)
	q.Tags = slices.Clone(q.Tags)
	q.Answer.Choices = slices.Clone(q.Answer.Choices)
	q.Answer.Order = slices.Clone(q.Answer.Order)
	q.Answer.Pairs = maps.Clone(q.Answer.Pairs)
	if q.Answer.Blanks != nil {
		blanks := make([][]string, len(q.Answer.Blanks))
		for i, b := range q.Answer.Blanks {
			blanks[i] = slices.Clone(b)
		}
		q.Answer.Blanks = blanks
	}
	if q.EN != nil {
		en := *q.EN
		en.Options, en.Targets = slices.Clone(en.Options), slices.Clone(en.Targets)
		q.EN = &en
	}
	if q.Sub != nil {
		subs := make([]Question, len(q.Sub))
		for i, s := range q.Sub {
			subs[i] = clone(s)
		}
		q.Sub = subs
	}
	return q
}

// rng draws from PCG with its own bounded-integer reduction and shuffle
// rather than rand.Rand's: a paper is rebuilt from its seed whenever a
// learner comes back to an attempt, so the sequence must not change with a
// Go release. PCG's output is fixed by its published algorithm; the
// methods of rand.Rand carry no such promise. TestPaperPinned guards it.
type rng struct{ src *rand.PCG }

func newRNG(seed, stream uint64) rng { return rng{rand.NewPCG(seed, stream)} }

// intN returns a uniform integer in [0, n) for n > 0 (Lemire's method:
// multiply, and reject the few low products that would bias the result).
func (g rng) intN(n int) int {
	un := uint64(n)
	hi, lo := bits.Mul64(g.src.Uint64(), un)
	if lo < un {
		threshold := -un % un
		for lo < threshold {
			hi, lo = bits.Mul64(g.src.Uint64(), un)
		}
	}
	return int(hi)
}

// shuffle is Fisher–Yates.
func (g rng) shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, g.intN(i+1))
	}
}

// Clone returns a deep copy of q, which may then be changed freely.
func (q Question) Clone() Question { return clone(q) }
