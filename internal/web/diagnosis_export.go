package web

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/sheet"
)

// storeDiagnosisExport downloads the diagnosis for the period and
// dimension in the URL as an XLSX workbook: the headline figures with
// their targets, the table by dimension, the gaps, the GMV change, the
// training plan and the targets, numbers as numbers (yuan, percentages,
// seconds) so a manager can go on working with them.
func (h *Handler) storeDiagnosisExport(w http.ResponseWriter, r *http.Request) error {
	d, err := h.app.StoreDashboard(r.Context(), actorOf(r), r.PathValue("id"), h.dashboardQuery(r))
	if err != nil {
		return err
	}
	p := h.page(r, "diagnosis.title")
	v := diagnosisViewOf(p, d)
	tables := []sheet.Table{metricsTable(p, d), dimensionTable(p, d), gapsTable(p, d), changeTable(p, d),
		planTable(p, d), targetsTable(p, d), aboutTable(p, v)}
	var buf bytes.Buffer
	if err := sheet.WriteBook(&buf, tables); err != nil {
		return err
	}
	name := p.T("diagnosis.export_file", "Store", d.Store.Name, "From", v.From, "To", v.To) + ".xlsx"
	return sendFile(w, name, xlsxType, buf.Bytes())
}

// numFormat is the Excel number format of a unit; values go through
// cellValue, so money is in yuan.
func numFormat(u kpi.Unit) string {
	switch u {
	case kpi.UnitMoney:
		return "¥#,##0.00"
	case kpi.UnitRatio:
		return "0.00%"
	case kpi.UnitSeconds:
		return "0.0"
	case kpi.UnitMultiple:
		return "0.00"
	}
	return "#,##0"
}

// cellValue is a metric value as a cell: money from fen to yuan.
func cellValue(u kpi.Unit, v float64) sheet.Number {
	if u == kpi.UnitMoney {
		v /= 100
	}
	return sheet.Number{Value: v, Format: numFormat(u)}
}

