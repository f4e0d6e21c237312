package app

import (
	"context"
	"io"
	"regexp"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/qbank"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// MaxImportQuestions bounds one question import.
const MaxImportQuestions = 5000

// QuestionFormat names a question file's format.
type QuestionFormat string

// The question file formats.
const (
	FormatSheet QuestionFormat = "sheet" // XLSX or CSV, one question per row
	FormatYAML  QuestionFormat = "yaml"  // the content-pack format, with case analyses
)

// QuestionImportReport says what an import did and what was wrong.
type QuestionImportReport struct {
	Questions, Imported, Unchanged, Skipped int
	Problems                                []qbank.Problem
}

// parsedQuestion is one question read from a file with where it came from.
type parsedQuestion struct {
	q   quiz.Question
	bad bool
}

var yamlIndex = regexp.MustCompile(`^questions\[(\d+)\]`)

// readQuestions parses a file and marks the questions that have problems;
// fileBad reports problems that belong to no question.
func readQuestions(r io.Reader, format QuestionFormat) (qs []parsedQuestion, probs []qbank.Problem, fileBad bool, err error) {
	if format == FormatYAML {
		list, probs, err := qbank.ParseYAML(r)
		qs = make([]parsedQuestion, len(list))
		for i, q := range list {
			qs[i].q = q
		}
		for _, p := range probs {
			m := yamlIndex.FindStringSubmatch(p.Field)
			if m == nil {
				fileBad = true
				continue
			}
			if i, _ := strconv.Atoi(m[1]); i < len(qs) {
				qs[i].bad = true
			}
		}
		return qs, probs, fileBad, err
	}
	rows, probs, err := qbank.Parse(r, MaxImportQuestions)
	bad := map[int]bool{}
	for _, p := range probs {
		bad[p.Line] = true
		fileBad = fileBad || p.Line == 0
	}
	for _, row := range rows {
		qs = append(qs, parsedQuestion{q: row.Q, bad: bad[row.Line]})
	}
	return qs, probs, fileBad, err
}

// QuestionImport says how to import a file. Note is the change note of
// questions the file updates (an exported file imported again: questions
// whose id is in the bank get a new version when they changed).
type QuestionImport struct {
	Format      QuestionFormat
	SkipInvalid bool
	Note        string
}

// ImportQuestions adds the questions of a file to a bank in one
// transaction. With any problem nothing is imported, unless SkipInvalid,
// which imports the good questions (but never when the file itself is bad).
func (a *App) ImportQuestions(ctx context.Context, ac Actor, bankID string, r io.Reader, opt QuestionImport) (QuestionImportReport, error) {
	format, skipInvalid := opt.Format, opt.SkipInvalid
	var rep QuestionImportReport
	if _, err := a.Bank(ctx, ac, bankID); err != nil {
		return rep, err
	}
	qs, probs, fileBad, err := readQuestions(r, format)
	if err != nil {
		return rep, shopdojo.Wrap(shopdojo.KindInvalid, "qbank.file_invalid", err)
	}
	rep.Questions, rep.Problems = len(qs), probs
	if len(qs) > MaxImportQuestions {
		return rep, shopdojo.E(shopdojo.KindInvalid, "import.questions_too_many")
	}
	if len(probs) > 0 && (!skipInvalid || fileBad) {
		return rep, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "import.has_errors", Args: map[string]any{"N": len(probs)}}
	}
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		b, err := loadBank(ctx, tx.Queries, ac, bankID, true)
		if err != nil {
			return err
		}
		for _, pq := range qs {
			if pq.bad {
				rep.Skipped++
				continue
			}
			changed, err := a.importQuestion(ctx, tx, ac, bankID, pq.q, opt.Note)
			if err != nil {
				return err
			}
			if changed {
				rep.Imported++
			} else {
				rep.Unchanged++
			}
		}
		return a.record(ctx, tx, ac, change{Action: "question.import", ObjectType: "bank", ObjectID: bankID,
			ObjectName: b.Name, After: map[string]string{"imported": itoa(int64(rep.Imported)),
				"skipped": itoa(int64(rep.Skipped)), "format": string(format)}})
	})
	return rep, err
}

// importQuestion stores q as a new question, or as the next version of
// the bank's question with q's id when its content changed; it reports
// whether anything was written.
func (a *App) importQuestion(ctx context.Context, tx *store.Tx, ac Actor, bankID string, q quiz.Question, note string) (bool, error) {
	in := QuestionInput{BankID: bankID, Question: q, Note: note}
	if old, err := tx.GetQuestion(ctx, q.ID); err == nil && old.BankID == bankID && q.ID != "" {
		cur, err := tx.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: old.MaterialID, No: old.VersionNo})
		if err != nil {
			return false, err
		}
		_, body, err := prepareQuestion(q)
		if err != nil || body == cur.Body {
			return false, err
		}
		in.QuestionID, in.BaseNo = q.ID, old.VersionNo
	}
	_, _, err := a.saveQuestionTx(ctx, tx, ac, in)
	return err == nil, err
}

// ExportQuestions returns a bank's current questions (not archived), for
// qbank.Export or qbank.ExportYAML.
func (a *App) ExportQuestions(ctx context.Context, ac Actor, bankID string) ([]quiz.Question, error) {
	var out []quiz.Question
	f := QuestionFilter{Limit: 500}
	for {
		page, err := a.Questions(ctx, ac, bankID, f)
		if err != nil {
			return nil, err
		}
		for _, s := range page.Questions {
			v, err := a.Question(ctx, ac, s.ID, 0)
			if err != nil {
				return nil, err
			}
			out = append(out, v.Question)
		}
		if page.Next == "" {
			return out, nil
		}
		f.After = page.Next
	}
}
