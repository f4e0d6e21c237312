package web

import (
	"net/http"
	"strconv"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/httpx"
	"github.com/shopdojo/shopdojo/internal/kpi"
)

// agentsView is a store's customer-service agents with their links.
type agentsView struct {
	Store    shopdojo.Store
	Rows     []agentRowView
	People   []app.StorePerson
	Columns  []string
	From, To string
	Linked   int
	Suggests int
}

// doneView is a module completed and the day.
type doneView struct{ Title, Date string }

type agentRowView struct {
	Agent, Days string
	Person      *app.StorePerson
	Suggested   *app.StorePerson
	Selected    string // the person the form starts at: linked, else suggested
	Values      []string
	Trained     []doneView
}

func (h *Handler) storeAgents(w http.ResponseWriter, r *http.Request) error {
	return h.agentsPage(w, r, nil)
}

// agentsPage renders the agents page, with a link form's error if any.
func (h *Handler) agentsPage(w http.ResponseWriter, r *http.Request, formErr error) error {
	v, err := h.app.StoreAgents(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	p := h.page(r, "impact.agents_title")
	p.Nav = "stores"
	av := agentsView{Store: v.Store, People: v.People, Linked: v.Linked, Suggests: v.Suggests,
		From: p.Date(v.From), To: p.Date(v.To.AddDate(0, 0, -1))}
	for _, key := range app.AgentMetrics {
		av.Columns = append(av.Columns, p.T(kpi.MetricNameID(key)))
	}
	for _, a := range v.Agents {
		row := agentRowView{Agent: a.Agent, Days: a.FirstDay + " ~ " + a.LastDay, Person: a.Person, Suggested: a.Suggested}
		switch {
		case a.Person != nil:
			row.Selected = a.Person.ID
		case a.Suggested != nil:
			row.Selected = a.Suggested.ID
		}
		for _, m := range a.Metrics {
			row.Values = append(row.Values, formatOK(m))
		}
		for _, t := range a.Trained {
			row.Trained = append(row.Trained, doneView{Title: p.L(t.Title, t.TitleEN), Date: p.Date(t.At)})
		}
		av.Rows = append(av.Rows, row)
	}
	p.Data = av
	if formErr != nil {
		return h.invalid(w, r, formErr, "store_agents", p)
	}
	return h.render(w, r, "store_agents", p)
}

// storeAgentLink links (or, with no person, unlinks) one agent, or every
// agent with a suggestion when all is set.
func (h *Handler) storeAgentLink(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	ac, id := actorOf(r), r.PathValue("id")
	back := "/stores/" + id + "/agents"
	if r.PostForm.Get("all") != "" {
		n, err := h.app.LinkSuggestedAgents(r.Context(), ac, id)
		if err != nil {
			return err
		}
		return redirect(w, r, back, "flash.agents_linked:"+strconv.Itoa(n))
	}
	person := r.PostForm.Get("person")
	err := h.app.LinkAgent(r.Context(), ac, id, r.PostForm.Get("agent"), person)
	if shopdojo.KindOf(err) == shopdojo.KindInvalid {
		return h.agentsPage(w, r, err)
	}
	if err != nil {
		return err
	}
	if person == "" {
		return redirect(w, r, back, "flash.agent_unlinked")
	}
	return redirect(w, r, back, "flash.agent_linked")
}

func (h *Handler) storeImpact(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	in := app.ImpactInput{Level: q.Get("level"), Metric: q.Get("metric"), Training: q.Get("training"),
		From: q.Get("from"), To: q.Get("to"), BeforeFrom: q.Get("before_from"), BeforeTo: q.Get("before_to"),
		AfterFrom: q.Get("after_from"), AfterTo: q.Get("after_to")}
	if in.Level != "" && q.Get("prev_level") != "" && q.Get("prev_level") != in.Level {
		in.Metric = "" // the level changed: its own metrics
	}
	a, err := h.app.StoreImpact(r.Context(), actorOf(r), r.PathValue("id"), in)
	if err != nil && shopdojo.KindOf(err) != shopdojo.KindInvalid {
		return err
	}
	p := h.page(r, "impact.title")
	p.Nav = "stores"
	p.Data = impactViewOf(p, a, err == nil)
	if err != nil {
		p.Errors = httpx.Fields(err)
		return h.renderStatus(w, r, http.StatusUnprocessableEntity, "store_impact", p)
	}
	return h.render(w, r, "store_impact", p)
}
