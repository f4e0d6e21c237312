package app

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/impact"
	"github.com/shopdojo/shopdojo/internal/kpi"
)

// Training impact: after a training window, compare a KPI before and
// after for the units (a store's customer-service agents, or stores) whose
// people completed the training in the window against those who did not,
// as a difference-in-differences with a bootstrap interval
// (internal/impact). The query lives in the page's address; nothing is
// saved.

// ImpactLevel is what the analysis compares.
type ImpactLevel string

// Levels.
const (
	ImpactAgents ImpactLevel = "agents" // the store's customer-service agents
	ImpactStores ImpactLevel = "stores" // every store the actor can see with data
)

// ImpactSeed seeds the bootstrap, so an address gives the same interval
// every time it is opened.
const ImpactSeed = 20260618

// impactMetrics are the metrics offered per level.
var impactMetrics = map[ImpactLevel][]string{
	ImpactAgents: AgentMetrics,
	ImpactStores: {kpi.GMV, kpi.PayConversion, kpi.AOV, kpi.RefundRateOrders, kpi.Visitors, kpi.CSResponseRate3, kpi.CSInquiryConv},
}

// ImpactMetrics lists the metrics of a level.
func ImpactMetrics(l ImpactLevel) []string { return slices.Clone(impactMetrics[l]) }

// ImpactPerDay reports whether a metric is compared per day: sums (GMV,
// visitors) grow with the window's length, so windows of different lengths
// compare their daily averages.
func ImpactPerDay(metric string) bool { return metric == kpi.GMV || metric == kpi.Visitors }

// ImpactInput is the analysis as asked in the address: days are
// YYYY-MM-DD and inclusive; empty fields take the defaults.
type ImpactInput struct {
	Level, Metric, Training string
	From, To                string // the training window
	BeforeFrom, BeforeTo    string
	AfterFrom, AfterTo      string
}

// ImpactQuery is the analysis resolved: windows are [From, To).
type ImpactQuery struct {
	Level                ImpactLevel
	Metric, Training     string
	WindowFrom, WindowTo time.Time
	BeforeFrom, BeforeTo time.Time
	AfterFrom, AfterTo   time.Time
}

// ImpactUnit is one agent or store with its training and its figures.
type ImpactUnit struct {
	ID, Name      string
	Person        string // the linked person (agents)
	Trained       bool
	CompletedAt   time.Time // zero: not completed
	Before, After float64
	HasBefore     bool
	HasAfter      bool
	Reason        string // message id when excluded
}

// Arm is a group's mean before and after.
type Arm struct{ Before, After, Change float64 }

// ImpactAnalysis is the page: the query, the choices, the estimate and
// the units.
type ImpactAnalysis struct {
	Store     shopdojo.Store
	Query     ImpactQuery
	Input     ImpactInput // the query as the form shows it
	Metrics   []string
	Trainings []TrainingOption
	Training  TrainingOption
	Estimate  *impact.Estimate
	Treated   Arm
	Control   Arm
	Verdict   string // message id: better, worse, or unclear
	Units     []ImpactUnit
	Excluded  []ImpactUnit
	Empty     string // message id of the empty state
	HasCS     bool
}

// Verdicts.
const (
	VerdictBetter        = "impact.verdict_better"
	VerdictWorse         = "impact.verdict_worse"
	VerdictBetterUnclear = "impact.verdict_better_unclear"
	VerdictWorseUnclear  = "impact.verdict_worse_unclear"
	VerdictNone          = "impact.verdict_none"
	VerdictTooFew        = "impact.verdict_too_few"    // an arm of one: the bootstrap cannot vary
	VerdictNoControl     = "impact.verdict_no_control" // a before/after change only
)

// Exclusion reasons and empty states.
const (
	ReasonUnlinked       = "impact.reason_unlinked"
	ReasonTrainedBefore  = "impact.reason_trained_before"
	ReasonTrainedAfter   = "impact.reason_trained_after"
	ReasonNoBefore       = "impact.reason_no_before"
	ReasonNoAfter        = "impact.reason_no_after"
	ReasonNoData         = "impact.reason_no_data"
	EmptyNoCS            = "impact.empty_no_cs"
	EmptyNoLinked        = "impact.empty_no_linked"
	EmptyNoTrained       = "impact.empty_no_trained"
	EmptyNoStores        = "impact.empty_no_stores"
	EmptyNoUnits         = "impact.empty_no_units"
	impactMaxWindowDays  = 366
	impactDefaultWindow  = 21
	impactDefaultCompare = 30
)

