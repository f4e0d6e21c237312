package curriculum

import (
	"path"
	"strings"
)

// Index finds a pack's items by id and knows the file each lives in, for
// the pages and progress rules built on a stored pack.
type Index struct {
	Pack    Pack
	modules map[string]*Module
	courses map[string]*Course
	units   map[string]*Unit
	sops    map[string]*SOP
	cases   map[string]*Case
	paths   map[string]*Path
	// owner maps a course, unit, SOP or case id to its module id, and a
	// unit id to its course id (key "unit:" + id).
	owner map[string]string
	files map[string]string // item id → the file of its Chinese text
}

// NewIndex indexes p; p is not copied, so it must not change afterwards.
func NewIndex(p Pack) *Index {
	x := &Index{Pack: p, modules: map[string]*Module{}, courses: map[string]*Course{}, units: map[string]*Unit{},
		sops: map[string]*SOP{}, cases: map[string]*Case{}, paths: map[string]*Path{}, owner: map[string]string{},
		files: map[string]string{}}
	for i := range x.Pack.Modules {
		x.module(&x.Pack.Modules[i])
	}
	for i := range x.Pack.Paths {
		pa := &x.Pack.Paths[i]
		x.paths[pa.ID] = pa
		x.files[pa.ID] = path.Join("paths", pa.File)
	}
	return x
}

func (x *Index) module(m *Module) {
	dir := path.Join("modules", m.Dir)
	x.modules[m.ID], x.files[m.ID] = m, path.Join(dir, "module.md")
	for i := range m.Courses {
		c := &m.Courses[i]
		cdir := path.Join(dir, "courses", c.Dir)
		x.courses[c.ID], x.owner[c.ID], x.files[c.ID] = c, m.ID, path.Join(cdir, "course.md")
		for j := range c.Units {
			u := &c.Units[j]
			x.units[u.ID], x.owner[u.ID], x.owner["unit:"+u.ID] = u, m.ID, c.ID
			x.files[u.ID] = path.Join(cdir, u.File)
		}
	}
	for i := range m.SOPs {
		s := &m.SOPs[i]
		x.sops[s.ID], x.owner[s.ID], x.files[s.ID] = s, m.ID, path.Join(dir, "sops", s.File)
	}
	for i := range m.Cases {
		c := &m.Cases[i]
		x.cases[c.ID], x.owner[c.ID], x.files[c.ID] = c, m.ID, path.Join(dir, "cases", c.File)
	}
}

// Module, Course, Unit, SOP, Case and Path return the item with id, or nil.
func (x *Index) Module(id string) *Module { return x.modules[id] }

// Course returns the course with id, or nil.
func (x *Index) Course(id string) *Course { return x.courses[id] }

// Unit returns the unit with id, or nil.
func (x *Index) Unit(id string) *Unit { return x.units[id] }

// SOP returns the SOP with id, or nil.
func (x *Index) SOP(id string) *SOP { return x.sops[id] }

// Case returns the case with id, or nil.
func (x *Index) Case(id string) *Case { return x.cases[id] }

// Path returns the path with id, or nil.
func (x *Index) Path(id string) *Path { return x.paths[id] }

// ModuleOf is the module holding a course, unit, SOP or case ("" if none).
func (x *Index) ModuleOf(id string) string { return x.owner[id] }

// CourseOf is the course holding unit id ("" if none).
func (x *Index) CourseOf(unitID string) string { return x.owner["unit:"+unitID] }

// File is the pack file holding item id's Chinese text ("" if none); its
// English body is in EnglishFile(File(id)).
func (x *Index) File(id string) string { return x.files[id] }

// EnglishFile is the file beside a Markdown file that holds its English body.
func EnglishFile(file string) string { return strings.TrimSuffix(file, ".md") + ".en.md" }

// Kind says what id names: course, sop, unit (or "" for anything else).
func (x *Index) Kind(id string) string {
	switch {
	case x.courses[id] != nil:
		return refCourse
	case x.sops[id] != nil:
		return refSOP
	case x.units[id] != nil:
		return refUnit
	}
	return ""
}

// Units lists the units an item of a path stands for: a course's units,
// or the unit itself; an SOP stands for none (it is done by a signed-off
// run, not by units).
func (x *Index) Units(ref string) []*Unit {
	if c := x.courses[ref]; c != nil {
		out := make([]*Unit, len(c.Units))
		for i := range c.Units {
			out[i] = &c.Units[i]
		}
		return out
	}
	if u := x.units[ref]; u != nil {
		return []*Unit{u}
	}
	return nil
}

