package app

import (
	"slices"
	"time"

	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// What "trained" means for the impact analysis: a person completed a
// training (a module, a course or a path of the published curriculum)
// when every unit it stands for is done in unit_progress, on the day the
// last of them was done. A path stands for the units of its courses and
// units (its SOPs are signed-off runs, which finish their practice units).

// Training kinds.
const (
	TrainingModule = "module"
	TrainingCourse = "course"
	TrainingPath   = "path"
)

// TrainingOption is a training the analysis can ask about.
type TrainingOption struct {
	Ref, Kind      string
	Title, TitleEN string
	Units          int
}

// trainingOptions lists the modules with their courses, then the paths.
func trainingOptions(x *curriculum.Index) []TrainingOption {
	var out []TrainingOption
	for _, m := range x.Pack.Modules {
		out = append(out, TrainingOption{Ref: m.ID, Kind: TrainingModule, Title: m.Title, TitleEN: m.TitleEN,
			Units: len(trainingUnits(x, m.ID))})
		for _, c := range m.Courses {
			out = append(out, TrainingOption{Ref: c.ID, Kind: TrainingCourse, Title: c.Title, TitleEN: c.TitleEN, Units: len(c.Units)})
		}
	}
	for _, p := range x.Pack.Paths {
		out = append(out, TrainingOption{Ref: p.ID, Kind: TrainingPath, Title: p.Title, TitleEN: p.TitleEN,
			Units: len(trainingUnits(x, p.ID))})
	}
	return slices.DeleteFunc(out, func(o TrainingOption) bool { return o.Units == 0 })
}

// trainingUnits are the unit ids a training stands for.
func trainingUnits(x *curriculum.Index, ref string) []string {
	var out []string
	add := func(us []*curriculum.Unit) {
		for _, u := range us {
			out = append(out, u.ID)
		}
	}
	if m := x.Module(ref); m != nil {
		for _, c := range m.Courses {
			add(x.Units(c.ID))
		}
		return out
	}
	if p := x.Path(ref); p != nil {
		for _, st := range p.Stages {
			for _, it := range st.Items {
				add(x.Units(it.Ref))
			}
		}
		return dedupe(out)
	}
	add(x.Units(ref))
	return out
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	return slices.DeleteFunc(ids, func(id string) bool {
		dup := seen[id]
		seen[id] = true
		return dup
	})
}

// doneRow is a unit a person finished.
type doneRow struct {
	PersonID, UnitID string
	DoneAt           int64
}

// completions gives, per person, when they completed the training: the
// time the last of its units was done, for people who did all of them.
func completions(units []string, rows []doneRow) map[string]time.Time {
	want := map[string]bool{}
	for _, u := range units {
		want[u] = true
	}
	count, last := map[string]int{}, map[string]int64{}
	for _, r := range rows {
		if !want[r.UnitID] {
			continue
		}
		count[r.PersonID]++
		last[r.PersonID] = max(last[r.PersonID], r.DoneAt)
	}
	out := map[string]time.Time{}
	for p, n := range count {
		if n == len(want) && len(want) > 0 {
			out[p] = time.UnixMilli(last[p])
		}
	}
	return out
}

func agentDone(rows []sqlq.ListStoreAgentProgressRow) []doneRow {
	out := make([]doneRow, len(rows))
	for i, r := range rows {
		out[i] = doneRow{r.PersonID, r.UnitID, r.DoneAt}
	}
	return out
}

func staffDone(rows []sqlq.ListStoreStaffProgressRow) []doneRow {
	out := make([]doneRow, len(rows))
	for i, r := range rows {
		out[i] = doneRow{r.PersonID, r.UnitID, r.DoneAt}
	}
	return out
}

// Training status of a unit of analysis against the windows.
const (
	statusTrained = iota
	statusUntrained
	statusBefore // completed before the training window
	statusAfter  // completed after the window, while the after period ran
)

// trainingStatus places a completion (zero: not completed) against the
// training window [from, to) and the end of the after period.
func trainingStatus(at time.Time, q ImpactQuery) int {
	switch {
	case at.IsZero() || !at.Before(q.AfterTo):
		return statusUntrained
	case at.Before(q.WindowFrom):
		return statusBefore
	case at.Before(q.WindowTo):
		return statusTrained
	}
	return statusAfter
}
