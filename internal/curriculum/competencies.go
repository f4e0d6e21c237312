package curriculum

import (
	"fmt"
	"io/fs"
	"strings"
)

const competenciesFile = "competencies.yaml"

// competencies reads the catalogue; a pack may have none.
func (r *reader) competencies() []Competency {
	raw, err := fs.ReadFile(r.fsys, competenciesFile)
	if err != nil {
		return nil
	}
	var cs []Competency
	if err := strictYAML(raw, &cs); err != nil {
		r.add(competenciesFile, yamlLine(err), MsgFrontMatterSyntax, map[string]any{"Detail": err.Error()})
		return nil
	}
	for i, c := range cs {
		f := fmt.Sprintf("[%d]", i)
		r.need(competenciesFile, map[string]string{f + ".id": c.ID, f + ".name": c.Name, f + ".name_en": c.NameEN,
			f + ".description": c.Description, f + ".description_en": c.DescriptionEN})
		r.id(competenciesFile, c.ID)
		for _, l := range Levels {
			r.need(competenciesFile, map[string]string{f + ".levels." + l + ".zh": c.Levels[l].ZH, f + ".levels." + l + ".en": c.Levels[l].EN})
		}
		for l := range c.Levels {
			r.oneOf(competenciesFile, f+".levels", l, Levels...)
		}
	}
	return cs
}

// competencyRefs checks that modules and questions name competencies of
// the catalogue (when the pack has one).
func (r *reader) competencyRefs(p Pack) {
	if len(p.Competencies) == 0 {
		return
	}
	known := map[string]bool{}
	for _, c := range p.Competencies {
		known[c.ID] = true
	}
	for _, m := range p.Modules {
		file := "modules/" + m.Dir + "/module.md"
		for _, c := range m.Competencies {
			if !known[c] {
				r.probs = append(r.probs, Problem{File: file, Field: "competencies", Msg: MsgCompetencyUnknown, Args: map[string]any{"ID": c}})
			}
		}
		for _, q := range m.Questions {
			for _, t := range q.Tags {
				if c, ok := strings.CutPrefix(t, "competency:"); ok && !known[c] {
					r.probs = append(r.probs, Problem{File: "modules/" + m.Dir + "/questions.yaml", Field: q.ID,
						Msg: MsgCompetencyUnknown, Args: map[string]any{"ID": c}})
				}
			}
		}
	}
}
