package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/qbank"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

// optionKeys are the keys of the eight option rows of the editor.
var optionKeys = []string{"A", "B", "C", "D", "E", "F", "G", "H"}

// questionFromForm reads the question editor. Each type uses its own
// fields; what the others left behind is ignored, so switching the type
// while editing loses nothing the new type needs.
func questionFromForm(f url.Values) quiz.Question {
	q := quiz.Question{Type: quiz.Type(f.Get("type")), Stem: strings.TrimSpace(f.Get("stem")),
		Explanation: strings.TrimSpace(f.Get("explanation")), Rubric: strings.TrimSpace(f.Get("rubric")),
		Tags: splitTags(f.Get("tags"))}
	q.Points, _ = strconv.ParseFloat(strings.TrimSpace(f.Get("points")), 64)
	q.Difficulty, _ = strconv.Atoi(f.Get("difficulty"))
	switch q.Type {
	case quiz.Single, quiz.Multiple:
		readChoices(f, &q)
	case quiz.TrueFalse:
		if v := f.Get("tf"); v != "" {
			q.Answer.Choices = []string{v}
		}
	case quiz.Fill:
		for _, line := range lines(f.Get("blanks")) {
			q.Answer.Blanks = append(q.Answer.Blanks, splitAlternatives(line))
		}
	case quiz.Ordering:
		for i, item := range lines(f.Get("order_items")) {
			k := keyAt(i)
			q.Options = append(q.Options, quiz.Option{Key: k, Text: item})
			q.Answer.Order = append(q.Answer.Order, k)
		}
	case quiz.Matching:
		readPairs(f.Get("pairs"), &q)
	case quiz.Case:
		q.Attachment = strings.TrimSpace(f.Get("attachment"))
	}
	return q
}

// caseSubs reads a case's sub-questions, written in the content pack's
// YAML (a list of questions, each with an id). A problem is reported on
// the field with its line.
func caseSubs(f url.Values, q *quiz.Question) error {
	if q.Type != quiz.Case {
		return nil
	}
	subs, probs, err := qbank.ParseYAML(strings.NewReader(f.Get("sub_yaml")))
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		p := probs[0]
		args := map[string]any{"Line": p.Line}
		for k, v := range p.Args {
			args[k] = v
		}
		return &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "question.err_sub_yaml", Args: args,
			Fields: map[string]string{"sub_yaml": p.Msg}, FieldArgs: map[string]map[string]any{"sub_yaml": p.Args}}
	}
	q.Sub = subs
	return nil
}

func readChoices(f url.Values, q *quiz.Question) {
	for _, k := range optionKeys {
		text := strings.TrimSpace(f.Get("opt_" + k))
		if text == "" {
			continue
		}
		q.Options = append(q.Options, quiz.Option{Key: k, Text: text})
		if f.Get("correct_"+k) != "" || f.Get("correct") == k {
			q.Answer.Choices = append(q.Answer.Choices, k)
		}
	}
	if q.Type == quiz.Multiple {
		q.Partial.Kind = quiz.PartialKind(f.Get("partial"))
		q.Partial.SubsetFraction, _ = strconv.ParseFloat(f.Get("subset_fraction"), 64)
		q.Partial.WrongPenalty, _ = strconv.ParseFloat(f.Get("wrong_penalty"), 64)
	}
}

func readPairs(s string, q *quiz.Question) {
	q.Answer.Pairs = map[string]string{}
	for i, line := range lines(s) {
		left, right, _ := strings.Cut(strings.ReplaceAll(line, "＝", "="), "=")
		k, t := keyAt(i), strconv.Itoa(i+1)
		q.Options = append(q.Options, quiz.Option{Key: k, Text: strings.TrimSpace(left)})
		q.Targets = append(q.Targets, quiz.Option{Key: t, Text: strings.TrimSpace(right)})
		q.Answer.Pairs[k] = t
	}
}

// keyAt is the option key of row i: A … H, then I … for rows the
// validator will refuse as too many.
func keyAt(i int) string { return string(rune('A' + i)) }

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func splitAlternatives(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '｜' }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func splitTags(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" ,，;；、\t\n", r) })
}

// questionForm fills the editor's fields from a question.
func questionForm(q quiz.Question) url.Values {
	f := url.Values{}
	f.Set("type", string(q.Type))
	f.Set("stem", q.Stem)
	f.Set("explanation", q.Explanation)
	f.Set("rubric", q.Rubric)
	f.Set("tags", strings.Join(q.Tags, " "))
	f.Set("points", strconv.FormatFloat(q.Points, 'f', -1, 64))
	f.Set("difficulty", strconv.Itoa(q.Difficulty))
	switch q.Type {
	case quiz.Single, quiz.Multiple:
		choiceForm(f, q)
	case quiz.TrueFalse:
		if len(q.Answer.Choices) > 0 {
			f.Set("tf", q.Answer.Choices[0])
		}
	case quiz.Fill:
		var b []string
		for _, alts := range q.Answer.Blanks {
			b = append(b, strings.Join(alts, " | "))
		}
		f.Set("blanks", strings.Join(b, "\n"))
	case quiz.Ordering:
		f.Set("order_items", strings.Join(orderedTexts(q), "\n"))
	case quiz.Matching:
		f.Set("pairs", strings.Join(pairLines(q), "\n"))
	case quiz.Case:
		f.Set("attachment", q.Attachment)
		var b strings.Builder
		if err := qbank.ExportYAML(&b, q.Sub); err == nil {
			f.Set("sub_yaml", b.String())
		}
	}
	return f
}

func choiceForm(f url.Values, q quiz.Question) {
	for _, o := range q.Options {
		f.Set("opt_"+o.Key, o.Text)
	}
	for _, k := range q.Answer.Choices {
		f.Set("correct_"+k, "1")
		f.Set("correct", k)
	}
	f.Set("partial", string(q.Partial.Kind))
	if q.Partial.Kind == quiz.Custom {
		f.Set("subset_fraction", strconv.FormatFloat(q.Partial.SubsetFraction, 'f', -1, 64))
		f.Set("wrong_penalty", strconv.FormatFloat(q.Partial.WrongPenalty, 'f', -1, 64))
	}
}

func orderedTexts(q quiz.Question) []string {
	text := map[string]string{}
	for _, o := range q.Options {
		text[o.Key] = o.Text
	}
	var out []string
	for _, k := range q.Answer.Order {
		out = append(out, text[k])
	}
	return out
}

func pairLines(q quiz.Question) []string {
	target := map[string]string{}
	for _, t := range q.Targets {
		target[t.Key] = t.Text
	}
	var out []string
	for _, o := range q.Options {
		out = append(out, fmt.Sprintf("%s = %s", o.Text, target[q.Answer.Pairs[o.Key]]))
	}
	return out
}
