package app

import (
	"context"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// PathPicker is what the path builder picks from: every course, SOP and
// unit of the pack, the test units (whose questions a stage exam can
// take), the questions, and the positions of the company and of the
// pack's paths.
type PathPicker struct {
	Items     []PickItem
	Tests     []PickTest
	Questions []PickQuestion
	Positions []PickPosition
}

// PickItem is a course, SOP or unit that a path can hold.
type PickItem struct {
	Ref, Kind        string
	Title, TitleEN   string
	Module, ModuleEN string
	Course, CourseEN string // a unit's course
	Minutes          int
}

// PickTest is a test unit and the questions of its quiz.
type PickTest struct {
	ID, Title, TitleEN string
	Module, ModuleEN   string
	Questions          []string
}

// PickQuestion is a module question, its stem shortened.
type PickQuestion struct {
	ID, Stem, StemEN, Module string
}

// PickPosition is a position name; English when the pack gives one.
type PickPosition struct{ Name, NameEN string }

// PathPickerFor lists what the builder picks from, out of the draft pack
// (so questions are the banks').
func (a *App) PathPickerFor(ctx context.Context, ac Actor) (PathPicker, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return PathPicker{}, err
	}
	dp, err := a.pathDraft(ctx, "")
	if err != nil {
		return PathPicker{}, err
	}
	pk := pickFrom(dp.x.Pack)
	pk.Positions, err = a.pickPositions(ctx, dp.x.Pack)
	return pk, err
}

func pickFrom(p curriculum.Pack) PathPicker {
	var pk PathPicker
	for _, m := range p.Modules {
		for _, c := range m.Courses {
			minutes := 0
			for _, u := range c.Units {
				minutes += u.Minutes
			}
			pk.Items = append(pk.Items, PickItem{Ref: c.ID, Kind: "course", Title: c.Title, TitleEN: c.TitleEN,
				Module: m.Title, ModuleEN: m.TitleEN, Minutes: minutes})
			for _, u := range c.Units {
				pk.Items = append(pk.Items, PickItem{Ref: u.ID, Kind: "unit", Title: u.Title, TitleEN: u.TitleEN,
					Module: m.Title, ModuleEN: m.TitleEN, Course: c.Title, CourseEN: c.TitleEN, Minutes: u.Minutes})
				if u.Kind == curriculum.KindTest && len(u.Quiz) > 0 {
					pk.Tests = append(pk.Tests, PickTest{ID: u.ID, Title: c.Title + " · " + u.Title, TitleEN: c.TitleEN + " · " + u.TitleEN,
						Module: m.Title, ModuleEN: m.TitleEN, Questions: u.Quiz})
				}
			}
		}
		for _, s := range m.SOPs {
			pk.Items = append(pk.Items, PickItem{Ref: s.ID, Kind: "sop", Title: s.Title, TitleEN: s.TitleEN,
				Module: m.Title, ModuleEN: m.TitleEN, Minutes: 30})
		}
		for _, q := range m.Questions {
			pq := PickQuestion{ID: q.ID, Stem: excerpt(stemLine(q.Stem), 60), Module: m.Title}
			if q.EN != nil {
				pq.StemEN = excerpt(stemLine(q.EN.Stem), 80)
			}
			pk.Questions = append(pk.Questions, pq)
		}
	}
	return pk
}

// pickPositions is the company's positions, then the pack's that the
// company does not have, each once, with the pack's English names.
func (a *App) pickPositions(ctx context.Context, p curriculum.Pack) ([]PickPosition, error) {
	var rows []sqlq.ListPositionsRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) { rows, err = q.ListPositions(ctx); return }); err != nil {
		return nil, err
	}
	en := map[string]string{}
	for _, pa := range p.Paths {
		en[pa.Position] = pa.PositionEN
	}
	var out []PickPosition
	seen := map[string]bool{}
	add := func(name string) {
		if name = strings.TrimSpace(name); name != "" && !seen[name] {
			seen[name] = true
			out = append(out, PickPosition{Name: name, NameEN: en[name]})
		}
	}
	for _, r := range rows {
		add(r.Name)
	}
	for _, pa := range p.Paths {
		add(pa.Position)
	}
	return out, nil
}

// pathExamsTx makes or updates the stage exams of a path file whose
// version is published, so a stage the builder added has its exam (an
// import does the same for a whole pack).
func (a *App) pathExamsTx(ctx context.Context, tx *store.Tx, ac Actor, m sqlq.Material, body string) error {
	if m.Kind != KindCurriculum || !strings.HasPrefix(m.SubjectID, "paths/") {
		return nil
	}
	var pa curriculum.Path
	if err := yaml.Unmarshal([]byte(body), &pa); err != nil {
		return shopdojo.Wrap(shopdojo.KindInvalid, "error.invalid", err)
	}
	im := &contentImport{a: a, ac: ac, pack: curriculum.Pack{Paths: []curriculum.Path{pa}}, rep: &ContentReport{}}
	return im.storeExams(ctx, tx)
}

var stemMarks = strings.NewReplacer("**", "", "`", "", "#", "", "\n", " ")

// stemLine is a Markdown stem as one line of text for a picker.
func stemLine(s string) string { return strings.TrimSpace(stemMarks.Replace(s)) }

// RefTitles gives the titles of the courses, SOPs and units among refs,
// for messages that name items of a path.
func (a *App) RefTitles(ctx context.Context, ac Actor, refs []string) (map[string]curriculum.Text, error) {
	if err := ac.require(shopdojo.PermContentEdit); err != nil {
		return nil, err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]curriculum.Text{}
	for _, ref := range refs {
		if c := sp.idx.Course(ref); c != nil {
			out[ref] = curriculum.Text{ZH: c.Title, EN: c.TitleEN}
		} else if s := sp.idx.SOP(ref); s != nil {
			out[ref] = curriculum.Text{ZH: s.Title, EN: s.TitleEN}
		} else if u := sp.idx.Unit(ref); u != nil {
			out[ref] = curriculum.Text{ZH: u.Title, EN: u.TitleEN}
		}
	}
	return out, nil
}
