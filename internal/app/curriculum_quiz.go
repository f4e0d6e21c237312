package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/quiz"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Test units chosen from the question bank: a test unit's quiz names
// questions of its module's bank by id; once the unit is published its
// exam is made (or updated) in the same transaction, so learners take it
// like the quizzes that came with the pack.

// TestUnitInput is a new test unit.
type TestUnitInput struct {
	Title, TitleEN string
	Minutes        int
	Level          string
	Quiz           []string // question ids of the module's bank, in paper order
	PassPercent    float64
	Body, BodyEN   string // instructions; a short default when left empty
	Note           string
	Submit         bool
}

// BankQuestion is a question of a module's bank as the picker lists it.
type BankQuestion struct {
	ID         string
	Type       quiz.Type
	Difficulty int
	Points     float64
	Stem       string
	StemEN     string
	Tags       []string
}

// QuizPicker is what the test-unit form offers: the course, its module and
// the module bank's questions.
type QuizPicker struct {
	Course           curriculum.Course
	ModuleID         string
	Module, ModuleEN string
	Questions        []BankQuestion
	Draft            bool // the course is not published yet
}

// TestUnitPicker returns the questions a test unit of course courseID may
// use: those of its module's bank, in bank order.
func (a *App) TestUnitPicker(ctx context.Context, ac Actor, courseID string) (QuizPicker, error) {
	st, c, err := a.structureCourse(ctx, ac, courseID)
	if err != nil {
		return QuizPicker{}, err
	}
	mid := st.x.ModuleOf(c.ID)
	v := QuizPicker{Course: *c, ModuleID: mid, Draft: st.fresh[st.x.File(c.ID)] != ""}
	if m := st.x.Module(mid); m != nil {
		v.Module, v.ModuleEN = m.Title, m.TitleEN
	}
	qs, err := a.moduleBank(ctx, mid)
	for _, q := range qs {
		b := BankQuestion{ID: q.ID, Type: q.Type, Difficulty: q.Difficulty, Points: q.Points, Stem: q.Stem, Tags: q.Tags}
		if q.EN != nil {
			b.StemEN = q.EN.Stem
		}
		v.Questions = append(v.Questions, b)
	}
	return v, err
}

// moduleBank is the questions of a module's bank (none if it has none).
func (a *App) moduleBank(ctx context.Context, moduleID string) ([]quiz.Question, error) {
	var qs []quiz.Question
	err := a.store.Read(ctx, func(q *store.Queries) error {
		bank, err := q.GetCurriculumBank(ctx, moduleID)
		if shopdojo.KindOf(store.MapErr(err)) == shopdojo.KindNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		qs, err = moduleQuestions(ctx, q, sqlq.CurriculumBank{ModuleID: moduleID, BankID: bank})
		return err
	})
	return qs, err
}

// CreateTestUnit drafts a test unit at the end of a course whose quiz is
// questions of the module's bank, and returns its id and the material of
// its Chinese file.
func (a *App) CreateTestUnit(ctx context.Context, ac Actor, courseID string, in TestUnitInput) (string, string, error) {
	st, c, err := a.structureCourse(ctx, ac, courseID)
	if err != nil {
		return "", "", err
	}
	bank, err := a.moduleBank(ctx, st.x.ModuleOf(c.ID))
	if err != nil {
		return "", "", err
	}
	u, err := in.unit(bank)
	if err != nil {
		return "", "", err
	}
	return a.newUnit(ctx, ac, st, c, u, in.Note, in.Submit)
}

// unit is the new test unit of the form's fields, checked against the
// module's bank; its instructions are written when left empty.
func (in TestUnitInput) unit(bank []quiz.Question) (curriculum.Unit, error) {
	u := curriculum.Unit{Kind: curriculum.KindTest, Title: strings.TrimSpace(in.Title), TitleEN: strings.TrimSpace(in.TitleEN),
		Minutes: in.Minutes, Level: in.Level, PassPercent: in.PassPercent, Quiz: quizRefs(in.Quiz),
		Body: editedBody(in.Body), BodyEN: editedBody(in.BodyEN)}
	var v shopdojo.Validation
	requireTitles(&v, u.Title, u.TitleEN, &u.Level)
	v.Check(u.Minutes >= 1 && u.Minutes <= 600, "minutes", "structure.err_minutes")
	v.Check(u.PassPercent > 0 && u.PassPercent <= 100, "pass_percent", "structure.err_pass")
	v.Check(len(u.Quiz) > 0, "quiz", "structure.err_quiz_empty")
	for _, id := range u.Quiz {
		v.Check(slices.ContainsFunc(bank, func(q quiz.Question) bool { return q.ID == id }), "quiz", "structure.err_quiz_unknown")
	}
	if u.Body == "" {
		u.Body = fmt.Sprintf("本次小测共 %d 题，%g 分通过；交卷后立即显示得分和解析，未通过可以重考。\n", len(u.Quiz), u.PassPercent)
	}
	if u.BodyEN == "" {
		u.BodyEN = fmt.Sprintf("This quiz has %d questions; the pass mark is %g. Your score and the explanations are shown as soon as you hand in, "+
			"and you may take it again if you do not pass.\n", len(u.Quiz), u.PassPercent)
	}
	return u, v.Err()
}

// quizRefs is the picked ids, trimmed, each once, in the order given.
func quizRefs(in []string) []string {
	var out []string
	for _, id := range in {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// publishedExamTx makes or updates the exam of a test unit whose file was
// just published in tx, reading the published pack as tx sees it.
func (a *App) publishedExamTx(ctx context.Context, tx *store.Tx, ac Actor, m sqlq.Material) error {
	file := strings.TrimSuffix(strings.TrimSuffix(m.SubjectID, ".md"), ".en") + ".md"
	if m.Kind != KindCurriculum || !strings.Contains(file, "/courses/") || strings.HasSuffix(file, "/course.md") {
		return nil
	}
	rows, err := tx.ListCurriculumFiles(ctx)
	if err != nil {
		return err
	}
	files := make(map[string][]byte, len(rows))
	for _, r := range rows {
		files[r.Path] = []byte(r.Body)
	}
	p, _ := curriculum.Read(packFS(files))
	return a.unitExamTx(ctx, tx, ac, curriculum.NewIndex(p), file)
}

// unitExamTx stores the exam of the test unit in file of x, if it is one.
func (a *App) unitExamTx(ctx context.Context, tx *store.Tx, ac Actor, x *curriculum.Index, file string) error {
	u := x.Unit(x.IDOf(file))
	if u == nil || u.Kind != curriculum.KindTest || len(u.Quiz) == 0 {
		return nil
	}
	im := &contentImport{a: a, ac: ac, pack: x.Pack, rep: &ContentReport{}}
	return im.storeExam(ctx, tx, unitExam(x, u))
}
