package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The units of an impact analysis with their figures in the two windows.
// Figures come from the store's prepared dataset when the diagnosis has
// it cached (kpi_cache.go), else from the rows of the two windows only:
// customer-service rows for agents, every kind for stores.

// impactStore checks the actor may read the store and lists its agents.
func (a *App) impactStore(ctx context.Context, ac Actor, storeID string) (shopdojo.Store, []sqlq.ListKPIAgentsRow, error) {
	var st sqlq.Store
	var agents []sqlq.ListKPIAgentsRow
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if st, err = a.storeFor(ctx, q, ac, storeID, shopdojo.PermStoreDataRead); err != nil {
			return err
		}
		agents, err = q.ListKPIAgents(ctx, storeID)
		return err
	})
	return shopdojo.Store{ID: st.ID, Platform: shopdojo.Platform(st.Platform), Name: st.Name}, agents, err
}

func (a *App) impactUnits(ctx context.Context, ac Actor, storeID string, q ImpactQuery, x *curriculum.Index) ([]ImpactUnit, error) {
	units := trainingUnits(x, q.Training)
	if q.Level == ImpactAgents {
		return a.agentUnits(ctx, storeID, q, units)
	}
	stores, err := a.Stores(ctx, ac)
	if err != nil {
		return nil, err
	}
	var out []ImpactUnit
	for _, s := range stores {
		u, ok, err := a.storeUnit(ctx, ac, s, q, units)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, u)
		}
	}
	return sortUnits(out), nil
}

// agentUnits are the store's agents, each placed by the training of the
// person it is linked to.
func (a *App) agentUnits(ctx context.Context, storeID string, q ImpactQuery, units []string) ([]ImpactUnit, error) {
	var agents []sqlq.ListKPIAgentsRow
	var done []sqlq.ListStoreAgentProgressRow
	err := a.store.Read(ctx, func(tq *store.Queries) (err error) {
		if agents, err = tq.ListKPIAgents(ctx, storeID); err != nil {
			return err
		}
		done, err = tq.ListStoreAgentProgress(ctx, storeID)
		return err
	})
	if err != nil {
		return nil, err
	}
	res, err := a.windowResults(ctx, storeID, q, kpi.ByAgent, true)
	if err != nil {
		return nil, err
	}
	before, after := byKey(res[0]), byKey(res[1])
	comp := completions(units, agentDone(done))
	var out []ImpactUnit
	for _, r := range agents {
		u := ImpactUnit{ID: r.Agent, Name: r.Agent, Person: r.PersonName}
		if r.PersonID == "" {
			u.Reason = ReasonUnlinked
		}
		u.CompletedAt = comp[r.PersonID]
		u.place(q, before[r.Agent], after[r.Agent])
		out = append(out, u)
	}
	return sortUnits(out), nil
}

// storeUnit is a store placed by the earliest completion among its
// people; a store without any rows is left out (ok false).
func (a *App) storeUnit(ctx context.Context, ac Actor, s shopdojo.Store, q ImpactQuery, units []string) (ImpactUnit, bool, error) {
	var done []sqlq.ListStoreStaffProgressRow
	var span sqlq.KPIDataSpanRow
	err := a.store.Read(ctx, func(tq *store.Queries) (err error) {
		if _, err = a.storeFor(ctx, tq, ac, s.ID, shopdojo.PermStoreDataRead); err != nil {
			return err
		}
		if span, err = tq.KPIDataSpan(ctx, s.ID); err != nil {
			return err
		}
		done, err = tq.ListStoreStaffProgress(ctx, s.ID)
		return err
	})
	if k := shopdojo.KindOf(err); k == shopdojo.KindNotFound || k == shopdojo.KindForbidden {
		return ImpactUnit{}, false, nil // a store the actor cannot see
	}
	if err != nil || span.Orders+span.Traffic+span.Ads+span.Cs+span.Events == 0 {
		return ImpactUnit{}, false, err
	}
	res, err := a.windowResults(ctx, s.ID, q, kpi.ByNone, false)
	if err != nil {
		return ImpactUnit{}, false, err
	}
	u := ImpactUnit{ID: s.ID, Name: s.Name}
	for _, at := range completions(units, staffDone(done)) {
		if u.CompletedAt.IsZero() || at.Before(u.CompletedAt) {
			u.CompletedAt = at
		}
	}
	u.place(q, res[0].Total, res[1].Total)
	return u, true, nil
}

