package app

import (
	"context"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/roster"
	"github.com/shopdojo/shopdojo/internal/store"
)

// exportExtras are the columns a people export needs beyond the list query:
// roles, store names and the employee numbers of managers and mentors.
type exportExtras struct {
	roles, stores map[string][]string
	nos           map[string]string // person id → employee no
}

func (a *App) loadExportExtras(ctx context.Context) (exportExtras, error) {
	x := exportExtras{roles: map[string][]string{}, stores: map[string][]string{}, nos: map[string]string{}}
	err := a.store.Read(ctx, func(q *store.Queries) error {
		roles, err := q.ListAllPersonRoles(ctx)
		if err != nil {
			return err
		}
		for _, r := range roles {
			x.roles[r.PersonID] = append(x.roles[r.PersonID], r.Role)
		}
		stores, err := q.ListAllPersonStoreNames(ctx)
		if err != nil {
			return err
		}
		for _, s := range stores {
			x.stores[s.PersonID] = append(x.stores[s.PersonID], s.Name)
		}
		nos, err := q.ListEmployeeNos(ctx)
		for _, n := range nos {
			x.nos[n.ID] = n.EmployeeNo
		}
		return err
	})
	return x, err
}

func (x exportExtras) row(p shopdojo.Person) roster.Row {
	return roster.Row{EmployeeNo: p.EmployeeNo, Name: p.Name, Mobile: p.Mobile, Email: p.Email,
		Department: p.DepartmentName, Position: p.PositionName, Manager: x.nos[p.ManagerID],
		Mentor: x.nos[p.MentorID], HireDate: p.HireDate, Status: string(p.Status),
		Roles: strings.Join(x.roles[p.ID], ","), Stores: strings.Join(x.stores[p.ID], "、"),
		DingTalkID: p.DingTalkID, WeComID: p.WeComID, FeishuID: p.FeishuID}
}

// ExportPeople returns, as roster rows, everyone the actor may read who
// matches f (its cursor and limit are ignored), in employee-number order, so
// the file can be edited and imported again.
func (a *App) ExportPeople(ctx context.Context, ac Actor, f PeopleFilter) ([]roster.Row, error) {
	if err := ac.require(shopdojo.PermPeopleRead); err != nil {
		return nil, err
	}
	x, err := a.loadExportExtras(ctx)
	if err != nil {
		return nil, err
	}
	var rows []roster.Row
	f.After, f.Limit = "", 500
	for {
		page, err := a.People(ctx, ac, f)
		if err != nil {
			return nil, err
		}
		for _, p := range page.People {
			rows = append(rows, x.row(p))
		}
		if page.Next == "" {
			return rows, nil
		}
		f.After = page.Next
	}
}