func metricsTable(p *page, d app.StoreDashboard) sheet.Table {
	t := sheet.Table{Name: p.T("diagnosis.export_metrics"), Widths: []float64{22, 16, 16, 18, 48},
		Headers: []string{p.T("diagnosis.metric"), p.T("diagnosis.actual"), p.T("diagnosis.target_col"), p.T("diagnosis.source"), p.T("diagnosis.note")}}
	targets := firstTargets(d.Targets)
	for _, m := range d.Result.Total.Metrics {
		row := []any{p.T(kpi.MetricNameID(m.Key)), nil, nil, nil, nil}
		switch {
		case m.OK:
			row[1] = cellValue(m.Unit, m.Value)
			if m.Note != "" {
				row[4] = p.T(m.Note)
			}
		case m.Reason != "":
			row[4] = p.T(m.Reason)
		default:
			continue
		}
		if tg, ok := targets[m.Key]; ok {
			row[2], row[3] = cellValue(m.Unit, tg.Value), p.T("diagnosis.source_"+string(tg.Source))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func firstTargets(all []kpi.Target) map[string]kpi.Target {
	out := map[string]kpi.Target{}
	for _, t := range all {
		if _, ok := out[t.Metric]; !ok {
			out[t.Metric] = t
		}
	}
	return out
}

// exportMetrics are the columns of the table by dimension in the export:
// the page's, and the funnel and refund figures behind them.
var exportMetrics = []string{kpi.GMV, kpi.PaidOrders, kpi.PaidBuyers, kpi.AOV, kpi.AOVOrder, kpi.Visitors,
	kpi.PayConversion, kpi.RefundRateOrders, kpi.RefundRateAmount}

func dimensionTable(p *page, d app.StoreDashboard) sheet.Table {
	t := sheet.Table{Name: p.T("diagnosis.table"), Headers: []string{p.T("diagnosis.by_" + string(d.Query.By))},
		Formats: []string{""}, Widths: []float64{22}}
	for _, key := range exportMetrics {
		t.Headers = append(t.Headers, p.T(kpi.MetricNameID(key)))
		t.Formats = append(t.Formats, numFormat(kpi.UnitOf(key)))
	}
	for _, g := range d.Result.Groups {
		label := g.Key
		if g.Label != "" {
			label = p.T(g.Label)
		}
		row := []any{label}
		for _, key := range exportMetrics {
			if m, ok := g.Metric(key); ok && m.OK {
				row = append(row, cellValue(m.Unit, m.Value))
			} else {
				row = append(row, nil)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func gapsTable(p *page, d app.StoreDashboard) sheet.Table {
	t := sheet.Table{Name: p.T("diagnosis.gaps"), Widths: []float64{6, 22, 14, 14, 18, 10, 16, 36, 24},
		Headers: []string{"#", p.T("diagnosis.metric"), p.T("diagnosis.actual"), p.T("diagnosis.target_col"), p.T("diagnosis.source"),
			p.T("diagnosis.shortfall"), p.T("diagnosis.impact"), p.T("diagnosis.export_modules"), p.T("diagnosis.export_positions")},
		Formats: []string{"0", "", "", "", "", "0.0%", "¥#,##0.00"}}
	for _, g := range d.Gaps {
		u := kpi.UnitOf(g.Metric)
		row := []any{g.Rank, p.T(kpi.MetricNameID(g.Metric)), cellValue(u, g.Actual), cellValue(u, g.Target),
			p.T("diagnosis.source_" + string(g.Source)), g.Shortfall, nil, nil, nil}
		if g.ImpactKnown {
			row[6] = float64(g.Impact) / 100
		}
		if g.Matched {
			row[7], row[8] = moduleNames(p, d, g.Rule.Modules), strings.Join(g.Rule.Positions, "、")
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func moduleNames(p *page, d app.StoreDashboard, ids []string) string {
	names := make([]string, 0, len(ids))
	for _, m := range modulesOf(p, d, ids) {
		names = append(names, m.Title)
	}
	return strings.Join(names, "、")
}

func changeTable(p *page, d app.StoreDashboard) sheet.Table {
	t := sheet.Table{Name: p.T("diagnosis.change"), Widths: []float64{22, 18},
		Headers: []string{p.T("diagnosis.export_item"), p.T("diagnosis.export_amount")}, Formats: []string{"", "¥#,##0.00"}}
	if c := d.Change; c != nil {
		for _, r := range []struct {
			id string
			v  float64
		}{{"diagnosis.change_before", c.Before}, {"diagnosis.change_after", c.After}, {"diagnosis.export_delta", c.Delta},
			{"diagnosis.change_visitors", c.Visitors}, {"diagnosis.change_conversion", c.Conversion}, {"diagnosis.change_aov", c.AOV}} {
			t.Rows = append(t.Rows, []any{p.T(r.id), r.v / 100})
		}
	}
	return t
}

func planTable(p *page, d app.StoreDashboard) sheet.Table {
	t := sheet.Table{Name: p.T("diagnosis.plan"), Widths: []float64{8, 22, 16, 40, 24},
		Headers: []string{"P", p.T("diagnosis.metric"), p.T("diagnosis.impact"), p.T("diagnosis.export_modules"), p.T("diagnosis.export_positions")},
		Formats: []string{"0", "", "¥#,##0.00"}}
	for _, it := range d.Plan.Items {
		row := []any{it.Priority, p.T(kpi.MetricNameID(it.Metric)), nil, moduleNames(p, d, it.Modules), strings.Join(it.Positions, "、")}
		if it.ImpactKnown {
			row[2] = float64(it.Impact) / 100
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func targetsTable(p *page, d app.StoreDashboard) sheet.Table {
	t := sheet.Table{Name: p.T("diagnosis.targets"), Widths: []float64{22, 16, 18, 48},
		Headers: []string{p.T("diagnosis.metric"), p.T("diagnosis.target_col"), p.T("diagnosis.source"), p.T("diagnosis.note")}}
	for _, tg := range d.Stored {
		t.Rows = append(t.Rows, []any{p.T(kpi.MetricNameID(tg.Metric)), cellValue(kpi.UnitOf(tg.Metric), tg.Value),
			p.T("diagnosis.source_" + string(tg.Source)), tg.Note})
	}
	return t
}

// aboutTable says what the workbook is: store, period, dimension, when.
func aboutTable(p *page, v diagnosisView) sheet.Table {
	return sheet.Table{Name: p.T("diagnosis.export_about"), Widths: []float64{18, 60},
		Headers: []string{p.T("diagnosis.export_item"), p.T("diagnosis.export_value")},
		Rows: [][]any{{p.T("diagnosis.export_store"), v.Store.Name}, {p.T("storedata.period"), v.From + " ~ " + v.To},
			{p.T("diagnosis.by"), p.T("diagnosis.by_" + v.By)}, {p.T("diagnosis.export_at"), p.h.app.Today()},
			{p.T("diagnosis.note"), p.T("diagnosis.export_note")}}}
}
