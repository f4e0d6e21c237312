package app_test

import (
	"testing"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// TestExamListBySource: the exam list tells hand-made exams from the
// curriculum's unit quizzes and stage exams, filters by either, and pages
// through each without losing or repeating one.
func TestExamListBySource(t *testing.T) {
	f := newExamFixture(t, app.ExamInput{TimeLimit: 10 * time.Minute})
	_, mgr := f.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	rep, err := f.app.ImportContent(f.ctx, mgr, curriculum.Builtin(), "")
	f.must(err)
	if rep.ExamsCreated < 10 {
		t.Fatalf("the built-in pack made %d exams", rep.ExamsCreated)
	}
	// A hand-made exam made after the import, so the newest-first pages mix.
	second, err := f.app.CreateExam(f.ctx, f.owner, app.ExamInput{Title: "售后规则小测", Mode: shopdojo.ModeExam, PassPercent: 60,
		ScoreRelease: shopdojo.ReleaseImmediate, AnswerRelease: shopdojo.ReleaseManual})
	f.must(err)

	all := func(source string) app.ExamPage {
		t.Helper()
		var out app.ExamPage
		seen := map[string]bool{}
		after := ""
		for range 100 {
			pg, err := f.app.Exams(f.ctx, mgr, "", source, after, 7)
			f.must(err)
			for _, e := range pg.Exams {
				if seen[e.ID] {
					t.Fatalf("%s: %s on two pages", source, e.Title)
				}
				seen[e.ID] = true
				out.Exams = append(out.Exams, e)
			}
			for id, ref := range pg.Curriculum {
				if out.Curriculum == nil {
					out.Curriculum = map[string]string{}
				}
				out.Curriculum[id] = ref
			}
			if after = pg.Next; after == "" {
				return out
			}
		}
		t.Fatalf("%s: too many pages", source)
		return out
	}
	manual := all(app.ExamsManual)
	if len(manual.Exams) != 2 || len(manual.Curriculum) != 0 || manual.Exams[0].ID != second || manual.Exams[1].ID != f.exam {
		t.Fatalf("hand-made exams: %d %v", len(manual.Exams), manual.Curriculum)
	}
	cur := all(app.ExamsCurriculum)
	if len(cur.Exams) != rep.ExamsCreated || len(cur.Curriculum) != rep.ExamsCreated {
		t.Fatalf("curriculum exams: %d listed, %d marked, %d imported", len(cur.Exams), len(cur.Curriculum), rep.ExamsCreated)
	}
	if ref := cur.Curriculum[cur.Exams[0].ID]; ref == "" {
		t.Fatalf("no reference for %s", cur.Exams[0].Title)
	}
	every := all(app.ExamsAll)
	if len(every.Exams) != rep.ExamsCreated+2 || len(every.Curriculum) != rep.ExamsCreated {
		t.Fatalf("all exams: %d listed, %d marked", len(every.Exams), len(every.Curriculum))
	}
	// The status filter still applies: the curriculum's exams are published,
	// the new hand-made one is a draft.
	pg, err := f.app.Exams(f.ctx, mgr, shopdojo.ExamDraft, app.ExamsManual, "", 30)
	f.must(err)
	if len(pg.Exams) != 1 || pg.Exams[0].ID != second {
		t.Fatalf("hand-made drafts: %+v", pg.Exams)
	}
	if _, err := f.app.Exams(f.ctx, mgr, "", "mine", "", 30); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("unknown source: %v", err)
	}
	if _, err := f.app.Exams(f.ctx, f.learner, "", app.ExamsAll, "", 30); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a learner lists exams: %v", err)
	}
}
