package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The learner's side of the curriculum: 我的学习 (assigned paths, what to
// do today, where to continue), course maps and units. Everyone signed in
// may read the published curriculum; progress is each person's own.

// LearningHome is 我的学习.
type LearningHome struct {
	Paths     []PathView
	Continue  *UnitBrief // the unit opened last and not done
	Today     []TodoItem
	ReviewDue int64
	Changes   []ChangeTask // "what changed" tasks of lessons and SOPs learned before
	Returned  []RunBrief   // SOP runs a reviewer sent back for changes
	Empty     bool         // no curriculum stored yet
}

// UnitBrief names a unit and where it sits.
type UnitBrief struct {
	ID, Kind         string
	Title, TitleEN   string
	Course, CourseEN string
	Minutes          int
}

// TodoItem is a next step on an assigned path.
type TodoItem struct {
	PathID, PathTitle, PathTitleEN string
	Item                           PathItemView
	DueAt                          time.Time
	Overdue                        bool
	Exam                           *StageExamView
}

// progress reads what a person has done.
func (a *App) progress(ctx context.Context, q *store.Queries, personID string) (progressOf, error) {
	pr := progressOf{passed: map[string]bool{}}
	st, err := q.PersonLearningState(ctx, sqlq.PersonLearningStateParams{PersonID: personID, Now: a.nowMs()})
	if err != nil {
		return pr, err
	}
	// Sized up front: growing a map of a few hundred entries step by step
	// was most of reading a person's progress.
	pr.units = make(map[string]unitState, strings.Count(st.States, ";")+1)
	if err := parseUnitStates(st.States, pr.units); err != nil {
		return pr, fmt.Errorf("progress of %s: %w", personID, err)
	}
	if pr.assigned, err = parseAssigned(personID, st.Assigned); err != nil {
		return pr, fmt.Errorf("paths of %s: %w", personID, err)
	}
	for _, id := range strings.Fields(st.Passed) {
		pr.passed[id] = true
	}
	pr.due, pr.changes, pr.returned = st.Due, st.Changes, st.Returned
	return pr, nil
}

// parseUnitStates reads PersonLearningState's states into units: "id"
// for a unit done, "id ms" for one started (when it was last opened),
// joined by ';'.
func parseUnitStates(s string, units map[string]unitState) error {
	for s != "" {
		var entry string
		entry, s, _ = strings.Cut(s, ";")
		id, at, started := strings.Cut(entry, " ")
		if !started {
			units[id] = unitState{Status: StateDone}
			continue
		}
		ms, err := strconv.ParseInt(at, 10, 64)
		if err != nil || id == "" {
			return fmt.Errorf("bad progress entry %q", entry)
		}
		units[id] = unitState{Status: StateStarted, UpdatedAt: ms}
	}
	return nil
}

// learnerState is what a person has done and the paths they have, in
// the order they were assigned.
func (a *App) learnerState(ctx context.Context, q *store.Queries, personID string) (progressOf, []sqlq.PathAssignment, error) {
	pr, err := a.progress(ctx, q, personID)
	return pr, pr.assigned, err
}

// parseAssigned reads PersonLearningState's "path source assigned_at due_at;…"
// into assignments ordered as ListPersonAssignments orders them.
func parseAssigned(personID, s string) ([]sqlq.PathAssignment, error) {
	var out []sqlq.PathAssignment
	for s != "" {
		var entry string
		entry, s, _ = strings.Cut(s, ";")
		f := strings.Fields(entry)
		if len(f) != 4 {
			return nil, fmt.Errorf("bad assignment entry %q", entry)
		}
		at, err1 := strconv.ParseInt(f[2], 10, 64)
		due, err2 := strconv.ParseInt(f[3], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("bad assignment entry %q", entry)
		}
		out = append(out, sqlq.PathAssignment{PersonID: personID, PathID: f[0], Source: f[1], AssignedAt: at, DueAt: due})
	}
	slices.SortFunc(out, func(x, y sqlq.PathAssignment) int {
		if x.AssignedAt != y.AssignedAt {
			return cmp.Compare(x.AssignedAt, y.AssignedAt)
		}
		return strings.Compare(x.PathID, y.PathID)
	})
	return out, nil
}

