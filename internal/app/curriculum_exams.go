package app

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Test units and stage exams of the curriculum are exams of the assessment
// engine, open to everyone (the path decides when one is offered): a unit
// quiz gives its score and answers at once and may be retaken; a stage
// exam is timed, allows three attempts, holds its answers back and
// certifies the stage (the last stage: the path's certification), which
// is what opens the next stage.

const stageRef = "stage:"

// curriculumExam is the exam a pack asks for under ref.
type curriculumExam struct {
	ref string
	in  ExamInput
}

func unitExam(x *curriculum.Index, u *curriculum.Unit) curriculumExam {
	course := x.Course(x.CourseOf(u.ID))
	title, titleEN := u.Title, u.TitleEN
	if course != nil {
		title = course.Title + " · " + u.Title
		if course.TitleEN != "" && u.TitleEN != "" {
			titleEN = course.TitleEN + " · " + u.TitleEN
		}
	}
	pass := u.PassPercent
	if pass == 0 {
		pass = 60
	}
	return curriculumExam{ref: u.ID, in: ExamInput{Title: excerpt(title, 100), TitleEN: excerpt(titleEN, 200),
		Mode: shopdojo.ModeExam, Paper: fixedPaper(u.Title, u.Quiz), PassPercent: pass,
		ScoreRelease: shopdojo.ReleaseImmediate, AnswerRelease: shopdojo.ReleaseImmediate,
		ShuffleQuestions: true, ShuffleOptions: true, Everyone: true}}
}

func stageExam(pa curriculum.Path, i int) curriculumExam {
	st := pa.Stages[i]
	certifies := st.Title
	if i == len(pa.Stages)-1 && pa.Certification != "" {
		certifies = pa.Certification
	}
	return curriculumExam{ref: stageRef + st.ID, in: ExamInput{Title: excerpt(st.Exam.Title, 100),
		TitleEN: excerpt(st.Exam.TitleEN, 200), Mode: shopdojo.ModeExam, Paper: fixedPaper(st.Exam.Title, st.Exam.Questions),
		TimeLimit: time.Duration(st.Exam.Minutes) * time.Minute, AttemptsAllowed: 3, PassPercent: st.Exam.PassPercent,
		ScoreRelease: shopdojo.ReleaseImmediate, AnswerRelease: shopdojo.ReleaseManual,
		ShuffleQuestions: true, ShuffleOptions: true, Everyone: true, Certifies: excerpt(certifies, 60)}}
}

func fixedPaper(title string, ids []string) shopdojo.Paper {
	s := shopdojo.PaperSection{Title: excerpt(title, 60)}
	for _, id := range ids {
		s.Questions = append(s.Questions, shopdojo.PaperQuestion{QuestionID: id})
	}
	return shopdojo.Paper{Sections: []shopdojo.PaperSection{s}}
}

// packExams lists every exam the pack asks for.
func packExams(p curriculum.Pack) []curriculumExam {
	x := curriculum.NewIndex(p)
	var out []curriculumExam
	for _, m := range p.Modules {
		for _, c := range m.Courses {
			for i := range c.Units {
				if u := &c.Units[i]; u.Kind == curriculum.KindTest && len(u.Quiz) > 0 {
					out = append(out, unitExam(x, u))
				}
			}
		}
	}
	for _, pa := range p.Paths {
		for i, st := range pa.Stages {
			if st.Exam != nil {
				out = append(out, stageExam(pa, i))
			}
		}
	}
	return out
}

// storeExams makes or updates the exam of every test unit and stage exam.
// An update changes the paper and settings; attempts already started keep
// what they drew.
func (im *contentImport) storeExams(ctx context.Context, tx *store.Tx) error {
	for _, ce := range packExams(im.pack) {
		if err := im.storeExam(ctx, tx, ce); err != nil {
			return err
		}
	}
	return nil
}

// storeExam makes or updates the exam of one test unit or stage exam.
func (im *contentImport) storeExam(ctx context.Context, tx *store.Tx, ce curriculumExam) error {
	if err := ce.in.normalize(); err != nil {
		return err
	}
	im.rep.Exams++
	id, err := tx.GetCurriculumExam(ctx, ce.ref)
	switch {
	case err == nil:
		return im.updateExam(ctx, tx, id, ce)
	case shopdojo.KindOf(store.MapErr(err)) == shopdojo.KindNotFound:
		return im.createExam(ctx, tx, ce)
	}
	return err
}

func (im *contentImport) createExam(ctx context.Context, tx *store.Tx, ce curriculumExam) error {
	id := newID()
	if err := im.a.insertExam(ctx, tx, id, im.ac.PersonID, ce.in); err != nil {
		return err
	}
	if err := tx.InsertCurriculumExam(ctx, sqlq.InsertCurriculumExamParams{Ref: ce.ref, ExamID: id}); err != nil {
		return err
	}
	if err := tx.SetExamStatus(ctx, sqlq.SetExamStatusParams{ID: id, Status: shopdojo.ExamPublished, UpdatedAt: im.a.nowMs()}); err != nil {
		return err
	}
	im.rep.ExamsCreated++
	return im.a.record(ctx, tx, im.ac, change{Action: "exam.create", ObjectType: "exam", ObjectID: id,
		ObjectName: ce.in.Title, After: withField(ce.in.fields(), "curriculum", ce.ref)})
}

func (im *contentImport) updateExam(ctx context.Context, tx *store.Tx, id string, ce curriculumExam) error {
	before, err := getExam(ctx, tx.Queries, id)
	if err != nil {
		return err
	}
	old := examInput(before)
	if sameExam(old, ce.in) {
		return nil
	}
	paper, _ := json.Marshal(ce.in.Paper)
	if err := tx.UpdateExam(ctx, examUpdateParams(id, ce.in, string(paper), im.a.nowMs())); err != nil {
		return err
	}
	if err := tx.SetExamCertification(ctx, sqlq.SetExamCertificationParams{ID: id, Certifies: ce.in.Certifies}); err != nil {
		return err
	}
	return im.a.record(ctx, tx, im.ac, change{Action: "exam.update", ObjectType: "exam", ObjectID: id,
		ObjectName: ce.in.Title, Before: old.fields(), After: withField(ce.in.fields(), "curriculum", ce.ref)})
}

func sameExam(a, b ExamInput) bool {
	pa, _ := json.Marshal(a.Paper)
	pb, _ := json.Marshal(b.Paper)
	return string(pa) == string(pb) && a.Title == b.Title && a.TitleEN == b.TitleEN && a.Description == b.Description &&
		a.TimeLimit == b.TimeLimit && a.AttemptsAllowed == b.AttemptsAllowed && a.PassPercent == b.PassPercent &&
		a.Certifies == b.Certifies && a.Everyone == b.Everyone
}

func withField(m map[string]string, k, v string) map[string]string {
	m[k] = v
	return m
}

// unitsPassedTx marks the test units an exam stands for as done for the
// person whose attempt passed (called when the result is recorded).
func (a *App) unitsPassedTx(ctx context.Context, tx *store.Tx, examID, personID string) error {
	refs, err := tx.ListCurriculumExamRefs(ctx, examID)
	if err != nil || len(refs) == 0 {
		return err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	for _, ref := range refs {
		if strings.HasPrefix(ref, stageRef) {
			continue
		}
		f, ok := sp.files[sp.idx.File(ref)]
		if !ok {
			continue
		}
		if _, err := tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: personID, UnitID: ref,
			MaterialID: f.materialID, VersionNo: f.no, StartedAt: a.nowMs()}); err != nil {
			return err
		}
	}
	return nil
}
