package app

import (
	"context"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/kpi"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// A store's customer-service sub-accounts (the agent nicks of its 客服绩效
// reports) are linked to people by the manager, so an agent's figures can
// be set next to that person's training. The link is kept per store and
// agent (kpi_agent_links), so re-imports keep it.

// StorePerson is someone of a store an agent can be linked to.
type StorePerson struct {
	ID, EmployeeNo, Name, Department string
	im                               []string
}

// AgentRow is one sub-account of a store with its link, a suggestion when
// unlinked, its figures over the last 30 days of data and the modules the
// linked person completed.
type AgentRow struct {
	Agent             string
	Rows              int64
	FirstDay, LastDay string
	Person            *StorePerson // linked
	Suggested         *StorePerson // when not linked: the store's person the nick names
	Metrics           []kpi.Metric // AgentMetrics, in that order
	Trained           []TrainingDone
}

// TrainingDone is a module a person completed, and when.
type TrainingDone struct {
	Ref, Title, TitleEN string
	At                  time.Time
}

// StoreAgents is the agents page of a store.
type StoreAgents struct {
	Store    shopdojo.Store
	Agents   []AgentRow
	People   []StorePerson
	From, To time.Time // the figures' period [From, To)
	Linked   int
	Suggests int // unlinked agents with a suggestion
}

// AgentMetrics are the per-agent figures shown and analysed.
var AgentMetrics = []string{kpi.CSResponseRate3, kpi.CSInquiryConv, kpi.CSFirstResponse, kpi.CSAvgResponse}

// StoreAgents lists a store's agents with links, suggestions and figures.
func (a *App) StoreAgents(ctx context.Context, ac Actor, storeID string) (StoreAgents, error) {
	var v StoreAgents
	var agents []sqlq.ListKPIAgentsRow
	var people []sqlq.ListStorePeopleRow
	var done []sqlq.ListStoreAgentProgressRow
	var ds kpi.Dataset
	err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		st, err := a.storeFor(ctx, q, ac, storeID, shopdojo.PermStoreDataRead)
		if err != nil {
			return err
		}
		v.Store = shopdojo.Store{ID: st.ID, Platform: shopdojo.Platform(st.Platform), Name: st.Name}
		if agents, err = q.ListKPIAgents(ctx, storeID); err != nil {
			return err
		}
		if people, err = q.ListStorePeople(ctx, storeID); err != nil {
			return err
		}
		if done, err = q.ListStoreAgentProgress(ctx, storeID); err != nil {
			return err
		}
		v.To = lastAgentDay(agents, a.Location(), a.now()).AddDate(0, 0, 1)
		v.From = v.To.AddDate(0, 0, -30)
		ds, err = a.csDataset(ctx, q, storeID, v.From, v.To)
		return err
	})
	if err != nil {
		return v, err
	}
	v.People = storePeople(people)
	res, err := kpi.Compute(ds, kpi.Query{From: v.From, To: v.To, By: kpi.ByAgent, Zone: a.Location()})
	if err != nil {
		return v, shopdojo.Wrap(shopdojo.KindInternal, "error.internal", err)
	}
	a.agentRows(ctx, &v, agents, res, agentDone(done))
	return v, nil
}

func (a *App) agentRows(ctx context.Context, v *StoreAgents, agents []sqlq.ListKPIAgentsRow, res kpi.Result, done []doneRow) {
	mods := a.moduleCompletions(ctx, done)
	for _, r := range agents {
		row := AgentRow{Agent: r.Agent, Rows: r.NRows, FirstDay: r.FirstDay, LastDay: r.LastDay}
		if r.PersonID != "" {
			row.Person = &StorePerson{ID: r.PersonID, Name: r.PersonName, EmployeeNo: r.EmployeeNo}
			row.Trained = mods[r.PersonID]
			v.Linked++
		} else if row.Suggested = suggestPerson(r.Agent, v.People); row.Suggested != nil {
			v.Suggests++
		}
		for _, g := range res.Groups {
			if g.Key == r.Agent {
				for _, key := range AgentMetrics {
					m, _ := g.Metric(key)
					row.Metrics = append(row.Metrics, m)
				}
			}
		}
		v.Agents = append(v.Agents, row)
	}
}

// moduleCompletions lists, per person, the modules they completed.
func (a *App) moduleCompletions(ctx context.Context, done []doneRow) map[string][]TrainingDone {
	out := map[string][]TrainingDone{}
	sp, err := a.pack(ctx)
	if err != nil || len(done) == 0 {
		return out
	}
	for _, m := range sp.idx.Pack.Modules {
		for p, at := range completions(trainingUnits(sp.idx, m.ID), done) {
			out[p] = append(out[p], TrainingDone{Ref: m.ID, Title: m.Title, TitleEN: m.TitleEN, At: at})
		}
	}
	return out
}

