// Package qbank reads and writes question banks in the two formats Chinese
// training teams exchange: a spreadsheet (XLSX or CSV, one question per row,
// laid out as Template shows) for bulk entry of everyday questions, and a
// YAML content pack for authors and the starter curriculum, which also holds
// case analyses with their material and sub-questions.
//
// Both readers return quiz.Questions with Problems that carry i18n message
// ids (MessageIDs plus quiz's own, from Question.Validate), never English
// sentences. Nothing is dropped quietly: every question read is returned
// with its problems, and the caller decides whether to import the good ones
// or nothing. The package knows nothing of the database.
package qbank

import (
	"errors"
	"strings"

	"github.com/shopdojo/shopdojo/internal/quiz"
)

// Row is one question read from a spreadsheet.
type Row struct {
	Line int // 1-based row number as a person sees it in Excel
	Q    quiz.Question
}

// Problem is one thing wrong with a file or a question. Msg is an i18n
// message id and Args its template arguments. For a spreadsheet, Line is the
// Excel row (0 for the whole file) and Field a column key such as "answer";
// for YAML, Line is the source line (0 when unknown) and Field a path such
// as "questions[3].options[1].text".
type Problem struct {
	Line  int
	Field string
	Msg   string
	Args  map[string]any
}

// Column keys of the spreadsheet layout, used in Problem.Field. The option
// columns are "option_a" … "option_h" (see OptionColumn).
const (
	ColType        = "type"
	ColStem        = "stem"
	ColOptions     = "options" // the option columns as a whole
	ColAnswer      = "answer"
	ColPoints      = "points"
	ColExplanation = "explanation"
	ColDifficulty  = "difficulty"
	ColTags        = "tags"
	ColPartial     = "partial"
	ColID          = "id"
)

// optionKeys are the keys of the option columns, in column order.
const optionKeys = "ABCDEFGH"

// OptionColumn is the column key of option key ("A" … "H").
func OptionColumn(key string) string { return "option_" + strings.ToLower(key) }

// ErrNotInSheet marks a question that a spreadsheet row cannot hold: a case
// analysis, or options whose keys are not distinct letters A–H. Export such
// questions with ExportYAML.
var ErrNotInSheet = errors.New("qbank: question cannot be a spreadsheet row")

// defaultDifficulty is given to a question whose difficulty is left out:
// 中 (medium) is what Chinese question banks assume, and asking for it on
// every row of a bulk import only produces errors.
const defaultDifficulty = 3