// StoreImpact runs the analysis from a store's page. A query that does not
// validate returns the page's choices with the error, for the form.
func (a *App) StoreImpact(ctx context.Context, ac Actor, storeID string, in ImpactInput) (ImpactAnalysis, error) {
	v := ImpactAnalysis{Input: in}
	sp, err := a.pack(ctx)
	if err != nil {
		return v, err
	}
	v.Trainings = trainingOptions(sp.idx)
	st, agents, err := a.impactStore(ctx, ac, storeID)
	if err != nil {
		return v, err
	}
	v.Store, v.HasCS = st, len(agents) > 0
	level := ImpactAgents
	if !v.HasCS {
		level = ImpactStores
	}
	if in.Level != "" {
		level = ImpactLevel(in.Level)
	}
	// The windows end at the last day of the agents' data, or yesterday
	// for stores.
	anchor := lastAgentDay(agents, a.Location(), a.now())
	if level != ImpactAgents || !v.HasCS {
		y, m, d := a.now().In(a.Location()).Date()
		anchor = time.Date(y, m, d-1, 0, 0, 0, 0, a.Location())
	}
	in.Level = string(level)
	q, err := a.resolveImpact(in, v.Trainings, anchor)
	v.Query, v.Metrics = q, ImpactMetrics(q.Level)
	v.Input = q.input(a.Location())
	v.Training = trainingOption(v.Trainings, q.Training)
	if err != nil {
		return v, err
	}
	units, err := a.impactUnits(ctx, ac, storeID, q, sp.idx)
	if err != nil {
		return v, err
	}
	v.estimate(units)
	v.Empty = v.emptyState()
	return v, nil
}

func trainingOption(opts []TrainingOption, ref string) TrainingOption {
	if i := slices.IndexFunc(opts, func(o TrainingOption) bool { return o.Ref == ref }); i >= 0 {
		return opts[i]
	}
	return TrainingOption{}
}

// resolveImpact checks the input and fills the defaults: the level's
// first metric, the module the diagnosis rules give for it, a 21-day
// training window ending 30 days before the last day of data, and 30 days
// either side of it.
func (a *App) resolveImpact(in ImpactInput, opts []TrainingOption, anchor time.Time) (ImpactQuery, error) {
	var v shopdojo.Validation
	q := ImpactQuery{Level: ImpactLevel(in.Level), Metric: in.Metric, Training: in.Training}
	v.Check(impactMetrics[q.Level] != nil, "level", "error.out_of_range")
	if impactMetrics[q.Level] == nil {
		q.Level = ImpactAgents
	}
	if q.Metric == "" {
		q.Metric = impactMetrics[q.Level][0]
	}
	v.Check(slices.Contains(impactMetrics[q.Level], q.Metric), "metric", "error.out_of_range")
	if q.Training == "" {
		q.Training = defaultTraining(opts, q.Metric)
	}
	v.Check(slices.ContainsFunc(opts, func(o TrainingOption) bool { return o.Ref == q.Training }), "training", "impact.training_unknown")
	a.resolveWindows(&q, in, anchor, &v)
	return q, v.Err()
}

// defaultTraining is the first module the diagnosis rules give for the
// metric (for the 3-minute response rate, 客户服务与售后运营), else the
// first module.
func defaultTraining(opts []TrainingOption, metric string) string {
	for _, r := range kpi.DefaultRules().Rules {
		if r.Metric == metric && len(r.Modules) > 0 &&
			slices.ContainsFunc(opts, func(o TrainingOption) bool { return o.Ref == r.Modules[0] }) {
			return r.Modules[0]
		}
	}
	if len(opts) == 0 {
		return ""
	}
	return opts[0].Ref
}

func (a *App) resolveWindows(q *ImpactQuery, in ImpactInput, anchor time.Time, v *shopdojo.Validation) {
	day := func(field, s string, def time.Time) time.Time {
		if strings.TrimSpace(s) == "" {
			return def
		}
		t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), a.Location())
		v.Check(err == nil, field, "impact.date_invalid")
		if err != nil {
			return def
		}
		return t
	}
	end := anchor.AddDate(0, 0, 1-impactDefaultCompare)
	q.WindowTo = day("to", in.To, end.AddDate(0, 0, -1)).AddDate(0, 0, 1)
	q.WindowFrom = day("from", in.From, q.WindowTo.AddDate(0, 0, -impactDefaultWindow))
	q.BeforeTo = day("before_to", in.BeforeTo, q.WindowFrom.AddDate(0, 0, -1)).AddDate(0, 0, 1)
	q.BeforeFrom = day("before_from", in.BeforeFrom, q.BeforeTo.AddDate(0, 0, -impactDefaultCompare))
	q.AfterFrom = day("after_from", in.AfterFrom, q.WindowTo)
	q.AfterTo = day("after_to", in.AfterTo, q.AfterFrom.AddDate(0, 0, impactDefaultCompare-1)).AddDate(0, 0, 1)
	span := func(from, to time.Time, field string) {
		v.Check(from.Before(to), field, "impact.window_order")
		v.Check(to.Sub(from) <= impactMaxWindowDays*24*time.Hour, field, "impact.window_too_long")
	}
	span(q.WindowFrom, q.WindowTo, "to")
	span(q.BeforeFrom, q.BeforeTo, "before_to")
	span(q.AfterFrom, q.AfterTo, "after_to")
	v.Check(!q.BeforeTo.After(q.WindowFrom), "before_to", "impact.before_overlaps")
	v.Check(!q.AfterFrom.Before(q.WindowTo), "after_from", "impact.after_overlaps")
}

