package app

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// Structure changes of the curriculum: a new unit in a course (drafted
// like any edit and published by a training manager), and archiving and
// reordering units, which training managers do directly, audited. Units
// are ordered by their file names in the course folder, so reordering
// renames files; a material keeps its history across a rename.

// CreateUnit drafts a new read, watch or practice unit at the end of a
// course and returns its id and the material of its Chinese file. It
// appears to learners once published.
func (a *App) CreateUnit(ctx context.Context, ac Actor, courseID string, in LessonEdit) (string, string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", "", err
	}
	if in.Kind != curriculum.KindRead && in.Kind != curriculum.KindWatch && in.Kind != curriculum.KindPractice {
		return "", "", &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Fields: map[string]string{"kind": "curriculum.err_kind"}}
	}
	dp, err := a.draftPack(ctx, courseID)
	if err != nil {
		return "", "", err
	}
	c := dp.x.Course(courseID)
	if c == nil {
		return "", "", shopdojo.ErrNotFound
	}
	u := curriculum.Unit{ID: nextUnitID(c), Kind: in.Kind, Title: strings.TrimSpace(in.Title), TitleEN: strings.TrimSpace(in.TitleEN),
		Minutes: in.Minutes, Level: in.Level, Body: editedBody(in.Body), BodyEN: editedBody(in.BodyEN)}
	if err := a.editVideo(ctx, &u, in); err != nil {
		return "", "", err
	}
	u.File = fmt.Sprintf("%02d-%s.md", len(c.Units)+1, u.ID)
	c.Units = append(c.Units, u)
	dp.file = path.Join(path.Dir(dp.file), u.File)
	dp.en = curriculum.EnglishFile(dp.file)
	dp.materials = map[string]string{}
	dp.latest = map[string]sqlq.MaterialVersion{}
	mid, err := a.saveEdit(ctx, ac, dp, u.Title, u.TitleEN, in.Note, false, in.Submit, 0, 0)
	return u.ID, mid, err
}

// nextUnitID is the course's next free unit id: its id, "-u" and a number
// one past the highest in use.
func nextUnitID(c *curriculum.Course) string {
	n := len(c.Units)
	for _, u := range c.Units {
		if k, err := strconv.Atoi(strings.TrimPrefix(u.ID, c.ID+"-u")); err == nil && k > n {
			n = k
		}
	}
	return fmt.Sprintf("%s-u%02d", c.ID, n+1)
}

// ArchiveUnit takes a unit out of the published curriculum (its files are
// archived, never deleted: progress and history keep pointing at them). A
// unit a course map or a stage exam still needs cannot be archived.
func (a *App) ArchiveUnit(ctx context.Context, ac Actor, unitID, note string) error {
	if err := ac.require(shopdojo.PermContentReview); err != nil {
		return err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	u := sp.idx.Unit(unitID)
	if u == nil {
		return shopdojo.ErrNotFound
	}
	if p := archiveProblem(sp.idx.Pack, unitID); p != nil {
		return &shopdojo.Error{Kind: shopdojo.KindConflict, Msg: p.Msg, Args: p.Args}
	}
	file := sp.idx.File(unitID)
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		for _, f := range []string{file, curriculum.EnglishFile(file)} {
			m, err := tx.FindMaterialBySubject(ctx, sqlq.FindMaterialBySubjectParams{Kind: KindCurriculum, SubjectID: f})
			if err != nil {
				return err
			}
			if err := tx.SetMaterialArchived(ctx, sqlq.SetMaterialArchivedParams{ID: m.ID, ArchivedAt: a.nowMs(), UpdatedAt: a.nowMs()}); err != nil {
				return err
			}
		}
		return a.record(ctx, tx, ac, change{Action: "curriculum.archive_unit", ObjectType: "curriculum", ObjectID: unitID,
			ObjectName: u.Title, After: map[string]string{"file": file, "note": strings.TrimSpace(note)}})
	})
	a.packs.reset()
	return err
}

