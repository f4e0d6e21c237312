package app

import (
	"time"

	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// How a path's items and stages stand for one person. A stage opens when
// every earlier stage's exam is passed (its certification held); in an
// open stage an item waits for the items it comes after; a stage exam is
// offered once the stage's required items are done.

// Item states.
const (
	StateDone      = "done"
	StateStarted   = "started"
	StateAvailable = "available"
	StateLocked    = "locked"
)

// PathItemView is one item of a path for a person.
type PathItemView struct {
	Ref, Kind        string // kind: course, sop or unit
	Title, TitleEN   string
	Required         bool
	Minutes          int
	Units, Done      int
	State            string
	WaitsFor         []string // titles of the items it comes after that are not done
	Next             string   // the unit to open: the first not done
	Module, ModuleEN string
}

// StageExamView is a stage's closing exam for a person.
type StageExamView struct {
	ExamID         string
	Title, TitleEN string
	PassPercent    float64
	Minutes        int
	Ready, Passed  bool
}

// StageView is one stage of a path for a person.
type StageView struct {
	ID, Title, TitleEN, Level string
	Items                     []PathItemView
	Exam                      *StageExamView
	Locked, Done              bool
	Required, RequiredDone    int
}

// PathView is a whole course map for a person.
type PathView struct {
	ID, Title, TitleEN   string
	Position, PositionEN string
	Certification        string
	CertificationEN      string
	Onboarding           bool
	Assigned             bool
	AssignedAt, DueAt    time.Time
	Stages               []StageView
	Units, Done          int
	Minutes, MinutesLeft int
	Certified            bool
	Current              int // index of the stage to work on
}

// Percent is the share of the path's units done.
func (p PathView) Percent() int {
	if p.Units == 0 {
		return 0
	}
	return p.Done * 100 / p.Units
}

// Overdue reports whether the path is due before now and not finished.
func (p PathView) Overdue(now time.Time) bool {
	return !p.DueAt.IsZero() && now.After(p.DueAt) && !p.Certified
}

// progressOf is what a person has done: unit progress, passed exams.
type progressOf struct {
	units  map[string]unitState // unit or SOP id → its state
	passed map[string]bool      // exam id → certification held and valid
	// the paths assigned (rule and assigner are not read)
	assigned []sqlq.PathAssignment
	// due review cards, open "what changed" tasks, runs returned for changes
	due, changes, returned int64
}

// unitState is where a person stands on a unit: started or done, and
// when they last touched it.
type unitState struct {
	Status    string
	UpdatedAt int64
}

func (pr progressOf) unitDone(id string) bool { return pr.units[id].Status == StateDone }

// pathView works out path pa for a person.
func pathView(x *curriculum.Index, pa *curriculum.Path, exams map[string]string, pr progressOf) PathView {
	v := PathView{ID: pa.ID, Title: pa.Title, TitleEN: pa.TitleEN, Position: pa.Position, PositionEN: pa.PositionEN,
		Certification: pa.Certification, CertificationEN: pa.CertificationEN, Onboarding: pa.Onboarding, Current: -1}
	n := 0
	for _, st := range pa.Stages {
		n += len(st.Items)
	}
	done, titles := make(map[string]bool, n), make(map[string]string, n)
	open := true
	for _, st := range pa.Stages {
		sv := stageView(x, st, exams, pr, done, titles, !open)
		open = open && (sv.Exam == nil || sv.Exam.Passed) && (sv.Exam != nil || sv.RequiredDone == sv.Required)
		v.Stages = append(v.Stages, sv)
	}
	for i, sv := range v.Stages {
		if v.Current < 0 && !sv.Locked && !sv.Done {
			v.Current = i
		}
		for _, it := range sv.Items {
			v.Units, v.Done = v.Units+it.Units, v.Done+it.Done
			v.Minutes += it.Minutes
			if it.State != StateDone {
				v.MinutesLeft += it.Minutes
			}
		}
	}
	last := len(v.Stages) - 1
	v.Certified = last >= 0 && v.Stages[last].Done
	return v
}

func stageView(x *curriculum.Index, st curriculum.Stage, exams map[string]string, pr progressOf,
	done map[string]bool, titles map[string]string, locked bool) StageView {
	sv := StageView{ID: st.ID, Title: st.Title, TitleEN: st.TitleEN, Level: st.Level, Locked: locked}
	for _, it := range st.Items {
		iv := itemView(x, it, pr)
		titles[it.Ref] = iv.Title
		done[it.Ref] = iv.State == StateDone
		for _, after := range it.After {
			if !done[after] {
				iv.WaitsFor = append(iv.WaitsFor, titles[after])
			}
		}
		if iv.State != StateDone && (locked || len(iv.WaitsFor) > 0) {
			iv.State = StateLocked
		}
		if it.Required {
			sv.Required++
			if iv.State == StateDone {
				sv.RequiredDone++
			}
		}
		sv.Items = append(sv.Items, iv)
	}
	if st.Exam != nil {
		id := exams[stageRef+st.ID]
		sv.Exam = &StageExamView{ExamID: id, Title: st.Exam.Title, TitleEN: st.Exam.TitleEN, PassPercent: st.Exam.PassPercent,
			Minutes: st.Exam.Minutes, Passed: pr.passed[id]}
		sv.Exam.Ready = !locked && sv.RequiredDone == sv.Required && id != ""
		sv.Done = sv.Exam.Passed
	} else {
		sv.Done = !locked && sv.RequiredDone == sv.Required
	}
	return sv
}

// itemView is one item's own progress, before locks.
func itemView(x *curriculum.Index, it curriculum.PathItem, pr progressOf) PathItemView {
	iv := PathItemView{Ref: it.Ref, Kind: x.Kind(it.Ref), Required: it.Required}
	if m := x.Module(x.ModuleOf(it.Ref)); m != nil {
		iv.Module, iv.ModuleEN = m.Title, m.TitleEN
	}
	switch iv.Kind {
	case "course":
		c := x.Course(it.Ref)
		iv.Title, iv.TitleEN = c.Title, c.TitleEN
	case "sop":
		s := x.SOP(it.Ref)
		iv.Title, iv.TitleEN, iv.Minutes = s.Title, s.TitleEN, 30
		iv.Units = 1
		if pr.unitDone(it.Ref) {
			iv.Done = 1
		}
		iv.State = itemState(iv.Done, iv.Units, pr.units[it.Ref].Status != "")
		return iv
	case "unit":
		u := x.Unit(it.Ref)
		iv.Title, iv.TitleEN = u.Title, u.TitleEN
	default:
		iv.Title, iv.State = it.Ref, StateLocked
		return iv
	}
	started := false
	for _, u := range x.Units(it.Ref) {
		iv.Units++
		iv.Minutes += u.Minutes
		switch {
		case pr.unitDone(u.ID):
			iv.Done++
			started = true
		case iv.Next == "":
			iv.Next = u.ID
			started = started || pr.units[u.ID].Status != ""
		}
	}
	iv.State = itemState(iv.Done, iv.Units, started)
	return iv
}

func itemState(done, units int, started bool) string {
	switch {
	case units > 0 && done == units:
		return StateDone
	case started:
		return StateStarted
	}
	return StateAvailable
}
