package qbank

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/sheet"
)

// Export writes qs as "xlsx" or "csv" in the layout Parse reads, with the
// headers and type names of lang (English for "en…", Chinese otherwise).
// Every cell is guarded against formula injection by sheet, and Parse
// undoes the guard, so Export → Parse gives back the same questions, with
// matching targets numbered 1, 2, … in their listed order.
//
// A question a row cannot hold — a case analysis, options whose keys are
// not distinct letters A–H, or a field its type does not use, such as a
// rubric on a single-choice question — fails the export with ErrNotInSheet
// rather than being written in part; use ExportYAML for those.
func Export(w io.Writer, format string, qs []quiz.Question, lang string) error {
	zh := isZH(lang)
	rows := make([][]string, len(qs))
	for i, q := range qs {
		cells, err := questionCells(q, zh)
		if err != nil {
			return fmt.Errorf("qbank.Export: question %d (%q): %w", i+1, q.ID, err)
		}
		rows[i] = cells
	}
	var err error
	switch strings.ToLower(format) {
	case "csv":
		err = sheet.WriteCSV(w, Headers(lang), rows)
	case "xlsx":
		err = sheet.WriteXLSX(w, sheetName(zh), Headers(lang), rows)
	default:
		return fmt.Errorf("qbank.Export: unknown format %q", format)
	}
	if err != nil {
		return fmt.Errorf("qbank.Export: %w", err)
	}
	return nil
}

func sheetName(zh bool) string {
	if zh {
		return "题目"
	}
	return "Questions"
}

// questionCells is q as one row, in the order of columns().
func questionCells(q quiz.Question, zh bool) ([]string, error) {
	if err := fitsSheet(q); err != nil {
		return nil, err
	}
	c := map[string]string{
		ColType: typeLabel(q.Type, zh), ColStem: q.Stem, ColPoints: formatNumber(q.Points),
		ColExplanation: q.Explanation, ColDifficulty: strconv.Itoa(q.Difficulty),
		ColTags: joinTags(q.Tags), ColPartial: partialLabel(q.Partial, zh), ColID: q.ID,
	}
	if err := bodyCells(q, zh, c); err != nil {
		return nil, err
	}
	cols := columns()
	out := make([]string, len(cols))
	for i, col := range cols {
		out[i] = c[col.key]
	}
	return out, nil
}

// fitsSheet refuses what a row would lose.
func fitsSheet(q quiz.Question) error {
	switch {
	case q.Type == quiz.Case:
		return fmt.Errorf("%w: a case analysis", ErrNotInSheet)
	case len(q.Sub) > 0 || q.Attachment != "":
		return fmt.Errorf("%w: sub-questions or attachment outside a case", ErrNotInSheet)
	case q.Rubric != "" && q.Type != quiz.Short:
		return fmt.Errorf("%w: a rubric on a %s question", ErrNotInSheet, q.Type)
	case len(q.Targets) > 0 && q.Type != quiz.Matching:
		return fmt.Errorf("%w: targets on a %s question", ErrNotInSheet, q.Type)
	case len(q.Options) > 0 && (q.Type == quiz.Fill || q.Type == quiz.Short):
		return fmt.Errorf("%w: options on a %s question", ErrNotInSheet, q.Type)
	}
	return nil
}

func bodyCells(q quiz.Question, zh bool, c map[string]string) error {
	switch q.Type {
	case quiz.Single, quiz.Multiple:
		c[ColAnswer] = strings.Join(q.Answer.Choices, "")
		return placeOptions(q.Options, c, normKey)
	case quiz.TrueFalse:
		c[ColAnswer] = strings.Join(mapStrings(q.Answer.Choices, func(k string) string { return truthLabel(normKey(k), zh) }), ",")
		return placeOptions(q.Options, c, func(k string) string { return optionColumnKey(normKey(k)) })
	case quiz.Fill:
		c[ColAnswer] = joinBlanks(q.Answer.Blanks)
	case quiz.Ordering:
		c[ColAnswer] = strings.Join(q.Answer.Order, "")
		return placeOptions(q.Options, c, normKey)
	case quiz.Matching:
		return matchingCells(q, c)
	case quiz.Short:
		c[ColAnswer] = q.Rubric
	}
	return nil
}

// optionColumnKey is the column letter of a true/false label.
func optionColumnKey(key string) string {
	switch key {
	case "T":
		return "A"
	case "F":
		return "B"
	}
	return "?" + key // no column
}

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// placeOptions puts each option text in the column column(key) names.
func placeOptions(opts []quiz.Option, c map[string]string, column func(string) string) error {
	seen := map[string]bool{}
	for _, o := range opts {
		k := column(o.Key)
		if len(k) != 1 || !strings.Contains(optionKeys, k) || seen[k] {
			return fmt.Errorf("%w: option key %q", ErrNotInSheet, o.Key)
		}
		seen[k] = true
		c[OptionColumn(k)] = o.Text
	}
	return nil
}

// matchingCells writes "左=右" option cells and, when the targets are not
// simply the right sides in column order, all of them in 答案.
func matchingCells(q quiz.Question, c map[string]string) error {
	target := map[string]string{}
	for _, t := range q.Targets {
		target[normKey(t.Key)] = t.Text
	}
	left := make([]quiz.Option, len(q.Options))
	for i, o := range q.Options {
		left[i] = quiz.Option{Key: o.Key, Text: joinPair(o.Text, target[normKey(q.Answer.Pairs[o.Key])])}
	}
	if err := placeOptions(left, c, normKey); err != nil {
		return err
	}
	all := optionTexts(q.Targets)
	if !slices.Equal(all, naturalTargets(q, target)) {
		c[ColAnswer] = strings.Join(mapStrings(all, func(s string) string { return escape(s, in(blankSeps)) }), "|")
	}
	return nil
}

// naturalTargets are the paired right sides in column order, without
// repeats: the targets Parse derives when 答案 is empty.
func naturalTargets(q quiz.Question, target map[string]string) []string {
	opts := slices.Clone(q.Options)
	slices.SortStableFunc(opts, func(a, b quiz.Option) int { return strings.Compare(normKey(a.Key), normKey(b.Key)) })
	var out []string
	for _, o := range opts {
		if t, ok := target[normKey(q.Answer.Pairs[o.Key])]; ok && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func optionTexts(opts []quiz.Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Text
	}
	return out
}
