package app

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Moving a unit to another course, and the rule that a new item is
// published after the item that holds it. A unit is its files: moving it
// renames them into the target course's folder (materials keep their
// history, progress and "what changed" tasks point at the materials, and
// paths name the unit by id, so all of them keep working).

// parentPublishedTx refuses to publish a curriculum file whose course or
// module has never been published: learners would see a unit of no course.
func (a *App) parentPublishedTx(ctx context.Context, tx *store.Tx, m sqlq.Material) error {
	parent := parentFile(m.SubjectID)
	if m.Kind != KindCurriculum || parent == "" {
		return nil
	}
	pm, err := tx.FindMaterialBySubject(ctx, sqlq.FindMaterialBySubjectParams{Kind: KindCurriculum, SubjectID: parent})
	if err != nil && shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound {
		return err
	}
	if err != nil || pm.PublishedNo == 0 || pm.ArchivedAt > 0 {
		return &shopdojo.Error{Kind: shopdojo.KindConflict, Msg: "structure.err_parent_unpublished",
			Args: map[string]any{"Title": pm.Title}}
	}
	return nil
}

// submitSiblingTx sends to review, with a curriculum file's draft, the
// draft of its other-language file, so the reviewer publishes the two
// together (a new item's English file would otherwise stay a draft).
func (a *App) submitSiblingTx(ctx context.Context, tx *store.Tx, ac Actor, m sqlq.Material) error {
	sib, v, ok, err := siblingVersion(ctx, tx, m, shopdojo.VersionDraft)
	if !ok || err != nil {
		return err
	}
	if err := tx.SetVersionStatus(ctx, sqlq.SetVersionStatusParams{MaterialID: sib.ID, No: v.No,
		Status: string(shopdojo.VersionReview)}); err != nil {
		return err
	}
	return a.recordVersion(ctx, tx, ac, sib, materialKinds[KindCurriculum], "material.submit", v.No, map[string]string{"status": "review"})
}

// parentFile is the course.md or module.md a file of a module lives under,
// or "" for a module's own files and files outside modules.
func parentFile(file string) string {
	parts := strings.Split(file, "/")
	switch {
	case len(parts) < 4 || parts[0] != "modules":
		return ""
	case parts[2] == "courses" && len(parts) == 5 && !strings.HasPrefix(parts[4], "course."):
		return path.Join(parts[:4]...) + "/course.md"
	}
	return path.Join(parts[0], parts[1], "module.md")
}

// MoveUnitTo moves a published unit to the end of another published
// course. It is refused when the pack would then have a problem it does
// not have now (a practice unit's SOP or a test's questions left behind in
// another module) or a path would ask for the unit only after the course
// it now belongs to.
func (a *App) MoveUnitTo(ctx context.Context, ac Actor, unitID, courseID, note string) error {
	if err := ac.require(shopdojo.PermContentReview); err != nil {
		return err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	u, from, to := sp.idx.Unit(unitID), sp.idx.Course(sp.idx.CourseOf(unitID)), sp.idx.Course(courseID)
	if u == nil || from == nil || to == nil {
		return shopdojo.ErrNotFound
	}
	if from.ID == to.ID {
		return shopdojo.E(shopdojo.KindConflict, "structure.err_same_course")
	}
	st, err := a.structure(ctx)
	if err != nil {
		return err
	}
	renames := moveRenames(sp.idx, st, u, from, to)
	x, err := a.movedPack(ctx, sp.idx, renames, u.ID, to)
	if err != nil {
		return err
	}
	file := renames[sp.idx.File(u.ID)]
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := a.renamePaths(ctx, tx, renames); err != nil {
			return err
		}
		if err := a.unitExamTx(ctx, tx, ac, x, file); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "curriculum.move_unit_course", ObjectType: "curriculum", ObjectID: u.ID,
			ObjectName: u.Title, Before: map[string]string{"course": from.ID}, After: map[string]string{"course": to.ID,
				"file": file, "note": strings.TrimSpace(note)}})
	})
	a.packs.reset()
	return err
}

// moveRenames is every file rename a move calls for (full paths, Chinese
// files; English ones follow): the unit to the end of the target course
// (after its drafts too), the units after it in its course one place up.
func moveRenames(x *curriculum.Index, st *structure, u *curriculum.Unit, from, to *curriculum.Course) map[string]string {
	n := 0
	if sc := st.x.Course(to.ID); sc != nil {
		n = lastNumber(sc.Units, unitFile)
	}
	renames := map[string]string{x.File(u.ID): path.Join(path.Dir(x.File(to.ID)), fmt.Sprintf("%02d-%s", n+1, unnumbered(u.File)))}
	var rest []curriculum.Unit
	for _, o := range from.Units {
		if o.ID != u.ID {
			rest = append(rest, o)
		}
	}
	dir := path.Dir(x.File(from.ID))
	for old, name := range renumber(rest) {
		renames[path.Join(dir, old)] = path.Join(dir, name)
	}
	return renames
}

