package curriculum

import (
	"slices"
	"sort"
)

// Graph is the knowledge map of a pack: modules, their courses and SOPs,
// and the competencies modules build, joined by the prerequisites of the
// course maps (an item of a path waits for the items its After names), the
// SOPs a course's practice units run, and the competencies of each module.
type Graph struct {
	Nodes []GraphNode
	Edges []GraphEdge
}

// Node kinds and edge kinds of a Graph.
const (
	NodeModule     = "module"
	NodeCourse     = "course"
	NodeSOP        = "sop"
	NodeCompetency = "competency"

	EdgeAfter      = "after"      // To waits for From on the paths named
	EdgePractice   = "practice"   // course From practises SOP To
	EdgeCompetency = "competency" // module From builds competency To
)

// GraphNode is one item of the map.
type GraphNode struct {
	ID, Kind       string
	Title, TitleEN string
	Module         string   // the module it belongs to ("" for competencies)
	Level          string   // a module's or course's level
	Core           bool     // a core module
	Paths          []string // the paths that hold it (a unit on a path counts for its course)
}

// GraphEdge joins two nodes.
type GraphEdge struct {
	From, To, Kind string
	Paths          []string // for EdgeAfter: the paths that ask for it
}

// NewGraph builds the knowledge map of p, nodes in pack order.
func NewGraph(p Pack) Graph {
	x := NewIndex(p)
	var g Graph
	at := map[string]int{}
	add := func(n GraphNode) {
		at[n.ID] = len(g.Nodes)
		g.Nodes = append(g.Nodes, n)
	}
	for _, m := range p.Modules {
		add(GraphNode{ID: m.ID, Kind: NodeModule, Title: m.Title, TitleEN: m.TitleEN, Level: m.Level, Core: m.Kind == "core"})
		for _, c := range m.Courses {
			add(GraphNode{ID: c.ID, Kind: NodeCourse, Title: c.Title, TitleEN: c.TitleEN, Module: m.ID, Level: c.Level})
		}
		for _, s := range m.SOPs {
			add(GraphNode{ID: s.ID, Kind: NodeSOP, Title: s.Title, TitleEN: s.TitleEN, Module: m.ID})
		}
	}
	for _, c := range p.Competencies {
		add(GraphNode{ID: c.ID, Kind: NodeCompetency, Title: c.Name, TitleEN: c.NameEN})
	}
	edges := map[[3]string]int{}
	edge := func(from, to, kind, path string) {
		if _, ok := at[from]; !ok || from == to {
			return
		}
		if _, ok := at[to]; !ok {
			return
		}
		k := [3]string{from, to, kind}
		i, ok := edges[k]
		if !ok {
			i = len(g.Edges)
			edges[k] = i
			g.Edges = append(g.Edges, GraphEdge{From: from, To: to, Kind: kind})
		}
		if path != "" && !slices.Contains(g.Edges[i].Paths, path) {
			g.Edges[i].Paths = append(g.Edges[i].Paths, path)
		}
	}
	g.pathEdges(p, x, at, edge)
	for _, m := range p.Modules {
		for _, c := range m.Courses {
			for _, u := range c.Units {
				if u.Kind == KindPractice && u.SOP != "" {
					edge(c.ID, u.SOP, EdgePractice, "")
				}
			}
		}
		for _, comp := range m.Competencies {
			edge(m.ID, comp, EdgeCompetency, "")
		}
	}
	return g
}

// pathEdges marks the nodes each path holds and adds its prerequisites.
func (g *Graph) pathEdges(p Pack, x *Index, at map[string]int, edge func(from, to, kind, path string)) {
	for _, pa := range p.Paths {
		for _, st := range pa.Stages {
			for _, it := range st.Items {
				ref := nodeOf(x, it.Ref)
				if i, ok := at[ref]; ok && !slices.Contains(g.Nodes[i].Paths, pa.ID) {
					g.Nodes[i].Paths = append(g.Nodes[i].Paths, pa.ID)
					if m, ok := at[x.ModuleOf(ref)]; ok && !slices.Contains(g.Nodes[m].Paths, pa.ID) {
						g.Nodes[m].Paths = append(g.Nodes[m].Paths, pa.ID)
					}
				}
				for _, a := range it.After {
					edge(nodeOf(x, a), ref, EdgeAfter, pa.ID)
				}
			}
		}
	}
	for i := range g.Nodes {
		sort.Strings(g.Nodes[i].Paths)
	}
}

// nodeOf is the map node an item of a path stands for: a unit is shown as
// its course.
func nodeOf(x *Index, ref string) string {
	if x.Unit(ref) != nil {
		return x.CourseOf(ref)
	}
	return ref
}
