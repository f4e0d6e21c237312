package api

import (
	"net/http"
	"time"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/kpi"
)

// storeKPIs is a store's diagnosis as data: the metrics of the period in
// total and by the dimension asked for, the gaps against targets with
// their modules, the GMV change split into visitors × conversion × AOV,
// and the training plan. Money is in fen, ratios are fractions.
func (h *Handler) storeKPIs(w http.ResponseWriter, r *http.Request) error {
	q, err := h.kpiQuery(r)
	if err != nil {
		return err
	}
	d, err := h.app.StoreDashboard(r.Context(), actorOf(r), r.PathValue("id"), q)
	return respond(w, http.StatusOK, "", h.toKPIs(r, d), err)
}

// kpiQuery reads ?from=YYYY-MM-DD&to=YYYY-MM-DD (inclusive) &by=… .
func (h *Handler) kpiQuery(r *http.Request) (app.DashboardQuery, error) {
	v := r.URL.Query()
	return h.app.ParseDashboardQuery(v.Get("from"), v.Get("to"), v.Get("by"))
}

type kpiMetricDTO struct {
	Key    string  `json:"key"`
	Name   string  `json:"name"`
	Unit   string  `json:"unit"`
	Value  float64 `json:"value"`
	OK     bool    `json:"ok"`
	Reason string  `json:"reason,omitempty"`
}

type kpiGroupDTO struct {
	Key     string         `json:"key"`
	Metrics []kpiMetricDTO `json:"metrics"`
}

type kpiGapDTO struct {
	Rank      int      `json:"rank"`
	Metric    string   `json:"metric"`
	Actual    float64  `json:"actual"`
	Target    float64  `json:"target"`
	Source    string   `json:"source"`
	Shortfall float64  `json:"shortfall"`
	Impact    *int64   `json:"impact_fen"`
	Modules   []string `json:"modules"`
	Positions []string `json:"positions"`
}

type kpiChangeDTO struct {
	Before     float64 `json:"before_fen"`
	After      float64 `json:"after_fen"`
	Visitors   float64 `json:"visitors_fen"`
	Conversion float64 `json:"conversion_fen"`
	AOV        float64 `json:"aov_fen"`
}

type kpiPlanDTO struct {
	Priority  int      `json:"priority"`
	Metric    string   `json:"metric"`
	Impact    *int64   `json:"impact_fen"`
	Modules   []string `json:"modules"`
	Positions []string `json:"positions"`
}

type kpisDTO struct {
	StoreID string         `json:"store_id"`
	From    string         `json:"from"`
	To      string         `json:"to"`
	By      string         `json:"by"`
	Empty   bool           `json:"empty"`
	Total   []kpiMetricDTO `json:"total"`
	Groups  []kpiGroupDTO  `json:"groups"`
	Gaps    []kpiGapDTO    `json:"gaps"`
	Change  *kpiChangeDTO  `json:"change"`
	Plan    []kpiPlanDTO   `json:"plan"`
}

func (h *Handler) toKPIs(r *http.Request, d app.StoreDashboard) kpisDTO {
	loc := h.localeOf(r)
	metrics := func(ms []kpi.Metric) []kpiMetricDTO {
		out := make([]kpiMetricDTO, 0, len(ms))
		for _, m := range ms {
			dto := kpiMetricDTO{Key: m.Key, Name: h.i18n.T(loc, kpi.MetricNameID(m.Key), nil), Unit: string(m.Unit), Value: m.Value, OK: m.OK}
			if !m.OK && m.Reason != "" {
				dto.Reason = h.i18n.T(loc, m.Reason, nil)
			}
			out = append(out, dto)
		}
		return out
	}
	zone := h.app.Location()
	out := kpisDTO{StoreID: d.Store.ID, From: d.Query.From.In(zone).Format(time.DateOnly),
		To: d.Query.To.In(zone).AddDate(0, 0, -1).Format(time.DateOnly), By: string(d.Query.By), Empty: d.Empty,
		Total: metrics(d.Result.Total.Metrics), Groups: []kpiGroupDTO{}, Gaps: []kpiGapDTO{}, Plan: []kpiPlanDTO{}}
	for _, g := range d.Result.Groups {
		out.Groups = append(out.Groups, kpiGroupDTO{Key: g.Key, Metrics: metrics(g.Metrics)})
	}
	for _, g := range d.Gaps {
		dto := kpiGapDTO{Rank: g.Rank, Metric: g.Metric, Actual: g.Actual, Target: g.Target, Source: string(g.Source),
			Shortfall: g.Shortfall, Impact: impactOf(g.Impact, g.ImpactKnown), Modules: nonNil(g.Rule.Modules), Positions: nonNil(g.Rule.Positions)}
		if !g.Matched {
			dto.Modules, dto.Positions = []string{}, []string{}
		}
		out.Gaps = append(out.Gaps, dto)
	}
	if c := d.Change; c != nil {
		out.Change = &kpiChangeDTO{Before: c.Before, After: c.After, Visitors: c.Visitors, Conversion: c.Conversion, AOV: c.AOV}
	}
	for _, it := range d.Plan.Items {
		out.Plan = append(out.Plan, kpiPlanDTO{Priority: it.Priority, Metric: it.Metric, Impact: impactOf(it.Impact, it.ImpactKnown),
			Modules: nonNil(it.Modules), Positions: nonNil(it.Positions)})
	}
	return out
}

func impactOf(v int64, known bool) *int64 {
	if !known {
		return nil
	}
	return &v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