// movedPack checks a move on the published pack with its questions and
// returns the moved pack's index.
func (a *App) movedPack(ctx context.Context, x *curriculum.Index, renames map[string]string, unitID string,
	to *curriculum.Course) (*curriculum.Index, error) {
	files, err := curriculum.Files(x.Pack)
	if err != nil {
		return nil, err
	}
	if err := a.store.Read(ctx, func(q *store.Queries) error { return moduleQuestionFiles(ctx, q, x, files) }); err != nil {
		return nil, err
	}
	before := problemSet(files)
	for from, dest := range renames {
		for _, pair := range [][2]string{{from, dest}, {curriculum.EnglishFile(from), curriculum.EnglishFile(dest)}} {
			if b, ok := files[pair[0]]; ok {
				delete(files, pair[0])
				files[pair[1]] = b
			}
		}
	}
	p, probs := curriculum.Read(packFS(files))
	for _, pr := range probs {
		if !before[pr.String()] {
			return nil, &shopdojo.Error{Kind: shopdojo.KindConflict, Msg: pr.Msg, Args: pr.Args}
		}
	}
	moved := curriculum.NewIndex(p)
	if pa := afterOwnCourse(moved, unitID, to.ID); pa != nil {
		return nil, &shopdojo.Error{Kind: shopdojo.KindConflict, Msg: "structure.err_move_path",
			Args: map[string]any{"Path": pa.Title, "Course": to.Title}}
	}
	return moved, nil
}

// afterOwnCourse is a path holding both the unit and the course it now
// belongs to in which the unit comes, directly or through other items,
// after that course: the course needs the unit and the unit the course,
// so neither could ever be finished.
func afterOwnCourse(x *curriculum.Index, unitID, courseID string) *curriculum.Path {
	for i := range x.Pack.Paths {
		pa := &x.Pack.Paths[i]
		after := map[string][]string{}
		for _, st := range pa.Stages {
			for _, it := range st.Items {
				after[it.Ref] = it.After
			}
		}
		if _, ok := after[unitID]; !ok {
			continue
		}
		if _, ok := after[courseID]; ok && reaches(after, unitID, courseID, map[string]bool{}) {
			return pa
		}
	}
	return nil
}

// reaches reports whether to is among from's prerequisites, transitively.
func reaches(after map[string][]string, from, to string, seen map[string]bool) bool {
	for _, a := range after[from] {
		if a == to {
			return true
		}
		if !seen[a] {
			seen[a] = true
			if reaches(after, a, to, seen) {
				return true
			}
		}
	}
	return false
}

// renamePaths renames curriculum files (full Chinese paths, old → new) and
// their English files, through temporary names so no two materials ever
// hold one name.
func (a *App) renamePaths(ctx context.Context, tx *store.Tx, renames map[string]string) error {
	now := a.nowMs()
	type step struct{ id, to string }
	var final []step
	for from, to := range renames {
		for _, pair := range [][2]string{{from, to}, {curriculum.EnglishFile(from), curriculum.EnglishFile(to)}} {
			m, err := tx.FindMaterialBySubject(ctx, sqlq.FindMaterialBySubjectParams{Kind: KindCurriculum, SubjectID: pair[0]})
			if err != nil {
				return fmt.Errorf("rename %s: %w", pair[0], err)
			}
			if err := tx.SetMaterialSubject(ctx, sqlq.SetMaterialSubjectParams{ID: m.ID, SubjectID: "moving:" + m.ID, UpdatedAt: now}); err != nil {
				return err
			}
			final = append(final, step{m.ID, pair[1]})
		}
	}
	for _, s := range final {
		if err := tx.SetMaterialSubject(ctx, sqlq.SetMaterialSubjectParams{ID: s.id, SubjectID: s.to, UpdatedAt: now}); err != nil {
			return err
		}
	}
	return nil
}

// MoveChoice is what the move form offers: the unit, its course and every
// published course by module.
type MoveChoice struct {
	Unit     UnitBrief
	CourseID string
	Modules  []ModuleBrief
}

// MoveTargets lists the courses a unit may be moved to.
func (a *App) MoveTargets(ctx context.Context, ac Actor, unitID string) (MoveChoice, error) {
	if err := ac.require(shopdojo.PermContentReview); err != nil {
		return MoveChoice{}, err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return MoveChoice{}, err
	}
	u := sp.idx.Unit(unitID)
	if u == nil {
		return MoveChoice{}, shopdojo.ErrNotFound
	}
	v := MoveChoice{Unit: unitBrief(sp.idx, u), CourseID: sp.idx.CourseOf(unitID)}
	for _, m := range sp.idx.Pack.Modules {
		mb := ModuleBrief{ID: m.ID, Kind: m.Kind, Level: m.Level, Title: m.Title, TitleEN: m.TitleEN}
		for _, c := range m.Courses {
			mb.Courses = append(mb.Courses, CourseBrief{ID: c.ID, Title: c.Title, TitleEN: c.TitleEN, Level: c.Level, Units: len(c.Units)})
		}
		v.Modules = append(v.Modules, mb)
	}
	return v, nil
}
