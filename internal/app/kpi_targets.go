package app

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// KPITargetInput is a target as a manager enters it: ratios in percent
// (3.5 for 3.5 %), money in yuan, as the platforms show them.
type KPITargetInput struct {
	Metric string
	Value  string
	Source kpi.Source // manager, peer_avg or peer_top (copied from 生意参谋)
	Note   string
}

// targetSources are the sources a person may enter; generic defaults and
// the break-even line are the product's own.
var targetSources = []kpi.Source{kpi.SourceManager, kpi.SourcePeerAvg, kpi.SourcePeerTop}

// TargetSources lists them for forms.
func TargetSources() []kpi.Source { return slices.Clone(targetSources) }

// KPITargets are a store's targets as set.
func (a *App) KPITargets(ctx context.Context, ac Actor, storeID string) ([]kpi.Target, error) {
	var out []kpi.Target
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if _, err := a.storeFor(ctx, q, ac, storeID, shopdojo.PermStoreDataRead); err != nil {
			return err
		}
		rows, err := q.ListKPITargets(ctx, storeID)
		for _, r := range rows {
			out = append(out, kpi.Target{Metric: r.Metric, Store: r.StoreID, Value: r.Value, Source: kpi.Source(r.Source), Note: r.Note})
		}
		return err
	})
	return out, err
}

// SetKPITarget sets (or replaces) a store's target for one metric.
func (a *App) SetKPITarget(ctx context.Context, ac Actor, storeID string, in KPITargetInput) error {
	value, err := in.parse()
	if err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		st, err := a.storeFor(ctx, tx.Queries, ac, storeID, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		if err := tx.UpsertKPITarget(ctx, sqlq.UpsertKPITargetParams{StoreID: storeID, Metric: in.Metric, Value: value,
			Source: string(in.Source), Note: strings.TrimSpace(in.Note), SetBy: nullStr(ac.PersonID), SetAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "storedata.target", ObjectType: "store", ObjectID: storeID, ObjectName: st.Name,
			After: map[string]string{"metric": in.Metric, "value": strconv.FormatFloat(value, 'g', -1, 64), "source": string(in.Source)}})
	})
}

// DeleteKPITarget removes a store's target for a metric.
func (a *App) DeleteKPITarget(ctx context.Context, ac Actor, storeID, metric string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		st, err := a.storeFor(ctx, tx.Queries, ac, storeID, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		if err := tx.DeleteKPITarget(ctx, sqlq.DeleteKPITargetParams{StoreID: storeID, Metric: metric}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "storedata.target_delete", ObjectType: "store", ObjectID: storeID,
			ObjectName: st.Name, Before: map[string]string{"metric": metric}})
	})
}

// parse checks the input and converts the value to the metric's unit.
func (in KPITargetInput) parse() (float64, error) {
	var v shopdojo.Validation
	known := slices.Contains(kpi.Keys(), in.Metric)
	v.Check(known, "metric", "error.out_of_range")
	v.Check(slices.Contains(targetSources, in.Source), "source", "error.out_of_range")
	v.Check(len([]rune(in.Note)) <= 200, "note", "error.too_long")
	s := strings.TrimSpace(strings.NewReplacer("%", "", "％", "", "¥", "", "￥", "", ",", "").Replace(in.Value))
	f, err := strconv.ParseFloat(s, 64)
	v.Check(err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && f > 0, "value", "storedata.target_value_invalid")
	if err := v.Err(); err != nil {
		return 0, err
	}
	switch kpi.UnitOf(in.Metric) {
	case kpi.UnitRatio:
		if f > 100 {
			v.Add("value", "storedata.target_value_invalid")
			return 0, v.Err()
		}
		return f / 100, nil
	case kpi.UnitMoney:
		return math.Round(f * 100), nil
	}
	return f, nil
}
