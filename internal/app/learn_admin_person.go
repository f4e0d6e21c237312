package app

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The drill-downs of 学习进度: a dashboard row's people, a page at a time,
// and one person's learning — each assigned path as the person's own
// course map stands, and every unit and SOP they learned with the exact
// version (unit_progress.version_no) beside the version published now.

// PersonPath is one assigned path of a person, worked out.
type PersonPath struct {
	AssignmentProgress
	View          PathView
	StagePercents []int // required items done per stage, in percent
}

// LearnedUnit is a unit or SOP a person opened or finished.
type LearnedUnit struct {
	ID, Kind, Title, TitleEN string
	Course, CourseEN         string
	Status                   string // started or done
	Watched                  int    // a video started: percent watched, else -1
	Version                  int64  // the version learned (done) or opened (started)
	Current                  int64  // the version published now; 0 when the unit was archived
	StartedAt, DoneAt        time.Time
	UpdatedAt                time.Time
}

// Outdated reports whether a newer version was published after the person learned it.
func (u LearnedUnit) Outdated() bool { return u.Status == StateDone && u.Current > u.Version }

// PersonLearning is the drill-down of 学习进度.
type PersonLearning struct {
	Person shopdojo.Person
	Paths  []PersonPath
	Record []LearnedUnit
	ProgressFigures
}

// PersonLearning returns a person's paths and learning record if the actor
// may read them (out-of-scope people are not found).
func (a *App) PersonLearning(ctx context.Context, ac Actor, personID string) (PersonLearning, error) {
	var out PersonLearning
	sp, err := a.progressPack(ctx, ac, "")
	if err != nil {
		return out, err
	}
	if out.Person, err = a.Person(ctx, ac, personID); err != nil {
		return out, err
	}
	var pr progressOf
	var assigned []sqlq.PathAssignment
	var rows []sqlq.UnitProgress // whole rows: learnerState keeps only states
	var watchRows []sqlq.ListPersonWatchProgressRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if pr, assigned, err = a.learnerState(ctx, q, personID); err != nil {
			return err
		}
		if rows, err = q.ListPersonProgress(ctx, personID); err != nil {
			return err
		}
		watchRows, err = q.ListPersonWatchProgress(ctx, personID)
		return err
	}); err != nil {
		return out, err
	}
	now := a.now()
	out.People = 1
	for _, as := range assigned {
		pa := sp.idx.Path(as.PathID)
		if pa == nil {
			continue
		}
		ap, v := a.assignmentProgress(sp, pa, pr, as, now)
		pp := PersonPath{AssignmentProgress: ap, View: v}
		for _, st := range v.Stages {
			pp.StagePercents = append(pp.StagePercents, ProgressFigures{Required: st.Required, RequiredDone: st.RequiredDone}.Percent())
		}
		out.Paths = append(out.Paths, pp)
		out.add(ap)
	}
	x := sp.idx
	watched := watchedPercents(x, "", watchRows, pr)
	for _, p := range rows {
		u := LearnedUnit{ID: p.UnitID, Title: p.UnitID, Status: p.Status, Watched: -1, Version: p.VersionNo,
			Current: sp.files[x.File(p.UnitID)].no, StartedAt: fromMs(p.StartedAt), DoneAt: fromMs(p.DoneAt),
			UpdatedAt: fromMs(p.UpdatedAt)}
		if un := x.Unit(p.UnitID); un != nil {
			b := unitBrief(x, un)
			u.Kind, u.Title, u.TitleEN, u.Course, u.CourseEN = b.Kind, b.Title, b.TitleEN, b.Course, b.CourseEN
		} else if s := x.SOP(p.UnitID); s != nil {
			u.Kind, u.Title, u.TitleEN = "sop", s.Title, s.TitleEN
			if m := x.Module(x.ModuleOf(s.ID)); m != nil {
				u.Course, u.CourseEN = m.Title, m.TitleEN
			}
		}
		if pct, ok := watched[p.UnitID]; ok {
			u.Watched = pct
		}
		out.Record = append(out.Record, u)
	}
	// The latest first, as a manager asks "what has she been doing".
	slices.SortFunc(out.Record, func(x, y LearnedUnit) int {
		return cmp.Or(y.UpdatedAt.Compare(x.UpdatedAt), cmp.Compare(x.ID, y.ID))
	})
	return out, nil
}

// ProgressPeopleFilter is a dashboard row opened: its grouping and key,
// the path filter and the employee-number cursor.
type ProgressPeopleFilter struct {
	PathID, By, Key, After string
}

// ProgressPeoplePage is one page of people with their paths.
type ProgressPeoplePage struct {
	People                 []PersonProgress
	Group, GroupEN         string // the row's name ("" for NoGroup)
	Next                   string
	PathTitle, PathTitleEN string
}

// ProgressPeople lists one page of the viewer's people in a dashboard row,
// each with their paths worked out.
func (a *App) ProgressPeople(ctx context.Context, ac Actor, f ProgressPeopleFilter) (ProgressPeoplePage, error) {
	var out ProgressPeoplePage
	pq := progressQuery{pathID: f.PathID, after: f.After, limit: progressPageSize, once: true}
	if f.By == ByPath && f.Key != "" {
		pq.pathID = f.Key
	}
	sp, err := a.progressPack(ctx, ac, pq.pathID)
	if err != nil {
		return out, err
	}
	if pa := sp.idx.Path(pq.pathID); pa != nil {
		out.PathTitle, out.PathTitleEN = pa.Title, pa.TitleEN
	}
	switch f.By {
	case ByDepartment:
		pq.dept = f.Key
	case ByPosition:
		pq.pos = f.Key
	case ByStore:
		pq.store = f.Key
	case ByGroup:
		pq.group = f.Key
	}
	if out.Group, err = a.groupName(ctx, f.By, f.Key); err != nil {
		return out, err
	}
	if f.By == ByPath {
		out.Group, out.GroupEN = out.PathTitle, out.PathTitleEN
	}
	out.Next, err = a.progressBatches(ctx, ac, sp, pq, func(pp *PersonProgress, _, _ []keyName) {
		out.People = append(out.People, *pp)
	})
	return out, err
}

// groupName names a dashboard row's department, position, store or group.
func (a *App) groupName(ctx context.Context, by, key string) (string, error) {
	if key == "" || key == NoGroup {
		return "", nil
	}
	var name string
	err := a.store.Read(ctx, func(q *store.Queries) error {
		switch by {
		case ByDepartment:
			d, err := q.GetDepartment(ctx, key)
			name = d.Name
			return err
		case ByPosition:
			p, err := q.GetPosition(ctx, key)
			name = p.Name
			return err
		case ByStore:
			s, err := q.GetStore(ctx, key)
			name = s.Name
			return err
		case ByGroup:
			g, err := q.GetGroup(ctx, key)
			name = g.Name
			return err
		}
		return nil
	})
	return name, err
}
