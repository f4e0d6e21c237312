package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// TestCurriculumStructure: a trainer drafts a new unit at the end of a
// course, which learners see once a manager publishes it; the manager moves
// it up and archives it; each change survives an export and re-import of
// the stored pack unchanged.
func TestCurriculumStructure(t *testing.T) {
	e := newEnv(t)
	_, mgr := e.person("M1", "培训经理", "", shopdojo.RoleTrainingManager)
	_, err := e.app.ImportContent(e.ctx, mgr, curriculum.Builtin(), "")
	e.must(err)
	_, trainer := e.person("T1", "讲师", "", shopdojo.RoleTrainer)
	_, learner := e.person("L1", "学员", "", shopdojo.RoleLearner)
	const course = "m01-c01"
	units := func() []string {
		c, err := e.app.LearningCourse(e.ctx, learner, course)
		e.must(err)
		var ids []string
		for _, u := range c.Course.Units {
			ids = append(ids, u.ID)
		}
		return ids
	}
	before := units()
	in := app.LessonEdit{Kind: curriculum.KindRead, Title: "大促前的店铺自查", TitleEN: "Checking the store before a big sale",
		Minutes: 15, Level: "L1", Body: readTestdata(t, "lesson_big_sale_check.md"),
		BodyEN: "## Why check\n\nA big sale magnifies every small problem.\n", Note: "新增单元", Submit: true}
	bad := in
	bad.Kind = curriculum.KindTest
	if _, _, err := e.app.CreateUnit(e.ctx, trainer, course, bad); kind(err) != shopdojo.KindInvalid {
		t.Fatalf("a test unit without questions was created: %v", err)
	}
	id, mid, err := e.app.CreateUnit(e.ctx, trainer, course, in)
	e.must(err)
	if id != "m01-c01-u05" || mid == "" {
		t.Fatalf("new unit %q material %q", id, mid)
	}
	if got := units(); len(got) != len(before) {
		t.Fatalf("an unpublished unit is shown: %v", got)
	}
	e.must(e.app.ReviewVersion(e.ctx, mgr, mid, 1, true, ""))
	got := units()
	if len(got) != len(before)+1 || got[len(got)-1] != id {
		t.Fatalf("after publishing: %v", got)
	}
	if v, err := e.app.OpenUnit(e.ctx, learner, id); err != nil || v.Unit.BodyEN == "" {
		t.Fatalf("new unit %+v %v", v.Unit, err)
	}
	if err := e.app.MoveUnit(e.ctx, trainer, id, -1); kind(err) != shopdojo.KindForbidden {
		t.Fatalf("a trainer reordered: %v", err)
	}
	e.must(e.app.MoveUnit(e.ctx, mgr, id, -1))
	got = units()
	if got[len(got)-2] != id || got[len(got)-1] != before[len(before)-1] {
		t.Fatalf("after moving up: %v", got)
	}
	if err := e.app.MoveUnit(e.ctx, mgr, before[0], -1); kind(err) != shopdojo.KindConflict {
		t.Fatalf("moved the first unit up: %v", err)
	}
	unchanged(t, e, mgr)
	e.must(e.app.ArchiveUnit(e.ctx, mgr, id, "与大促课程重复"))
	if got := units(); len(got) != len(before) {
		t.Fatalf("after archiving: %v", got)
	}
	if _, err := e.app.OpenUnit(e.ctx, learner, id); kind(err) != shopdojo.KindNotFound {
		t.Fatalf("an archived unit opens: %v", err)
	}
	unchanged(t, e, mgr)
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// unchanged: exporting the stored pack and importing it again changes
// nothing.
func unchanged(t *testing.T, e *env, mgr app.Actor) {
	t.Helper()
	files, probs, err := e.app.ContentFiles(e.ctx, mgr)
	e.must(err)
	if len(probs) > 0 {
		t.Fatalf("stored pack problems: %v", probs)
	}
	rep, err := e.app.ImportContent(e.ctx, mgr, mapFS(files), "")
	e.must(err)
	if rep.Created+rep.Updated+rep.Archived+rep.Restored != 0 {
		t.Fatalf("re-import changed files: %+v", rep)
	}
}
