package quiz

import (
	"errors"
	"fmt"
)

// Layout is what a paper changes in a bank question: its points, its
// partial-credit rule and the order its options are shown in (and the same
// for a case's sub-questions). A paper stores a question as a reference to
// the immutable version it drew plus its layout, a few dozen bytes instead
// of the whole question, and Apply rebuilds the question as drawn.
type Layout struct {
	Points  float64     `json:"p,omitzero"`
	Partial PartialRule `json:"r,omitzero"`
	Order   []string    `json:"o,omitempty"` // option keys as shown
	Sub     []Layout    `json:"s,omitempty"`
}

// ErrLayout says a layout does not fit the question it is applied to.
var ErrLayout = errors.New("quiz: layout does not fit the question")

// LayoutOf records how q stands in a paper.
func LayoutOf(q Question) Layout {
	l := Layout{Points: q.Points, Partial: q.Partial}
	if len(q.Options) > 0 {
		l.Order = optionKeys(q.Options)
	}
	if len(q.Sub) > 0 {
		l.Sub = make([]Layout, len(q.Sub))
		for i, s := range q.Sub {
			l.Sub[i] = LayoutOf(s)
		}
	}
	return l
}

// Apply returns a deep copy of base laid out as l: Apply(base,
// LayoutOf(q)) is q for any q that a paper made of base (by Shuffle,
// SetPoints and SetPartial).
func (l Layout) Apply(base Question) (Question, error) {
	q := clone(base)
	if err := l.apply(&q); err != nil {
		return Question{}, fmt.Errorf("question %s: %w", base.ID, err)
	}
	return q, nil
}

func (l Layout) apply(q *Question) error {
	q.Points, q.Partial = l.Points, l.Partial
	if len(l.Sub) != len(q.Sub) || len(l.Order) != len(q.Options) {
		return ErrLayout
	}
	if len(l.Order) > 0 {
		opts, err := reorder(q.Options, l.Order)
		if err != nil {
			return err
		}
		q.Options = opts
	}
	for i := range q.Sub {
		if err := l.Sub[i].apply(&q.Sub[i]); err != nil {
			return err
		}
	}
	return nil
}

// reorder returns opts in the order of keys; options that share a key
// (only broken questions have them) keep their relative order.
func reorder(opts []Option, keys []string) ([]Option, error) {
	at := make(map[string][]int, len(opts))
	for i, o := range opts {
		at[o.Key] = append(at[o.Key], i)
	}
	out := make([]Option, len(keys))
	for i, k := range keys {
		idx := at[k]
		if len(idx) == 0 {
			return nil, ErrLayout
		}
		out[i], at[k] = opts[idx[0]], idx[1:]
	}
	return out, nil
}
