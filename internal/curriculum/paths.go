package curriculum

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// What an item of a path or a stage exam may name.
const (
	refCourse   = "course"
	refSOP      = "sop"
	refUnit     = "unit"
	refQuestion = "question"
)

// catalogue maps every id of the pack's modules to what it names.
func catalogue(p Pack) map[string]string {
	kinds := map[string]string{}
	for _, m := range p.Modules {
		for _, c := range m.Courses {
			kinds[c.ID] = refCourse
			for _, u := range c.Units {
				kinds[u.ID] = refUnit
			}
		}
		for _, s := range m.SOPs {
			kinds[s.ID] = refSOP
		}
		for _, q := range m.Questions {
			kinds[q.ID] = refQuestion
		}
	}
	return kinds
}

// paths reads paths/*.yaml and checks each against the modules read.
func (r *reader) paths(p *Pack) {
	kinds := catalogue(*p)
	onboarding := ""
	for _, name := range r.entries("paths", func(e fs.DirEntry) bool { return !e.IsDir() && strings.HasSuffix(e.Name(), ".yaml") }) {
		file := path.Join("paths", name)
		raw, err := fs.ReadFile(r.fsys, file)
		if err != nil {
			r.add(file, 0, MsgFileMissing, nil)
			continue
		}
		pa := Path{File: name}
		if err := strictYAML(raw, &pa); err != nil {
			r.add(file, yamlLine(err), MsgFrontMatterSyntax, map[string]any{"Detail": err.Error()})
			continue
		}
		r.path(file, pa, kinds)
		if pa.Onboarding {
			if onboarding != "" {
				r.add(file, 0, MsgOnboardingTwice, map[string]any{"First": onboarding})
			}
			onboarding = file
		}
		p.Paths = append(p.Paths, pa)
	}
}

func (r *reader) path(file string, pa Path, kinds map[string]string) {
	r.need(file, map[string]string{"id": pa.ID, "title": pa.Title, "title_en": pa.TitleEN,
		"position": pa.Position, "position_en": pa.PositionEN})
	r.id(file, pa.ID)
	if len(pa.Stages) == 0 {
		r.probs = append(r.probs, Problem{File: file, Field: "stages", Msg: MsgFieldRequired, Args: map[string]any{"Field": "stages"}})
	}
	stageOf := map[string]int{}
	for i, st := range pa.Stages {
		f := fmt.Sprintf("stages[%d]", i)
		r.need(file, map[string]string{f + ".id": st.ID, f + ".title": st.Title, f + ".title_en": st.TitleEN})
		r.id(file, st.ID)
		r.oneOf(file, f+".level", st.Level, Levels...)
		if len(st.Items) == 0 {
			r.probs = append(r.probs, Problem{File: file, Field: f + ".items", Msg: MsgPathStageEmpty, Args: map[string]any{"Stage": st.Title}})
		}
		for j, it := range st.Items {
			at := fmt.Sprintf("%s.items[%d]", f, j)
			switch k := kinds[it.Ref]; {
			case k != refCourse && k != refSOP && k != refUnit:
				r.probs = append(r.probs, Problem{File: file, Field: at, Msg: MsgPathRefUnknown, Args: map[string]any{"Ref": it.Ref}})
			case stageOf[it.Ref] != 0:
				r.probs = append(r.probs, Problem{File: file, Field: at, Msg: MsgPathItemTwice, Args: map[string]any{"Ref": it.Ref}})
			}
			stageOf[it.Ref] = i + 1
		}
		r.stageExam(file, f, st, kinds)
	}
	r.prerequisites(file, pa, stageOf)
}

func (r *reader) stageExam(file, f string, st Stage, kinds map[string]string) {
	if st.Exam == nil {
		r.probs = append(r.probs, Problem{File: file, Field: f + ".exam", Msg: MsgFieldRequired, Args: map[string]any{"Field": f + ".exam"}})
		return
	}
	r.need(file, map[string]string{f + ".exam.title": st.Exam.Title, f + ".exam.title_en": st.Exam.TitleEN})
	if len(st.Exam.Questions) == 0 {
		r.probs = append(r.probs, Problem{File: file, Field: f + ".exam.questions", Msg: MsgFieldRequired,
			Args: map[string]any{"Field": f + ".exam.questions"}})
	}
	for _, q := range st.Exam.Questions {
		if kinds[q] != refQuestion {
			r.probs = append(r.probs, Problem{File: file, Field: f + ".exam.questions", Msg: MsgExamQuestion, Args: map[string]any{"ID": q}})
		}
	}
	if st.Exam.PassPercent <= 0 || st.Exam.PassPercent > 100 || st.Exam.Minutes < 1 || st.Exam.Minutes > 600 {
		r.probs = append(r.probs, Problem{File: file, Field: f + ".exam", Msg: MsgStageExamInvalid,
			Args: map[string]any{"Pass": st.Exam.PassPercent, "Minutes": st.Exam.Minutes}})
	}
}

// prerequisites checks the graph of "after": every prerequisite is an
// item of the path in the same or an earlier stage (a later one could never
// be reached, since a stage opens only when the one before is passed), and
// there is no cycle.
func (r *reader) prerequisites(file string, pa Path, stageOf map[string]int) {
	after := map[string][]string{}
	for i, st := range pa.Stages {
		for _, it := range st.Items {
			for _, a := range it.After {
				switch s := stageOf[a]; {
				case s == 0:
					r.probs = append(r.probs, Problem{File: file, Msg: MsgPathAfterUnknown, Args: map[string]any{"Item": it.Ref, "After": a}})
				case s > i+1:
					r.probs = append(r.probs, Problem{File: file, Msg: MsgPathAfterLater, Args: map[string]any{"Item": it.Ref, "After": a}})
				default:
					after[it.Ref] = append(after[it.Ref], a)
				}
			}
		}
	}
	if cycle := findCycle(after); cycle != nil {
		r.probs = append(r.probs, Problem{File: file, Msg: MsgPathCycle, Args: map[string]any{"Cycle": strings.Join(cycle, " → ")}})
	}
}

// findCycle returns one cycle of the graph (first node repeated at the
// end), or nil; nodes are visited in sorted order so the answer is stable.
func findCycle(after map[string][]string) []string {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var visit func(n string) []string
	visit = func(n string) []string {
		color[n] = grey
		stack = append(stack, n)
		for _, m := range after[n] {
			switch color[m] {
			case grey:
				i := slices.Index(stack, m)
				return append(slices.Clone(stack[i:]), m)
			case white:
				if c := visit(m); c != nil {
					return c
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
		return nil
	}
	nodes := make([]string, 0, len(after))
	for n := range after {
		nodes = append(nodes, n)
	}
	slices.Sort(nodes)
	for _, n := range nodes {
		if color[n] == white {
			if c := visit(n); c != nil {
				return c
			}
		}
	}
	return nil
}