// lastAgentDay is the last day of the agents' rows, or today without any.
func lastAgentDay(agents []sqlq.ListKPIAgentsRow, loc *time.Location, now time.Time) time.Time {
	last := ""
	for _, r := range agents {
		last = max(last, r.LastDay)
	}
	t, err := time.ParseInLocation(time.DateOnly, last, loc)
	if err != nil {
		y, m, d := now.In(loc).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	return t
}

func storePeople(rows []sqlq.ListStorePeopleRow) []StorePerson {
	out := make([]StorePerson, len(rows))
	for i, r := range rows {
		out[i] = StorePerson{ID: r.ID, EmployeeNo: r.EmployeeNo, Name: r.Name, Department: r.Department,
			im: []string{r.DingtalkID, r.WecomID, r.FeishuID}}
	}
	return out
}

// suggestPerson is the one store person an agent nick names: the part
// after the colon (示例家居:吴倩 → 吴倩) is their name, or the nick or that
// part is one of their IM ids. Two people of the same name suggest no one.
func suggestPerson(agent string, people []StorePerson) *StorePerson {
	nick := strings.ReplaceAll(agent, "：", ":")
	sub := strings.TrimSpace(nick[strings.LastIndex(nick, ":")+1:])
	var found *StorePerson
	for i := range people {
		p := &people[i]
		match := sub != "" && p.Name == sub
		for _, id := range p.im {
			match = match || id != "" && (id == sub || id == agent)
		}
		if match && found != nil {
			return nil
		}
		if match {
			found = p
		}
	}
	return found
}

// LinkAgent links a store's agent to one of the store's people, or unlinks
// it when personID is empty.
func (a *App) LinkAgent(ctx context.Context, ac Actor, storeID, agent, personID string) error {
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		st, err := a.storeFor(ctx, tx.Queries, ac, storeID, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		found, err := tx.KPIAgentExists(ctx, sqlq.KPIAgentExistsParams{StoreID: storeID, Agent: agent})
		if err != nil {
			return err
		}
		var v shopdojo.Validation
		v.Check(found, "agent", "impact.agent_unknown")
		if err := v.Err(); err != nil {
			return err
		}
		return a.linkAgentTx(ctx, tx, ac, st, agent, personID)
	})
}

func (a *App) linkAgentTx(ctx context.Context, tx *store.Tx, ac Actor, st sqlq.Store, agent, personID string) error {
	old, err := tx.GetKPIAgentLink(ctx, sqlq.GetKPIAgentLinkParams{StoreID: st.ID, Agent: agent})
	had := err == nil
	if err != nil && shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound {
		return err
	}
	names, err := storePersonNames(ctx, tx, st.ID)
	if err != nil {
		return err
	}
	before := map[string]string{"agent": agent}
	if had {
		before["person"] = a.personLabel(ctx, tx, old.PersonID, names)
	}
	ch := change{ObjectType: "store", ObjectID: st.ID, ObjectName: st.Name, Before: before}
	if personID == "" {
		if !had {
			return nil
		}
		ch.Action, ch.After = "impact.agent_unlink", map[string]string{"agent": agent}
		if err := tx.DeleteKPIAgentLink(ctx, sqlq.DeleteKPIAgentLinkParams{StoreID: st.ID, Agent: agent}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, ch)
	}
	var v shopdojo.Validation
	v.Check(names[personID] != "", "person", "impact.person_not_in_store")
	if err := v.Err(); err != nil || (had && old.PersonID == personID) {
		return err // an unchanged link writes nothing
	}
	ch.Action, ch.After = "impact.agent_link", map[string]string{"agent": agent, "person": names[personID]}
	if err := tx.UpsertKPIAgentLink(ctx, sqlq.UpsertKPIAgentLinkParams{StoreID: st.ID, Agent: agent, PersonID: personID,
		LinkedBy: nullStr(ac.PersonID), LinkedAt: a.nowMs()}); err != nil {
		return err
	}
	return a.record(ctx, tx, ac, ch)
}

// storePersonNames labels the store's people "name (employee no)".
func storePersonNames(ctx context.Context, tx *store.Tx, storeID string) (map[string]string, error) {
	people, err := tx.ListStorePeople(ctx, storeID)
	names := map[string]string{}
	for _, p := range people {
		names[p.ID] = p.Name + " (" + p.EmployeeNo + ")"
	}
	return names, err
}

// personLabel names a linked person who may since have left the store.
func (a *App) personLabel(ctx context.Context, tx *store.Tx, id string, names map[string]string) string {
	if n, ok := names[id]; ok {
		return n
	}
	if p, err := tx.GetPerson(ctx, id); err == nil {
		return p.Name + " (" + p.EmployeeNo + ")"
	}
	return id
}

// LinkSuggestedAgents links every unlinked agent that has a suggestion
// to the suggested person, and returns how many it linked.
func (a *App) LinkSuggestedAgents(ctx context.Context, ac Actor, storeID string) (int, error) {
	n := 0
	err := a.store.Tx(ctx, func(tx *store.Tx) error {
		n = 0
		st, err := a.storeFor(ctx, tx.Queries, ac, storeID, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		agents, err := tx.ListKPIAgents(ctx, storeID)
		if err != nil {
			return err
		}
		rows, err := tx.ListStorePeople(ctx, storeID)
		if err != nil {
			return err
		}
		people := storePeople(rows)
		for _, r := range agents {
			if p := suggestPerson(r.Agent, people); r.PersonID == "" && p != nil {
				if err := a.linkAgentTx(ctx, tx, ac, st, r.Agent, p.ID); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}
