package app

import (
	"context"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// PeopleFilter selects people; After is the employee-number cursor.
type PeopleFilter struct {
	Query        string
	DepartmentID string
	PositionID   string
	Status       string
	Role         string
	GroupID      string
	After        string
	Limit        int
}

// PeoplePage is one page of people and the cursor for the next.
type PeoplePage struct {
	People []shopdojo.Person
	Next   string
}

func (a *App) listParams(ac Actor, f PeopleFilter, onlyID string) sqlq.ListPeopleParams {
	scope := shopdojo.PeopleScope(ac.Roles)
	if ac.System {
		scope = shopdojo.ScopeAll
	}
	b := func(ok bool) int64 {
		if ok {
			return 1
		}
		return 0
	}
	return sqlq.ListPeopleParams{After: f.After, OnlyID: onlyID,
		Query: strings.ToLower(strings.TrimSpace(f.Query)), DepartmentID: f.DepartmentID,
		PositionID: f.PositionID, Status: f.Status, Role: f.Role, GroupID: f.GroupID, ViewerID: ac.PersonID,
		ScopeAll: b(scope == shopdojo.ScopeAll), ScopeDept: b(scope >= shopdojo.ScopeDepartment),
		ScopeMentees: b(scope >= shopdojo.ScopeMentees), Lim: int32(clampLimit(f.Limit))}
}

// People lists the people the actor may read, filtered and paginated.
func (a *App) People(ctx context.Context, ac Actor, f PeopleFilter) (PeoplePage, error) {
	if err := ac.require(shopdojo.PermSignedIn); err != nil && !ac.System {
		return PeoplePage{}, err
	}
	p := a.listParams(ac, f, "")
	var rows []sqlq.ListPeopleRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListPeople(ctx, p); return }); err != nil {
		return PeoplePage{}, err
	}
	page := PeoplePage{People: make([]shopdojo.Person, len(rows))}
	for i, r := range rows {
		page.People[i] = shopdojo.Person{ID: r.ID, EmployeeNo: r.EmployeeNo, Name: r.Name, Mobile: r.Mobile,
			Email: r.Email, DingTalkID: r.DingtalkID, WeComID: r.WecomID, FeishuID: r.FeishuID, DepartmentID: r.DepartmentID.String, PositionID: r.PositionID.String,
			ManagerID: r.ManagerID.String, MentorID: r.MentorID.String, HireDate: r.HireDate,
			Status: shopdojo.PersonStatus(r.Status), DepartmentName: r.DepartmentName,
			PositionName: r.PositionName, Disabled: r.Disabled, CreatedAt: fromMs(r.CreatedAt)}
	}
	if len(rows) == int(p.Lim) {
		page.Next = rows[len(rows)-1].EmployeeNo
	}
	return page, nil
}

// Count is a label and a number, for dashboards.
type Count struct {
	Label string
	N     int64
}

// Overview is the home dashboard's figures.
type Overview struct {
	Active, Leaving, Left int64
	HiredLast30           int64
	Departments           int
	Positions             int
	Stores                []shopdojo.Store
	ByDepartment          []Count
	ByPosition            []Count
	ByPlatform            []Count
}

// Overview computes the company-wide dashboard figures. They are shown on
// every home page, so they are kept for ten seconds unless this process
// writes anything meanwhile.
func (a *App) Overview(ctx context.Context, ac Actor) (Overview, error) {
	if err := ac.require(shopdojo.PermOrgRead); err != nil {
		return Overview{}, err
	}
	now, gen := a.now(), a.store.Gen()
	since := now.In(a.opt.Location).AddDate(0, 0, -30).Format("2006-01-02")
	if o, ok := a.overview.get(since, gen, now); ok {
		return o, nil
	}
	o, err := a.computeOverview(ctx, ac, since)
	if err == nil {
		a.overview.put(since, o, gen, now)
	}
	return o, err
}

func (a *App) computeOverview(ctx context.Context, ac Actor, since string) (Overview, error) {
	var o Overview
	err := a.store.Read(ctx, func(q *store.Queries) error {
		st, err := q.CountPeopleByStatus(ctx)
		for _, s := range st {
			switch shopdojo.PersonStatus(s.Status) {
			case shopdojo.StatusActive:
				o.Active = s.N
			case shopdojo.StatusLeaving:
				o.Leaving = s.N
			case shopdojo.StatusLeft:
				o.Left = s.N
			}
		}
		if err != nil {
			return err
		}
		if o.HiredLast30, err = q.CountPeopleHiredSince(ctx, since); err != nil {
			return err
		}
		return a.overviewCounts(ctx, q, &o)
	})
	if err != nil {
		return o, err
	}
	o.Stores, err = a.Stores(ctx, ac)
	byPlatform := map[string]int64{}
	for _, s := range o.Stores {
		byPlatform[string(s.Platform)]++
	}
	for _, p := range shopdojo.Platforms {
		if n := byPlatform[string(p)]; n > 0 {
			o.ByPlatform = append(o.ByPlatform, Count{Label: string(p), N: n})
		}
	}
	return o, err
}

func (a *App) overviewCounts(ctx context.Context, q *store.Queries, o *Overview) error {
	bd, err := q.CountPeopleByDepartment(ctx)
	if err != nil {
		return err
	}
	for _, r := range bd {
		o.ByDepartment = append(o.ByDepartment, Count{Label: r.Name, N: r.N})
	}
	bp, err := q.CountPeopleByPosition(ctx)
	if err != nil {
		return err
	}
	for _, r := range bp {
		o.ByPosition = append(o.ByPosition, Count{Label: r.Name, N: r.N})
	}
	n, err := q.CountDepartments(ctx)
	o.Departments = int(n)
	if err != nil {
		return err
	}
	n, err = q.CountPositions(ctx)
	o.Positions = int(n)
	return err
}
