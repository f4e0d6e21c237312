package quiz

// Item is a question as a learner may see it before answers are released:
// the type has no field for a key, an explanation or a rubric, so nothing
// built from an Item can leak them. Blanks is how many blanks a fill
// question has (the only thing about its key a learner must know).
type Item struct {
	ID         string      `json:"id,omitempty"`
	Type       Type        `json:"type"`
	Stem       string      `json:"stem"`
	Options    []Option    `json:"options,omitempty"`
	Targets    []Option    `json:"targets,omitempty"`
	Points     float64     `json:"points"`
	Partial    PartialKind `json:"partial,omitempty"`
	Blanks     int         `json:"blanks,omitempty"`
	Attachment string      `json:"attachment,omitempty"`
	Sub        []Item      `json:"sub,omitempty"`
	EN         *ItemText   `json:"en,omitempty"` // the English texts, if translated
}

// ItemText is what a learner may see of a translation before release: no
// explanation, no rubric.
type ItemText struct {
	Stem       string   `json:"stem,omitempty"`
	Options    []Option `json:"options,omitempty"`
	Targets    []Option `json:"targets,omitempty"`
	Attachment string   `json:"attachment,omitempty"`
}

// Public returns what a learner may see of q before release.
func (q Question) Public() Item {
	it := Item{ID: q.ID, Type: q.Type, Stem: q.Stem, Options: append([]Option(nil), q.Options...),
		Targets: append([]Option(nil), q.Targets...), Points: q.Points, Blanks: len(q.Answer.Blanks),
		Attachment: q.Attachment}
	if q.EN != nil {
		it.EN = &ItemText{Stem: q.EN.Stem, Options: append([]Option(nil), q.EN.Options...),
			Targets: append([]Option(nil), q.EN.Targets...), Attachment: q.EN.Attachment}
	}
	if q.Type == Multiple {
		it.Partial = q.Partial.Kind
		if it.Partial == "" {
			it.Partial = AllOrNothing
		}
	}
	if q.Type == Case {
		it.Points = 0
		for _, s := range q.Sub {
			p := s.Public()
			it.Sub = append(it.Sub, p)
			it.Points += p.Points
		}
		it.Points = round2(it.Points)
	}
	return it
}
