package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"strconv"
)

func (h *Handler) home(w http.ResponseWriter, r *http.Request) error {
	o, err := h.app.Overview(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	deck, err := h.app.MyDeck(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "home.title")
	p.Nav = "home"
	labels, values := []string{}, []int64{}
	for _, c := range o.ByDepartment {
		name := c.Label
		if name == "" {
			name = p.T("people.no_department")
		}
		labels, values = append(labels, name), append(values, c.N)
	}
	chart := map[string]any{
		"tooltip": map[string]any{"trigger": "axis"},
		"grid":    map[string]any{"left": 8, "right": 16, "top": 16, "bottom": 8, "containLabel": true},
		"xAxis":   map[string]any{"type": "value", "minInterval": 1},
		"yAxis":   map[string]any{"type": "category", "data": labels, "inverse": true},
		"series":  []any{map[string]any{"type": "bar", "data": values, "barMaxWidth": 22, "name": p.T("home.people")}},
	}
	platform := []any{}
	for _, c := range o.ByPlatform {
		platform = append(platform, map[string]any{"name": p.T("platform." + c.Label), "value": c.N})
	}
	pie := map[string]any{
		"tooltip": map[string]any{"trigger": "item"},
		"legend":  map[string]any{"bottom": 0},
		"series":  []any{map[string]any{"type": "pie", "radius": []string{"45%", "70%"}, "data": platform}},
	}
	p.Data = map[string]any{"O": o, "DeptChart": jsonScript(chart), "PlatformChart": jsonScript(pie),
		"Total": strconv.FormatInt(o.Active+o.Leaving, 10), "Deck": deck,
		// The owner's review task: one indexed count, memoized like the badges.
		"KBDue": h.app.KBDueCount(r.Context(), actorOf(r))}
	return h.render(w, r, "home", p)
}

// jsonScript returns chart options to embed in a <script type="application/json">.
func jsonScript(v any) template.JS {
	b, _ := json.Marshal(v)
	return template.JS(b)
}