// archiveProblem is the first problem the pack would have without the
// unit that it does not have now, if any.
func archiveProblem(p curriculum.Pack, unitID string) *curriculum.Problem {
	files, err := curriculum.Files(p)
	if err != nil {
		return &curriculum.Problem{Msg: "error.internal"}
	}
	x := curriculum.NewIndex(p)
	file := x.File(unitID)
	before := problemSet(files)
	delete(files, file)
	delete(files, curriculum.EnglishFile(file))
	for _, pr := range readFiles(files) {
		if !before[pr.String()] {
			return &pr
		}
	}
	return nil
}

func problemSet(files map[string][]byte) map[string]bool {
	out := map[string]bool{}
	for _, p := range readFiles(files) {
		out[p.String()] = true
	}
	return out
}

func readFiles(files map[string][]byte) []curriculum.Problem {
	_, probs := curriculum.Read(packFS(files))
	return probs
}

// MoveUnit moves a unit one place up (delta -1) or down (+1) in its
// course by swapping the numbers its file and its neighbour's begin with.
func (a *App) MoveUnit(ctx context.Context, ac Actor, unitID string, delta int) error {
	if err := ac.require(shopdojo.PermContentReview); err != nil {
		return err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	c := sp.idx.Course(sp.idx.CourseOf(unitID))
	if c == nil {
		return shopdojo.ErrNotFound
	}
	i := -1
	for k := range c.Units {
		if c.Units[k].ID == unitID {
			i = k
		}
	}
	j := i + delta
	if i < 0 || j < 0 || j >= len(c.Units) || (delta != 1 && delta != -1) {
		return shopdojo.E(shopdojo.KindConflict, "curriculum.err_cannot_move")
	}
	renames := unitRenames(c, i, j)
	dir := path.Dir(sp.idx.File(unitID))
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		if err := a.renameFiles(ctx, tx, dir, renames); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "curriculum.move_unit", ObjectType: "curriculum", ObjectID: unitID,
			ObjectName: c.Units[i].Title, After: map[string]string{"from": strconv.Itoa(i + 1), "to": strconv.Itoa(j + 1)}})
	})
	a.packs.reset()
	return err
}

// unitRenames gives every unit of the course the file name its new place
// calls for (units i and j swapped): "NN-" then the name without its old
// number. Only changed names are returned.
func unitRenames(c *curriculum.Course, i, j int) map[string]string {
	units := append([]curriculum.Unit(nil), c.Units...)
	units[i], units[j] = units[j], units[i]
	out := map[string]string{}
	for k, u := range units {
		rest := u.File
		if d := strings.IndexByte(rest, '-'); d > 0 && strings.Trim(rest[:d], "0123456789") == "" {
			rest = rest[d+1:]
		}
		name := fmt.Sprintf("%02d-%s", k+1, rest)
		if name != u.File {
			out[u.File] = name
		}
	}
	return out
}

// renameFiles renames curriculum files in dir (old → new base names), and
// their English files, through temporary names so no two materials ever
// hold one name.
func (a *App) renameFiles(ctx context.Context, tx *store.Tx, dir string, renames map[string]string) error {
	now := a.nowMs()
	type step struct{ id, to string }
	var final []step
	for from, to := range renames {
		for _, pair := range [][2]string{{from, to}, {curriculum.EnglishFile(from), curriculum.EnglishFile(to)}} {
			m, err := tx.FindMaterialBySubject(ctx, sqlq.FindMaterialBySubjectParams{Kind: KindCurriculum, SubjectID: path.Join(dir, pair[0])})
			if err != nil {
				return fmt.Errorf("rename %s: %w", pair[0], err)
			}
			if err := tx.SetMaterialSubject(ctx, sqlq.SetMaterialSubjectParams{ID: m.ID, SubjectID: "moving:" + m.ID, UpdatedAt: now}); err != nil {
				return err
			}
			final = append(final, step{m.ID, path.Join(dir, pair[1])})
		}
	}
	for _, s := range final {
		if err := tx.SetMaterialSubject(ctx, sqlq.SetMaterialSubjectParams{ID: s.id, SubjectID: s.to, UpdatedAt: now}); err != nil {
			return err
		}
	}
	return nil
}
