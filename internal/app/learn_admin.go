package app

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The training manager's side of the course maps (学习进度): how far the
// people one may read are along their assigned paths, by department,
// position, store, group or path; who is overdue; one person's paths and
// the versions they learned. Every figure comes from pathView, the same
// reckoning a learner's course map shows, over progress read in batches
// of people (progressBatch at a time, two or three queries a batch), so a
// dashboard of 10,000 people is a few dozen queries, memory stays bounded,
// and nobody outside the viewer's people scope is ever read.

// Progress groupings of the dashboard.
const (
	ByDepartment = "department"
	ByPosition   = "position"
	ByStore      = "store"
	ByGroup      = "group"
	ByPath       = "path"
)

// ProgressGroupings lists the groupings in display order.
var ProgressGroupings = []string{ByDepartment, ByPosition, ByStore, ByGroup, ByPath}

// NoGroup is the key of the row of people without a department, position,
// store or group.
const NoGroup = "-"

const (
	progressBatch    = 1000 // people read at a time for dashboards
	progressPageSize = 25
)

// ProgressFigures add up assignments. Completion is required items done
// over required items of the assigned paths.
type ProgressFigures struct {
	People, Assignments    int
	Required, RequiredDone int
	Certified, Overdue     int
}

// Percent is the share of required items done.
func (f ProgressFigures) Percent() int {
	if f.Required == 0 {
		return 0
	}
	return f.RequiredDone * 100 / f.Required
}

func (f *ProgressFigures) addPerson(pp *PersonProgress) {
	f.People++
	for _, ap := range pp.Paths {
		f.add(ap)
	}
}

func (f *ProgressFigures) add(ap AssignmentProgress) {
	f.Assignments++
	f.Required += ap.Required
	f.RequiredDone += ap.RequiredDone
	if ap.Certified {
		f.Certified++
	}
	if ap.Overdue {
		f.Overdue++
	}
}

// AssignmentProgress is how far a person is along one assigned path.
type AssignmentProgress struct {
	PathID, Title, TitleEN string
	Source                 string // rule or manual
	AssignedAt, DueAt      time.Time
	Required, RequiredDone int // the path's required items, and those done
	Units, Done            int
	Certified, Overdue     bool
	DaysOverdue            int
}

// Percent is the share of the path's required items done.
func (p AssignmentProgress) Percent() int {
	if p.Required == 0 {
		if p.Certified {
			return 100
		}
		return 0
	}
	return p.RequiredDone * 100 / p.Required
}

// PersonProgress is a person with their assigned paths.
type PersonProgress struct {
	ID, EmployeeNo, Name     string
	DepartmentID, Department string
	PositionID, Position     string
	Paths                    []AssignmentProgress
	ProgressFigures
}

// ProgressRow is one group of the dashboard.
type ProgressRow struct {
	Key, Name, NameEN string // Key NoGroup: people without one
	ProgressFigures
}

// PathChoice names a path for filters and forms.
type PathChoice struct{ ID, Title, TitleEN string }

// ProgressDashboard is 学习进度.
type ProgressDashboard struct {
	By, PathID string
	Paths      []PathChoice
	Total      ProgressFigures
	Rows       []ProgressRow
	NoContent  bool // no curriculum stored yet
}

// progressQuery selects the people of a progress read.
type progressQuery struct {
	pathID, dept, pos, store, group string
	dueBefore                       int64
	dims                            bool // read stores and groups too
	after                           string
	limit                           int
	once                            bool // one batch: a page
}

// keyName is a store or group a person belongs to.
type keyName struct{ key, name string }

