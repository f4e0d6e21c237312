package web

import (
	"fmt"
	"net/http"
	"strings"
	"unicode"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/curriculum"
)

// The knowledge map: the curriculum's graph laid out as SVG, one column per
// module (its courses, then its SOPs), the competencies in a band below, and
// the prerequisites of the course maps drawn as arrows. Pointing at a node
// lights up what it is joined to; a path filter dims what the path does not
// hold. Everything is plain SVG with links, so it works without script too.

// Layout of the map, in SVG user units (pixels at 100 %).
const (
	mapPad   = 20
	mapColW  = 212
	mapNodeW = 188
	mapModH  = 60
	mapNodeH = 50
	mapStep  = 62
	mapCompH = 40
)

type mapNode struct {
	ID, Kind, Href, State string
	X, Y, W, H            int
	Lines                 []string
	Title                 string // the whole title, for the tooltip
	Paths                 string // space-separated path ids
	Level                 string
	Core                  bool
}

type mapEdge struct {
	From, To, Kind, D, Paths string
}

type mapCol struct {
	X, Y, W, H int
}

type mapView struct {
	W, H  int
	Nodes []mapNode
	Edges []mapEdge
	Cols  []mapCol
	BandY int // where the competency band starts
}

func (h *Handler) knowledgeMap(w http.ResponseWriter, r *http.Request) error {
	km, err := h.app.CurriculumMap(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "kmap.title")
	p.Nav = "curriculum"
	v := layoutMap(km, p.L)
	sel := r.URL.Query().Get("path")
	if sel == "" {
		sel = km.Default
	}
	byTopic, err := h.app.KBByTopic(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p.Data = map[string]any{"M": v, "K": km, "Path": sel, "Prereq": prereqs(km.Graph, v),
		"KB": kbTopics(km.Graph, byTopic, p.L)}
	return h.render(w, r, "knowledge_map", p)
}

// kmapTopic is a module or SOP with the knowledge items filed under it.
type kmapTopic struct {
	ID, Kind, Title, Href string
	Items                 []app.KBItem
}

// kbTopics lists the graph's modules and SOPs that have knowledge items,
// in the map's order.
func kbTopics(g curriculum.Graph, by map[string][]app.KBItem, title func(zh, en string) string) []kmapTopic {
	var out []kmapTopic
	for _, n := range g.Nodes {
		if items := by[n.ID]; len(items) > 0 && (n.Kind == curriculum.NodeModule || n.Kind == curriculum.NodeSOP) {
			out = append(out, kmapTopic{ID: n.ID, Kind: n.Kind, Title: title(n.Title, n.TitleEN), Href: mapHref(n), Items: items})
		}
	}
	return out
}

// layoutMap places the nodes and draws the edges; title picks the page's
// language of a zh/en pair.
func layoutMap(km app.KnowledgeMap, title func(zh, en string) string) mapView {
	var v mapView
	cols := map[string]int{} // module id → column
	rows := map[string]int{} // module id → next free y
	at := map[string]int{}
	var comps []curriculum.GraphNode
	for _, n := range km.Graph.Nodes {
		mn := mapNode{ID: n.ID, Kind: n.Kind, State: km.State[n.ID], Paths: strings.Join(n.Paths, " "), Level: n.Level,
			Core: n.Core, W: mapNodeW, H: mapNodeH, Title: title(n.Title, n.TitleEN), Href: mapHref(n)}
		switch n.Kind {
		case curriculum.NodeModule:
			cols[n.ID] = len(cols)
			mn.X, mn.Y, mn.H = mapPad+cols[n.ID]*mapColW, mapPad, mapModH
			rows[n.ID] = mapPad + mapModH + 24
		case curriculum.NodeCompetency:
			comps = append(comps, n)
			continue
		default:
			mn.X, mn.Y = mapPad+cols[n.Module]*mapColW, rows[n.Module]
			rows[n.Module] += mapStep
		}
		mn.Lines = wrapTitle(mn.Title, mapNodeW-20, 2)
		at[n.ID] = len(v.Nodes)
		v.Nodes = append(v.Nodes, mn)
	}
	colH := 0
	for _, y := range rows {
		colH = max(colH, y)
	}
	v.W = 2*mapPad + max(len(cols), 1)*mapColW - (mapColW - mapNodeW)
	for _, c := range cols {
		v.Cols = append(v.Cols, mapCol{X: mapPad + c*mapColW - 8, Y: mapPad - 8, W: mapNodeW + 16, H: colH - mapPad})
	}
	v.BandY = colH + 40
	per := max(len(cols), 4)
	for i, n := range comps {
		mn := mapNode{ID: n.ID, Kind: n.Kind, W: mapNodeW, H: mapCompH, Title: title(n.Title, n.TitleEN), Href: mapHref(n),
			X: mapPad + (i%per)*mapColW, Y: v.BandY + 28 + (i/per)*(mapCompH+12)}
		mn.Lines = wrapTitle(mn.Title, mapNodeW-20, 1)
		at[n.ID] = len(v.Nodes)
		v.Nodes = append(v.Nodes, mn)
		v.H = mn.Y + mapCompH + mapPad
	}
	v.H = max(v.H, colH+mapPad)
	for _, e := range km.Graph.Edges {
		s, t := v.Nodes[at[e.From]], v.Nodes[at[e.To]]
		v.Edges = append(v.Edges, mapEdge{From: e.From, To: e.To, Kind: e.Kind, Paths: strings.Join(e.Paths, " "), D: edgePath(s, t, e.Kind)})
	}
	return v
}

func mapHref(n curriculum.GraphNode) string {
	switch n.Kind {
	case curriculum.NodeModule:
		return "/curriculum#" + n.ID
	case curriculum.NodeCourse:
		return "/learn/courses/" + n.ID
	case curriculum.NodeSOP:
		return "/learn/sops/" + n.ID
	case curriculum.NodeCompetency:
		return "/curriculum/competencies#" + n.ID
	}
	return ""
}

// edgePath is the SVG path of an edge: a curve from the side of s that
// faces t; between nodes of one column it bows out to the right (a
// prerequisite) or the left (a practised SOP); competencies hang from the
// bottom of their module's column.
func edgePath(s, t mapNode, kind string) string {
	sy, ty := s.Y+s.H/2, t.Y+t.H/2
	switch {
	case kind == curriculum.EdgeCompetency:
		return fmt.Sprintf("M%d %d C%d %d %d %d %d %d", s.X+s.W/2, s.Y+s.H, s.X+s.W/2, t.Y-80, t.X+t.W/2, t.Y-60, t.X+t.W/2, t.Y)
	case s.X == t.X && kind == curriculum.EdgePractice:
		bow := 14 + abs(ty-sy)/8
		return fmt.Sprintf("M%d %d C%d %d %d %d %d %d", s.X, sy, s.X-bow, sy, t.X-bow, ty, t.X, ty)
	case s.X == t.X:
		bow := 14 + abs(ty-sy)/8
		return fmt.Sprintf("M%d %d C%d %d %d %d %d %d", s.X+s.W, sy, s.X+s.W+bow, sy, t.X+t.W+bow, ty, t.X+t.W, ty)
	case t.X > s.X:
		dx := (t.X - s.X - s.W) / 2
		return fmt.Sprintf("M%d %d C%d %d %d %d %d %d", s.X+s.W, sy, s.X+s.W+dx, sy, t.X-dx, ty, t.X, ty)
	default:
		dx := (s.X - t.X - t.W) / 2
		return fmt.Sprintf("M%d %d C%d %d %d %d %d %d", s.X, sy, s.X-dx, sy, t.X+t.W+dx, ty, t.X+t.W, ty)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// wrapTitle breaks a title into at most n lines of width px at 13 px
// (a Chinese character is one em, Latin letters about half), ending the
// last with … when it does not fit.
func wrapTitle(s string, width, n int) []string {
	const em = 13.0
	var lines []string
	var cur strings.Builder
	w := 0.0
	for _, r := range s {
		cw := em
		if r < 0x2e80 {
			cw = em * 0.56
		}
		if w+cw > float64(width) && cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
			w = 0
			if len(lines) == n {
				last := []rune(lines[n-1])
				lines[n-1] = strings.TrimRightFunc(string(last[:max(len(last)-1, 0)]), unicode.IsSpace) + "…"
				return lines
			}
			if unicode.IsSpace(r) {
				continue
			}
		}
		cur.WriteRune(r)
		w += cw
	}
	if cur.Len() > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// mapItem is a course or SOP in the list view, with what it waits for.
type mapItem struct {
	Node  mapNode
	After []string
}

type mapModule struct {
	Node  mapNode
	Items []mapItem
}

// prereqs is the list view of the map: each module's courses and SOPs with
// the titles of the items they wait for on some path.
func prereqs(g curriculum.Graph, v mapView) []mapModule {
	byID := map[string]mapNode{}
	for _, n := range v.Nodes {
		byID[n.ID] = n
	}
	after := map[string][]string{}
	for _, e := range g.Edges {
		if e.Kind == curriculum.EdgeAfter {
			after[e.To] = append(after[e.To], byID[e.From].Title)
		}
	}
	var out []mapModule
	idx := map[string]int{}
	for _, n := range g.Nodes {
		switch n.Kind {
		case curriculum.NodeModule:
			idx[n.ID] = len(out)
			out = append(out, mapModule{Node: byID[n.ID]})
		case curriculum.NodeCourse, curriculum.NodeSOP:
			m := &out[idx[n.Module]]
			m.Items = append(m.Items, mapItem{Node: byID[n.ID], After: after[n.ID]})
		}
	}
	return out
}

func (h *Handler) competencies(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.app.Competencies(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	p := h.page(r, "kmap.competency_title")
	p.Nav = "curriculum"
	p.Data = map[string]any{"C": cs, "Levels": curriculum.Levels}
	return h.render(w, r, "competencies", p)
}
