package app

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The path builder: a content editor edits a course map (stages, items,
// prerequisites, stage exams) as a whole and the server writes it as the
// path's YAML file of the content pack, through the same draft machinery
// as the lesson editor (saveEdit), so a training manager publishes it
// from the review queue. Every edit is read back with the rest of the pack
// by curriculum.Read; its problems come back tied to the stage and item
// they are about, and nothing is stored while there are any.

// PathEdit is a course map as the builder sends it. New asks for a new
// path (Path.ID may be empty: it is made from the English title).
type PathEdit struct {
	Path          curriculum.Path
	New           bool
	Note          string
	Major, Submit bool
	BaseNo        int64
	MaterialID    string
}

// PathProblem is a problem of an edited path: the stage and item it is
// about (-1 for none), the field, the message, and the refs of every item
// it concerns (all items of a cycle).
type PathProblem struct {
	Stage, Item int
	Field       string
	Msg         string
	Args        map[string]any
	Refs        []string
}

// PathForEdit returns a path as of its latest version (a draft included),
// or an empty path with one stage when id is "".
func (a *App) PathForEdit(ctx context.Context, ac Actor, id string) (PathEdit, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return PathEdit{}, err
	}
	if id == "" {
		st := curriculum.Stage{Level: curriculum.L1, Exam: &curriculum.StageExam{PassPercent: 80, Minutes: 30}}
		return PathEdit{New: true, Path: curriculum.Path{DueDays: 90, Stages: []curriculum.Stage{st}}}, nil
	}
	dp, err := a.pathDraft(ctx, id)
	if err != nil {
		return PathEdit{}, err
	}
	pa := dp.x.Path(id)
	if pa == nil || dp.materials[dp.file] == "" {
		return PathEdit{}, shopdojo.ErrNotFound
	}
	return PathEdit{Path: *pa, BaseNo: dp.latest[dp.file].No, MaterialID: dp.materials[dp.file]}, nil
}

// CheckPath reads the pack with the edit applied and returns the edit's
// problems; it stores nothing.
func (a *App) CheckPath(ctx context.Context, ac Actor, in PathEdit) ([]PathProblem, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return nil, err
	}
	dp, err := a.pathEditDraft(ctx, &in)
	if err != nil {
		return nil, err
	}
	return dp.pathProblems(in.Path), nil
}

// SavePath stores the edit as a new version of the path's file (a draft,
// or in review when in.Submit) and returns its material id. A path with
// problems is refused with them and stores nothing.
func (a *App) SavePath(ctx context.Context, ac Actor, in PathEdit) (string, []PathProblem, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return "", nil, err
	}
	dp, err := a.pathEditDraft(ctx, &in)
	if err != nil {
		return "", nil, err
	}
	if probs := dp.pathProblems(in.Path); len(probs) > 0 {
		return "", probs, &shopdojo.Error{Kind: shopdojo.KindInvalid, Msg: "path_edit.has_problems", Args: map[string]any{"N": len(probs)}}
	}
	mid, err := a.saveEdit(ctx, ac, dp, in.Path.Title, "", in.Note, in.Major, in.Submit, in.BaseNo, 0)
	return mid, nil, err
}

// pathEditDraft reads the draft pack for an edit and puts the edited path
// in it, normalized, with ids for new stages.
func (a *App) pathEditDraft(ctx context.Context, in *PathEdit) (*draftPack, error) {
	pa := &in.Path
	if in.New && strings.TrimSpace(pa.ID) == "" {
		pa.ID = "path-" + slug(pa.TitleEN, "")
	}
	pa.ID = strings.TrimSpace(pa.ID)
	if pa.ID == "path-" && strings.TrimSpace(pa.TitleEN) != "" {
		// An English title of no Latin letters or digits makes no id.
		return nil, shopdojo.E(shopdojo.KindInvalid, "path_edit.err_id")
	}
	dp, err := a.pathDraft(ctx, pa.ID)
	if err != nil {
		return nil, err
	}
	old := dp.x.Path(pa.ID)
	switch {
	case in.New && (old != nil || dp.materials[dp.file] != ""):
		return nil, &shopdojo.Error{Kind: shopdojo.KindConflict, Msg: "path_edit.id_taken", Args: map[string]any{"ID": pa.ID}}
	case !in.New && old == nil:
		return nil, shopdojo.ErrNotFound
	}
	normalizePath(pa)
	pa.File = path.Base(dp.file)
	newStageIDs(dp.x.Pack, pa)
	if old != nil {
		*old = *pa
	} else {
		dp.x.Pack.Paths = append(dp.x.Pack.Paths, *pa)
	}
	return dp, nil
}

