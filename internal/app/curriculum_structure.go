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
// course (a course still in review too) and returns its id and the
// material of its Chinese file. It appears to learners once published.
func (a *App) CreateUnit(ctx context.Context, ac Actor, courseID string, in LessonEdit) (string, string, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", "", err
	}
	if in.Kind != curriculum.KindRead && in.Kind != curriculum.KindWatch && in.Kind != curriculum.KindPractice {
		return "", "", &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "error.invalid", Fields: map[string]string{"kind": "curriculum.err_kind"}}
	}
	st, c, err := a.structureCourse(ctx, ac, courseID)
	if err != nil {
		return "", "", err
	}
	u := curriculum.Unit{Kind: in.Kind, Title: strings.TrimSpace(in.Title), TitleEN: strings.TrimSpace(in.TitleEN),
		Minutes: in.Minutes, Level: in.Level, Body: editedBody(in.Body), BodyEN: editedBody(in.BodyEN)}
	if err := a.editVideo(ctx, &u, in); err != nil {
		return "", "", err
	}
	id, mid, err := a.newUnit(ctx, ac, st, c, u, in.Note, in.Submit)
	return id, mid, err
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
// calls for (units i and j swapped). Only changed names are returned.
func unitRenames(c *curriculum.Course, i, j int) map[string]string {
	units := append([]curriculum.Unit(nil), c.Units...)
	units[i], units[j] = units[j], units[i]
	return renumber(units)
}

// renumber gives each unit the name its place calls for: "NN-" then the
// name without its old number (old → new, changed names only).
func renumber(units []curriculum.Unit) map[string]string {
	out := map[string]string{}
	for k, u := range units {
		if name := fmt.Sprintf("%02d-%s", k+1, unnumbered(u.File)); name != u.File {
			out[u.File] = name
		}
	}
	return out
}

// unnumbered is a unit file name without its leading number.
func unnumbered(name string) string {
	if d := strings.IndexByte(name, '-'); d > 0 && strings.Trim(name[:d], "0123456789") == "" {
		return name[d+1:]
	}
	return name
}

// renameFiles renames curriculum files in dir (old → new base names), and
// their English files.
func (a *App) renameFiles(ctx context.Context, tx *store.Tx, dir string, renames map[string]string) error {
	full := make(map[string]string, len(renames))
	for from, to := range renames {
		full[path.Join(dir, from)] = path.Join(dir, to)
	}
	return a.renamePaths(ctx, tx, full)
}