// progressBatches calls fn for every person in the viewer's scope matched
// by pq, batch by batch, with their paths worked out, and returns the
// cursor of the next page when pq.once and the page was full.
func (a *App) progressBatches(ctx context.Context, ac Actor, sp *storedPack, pq progressQuery,
	fn func(pp *PersonProgress, stores, groups []keyName)) (string, error) {
	lp := a.listParams(ac, PeopleFilter{}, "")
	now := a.now()
	after := pq.after
	err := a.store.Read(ctx, func(q *store.Queries) error {
		for {
			rows, err := q.ListProgressAssignments(ctx, sqlq.ListProgressAssignmentsParams{PathID: pq.pathID,
				DueBefore: pq.dueBefore, ViewerID: lp.ViewerID, After: after, DepartmentID: pq.dept, PositionID: pq.pos,
				StoreID: pq.store, GroupID: pq.group, ScopeAll: lp.ScopeAll, ScopeMentees: lp.ScopeMentees,
				ScopeDept: lp.ScopeDept, Lim: int32(pq.limit)})
			if err != nil || len(rows) == 0 {
				after = ""
				return err
			}
			last := rows[len(rows)-1].EmployeeNo
			dp := sqlq.ListProgressDoneParams{After: after, Last: last, PathID: pq.pathID, DueBefore: pq.dueBefore,
				DepartmentID: pq.dept, PositionID: pq.pos, StoreID: pq.store, GroupID: pq.group, ScopeAll: lp.ScopeAll,
				ViewerID: lp.ViewerID, ScopeMentees: lp.ScopeMentees, ScopeDept: lp.ScopeDept}
			prs, err := batchProgress(ctx, q, dp, now)
			if err != nil {
				return err
			}
			var stores, groups map[string][]keyName
			if pq.dims {
				mp := sqlq.ListProgressMembershipsParams{ViewerID: dp.ViewerID, After: dp.After, Last: dp.Last,
					PathID: dp.PathID, DueBefore: dp.DueBefore, DepartmentID: dp.DepartmentID, PositionID: dp.PositionID,
					StoreID: dp.StoreID, GroupID: dp.GroupID, ScopeAll: dp.ScopeAll, ScopeMentees: dp.ScopeMentees,
					ScopeDept: dp.ScopeDept}
				if stores, groups, err = batchMemberships(ctx, q, mp); err != nil {
					return err
				}
			}
			people := 0
			for i := 0; i < len(rows); {
				r := rows[i]
				pp := &PersonProgress{ID: r.ID, EmployeeNo: r.EmployeeNo, Name: r.Name, DepartmentID: r.DepartmentID,
					Department: r.DepartmentName, PositionID: r.PositionID, Position: r.PositionName}
				pr := prs[r.ID]
				if pr.units == nil {
					pr = progressOf{units: map[string]unitState{}, passed: map[string]bool{}}
				}
				for ; i < len(rows) && rows[i].ID == r.ID; i++ {
					x := rows[i]
					pa := sp.idx.Path(x.PathID)
					if pa == nil {
						continue // its path was archived
					}
					ap, _ := a.assignmentProgress(sp, pa, pr, sqlq.PathAssignment{PathID: x.PathID, Source: x.Source,
						AssignedAt: x.AssignedAt, DueAt: x.DueAt}, now)
					pp.Paths = append(pp.Paths, ap)
				}
				people++
				if len(pp.Paths) == 0 {
					continue
				}
				pp.addPerson(pp)
				fn(pp, stores[pp.ID], groups[pp.ID])
			}
			after = last
			if people < pq.limit {
				after = ""
				return nil
			}
			if pq.once {
				return nil
			}
		}
	})
	return after, err
}

