// Package quiz is ShopDojo's assessment engine without storage or HTTP:
// the question types, learners' responses, answer normalization, scoring
// with partial-credit rules, and the seeded shuffling and blueprint
// drawing that build one attempt's paper.
package quiz

// Type is a question type.
type Type string

// The question types.
const (
	Single    Type = "single"    // one correct option
	Multiple  Type = "multiple"  // several correct options, scored by a PartialRule
	TrueFalse Type = "truefalse" // Answer.Choices is ["T"] or ["F"]
	Fill      Type = "fill"      // one or more blanks, each with accepted answers
	Ordering  Type = "ordering"  // put Options in the order of Answer.Order
	Matching  Type = "matching"  // pair each Option with one of Targets
	Short     Type = "short"     // free text, graded by a person against Rubric
	Case      Type = "case"      // a stem with material (Attachment) and sub-questions
)

// Types lists every question type in display order.
var Types = []Type{Single, Multiple, TrueFalse, Fill, Ordering, Matching, Short, Case}

// Option is a choice, an item to order, or the left side of a matching
// pair. Key is "A" … "H" for choices and ordering items, "1" … for targets.
type Option struct {
	Key  string `json:"key,omitempty"`
	Text string `json:"text,omitempty"`
}

// Answer is a question's key.
type Answer struct {
	Choices []string          `json:"choices,omitempty"` // single, multiple, truefalse: option keys ("T"/"F" for truefalse)
	Blanks  [][]string        `json:"blanks,omitempty"`  // fill: per blank, every accepted answer
	Order   []string          `json:"order,omitempty"`   // ordering: option keys in the correct order
	Pairs   map[string]string `json:"pairs,omitempty"`   // matching: option key → target key
}

// PartialKind names how a multiple-choice question gives partial credit.
type PartialKind string

// The partial-credit presets Chinese training teams use, and a custom rule.
const (
	// AllOrNothing: full points only for exactly the right options.
	AllOrNothing PartialKind = "exact"
	// SubsetHalf (少选得一半，错选不得分): half the points when the chosen
	// options are a non-empty proper subset of the right ones; nothing when
	// any wrong option is chosen.
	SubsetHalf PartialKind = "subset_half"
	// Proportional: the share of right options chosen, nothing when any
	// wrong option is chosen.
	Proportional PartialKind = "proportional"
	// Custom: SubsetFraction of the points for a correct proper subset;
	// WrongPenalty (a fraction of the points) taken off per wrong option,
	// never below zero.
	Custom PartialKind = "custom"
)

// PartialRule is a multiple-choice credit rule.
type PartialRule struct {
	Kind           PartialKind `json:"kind,omitempty"`
	SubsetFraction float64     `json:"subset_fraction,omitempty"` // Custom only, 0..1
	WrongPenalty   float64     `json:"wrong_penalty,omitempty"`   // Custom only, 0..1 per wrong option
}

// Question is one item of a bank, as one version of it stands.
type Question struct {
	ID          string      `json:"id,omitempty"`
	Type        Type        `json:"type,omitempty"`
	Stem        string      `json:"stem,omitempty"`    // Markdown
	Options     []Option    `json:"options,omitempty"` // choices, ordering items, or matching's left side
	Targets     []Option    `json:"targets,omitempty"` // matching's right side
	Answer      Answer      `json:"answer,omitempty"`
	Points      float64     `json:"points,omitempty"`
	Partial     PartialRule `json:"partial,omitempty"`     // Multiple only; zero value means AllOrNothing
	Explanation string      `json:"explanation,omitempty"` // Markdown, shown only after release
	Rubric      string      `json:"rubric,omitempty"`      // Short and Case: guidance for graders
	Attachment  string      `json:"attachment,omitempty"`  // Case: a Markdown data table or "file:<id>"
	Sub         []Question  `json:"sub,omitempty"`         // Case: the sub-questions, scored each on its own
	Difficulty  int         `json:"difficulty,omitempty"`  // 1 (easy) … 5 (hard)
	Tags        []string    `json:"tags,omitempty"`        // "module:…", "competency:…", "platform:tmall", or free words
	EN          *Text       `json:"en,omitempty"`          // the English translation, if any (the fields above are Chinese)
}

// Text is a question's texts in another language: the stem, option and
// target texts by key, the attachment, the explanation and the rubric.
// Keys, answers and points are the original's.
type Text struct {
	Stem        string   `json:"stem,omitempty"`
	Options     []Option `json:"options,omitempty"`
	Targets     []Option `json:"targets,omitempty"`
	Attachment  string   `json:"attachment,omitempty"`
	Explanation string   `json:"explanation,omitempty"`
	Rubric      string   `json:"rubric,omitempty"`
}

// Response is what a learner answered to one question.
type Response struct {
	Choices []string            `json:"choices,omitempty"` // single, multiple, truefalse
	Blanks  []string            `json:"blanks,omitempty"`  // fill, one per blank
	Order   []string            `json:"order,omitempty"`   // ordering
	Pairs   map[string]string   `json:"pairs,omitempty"`   // matching
	Text    string              `json:"text,omitempty"`    // short
	Sub     map[string]Response `json:"sub,omitempty"`     // case: by sub-question id
}
