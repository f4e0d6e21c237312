package kpi

// Behaviour-log actions (Event.Action).
const (
	ActionPV   = "pv"
	ActionCart = "cart"
	ActionFav  = "fav"
	ActionBuy  = "buy"
)

var actions = [4]string{ActionPV, ActionCart, ActionFav, ActionBuy}

type eventAcc struct {
	counts [4]int64
	users  [4]map[string]struct{}
}

func actionIndex(a string) int {
	for i, x := range actions {
		if x == a {
			return i
		}
	}
	return -1
}

func (a *eventAcc) add(ai int, user string) {
	a.counts[ai]++
	if a.users[ai] == nil {
		a.users[ai] = map[string]struct{}{}
	}
	a.users[ai][user] = struct{}{}
}

func addEvents(g *groups, ev Events) {
	split := g.q.By.temporal() || (g.q.By == ByProduct && ev.Has.Has("item_id"))
	for i := range ev.Rows {
		e := &ev.Rows[i]
		ai := actionIndex(e.Action)
		if ai < 0 || !g.q.inPeriod(e.At) {
			continue
		}
		g.accs[0].e.add(ai, e.UserID)
		switch {
		case !split:
		case g.q.By.temporal():
			g.accs[g.calAt(e.At)].e.add(ai, e.UserID)
		default:
			g.accs[g.at(e.ItemID)].e.add(ai, e.UserID)
		}
	}
}

// eventMetrics: the behaviour-log funnel, in events and in distinct users;
// the rates are users with the action ÷ users who viewed.
func eventMetrics(g *groups, a *acc, total bool, has Fields) []Metric {
	keys := []string{EventPV, EventCart, EventFav, EventBuy, EventUsersPV, EventUsersCart, EventUsersFav,
		EventUsersBuy, EventCartRate, EventFavRate, EventBuyRate}
	if !total && !(g.q.By.temporal() || (g.q.By == ByProduct && has.Has("item_id"))) {
		return unsplit(keys...)
	}
	e := &a.e
	out := make([]Metric, 0, len(keys))
	for i := range actions {
		out = append(out, value(keys[i], float64(e.counts[i])))
	}
	for i := range actions {
		out = append(out, value(keys[4+i], float64(len(e.users[i]))))
	}
	// Only users who also viewed count, so each rate is a share of the
	// viewers and stays within [0, 1].
	pv := float64(len(e.users[0]))
	for i, k := range []string{EventCartRate, EventFavRate, EventBuyRate} {
		both := 0
		for u := range e.users[i+1] {
			if _, ok := e.users[0][u]; ok {
				both++
			}
		}
		out = append(out, ratio(k, float64(both), pv))
	}
	for i := range out {
		out[i] = withNote(out[i], NoteFromEvents)
	}
	return out
}