// batchProgress reads a batch's done units and valid certifications.
func batchProgress(ctx context.Context, q *store.Queries, dp sqlq.ListProgressDoneParams, now time.Time) (map[string]progressOf, error) {
	done, err := q.ListProgressDone(ctx, dp)
	if err != nil {
		return nil, err
	}
	out := make(map[string]progressOf, len(done))
	get := func(id string, n int) progressOf {
		pr, ok := out[id]
		if !ok {
			pr = progressOf{units: make(map[string]unitState, n), passed: map[string]bool{}}
			out[id] = pr
		}
		return pr
	}
	for _, d := range done {
		units := get(d.PersonID, strings.Count(d.Units, ",")+1).units
		for id := range strings.SplitSeq(d.Units, ",") {
			units[id] = unitState{Status: StateDone}
		}
	}
	certs, err := q.ListProgressCertifications(ctx, sqlq.ListProgressCertificationsParams(dp))
	for _, c := range certs {
		if (shopdojo.Certification{ExpiresAt: fromMs(c.ExpiresAt)}).Valid(now) {
			get(c.PersonID, 0).passed[c.ExamID] = true
		}
	}
	return out, err
}

// batchMemberships reads a batch's stores and groups.
func batchMemberships(ctx context.Context, q *store.Queries, mp sqlq.ListProgressMembershipsParams) (stores, groups map[string][]keyName, err error) {
	rows, err := q.ListProgressMemberships(ctx, mp)
	stores, groups = map[string][]keyName{}, map[string][]keyName{}
	for _, r := range rows {
		if r.Kind == "s" {
			stores[r.PersonID] = append(stores[r.PersonID], keyName{r.Ref, r.Name})
		} else {
			groups[r.PersonID] = append(groups[r.PersonID], keyName{r.Ref, r.Name})
		}
	}
	return stores, groups, err
}

// assignmentProgress works out one assignment with pathView.
func (a *App) assignmentProgress(sp *storedPack, pa *curriculum.Path, pr progressOf, as sqlq.PathAssignment,
	now time.Time) (AssignmentProgress, PathView) {
	v := pathView(sp.idx, pa, sp.exams, pr)
	v.Assigned, v.AssignedAt, v.DueAt = true, fromMs(as.AssignedAt), fromMs(as.DueAt)
	ap := AssignmentProgress{PathID: v.ID, Title: v.Title, TitleEN: v.TitleEN, Source: as.Source,
		AssignedAt: v.AssignedAt, DueAt: v.DueAt, Units: v.Units, Done: v.Done, Certified: v.Certified,
		Overdue: v.Overdue(now)}
	for _, st := range v.Stages {
		ap.Required += st.Required
		ap.RequiredDone += st.RequiredDone
	}
	if ap.Overdue {
		ap.DaysOverdue = a.daysSince(v.DueAt, now)
	}
	return ap, v
}

