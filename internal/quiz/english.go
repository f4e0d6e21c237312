package quiz

import "strings"

// English returns the item with its English texts in place of the
// Chinese ones, field by field: a stem, option, target or attachment the
// translation lacks stays Chinese. Keys, their order, points and types
// are unchanged, so answers given on either language's page are the same.
func (it Item) English() Item {
	if it.EN != nil {
		it.Stem = or(it.EN.Stem, it.Stem)
		it.Attachment = or(it.EN.Attachment, it.Attachment)
		it.Options = translated(it.Options, it.EN.Options)
		it.Targets = translated(it.Targets, it.EN.Targets)
	}
	if it.Sub != nil {
		subs := make([]Item, len(it.Sub))
		for i, s := range it.Sub {
			subs[i] = s.English()
		}
		it.Sub = subs
	}
	return it
}

// English returns the question with its English texts in place of the
// Chinese ones, field by field, as Item.English does, and the English
// explanation and rubric where translated. The key is unchanged.
func (q Question) English() Question {
	if q.EN != nil {
		q.Stem = or(q.EN.Stem, q.Stem)
		q.Attachment = or(q.EN.Attachment, q.Attachment)
		q.Explanation = or(q.EN.Explanation, q.Explanation)
		q.Rubric = or(q.EN.Rubric, q.Rubric)
		q.Options = translated(q.Options, q.EN.Options)
		q.Targets = translated(q.Targets, q.EN.Targets)
	}
	if q.Sub != nil {
		subs := make([]Question, len(q.Sub))
		for i, s := range q.Sub {
			subs[i] = s.English()
		}
		q.Sub = subs
	}
	return q
}

// translated returns opts, in their order, with the text of the
// translation of the same key where it has one.
func translated(opts, en []Option) []Option {
	if len(en) == 0 || len(opts) == 0 {
		return opts
	}
	out := make([]Option, len(opts))
	for i, o := range opts {
		out[i] = o
		for _, e := range en {
			if e.Key == o.Key && strings.TrimSpace(e.Text) != "" {
				out[i].Text = e.Text
				break
			}
		}
	}
	return out
}

func or(s, fallback string) string {
	if strings.TrimSpace(s) != "" {
		return s
	}
	return fallback
}