// pathFile is the file of a path that is not published yet.
func pathFile(id string) string { return path.Join("paths", strings.TrimPrefix(id, "path-")+".yaml") }

// pathDraft reads the published pack, with the latest version of path
// id's file in place of its published one and each module's questions
// from its bank (stage exams name them); id "" reads the published pack
// only. dp.en is empty: a path is one file holding both languages.
func (a *App) pathDraft(ctx context.Context, id string) (*draftPack, error) {
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	file := sp.idx.File(id)
	if file == "" {
		file = pathFile(id)
	}
	dp := &draftPack{file: file, latest: map[string]sqlq.MaterialVersion{}, materials: map[string]string{}}
	fsys := fstest.MapFS{}
	err = a.store.Read(ctx, func(q *store.Queries) error {
		rows, err := q.ListCurriculumFiles(ctx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			fsys[r.Path] = &fstest.MapFile{Data: []byte(r.Body)}
		}
		if id != "" {
			if err := dp.readLatest(ctx, q, fsys); err != nil {
				return err
			}
		}
		qs := map[string][]byte{}
		if err := moduleQuestionFiles(ctx, q, sp.idx, qs); err != nil {
			return err
		}
		for name, data := range qs {
			fsys[name] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("path draft %s: %w", id, err)
	}
	p, _ := curriculum.Read(fsys)
	dp.x = curriculum.NewIndex(p)
	return dp, nil
}

// readLatest puts the latest version of dp.file, if it has a material, in
// fsys.
func (dp *draftPack) readLatest(ctx context.Context, q *store.Queries, fsys fstest.MapFS) error {
	m, err := q.FindMaterialBySubject(ctx, sqlq.FindMaterialBySubjectParams{Kind: KindCurriculum, SubjectID: dp.file})
	if shopdojo.KindOf(store.MapErr(err)) == shopdojo.KindNotFound || (err == nil && m.ArchivedAt != 0) {
		return nil
	}
	if err != nil {
		return err
	}
	v, err := q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: m.ID, No: m.LatestNo})
	if err != nil {
		return err
	}
	dp.materials[dp.file], dp.latest[dp.file] = m.ID, v
	fsys[dp.file] = &fstest.MapFile{Data: []byte(v.Body)}
	return nil
}

// normalizePath trims the texts of an edited path and drops an empty
// stage exam, so the reader reports it missing.
func normalizePath(pa *curriculum.Path) {
	for _, s := range []*string{&pa.Title, &pa.TitleEN, &pa.Position, &pa.PositionEN, &pa.Certification, &pa.CertificationEN} {
		*s = strings.TrimSpace(*s)
	}
	for i := range pa.Stages {
		st := &pa.Stages[i]
		st.ID, st.Title, st.TitleEN = strings.TrimSpace(st.ID), strings.TrimSpace(st.Title), strings.TrimSpace(st.TitleEN)
		for j := range st.Items {
			it := &st.Items[j]
			it.Ref = strings.TrimSpace(it.Ref)
			slices.Sort(it.After)
			it.After = slices.Compact(it.After)
			if len(it.After) == 0 {
				it.After = nil
			}
		}
		if e := st.Exam; e != nil {
			e.Title, e.TitleEN = strings.TrimSpace(e.Title), strings.TrimSpace(e.TitleEN)
			if e.Title == "" && e.TitleEN == "" && len(e.Questions) == 0 {
				st.Exam = nil
			}
		}
	}
}

// newStageIDs gives the stages without an id one: the prefix the path's
// other stages share ("ops-s") and the next free number.
func newStageIDs(p curriculum.Pack, pa *curriculum.Path) {
	used := curriculum.IDs(p)
	prefix, n := strings.TrimPrefix(pa.ID, "path-")+"-s", 0
	for _, st := range pa.Stages {
		if i := strings.LastIndex(st.ID, "-s"); i > 0 {
			if k, err := strconv.Atoi(st.ID[i+2:]); err == nil {
				prefix, n = st.ID[:i+2], max(n, k)
			}
		}
		used[st.ID] = true
	}
	for i := range pa.Stages {
		for pa.Stages[i].ID == "" {
			n++
			if id := prefix + strconv.Itoa(n); !used[id] {
				pa.Stages[i].ID, used[id] = id, true
			}
		}
	}
}