// MyLearning is the actor's 我的学习 page.
func (a *App) MyLearning(ctx context.Context, ac Actor) (LearningHome, error) {
	var h LearningHome
	if ac.PersonID == "" {
		return h, shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return h, err
	}
	h.Empty = len(sp.idx.Pack.Modules) == 0
	var pr progressOf
	var assigned []sqlq.PathAssignment
	err = a.store.Read(ctx, func(q *store.Queries) (err error) {
		if pr, assigned, err = a.learnerState(ctx, q, ac.PersonID); err != nil {
			return err
		}
		h.ReviewDue = pr.due
		if pr.changes > 0 {
			if h.Changes, err = a.changeTasks(ctx, q, sp, ac.PersonID); err != nil {
				return err
			}
		}
		if pr.returned > 0 {
			h.Returned, err = a.returnedRuns(ctx, q, ac.PersonID)
		}
		return err
	})
	if err != nil {
		return h, err
	}
	now := a.now()
	for _, as := range assigned {
		pa := sp.idx.Path(as.PathID)
		if pa == nil {
			continue
		}
		v := pathView(sp.idx, pa, sp.exams, pr)
		v.Assigned, v.AssignedAt, v.DueAt = true, fromMs(as.AssignedAt), fromMs(as.DueAt)
		h.Paths = append(h.Paths, v)
		h.Today = append(h.Today, todos(v, now)...)
	}
	h.Continue = continueUnit(sp.idx, pr)
	return h, nil
}

// todos are a path's next steps: the open items of its current stage not
// done (at most three), or its stage exam when it is ready.
func todos(v PathView, now time.Time) []TodoItem {
	if v.Current < 0 {
		return nil
	}
	st := v.Stages[v.Current]
	base := TodoItem{PathID: v.ID, PathTitle: v.Title, PathTitleEN: v.TitleEN, DueAt: v.DueAt, Overdue: v.Overdue(now)}
	if st.Exam != nil && st.Exam.Ready && !st.Exam.Passed {
		base.Exam = st.Exam
		return []TodoItem{base}
	}
	var out []TodoItem
	for _, it := range st.Items {
		if it.State == StateAvailable || it.State == StateStarted {
			t := base
			t.Item = it
			out = append(out, t)
		}
		if len(out) == 3 {
			break
		}
	}
	return out
}

// continueUnit is the unit opened most recently and not done.
func continueUnit(x *curriculum.Index, pr progressOf) *UnitBrief {
	var best unitState
	bestID := ""
	for id, p := range pr.units {
		later := p.UpdatedAt > best.UpdatedAt || p.UpdatedAt == best.UpdatedAt && bestID != "" && id < bestID
		if p.Status == StateStarted && later && x.Unit(id) != nil {
			best, bestID = p, id
		}
	}
	if bestID == "" {
		return nil
	}
	b := unitBrief(x, x.Unit(bestID))
	return &b
}

func unitBrief(x *curriculum.Index, u *curriculum.Unit) UnitBrief {
	b := UnitBrief{ID: u.ID, Kind: u.Kind, Title: u.Title, TitleEN: u.TitleEN, Minutes: u.Minutes}
	if c := x.Course(x.CourseOf(u.ID)); c != nil {
		b.Course, b.CourseEN = c.Title, c.TitleEN
	}
	return b
}

// LearningPath is a course map as the actor stands on it.
func (a *App) LearningPath(ctx context.Context, ac Actor, pathID string) (PathView, error) {
	var v PathView
	if ac.PersonID == "" {
		return v, shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return v, err
	}
	pa := sp.idx.Path(pathID)
	if pa == nil {
		return v, shopdojo.ErrNotFound
	}
	var pr progressOf
	var assigned []sqlq.PathAssignment
	err = a.store.Read(ctx, func(q *store.Queries) (err error) {
		pr, assigned, err = a.learnerState(ctx, q, ac.PersonID)
		return err
	})
	if err != nil {
		return v, err
	}
	v = pathView(sp.idx, pa, sp.exams, pr)
	if i := slices.IndexFunc(assigned, func(x sqlq.PathAssignment) bool { return x.PathID == pathID }); i >= 0 {
		v.Assigned, v.AssignedAt, v.DueAt = true, fromMs(assigned[i].AssignedAt), fromMs(assigned[i].DueAt)
	}
	return v, nil
}