// daysSince counts company-zone calendar days from t to now, at least 1.
func (a *App) daysSince(t, now time.Time) int {
	day := func(x time.Time) time.Time {
		y, m, d := x.In(a.opt.Location).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return max(1, int(day(now).Sub(day(t)).Hours()/24))
}

func pathChoices(sp *storedPack) []PathChoice {
	out := make([]PathChoice, 0, len(sp.idx.Pack.Paths))
	for _, pa := range sp.idx.Pack.Paths {
		out = append(out, PathChoice{ID: pa.ID, Title: pa.Title, TitleEN: pa.TitleEN})
	}
	return out
}

// progressPack is the published curriculum after the checks every progress
// page makes: the permission and a known path filter.
func (a *App) progressPack(ctx context.Context, ac Actor, pathID string) (*storedPack, error) {
	if err := ac.require(shopdojo.PermPeopleRead); err != nil {
		return nil, err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	if pathID != "" && sp.idx.Path(pathID) == nil {
		return nil, shopdojo.ErrNotFound
	}
	return sp, nil
}

// LearningProgress is the dashboard: the viewer's people on their paths
// (of pathID, or all) grouped by `by`.
func (a *App) LearningProgress(ctx context.Context, ac Actor, pathID, by string) (ProgressDashboard, error) {
	d := ProgressDashboard{By: by, PathID: pathID}
	if !slices.Contains(ProgressGroupings, by) {
		d.By = ByDepartment
	}
	sp, err := a.progressPack(ctx, ac, pathID)
	if err != nil {
		return d, err
	}
	d.Paths, d.NoContent = pathChoices(sp), len(sp.idx.Pack.Modules) == 0
	rows := map[string]*ProgressRow{}
	row := func(key, name, nameEN string) *ProgressRow {
		r, ok := rows[key]
		if !ok {
			r = &ProgressRow{Key: key, Name: name, NameEN: nameEN}
			rows[key] = r
		}
		return r
	}
	dims := d.By == ByStore || d.By == ByGroup
	_, err = a.progressBatches(ctx, ac, sp, progressQuery{pathID: pathID, dims: dims, limit: progressBatch},
		func(pp *PersonProgress, stores, groups []keyName) {
			d.Total.addPerson(pp)
			var keys []keyName
			switch d.By {
			case ByDepartment:
				keys = []keyName{{pp.DepartmentID, pp.Department}}
			case ByPosition:
				keys = []keyName{{pp.PositionID, pp.Position}}
			case ByStore:
				keys = stores
			case ByGroup:
				keys = groups
			case ByPath:
				for _, ap := range pp.Paths {
					r := row(ap.PathID, ap.Title, ap.TitleEN)
					r.People++
					r.add(ap)
				}
				return
			}
			if len(keys) == 0 || keys[0].key == "" {
				keys = []keyName{{NoGroup, ""}}
			}
			for _, k := range keys {
				row(k.key, k.name, "").addPerson(pp)
			}
		})
	for _, r := range rows {
		d.Rows = append(d.Rows, *r)
	}
	// The biggest groups first; people without a group last.
	slices.SortFunc(d.Rows, func(x, y ProgressRow) int {
		if (x.Key == NoGroup) != (y.Key == NoGroup) {
			if x.Key == NoGroup {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(y.People, x.People), cmp.Compare(x.Name, y.Name), cmp.Compare(x.Key, y.Key))
	})
	return d, err
}

// OverdueItem is an assignment past its due date and not certified.
type OverdueItem struct {
	PersonID, EmployeeNo, Name, Department, Position string
	AssignmentProgress
}

// OverduePage is one page of the overdue list.
type OverduePage struct {
	Items             []OverdueItem
	Paths             []PathChoice
	Total, Page, Last int // pages count from 1
}

// OverdueAssignments lists the viewer's people's overdue paths (of pathID,
// or all), the longest overdue first, a page at a time. Only people with a
// path past its due date are read.
func (a *App) OverdueAssignments(ctx context.Context, ac Actor, pathID string, page int) (OverduePage, error) {
	var out OverduePage
	sp, err := a.progressPack(ctx, ac, pathID)
	if err != nil {
		return out, err
	}
	out.Paths = pathChoices(sp)
	var all []OverdueItem
	_, err = a.progressBatches(ctx, ac, sp, progressQuery{pathID: pathID, dueBefore: a.nowMs(), limit: progressBatch},
		func(pp *PersonProgress, _, _ []keyName) {
			for _, ap := range pp.Paths {
				if ap.Overdue {
					all = append(all, OverdueItem{PersonID: pp.ID, EmployeeNo: pp.EmployeeNo, Name: pp.Name,
						Department: pp.Department, Position: pp.Position, AssignmentProgress: ap})
				}
			}
		})
	if err != nil {
		return out, err
	}
	slices.SortFunc(all, func(x, y OverdueItem) int {
		return cmp.Or(cmp.Compare(y.DaysOverdue, x.DaysOverdue), cmp.Compare(x.Percent(), y.Percent()),
			cmp.Compare(x.EmployeeNo, y.EmployeeNo), cmp.Compare(x.PathID, y.PathID))
	})
	out.Total = len(all)
	out.Last = max(1, (len(all)+progressPageSize-1)/progressPageSize)
	out.Page = min(max(page, 1), out.Last)
	from := (out.Page - 1) * progressPageSize
	out.Items = all[from:min(from+progressPageSize, len(all))]
	return out, nil
}