// PracticeUnits lists the practice units that run the SOP sopID.
func (x *Index) PracticeUnits(sopID string) []*Unit {
	var out []*Unit
	for _, m := range x.Pack.Modules {
		for _, c := range m.Courses {
			for _, u := range c.Units {
				if u.Kind == KindPractice && u.SOP == sopID {
					out = append(out, x.units[u.ID])
				}
			}
		}
	}
	return out
}

// IDOf is the id of the item whose Chinese text is file, or "".
func (x *Index) IDOf(file string) string {
	for id, f := range x.files {
		if f == file {
			return id
		}
	}
	return ""
}

// Onboarding is the path every new hire gets, or nil.
func (x *Index) Onboarding() *Path {
	for i := range x.Pack.Paths {
		if x.Pack.Paths[i].Onboarding {
			return &x.Pack.Paths[i]
		}
	}
	return nil
}

// Titles gives each file of Files(p) a title for version lists: the item's
// Chinese title, its English title for the .en.md beside it.
func Titles(p Pack) map[string]string {
	x := NewIndex(p)
	out := map[string]string{"pack.yaml": p.Title, "competencies.yaml": "能力素质词典 Competencies"}
	add := func(id, zh, en string) {
		f := x.files[id]
		out[f], out[EnglishFile(f)] = zh, en
	}
	for _, m := range p.Modules {
		add(m.ID, m.Title, m.TitleEN)
		for _, c := range m.Courses {
			add(c.ID, c.Title, c.TitleEN)
			for _, u := range c.Units {
				add(u.ID, u.Title, u.TitleEN)
			}
		}
		for _, s := range m.SOPs {
			add(s.ID, s.Title, s.TitleEN)
		}
		for _, c := range m.Cases {
			add(c.ID, c.Title, c.TitleEN)
		}
	}
	for _, pa := range p.Paths {
		out[x.files[pa.ID]] = pa.Title
	}
	return out
}

// PracticeSteps is the checklist of a practice unit that runs no SOP: one
// step per item of its evidence list (the section of the lesson whose
// heading names 证据, in English "Evidence"), or a single step for the
// whole exercise when the lesson has no such list.
func PracticeSteps(u *Unit) []Step {
	zh, en := evidenceItems(u.Body, "证据"), evidenceItems(u.BodyEN, "Evidence")
	if len(zh) == 0 {
		return []Step{{Check: u.Title, CheckEN: u.TitleEN}}
	}
	steps := make([]Step, len(zh))
	for i, s := range zh {
		steps[i] = Step{Check: s, CheckEN: s}
		if i < len(en) && len(en) == len(zh) {
			steps[i].CheckEN = en[i]
		}
	}
	return steps
}

// evidenceItems lists the bullet or numbered items of the first section
// whose level-2 heading contains word.
func evidenceItems(body, word string) []string {
	var out []string
	in := false
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") {
			if in {
				break
			}
			in = strings.HasPrefix(line, "## ") && strings.Contains(line, word)
			continue
		}
		if !in {
			continue
		}
		if item, ok := listItem(line); ok {
			out = append(out, item)
		}
	}
	return out
}

// listItem is the text of a Markdown list line ("- x", "* x", "1. x").
func listItem(line string) (string, bool) {
	for _, p := range []string{"- ", "* "} {
		if strings.HasPrefix(line, p) {
			return strings.TrimSpace(line[len(p):]), true
		}
	}
	if i := strings.Index(line, ". "); i > 0 && i <= 3 && strings.Trim(line[:i], "0123456789") == "" {
		return strings.TrimSpace(line[i+2:]), true
	}
	return "", false
}

// IDs is every id the pack uses: modules, courses, units, SOPs, cases,
// questions, paths and their stages. Read wants them unique, so a new
// item needs one not in this set.
func IDs(p Pack) map[string]bool {
	used := map[string]bool{}
	for _, m := range p.Modules {
		used[m.ID] = true
		for _, c := range m.Courses {
			used[c.ID] = true
			for _, u := range c.Units {
				used[u.ID] = true
			}
		}
		for _, s := range m.SOPs {
			used[s.ID] = true
		}
		for _, c := range m.Cases {
			used[c.ID] = true
		}
		for _, q := range m.Questions {
			used[q.ID] = true
		}
	}
	for _, pa := range p.Paths {
		used[pa.ID] = true
		for _, st := range pa.Stages {
			used[st.ID] = true
		}
	}
	return used
}
