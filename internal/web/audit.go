package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/audit"
	"github.com/shopdojo/shopdojo/internal/sheet"
)

type auditRow struct {
	audit.Event
	Fields []fieldChange
}

type fieldChange struct{ Field, Before, After string }

// auditFilter reads the audit page's filters; the actor is typed as an
// employee number.
func (h *Handler) auditFilter(r *http.Request) (app.AuditFilter, error) {
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	f := app.AuditFilter{Action: q.Get("action"), ObjectType: q.Get("object"), Since: q.Get("since"),
		Until: q.Get("until"), Before: before, Limit: 50}
	var err error
	f.ActorID, err = h.app.AuditActorID(r.Context(), actorOf(r), q.Get("actor"))
	return f, err
}

func (h *Handler) auditList(w http.ResponseWriter, r *http.Request) error {
	ac := actorOf(r)
	p := h.page(r, "audit.title")
	p.Nav = "audit"
	actions, err := h.app.AuditActions(r.Context(), ac)
	if err != nil {
		return err
	}
	types, err := h.app.AuditObjectTypes(r.Context(), ac)
	if err != nil {
		return err
	}
	data := map[string]any{"Actions": actions, "Types": types, "First": r.URL.Query().Get("before") == ""}
	p.Data = data
	f, err := h.auditFilter(r)
	if err == nil {
		var events []audit.Event
		events, data["Next"], err = h.app.ListAudit(r.Context(), ac, f)
		data["Events"] = auditRows(events)
	}
	if err != nil {
		p.Form = r.URL.Query()
		return h.invalid(w, r, err, "audit", p)
	}
	return h.render(w, r, "audit", p)
}

func auditRows(events []audit.Event) []auditRow {
	rows := make([]auditRow, len(events))
	for i, e := range events {
		rows[i] = auditRow{Event: e, Fields: changesOf(e.Changes)}
	}
	return rows
}

// auditExport downloads the filtered events for an auditor's own records.
func (h *Handler) auditExport(w http.ResponseWriter, r *http.Request) error {
	f, err := h.auditFilter(r)
	if err != nil {
		return err
	}
	events, _, err := h.app.ExportAudit(r.Context(), actorOf(r), f)
	if err != nil {
		return err
	}
	p := h.page(r, "audit.title")
	headers := []string{"#", p.T("audit.time"), p.T("audit.actor"), p.T("audit.action"), p.T("audit.object_type"),
		p.T("audit.object"), p.T("audit.changes"), p.T("audit.request_id"), p.T("audit.hash")}
	rows := make([][]string, len(events))
	for i, e := range events {
		rows[i] = []string{strconv.FormatInt(e.Seq, 10), p.Ms(e.At), e.ActorName, p.T("audit.act." + e.Action),
			e.ObjectType, e.ObjectName, changeText(e.Changes), e.RequestID, e.Hash}
	}
	format, typ := "xlsx", xlsxType
	if r.URL.Query().Get("format") == "csv" {
		format, typ = "csv", "text/csv; charset=utf-8"
	}
	var buf bytes.Buffer
	if err := sheet.Write(&buf, format, p.T("audit.title"), headers, rows); err != nil {
		return err
	}
	return sendFile(w, p.T("audit.export_file")+"-"+h.app.Today()+"."+format, typ, buf.Bytes())
}

func changeText(s string) string {
	var b strings.Builder
	for _, c := range changesOf(s) {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s → %s", c.Field, c.Before, c.After)
	}
	return b.String()
}

// auditVerify re-checks the whole chain and every signed checkpoint, as
// `shopdojo audit verify` does.
func (h *Handler) auditVerify(w http.ResponseWriter, r *http.Request) error {
	rep, err := h.app.VerifyAudit(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "audit.verify")
	p.Nav = "audit"
	p.Data = rep
	return h.render(w, r, "audit_verify", p)
}

func changesOf(s string) []fieldChange {
	if s == "" {
		return nil
	}
	var m map[string][2]string
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	out := make([]fieldChange, 0, len(m))
	for k, v := range m {
		out = append(out, fieldChange{Field: k, Before: v[0], After: v[1]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

func (h *Handler) styleguide(w http.ResponseWriter, r *http.Request) error {
	p := h.page(r, "styleguide.title")
	p.Nav = "styleguide"
	return h.render(w, r, "styleguide", p)
}