// input writes the query back as the form shows it (inclusive days).
func (q ImpactQuery) input(loc *time.Location) ImpactInput {
	d := func(t time.Time) string { return t.In(loc).Format(time.DateOnly) }
	last := func(t time.Time) string { return d(t.AddDate(0, 0, -1)) }
	return ImpactInput{Level: string(q.Level), Metric: q.Metric, Training: q.Training,
		From: d(q.WindowFrom), To: last(q.WindowTo), BeforeFrom: d(q.BeforeFrom), BeforeTo: last(q.BeforeTo),
		AfterFrom: d(q.AfterFrom), AfterTo: last(q.AfterTo)}
}

// estimate splits the units into arms and runs the DiD.
func (v *ImpactAnalysis) estimate(units []ImpactUnit) {
	var treated, control []impact.Unit
	for _, u := range units {
		if u.Reason != "" {
			v.Excluded = append(v.Excluded, u)
			continue
		}
		v.Units = append(v.Units, u)
		iu := impact.Unit{ID: u.ID, Before: u.Before, After: u.After}
		if u.Trained {
			treated = append(treated, iu)
		} else {
			control = append(control, iu)
		}
	}
	v.Treated, v.Control = armOf(treated), armOf(control)
	e, err := impact.DiD(treated, control, impact.Options{Seed: ImpactSeed})
	if errors.Is(err, impact.ErrNoTreated) {
		return
	}
	v.Estimate = &e
	v.Verdict = verdict(e, kpi.DirectionOf(v.Query.Metric))
}

func armOf(us []impact.Unit) Arm {
	if len(us) == 0 {
		return Arm{}
	}
	var b, af float64
	for _, u := range us {
		b, af = b+u.Before, af+u.After
	}
	n := float64(len(us))
	return Arm{Before: b / n, After: af / n, Change: (af - b) / n}
}

// verdict says whether the effect goes the metric's good way (lower is
// better for response times and refunds) and whether the interval is
// clear of zero. An arm of one unit resamples to itself, so its interval
// says nothing; without controls the change is not the training's.
func verdict(e impact.Estimate, dir kpi.Direction) string {
	if e.NTreated < 2 || e.NControl == 1 {
		return VerdictTooFew
	}
	if e.NControl == 0 {
		return VerdictNoControl
	}
	good := e.Effect * float64(dir)
	clear := e.Low > 0 || e.High < 0
	switch {
	case good > 0 && clear:
		return VerdictBetter
	case good < 0 && clear:
		return VerdictWorse
	case good > 0:
		return VerdictBetterUnclear
	case good < 0:
		return VerdictWorseUnclear
	}
	return VerdictNone
}

func (v *ImpactAnalysis) emptyState() string {
	switch {
	case v.Query.Level == ImpactAgents && !v.HasCS:
		return EmptyNoCS
	case v.Query.Level == ImpactAgents && !slices.ContainsFunc(append(v.Units, v.Excluded...), func(u ImpactUnit) bool { return u.Reason != ReasonUnlinked }):
		return EmptyNoLinked
	case v.Query.Level == ImpactStores && len(v.Units)+len(v.Excluded) == 0:
		return EmptyNoStores
	case len(v.Units) == 0:
		return EmptyNoUnits
	case v.Estimate == nil:
		return EmptyNoTrained
	}
	return ""
}

// metricValue is a group's metric for the analysis, per day for sums.
func metricValue(g kpi.Group, key string, from, to time.Time) (float64, bool) {
	m, ok := g.Metric(key)
	if !ok || !m.OK {
		return 0, false
	}
	if ImpactPerDay(key) {
		return m.Value / math.Max(1, math.Round(to.Sub(from).Hours()/24)), true
	}
	return m.Value, true
}
