package qbank

import (
	"slices"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/sheet"
)

// decodeRows turns cell rows into questions and lists every problem, row
// by row: the format's own, then Validate's on the columns not already
// faulted (so "abc" as 分值 is reported once, not also as "points must be
// more than 0"), then a repeated 编号.
func decodeRows(cells []cellRow) ([]Row, []Problem) {
	rows := make([]Row, 0, len(cells))
	var probs []Problem
	firstID := map[string]int{}
	for _, c := range cells {
		d := &rowDecoder{row: c, covered: map[string]bool{}}
		q := d.question()
		if d.validate {
			d.addValidation(q)
		}
		if first, dup := firstID[q.ID]; dup {
			d.add(ColID, MsgDuplicateID, map[string]any{"ID": q.ID, "First": first})
		} else if q.ID != "" {
			firstID[q.ID] = c.line
		}
		rows = append(rows, Row{Line: c.line, Q: q})
		probs = append(probs, d.probs...)
	}
	return rows, probs
}

// rowDecoder reads one row, collecting its problems.
type rowDecoder struct {
	row      cellRow
	probs    []Problem
	covered  map[string]bool // columns whose Validate problems would repeat ours
	validate bool            // the type is one Validate can check
}

func (d *rowDecoder) add(col, msg string, args map[string]any, alsoCovers ...string) {
	d.probs = append(d.probs, Problem{Line: d.row.line, Field: col, Msg: msg, Args: args})
	d.covered[col] = true
	for _, c := range alsoCovers {
		d.covered[c] = true
	}
}

func (d *rowDecoder) question() quiz.Question {
	r := d.row
	q := quiz.Question{ID: r.get(ColID), Stem: r.get(ColStem), Explanation: r.get(ColExplanation),
		Tags: splitTags(r.get(ColTags))}
	known := d.questionType(&q)
	d.validate = q.Type != "" && q.Type != quiz.Case
	d.numbers(&q)
	if known {
		d.body(&q)
	}
	return q
}

// questionType reads 题型; known is false when the rest of the row cannot
// be read as a question of that type.
func (d *rowDecoder) questionType(q *quiz.Question) (known bool) {
	written := d.row.get(ColType)
	t, ok := typeByName(written)
	switch {
	case written == "":
		d.add(ColType, MsgTypeRequired, nil)
	case !ok:
		q.Type = quiz.Type(written) // Validate reports quiz.type_unknown with the word
	case t == quiz.Case:
		q.Type = t
		d.add(ColType, MsgCaseInSheet, nil)
	default:
		q.Type = t
		return true
	}
	return false
}

func (d *rowDecoder) numbers(q *quiz.Question) {
	var ok bool
	if s := d.row.get(ColPoints); s != "" {
		if q.Points, ok = parsePoints(s); !ok {
			d.add(ColPoints, MsgPointsNotNumber, map[string]any{"Value": s})
		}
	}
	s := d.row.get(ColDifficulty)
	if q.Difficulty, ok = parseDifficulty(s, defaultDifficulty); !ok {
		d.add(ColDifficulty, MsgDifficultyInvalid, map[string]any{"Value": s})
	}
	s = d.row.get(ColPartial)
	if q.Partial, ok = parsePartial(s); !ok {
		d.add(ColPartial, MsgPartialInvalid, map[string]any{"Value": s})
	}
}

func (d *rowDecoder) body(q *quiz.Question) {
	answer := d.row.get(ColAnswer)
	switch q.Type {
	case quiz.Single, quiz.Multiple:
		q.Options = d.options()
		q.Answer.Choices = d.keys(answer)
	case quiz.TrueFalse:
		d.trueFalse(q, answer)
	case quiz.Fill:
		d.unusedOptions(optionKeys)
		q.Answer.Blanks = splitBlanks(answer)
		d.blankCount(q)
	case quiz.Ordering:
		q.Options = d.options()
		q.Answer.Order = d.keys(answer)
	case quiz.Matching:
		d.matching(q, answer)
	case quiz.Short:
		d.unusedOptions(optionKeys)
		q.Rubric = answer
	}
	if q.Type != quiz.Multiple && q.Partial.Kind != "" {
		d.add(ColPartial, MsgFieldUnused, map[string]any{"Type": d.row.get(ColType)})
	}
}

// options returns the filled option cells with their column's key.
func (d *rowDecoder) options() []quiz.Option {
	var opts []quiz.Option
	for _, k := range optionKeys {
		if text := d.row.get(OptionColumn(string(k))); text != "" {
			opts = append(opts, quiz.Option{Key: string(k), Text: text})
		}
	}
	return opts
}