// PathBrief is a path of the catalogue.
type PathBrief struct {
	ID, Title, TitleEN, Position, PositionEN string
	Stages, Items                            int
	Onboarding                               bool
}

// ModuleBrief is a module of the catalogue with its courses.
type ModuleBrief struct {
	ID, Kind, Level, Title, TitleEN string
	Courses                         []CourseBrief
	SOPs                            []SOPBrief
}

// SOPBrief names an SOP of the catalogue.
type SOPBrief struct{ ID, Title, TitleEN string }

// CourseBrief is a course of the catalogue.
type CourseBrief struct {
	ID, Title, TitleEN, Level string
	Units, Minutes            int
}

// Catalogue is the whole published curriculum.
type Catalogue struct {
	Title, TitleEN string
	Modules        []ModuleBrief
	Paths          []PathBrief
}

// CurriculumCatalogue lists the published modules, courses and paths.
func (a *App) CurriculumCatalogue(ctx context.Context, ac Actor) (Catalogue, error) {
	var c Catalogue
	if ac.PersonID == "" && !ac.System {
		return c, shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return c, err
	}
	p := sp.idx.Pack
	c.Title, c.TitleEN = p.Title, p.TitleEN
	for _, m := range p.Modules {
		mb := ModuleBrief{ID: m.ID, Kind: m.Kind, Level: m.Level, Title: m.Title, TitleEN: m.TitleEN}
		for _, s := range m.SOPs {
			mb.SOPs = append(mb.SOPs, SOPBrief{ID: s.ID, Title: s.Title, TitleEN: s.TitleEN})
		}
		for _, co := range m.Courses {
			cb := CourseBrief{ID: co.ID, Title: co.Title, TitleEN: co.TitleEN, Level: co.Level, Units: len(co.Units)}
			for _, u := range co.Units {
				cb.Minutes += u.Minutes
			}
			mb.Courses = append(mb.Courses, cb)
		}
		c.Modules = append(c.Modules, mb)
	}
	for _, pa := range p.Paths {
		pb := PathBrief{ID: pa.ID, Title: pa.Title, TitleEN: pa.TitleEN, Position: pa.Position, PositionEN: pa.PositionEN,
			Stages: len(pa.Stages), Onboarding: pa.Onboarding}
		for _, st := range pa.Stages {
			pb.Items += len(st.Items)
		}
		c.Paths = append(c.Paths, pb)
	}
	// Onboarding first: it is where everyone starts.
	slices.SortStableFunc(c.Paths, func(a, b PathBrief) int {
		switch {
		case a.Onboarding == b.Onboarding:
			return 0
		case a.Onboarding:
			return -1
		}
		return 1
	})
	return c, nil
}

// curriculumGate lets a person start a stage exam only when it is ready on
// a path assigned to them: the stage is open and its required items are
// done. Unit quizzes and exams outside the curriculum have no gate.
func (a *App) curriculumGate(ctx context.Context, q *store.Queries, ac Actor, examID string) error {
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	var stages []string
	for _, ref := range sp.examRefs[examID] {
		if id, ok := strings.CutPrefix(ref, stageRef); ok {
			stages = append(stages, id)
		}
	}
	if len(stages) == 0 {
		return nil
	}
	pr, assigned, err := a.learnerState(ctx, q, ac.PersonID)
	if err != nil {
		return err
	}
	for _, as := range assigned {
		pa := sp.idx.Path(as.PathID)
		if pa == nil {
			continue
		}
		for _, st := range pathView(sp.idx, pa, sp.exams, pr).Stages {
			if slices.Contains(stages, st.ID) && st.Exam != nil && st.Exam.Ready {
				return nil
			}
		}
	}
	return shopdojo.E(shopdojo.KindConflict, "learn.err_stage_not_ready")
}
