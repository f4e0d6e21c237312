package web

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/audit"
)

type auditRow struct {
	audit.Event
	Fields []fieldChange
}

type fieldChange struct{ Field, Before, After string }

func (h *Handler) auditList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	f := app.AuditFilter{Action: q.Get("action"), ObjectType: q.Get("object"), ActorID: q.Get("actor"),
		Since: q.Get("since"), Until: q.Get("until"), Before: before, Limit: 50}
	ac := actorOf(r)
	events, next, err := h.app.ListAudit(r.Context(), ac, f)
	if err != nil {
		return err
	}
	actions, err := h.app.AuditActions(r.Context(), ac)
	if err != nil {
		return err
	}
	rows := make([]auditRow, len(events))
	for i, e := range events {
		rows[i] = auditRow{Event: e, Fields: changesOf(e.Changes)}
	}
	p := h.page(r, "audit.title")
	p.Nav = "audit"
	p.Data = map[string]any{"Events": rows, "Next": next, "Actions": actions, "First": before == 0}
	return h.render(w, r, "audit", p)
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
