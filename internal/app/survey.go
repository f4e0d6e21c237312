package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
)

// SurveyKind is a kind of survey question.
type SurveyKind string

// The question kinds of the needs survey.
const (
	KindLikert     SurveyKind = "likert"     // 1–5, 非常不同意 … 非常同意
	KindSingle     SurveyKind = "single"     // one of the options
	KindMulti      SurveyKind = "multi"      // any of the options
	KindText       SurveyKind = "text"       // open answer, optional
	KindCompetency SurveyKind = "competency" // self-rating L1–L4 on chosen competencies
)

// SurveyKinds lists the kinds in the order the builder offers them.
func SurveyKinds() []SurveyKind {
	return []SurveyKind{KindLikert, KindSingle, KindMulti, KindText, KindCompetency}
}

// SurveyQuestion is one question; its text and options have an optional
// English version shown on English pages.
type SurveyQuestion struct {
	ID           string       `json:"id"`
	Kind         SurveyKind   `json:"kind"`
	Text         string       `json:"text"`
	TextEN       string       `json:"text_en,omitempty"`
	Options      []SurveyText `json:"options,omitempty"`
	Competencies []string     `json:"competencies,omitempty"`
}

// SurveyText is a short text in Chinese and, optionally, English.
type SurveyText struct {
	ZH string `json:"zh"`
	EN string `json:"en,omitempty"`
}

// Choice reports whether the question picks among options.
func (q SurveyQuestion) Choice() bool { return q.Kind == KindSingle || q.Kind == KindMulti }

// OptionLines is the options as the builder's text area shows them: one a
// line, "中文 | English".
func (q SurveyQuestion) OptionLines() string {
	var b strings.Builder
	for i, o := range q.Options {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(o.ZH)
		if o.EN != "" {
			b.WriteString(" | " + o.EN)
		}
	}
	return b.String()
}

// ParseOptionLines reads the builder's options text area.
func ParseOptionLines(s string) []SurveyText {
	var out []SurveyText
	for line := range strings.SplitSeq(s, "\n") {
		zh, en, _ := strings.Cut(line, "|")
		zh, en = strings.TrimSpace(zh), strings.TrimSpace(en)
		if zh != "" {
			out = append(out, SurveyText{ZH: zh, EN: en})
		}
	}
	return out
}

// Survey limits.
const (
	maxSurveyQuestions = 40
	maxSurveyOptions   = 12
	maxSurveyText      = 300
	maxAnswerText      = 2000
)

// validateQuestions checks a questionnaire before it is saved or sent;
// errors are per field (q3.text …) so the builder shows them in place.
func validateQuestions(title string, qs []SurveyQuestion, known func(string) bool) error {
	var v shopdojo.Validation
	v.Check(strings.TrimSpace(title) != "", "title", "error.required")
	v.Check(len([]rune(title)) <= 100, "title", "error.too_long")
	v.Check(len(qs) > 0, "questions", "survey.err_no_questions")
	v.Check(len(qs) <= maxSurveyQuestions, "questions", "survey.err_too_many")
	for i, q := range qs {
		f := "q" + strconv.Itoa(i) + "."
		v.Check(slices.Contains(SurveyKinds(), q.Kind), f+"kind", "error.out_of_range")
		v.Check(strings.TrimSpace(q.Text) != "", f+"text", "survey.err_empty_question")
		v.Check(len([]rune(q.Text)) <= maxSurveyText && len([]rune(q.TextEN)) <= maxSurveyText, f+"text", "error.too_long")
		if q.Choice() {
			v.Check(len(q.Options) >= 2, f+"options", "survey.err_two_options")
			v.Check(len(q.Options) <= maxSurveyOptions, f+"options", "survey.err_too_many_options")
			v.Check(!duplicateOptions(q.Options), f+"options", "survey.err_duplicate_option")
		}
		if q.Kind == KindCompetency {
			v.Check(len(q.Competencies) > 0, f+"competencies", "survey.err_no_competency")
			v.Check(!slices.ContainsFunc(q.Competencies, func(c string) bool { return !known(c) }), f+"competencies", "error.out_of_range")
		}
	}
	return v.Err()
}

func duplicateOptions(os []SurveyText) bool {
	seen := map[string]bool{}
	for _, o := range os {
		if seen[o.ZH] {
			return true
		}
		seen[o.ZH] = true
	}
	return false
}

// cleanQuestions trims texts, drops fields a kind does not use and gives
// new questions an id.
func cleanQuestions(qs []SurveyQuestion) []SurveyQuestion {
	used := map[string]bool{}
	for _, q := range qs {
		used[q.ID] = true
	}
	out := make([]SurveyQuestion, 0, len(qs))
	for i, q := range qs {
		q.Text, q.TextEN = strings.TrimSpace(q.Text), strings.TrimSpace(q.TextEN)
		if !q.Choice() {
			q.Options = nil
		}
		if q.Kind != KindCompetency {
			q.Competencies = nil
		}
		if q.ID == "" {
			for n := i + 1; q.ID == "" || used[q.ID]; n++ {
				q.ID = "q" + strconv.Itoa(n)
			}
			used[q.ID] = true
		}
		out = append(out, q)
	}
	return out
}

func encodeQuestions(qs []SurveyQuestion) string {
	b, _ := json.Marshal(qs)
	return string(b)
}

func decodeQuestions(s string) ([]SurveyQuestion, error) {
	var qs []SurveyQuestion
	if err := json.Unmarshal([]byte(s), &qs); err != nil {
		return nil, fmt.Errorf("survey questions: %w", err)
	}
	return qs, nil
}

// EditOp is a builder action on the draft's questions.
type EditOp struct {
	Op    string // save, add, up, down, remove
	Index int
	Kind  SurveyKind // for add
}

// apply changes the questions by the op; save leaves them.
func (op EditOp) apply(qs []SurveyQuestion) []SurveyQuestion {
	i := op.Index
	switch op.Op {
	case "add":
		return append(qs, SurveyQuestion{Kind: op.Kind})
	case "up":
		if i > 0 && i < len(qs) {
			qs[i-1], qs[i] = qs[i], qs[i-1]
		}
	case "down":
		if i >= 0 && i+1 < len(qs) {
			qs[i], qs[i+1] = qs[i+1], qs[i]
		}
	case "remove":
		if i >= 0 && i < len(qs) {
			return slices.Delete(qs, i, i+1)
		}
	}
	return qs
}
