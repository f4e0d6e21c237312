package app

import (
	"context"
	"slices"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// PlanAcceptance is what accepting a diagnosis's training plan did, per
// plan item and position.
type PlanAcceptance struct {
	Items []AcceptedItem
}

// AcceptedItem is one position of one accepted plan item.
type AcceptedItem struct {
	Metric           string
	Position         string
	PathID           string // the position's course map; "" when it has none
	PathTitle        string
	PathTitleEN      string
	Assigned, Had    int  // people who got the path now, and who had it
	StoreStaff       bool // the people were the store's own (else everyone in the position)
	NoPath, NoPeople bool
}

// planDueDays is how long people get for a path assigned from a diagnosis.
const planDueDays = 30

// AcceptTrainingPlan turns the accepted items of a store's current plan
// (by metric; nil accepts all) into assignments: for each position an
// item names, that position's course map goes to the store's own staff in
// the position, or, when the store has none linked, to everyone in it. The
// plan is worked out again here from the stored data, never taken from the
// page.
func (a *App) AcceptTrainingPlan(ctx context.Context, ac Actor, storeID string, metrics []string) (PlanAcceptance, error) {
	var out PlanAcceptance
	if err := ac.require(shopdojo.PermPeopleManage); err != nil {
		return out, err
	}
	d, err := a.StoreDashboard(ctx, ac, storeID, DashboardQuery{})
	if err != nil {
		return out, err
	}
	if err := a.store.Read(ctx, func(q *store.Queries) error {
		_, err := a.storeFor(ctx, q, ac, storeID, shopdojo.PermStoreDataManage)
		return err
	}); err != nil {
		return out, err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return out, err
	}
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		out = PlanAcceptance{}
		for _, it := range d.Plan.Items {
			if metrics != nil && !slices.Contains(metrics, it.Metric) {
				continue
			}
			for _, pos := range it.Positions {
				item, err := a.acceptPosition(ctx, tx, sp, ac, storeID, pos)
				if err != nil {
					return err
				}
				item.Metric = it.Metric
				out.Items = append(out.Items, item)
			}
		}
		return a.record(ctx, tx, ac, change{Action: "storedata.plan_accept", ObjectType: "store", ObjectID: storeID,
			ObjectName: d.Store.Name, After: map[string]string{"items": acceptedSummary(out)}})
	})
	return out, err
}

// acceptPosition assigns a position's course map for a plan item.
func (a *App) acceptPosition(ctx context.Context, tx *store.Tx, sp *storedPack, ac Actor, storeID, position string) (AcceptedItem, error) {
	item := AcceptedItem{Position: position}
	pa := pathForPosition(sp.idx, position)
	if pa == nil {
		item.NoPath = true
		return item, nil
	}
	item.PathID, item.PathTitle, item.PathTitleEN = pa.ID, pa.Title, pa.TitleEN
	people, err := tx.ListPeopleForStorePlan(ctx, sqlq.ListPeopleForStorePlanParams{StoreID: storeID, Position: position})
	if err != nil {
		return item, err
	}
	staff := slices.DeleteFunc(slices.Clone(people), func(p sqlq.ListPeopleForStorePlanRow) bool { return !p.Linked })
	if item.StoreStaff = len(staff) > 0; item.StoreStaff {
		people = staff
	}
	item.NoPeople = len(people) == 0
	for _, p := range people {
		n, err := a.assignTx(ctx, tx, sp, p.ID, pa.ID, "diagnosis", "", ac.PersonID, planDueDays)
		if err != nil {
			return item, err
		}
		item.Assigned += n
		item.Had += 1 - n
	}
	return item, nil
}

// pathForPosition is the course map of a position (by its Chinese name).
func pathForPosition(x *curriculum.Index, position string) *curriculum.Path {
	for i := range x.Pack.Paths {
		if p := &x.Pack.Paths[i]; p.Position == position {
			return p
		}
	}
	return nil
}

func acceptedSummary(p PlanAcceptance) string {
	var parts []string
	for _, it := range p.Items {
		parts = append(parts, it.Metric+":"+it.Position+"→"+it.PathID+"+"+itoa(int64(it.Assigned)))
	}
	return strings.Join(parts, ", ")
}
