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
	Key  string
	Text string
}

// Answer is a question's key.
type Answer struct {
	Choices []string          // single, multiple, truefalse: option keys ("T"/"F" for truefalse)
	Blanks  [][]string        // fill: per blank, every accepted answer
	Order   []string          // ordering: option keys in the correct order
	Pairs   map[string]string // matching: option key → target key
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
	Kind           PartialKind
	SubsetFraction float64 // Custom only, 0..1
	WrongPenalty   float64 // Custom only, 0..1 per wrong option
}

// Question is one item of a bank, as one version of it stands.
type Question struct {
	ID          string
	Type        Type
	Stem        string   // Markdown
	Options     []Option // choices, ordering items, or matching's left side
	Targets     []Option // matching's right side
	Answer      Answer
	Points      float64
	Partial     PartialRule // Multiple only; zero value means AllOrNothing
	Explanation string      // Markdown, shown only after release
	Rubric      string      // Short and Case: guidance for graders
	Attachment  string      // Case: a Markdown data table or "file:<id>"
	Sub         []Question  // Case: the sub-questions, scored each on its own
	Difficulty  int         // 1 (easy) … 5 (hard)
	Tags        []string    // "module:…", "competency:…", "platform:tmall", or free words
}

// Response is what a learner answered to one question.
type Response struct {
	Choices []string            // single, multiple, truefalse
	Blanks  []string            // fill, one per blank
	Order   []string            // ordering
	Pairs   map[string]string   // matching
	Text    string              // short
	Sub     map[string]Response // case: by sub-question id
}