func (d *rowDecoder) keys(answer string) []string {
	keys, ok := parseKeys(answer)
	if !ok {
		d.add(ColAnswer, MsgAnswerKeysInvalid, map[string]any{"Value": answer})
	}
	return keys
}

// unusedOptions reports filled option cells among keys: the type has no
// options, so the 题型 is probably wrong.
func (d *rowDecoder) unusedOptions(keys string) {
	for _, k := range keys {
		if col := OptionColumn(string(k)); d.row.get(col) != "" {
			d.add(col, MsgFieldUnused, map[string]any{"Type": d.row.get(ColType)})
		}
	}
}

// trueFalse reads 对/错 and, optionally, the labels shown for them from
// 选项A (true) and 选项B (false), such as 正确/错误 or 是/否.
func (d *rowDecoder) trueFalse(q *quiz.Question, answer string) {
	for i, key := range []string{"T", "F"} {
		if text := d.row.get(OptionColumn(optionKeys[i : i+1])); text != "" {
			q.Options = append(q.Options, quiz.Option{Key: key, Text: text})
		}
	}
	d.unusedOptions(optionKeys[2:])
	if key, ok := truth(answer); ok {
		q.Answer.Choices = []string{key}
		return
	}
	// Many Chinese templates list 判断题 as two options and answer A or B.
	switch normKey(answer) {
	case "A":
		q.Answer.Choices = []string{"T"}
	case "B":
		q.Answer.Choices = []string{"F"}
	}
}

// blankCount checks the answer against the blanks marked in the stem, when
// the stem marks any.
func (d *rowDecoder) blankCount(q *quiz.Question) {
	if marks := countBlankMarks(q.Stem); marks > 0 && marks != len(q.Answer.Blanks) {
		d.add(ColAnswer, MsgBlankCountMismatch, map[string]any{"Blanks": marks, "Answers": len(q.Answer.Blanks)})
	}
}

// matching reads "左侧=右侧" option cells. The targets are the right sides
// in order of first appearance; 答案 may list them first, separated by |,
// to fix their order and add distractors no option pairs with.
func (d *rowDecoder) matching(q *quiz.Question, answer string) {
	var targets []string
	for _, t := range splitRaw(answer, in(blankSeps)) {
		if t = sheet.Trim(unescape(t)); t != "" {
			targets = append(targets, t)
		}
	}
	q.Answer.Pairs = map[string]string{}
	for _, k := range optionKeys {
		key, col := string(k), OptionColumn(string(k))
		cell := d.row.get(col)
		if cell == "" {
			continue
		}
		left, right, ok := splitPair(cell)
		if !ok || left == "" || right == "" {
			d.add(col, MsgPairFormat, map[string]any{"Key": key}, ColOptions, ColAnswer)
			continue
		}
		i := slices.Index(targets, right)
		if i < 0 {
			i, targets = len(targets), append(targets, right)
		}
		q.Options = append(q.Options, quiz.Option{Key: key, Text: left})
		q.Answer.Pairs[key] = strconv.Itoa(i + 1)
	}
	for i, t := range targets {
		q.Targets = append(q.Targets, quiz.Option{Key: strconv.Itoa(i + 1), Text: t})
	}
}

// addValidation adds Validate's problems, placed in their columns.
func (d *rowDecoder) addValidation(q quiz.Question) {
	for _, p := range q.Validate() {
		col := columnOf(q, p.Field)
		if d.covered[col] {
			continue
		}
		d.probs = append(d.probs, Problem{Line: d.row.line, Field: col, Msg: p.Msg, Args: p.Args})
	}
}

// columnOf places a Validate field path ("options[2].text",
// "answer.choices", "targets") in the spreadsheet's columns.
func columnOf(q quiz.Question, path string) string {
	head, _, _ := strings.Cut(path, ".")
	name, index, indexed := strings.Cut(head, "[")
	switch name {
	case "options":
		i, err := strconv.Atoi(strings.TrimSuffix(index, "]"))
		if !indexed || err != nil || i < 0 || i >= len(q.Options) {
			return ColOptions
		}
		return optionColumnOf(q.Options[i].Key)
	case "targets":
		return ColOptions // the right sides live in the option cells
	}
	return name // type, stem, answer, points, difficulty, partial
}

// optionColumnOf is the column of an option key; true/false labels live
// in 选项A and 选项B.
func optionColumnOf(key string) string {
	switch key {
	case "T":
		return OptionColumn("A")
	case "F":
		return OptionColumn("B")
	}
	return OptionColumn(key)
}
