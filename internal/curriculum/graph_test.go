package curriculum

import "testing"

// TestGraph: the built-in pack's knowledge map has every module, course,
// SOP and competency once, the prerequisites of the course maps (with the
// paths that ask for them), the SOPs courses practise and the competencies
// modules build, and no edge to a node it does not have.
func TestGraph(t *testing.T) {
	p, _ := Read(Builtin())
	g := NewGraph(p)
	kinds := map[string]int{}
	ids := map[string]GraphNode{}
	for _, n := range g.Nodes {
		if _, dup := ids[n.ID]; dup {
			t.Fatalf("node %s twice", n.ID)
		}
		ids[n.ID] = n
		kinds[n.Kind]++
	}
	var c Counts
	for _, m := range p.Modules {
		mc := Count(m)
		c.Courses, c.SOPs = c.Courses+mc.Courses, c.SOPs+mc.SOPs
	}
	if kinds[NodeModule] != 8 || kinds[NodeCourse] != c.Courses || kinds[NodeSOP] != c.SOPs || kinds[NodeCompetency] != len(p.Competencies) {
		t.Fatalf("nodes by kind %v, pack %+v", kinds, c)
	}
	byKind := map[string]int{}
	for _, e := range g.Edges {
		byKind[e.Kind]++
		if _, ok := ids[e.From]; !ok {
			t.Fatalf("edge from unknown %s", e.From)
		}
		if _, ok := ids[e.To]; !ok {
			t.Fatalf("edge to unknown %s", e.To)
		}
		if e.Kind == EdgeAfter && len(e.Paths) == 0 {
			t.Fatalf("prerequisite %s → %s of no path", e.From, e.To)
		}
	}
	if byKind[EdgeAfter] == 0 || byKind[EdgePractice] == 0 || byKind[EdgeCompetency] == 0 {
		t.Fatalf("edges by kind %v", byKind)
	}
	if n := ids["m01-c02"]; len(n.Paths) == 0 || len(ids["m01"].Paths) == 0 {
		t.Fatalf("m01-c02 on paths %v, m01 on %v", n.Paths, ids["m01"].Paths)
	}
	found := false
	for _, e := range g.Edges {
		if e.Kind == EdgeAfter && e.From == "m01-c01" && e.To == "m01-sop-daily-opening-check" {
			found = true
		}
	}
	if !found {
		t.Fatal("the onboarding path's m01-c01 → daily opening check prerequisite is missing")
	}
}