// place sets the unit's training status and figures, and the reason it
// is left out if it is.
func (u *ImpactUnit) place(q ImpactQuery, before, after kpi.Group) {
	u.Before, u.HasBefore = metricValue(before, q.Metric, q.BeforeFrom, q.BeforeTo)
	u.After, u.HasAfter = metricValue(after, q.Metric, q.AfterFrom, q.AfterTo)
	st := trainingStatus(u.CompletedAt, q)
	u.Trained = st == statusTrained
	reason := ""
	switch {
	case st == statusBefore:
		reason = ReasonTrainedBefore
	case st == statusAfter:
		reason = ReasonTrainedAfter
	case !u.HasBefore && !u.HasAfter:
		reason = ReasonNoData
	case !u.HasBefore:
		reason = ReasonNoBefore
	case !u.HasAfter:
		reason = ReasonNoAfter
	}
	if u.Reason == "" {
		u.Reason = reason
	}
}

// sortUnits puts trained units first, then by name.
func sortUnits(us []ImpactUnit) []ImpactUnit {
	slices.SortStableFunc(us, func(x, y ImpactUnit) int {
		if x.Trained != y.Trained {
			if x.Trained {
				return -1
			}
			return 1
		}
		return cmp.Compare(x.Name, y.Name)
	})
	return us
}

func byKey(r kpi.Result) map[string]kpi.Group {
	out := make(map[string]kpi.Group, len(r.Groups))
	for _, g := range r.Groups {
		out[g.Key] = g
	}
	return out
}

// windowResults computes the before and after windows grouped by by,
// over the cached prepared dataset if there is one, else over the rows of
// the windows (customer service only when csOnly).
func (a *App) windowResults(ctx context.Context, storeID string, q ImpactQuery, by kpi.Dimension, csOnly bool) ([2]kpi.Result, error) {
	qs := [2]kpi.Query{{From: q.BeforeFrom, To: q.BeforeTo, By: by, Zone: a.Location()},
		{From: q.AfterFrom, To: q.AfterTo, By: by, Zone: a.Location()}}
	var res [2]kpi.Result
	var ds kpi.Dataset
	var cached *kpiEntry
	err := a.store.Read(ctx, func(tq *store.Queries) error {
		stamp, err := kpiStamp(ctx, tq, storeID)
		if err != nil {
			return err
		}
		if cached = a.kpis.get(storeID, stamp); cached != nil {
			return nil
		}
		from, to := minTime(q.BeforeFrom, q.AfterFrom), maxTime(q.BeforeTo, q.AfterTo)
		if csOnly {
			ds, err = a.csDataset(ctx, tq, storeID, from, to)
		} else {
			ds, err = a.storeDataset(ctx, tq, storeID, from, to)
		}
		return err
	})
	if err != nil {
		return res, fmt.Errorf("impact of %s: read: %w", storeID, err)
	}
	for i, kq := range qs {
		if cached != nil {
			cached.mu.Lock()
			res[i], err = cached.prep.Compute(kq)
			cached.mu.Unlock()
		} else {
			res[i], err = kpi.Compute(ds, kq)
		}
		if err != nil {
			return res, fmt.Errorf("impact of %s: %w", storeID, err)
		}
	}
	return res, nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// csDataset is a dataset of a store's customer-service rows in [from, to)
// only, with the fields its imports had.
func (a *App) csDataset(ctx context.Context, q *store.Queries, storeID string, from, to time.Time) (kpi.Dataset, error) {
	ds, err := a.datasetFields(ctx, q, storeID)
	if err != nil {
		return ds, err
	}
	err = a.loadCS(ctx, q, storeID, from.In(a.Location()).Format(time.DateOnly), to.In(a.Location()).Format(time.DateOnly), &ds)
	return ds, err
}
