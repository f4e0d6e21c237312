package app

import (
	"context"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/curriculum"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// UnitView is a unit page: the published text in both languages, where
// the unit sits, and the reader's progress on it.
type UnitView struct {
	Unit             curriculum.Unit
	Module, ModuleEN string
	Course           curriculum.Course
	Prev, Next       *UnitBrief
	Version          int64  // the published version shown
	Status           string // "", started or done
	DoneVersion      int64  // the version the reader finished, when done
	ExamID           string // a test unit's exam
	SOP              *curriculum.SOP
}

// OpenUnit returns a unit for the actor and records that they opened it
// (the first visit starts it; later ones move "continue where you left
// off" here). A finished unit stays finished.
func (a *App) OpenUnit(ctx context.Context, ac Actor, unitID string) (UnitView, error) {
	var v UnitView
	if ac.PersonID == "" {
		return v, shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return v, err
	}
	u := sp.idx.Unit(unitID)
	if u == nil {
		return v, shopdojo.ErrNotFound
	}
	v = unitView(sp, u)
	f := sp.files[sp.idx.File(u.ID)]
	now := a.nowMs()
	err = a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		if err := tx.StartUnit(ctx, sqlq.StartUnitParams{PersonID: ac.PersonID, UnitID: u.ID, MaterialID: f.materialID,
			VersionNo: f.no, StartedAt: now}); err != nil {
			return err
		}
		p, err := tx.GetProgress(ctx, sqlq.GetProgressParams{PersonID: ac.PersonID, UnitID: u.ID})
		v.Status = p.Status
		if p.Status == StateDone {
			v.DoneVersion = p.VersionNo
		}
		return err
	})
	return v, err
}

// RunRef is what the runs of a practice unit stand for: its SOP, else
// the unit itself.
func (v UnitView) RunRef() string {
	if v.SOP != nil {
		return v.SOP.ID
	}
	return v.Unit.ID
}

func unitView(sp *storedPack, u *curriculum.Unit) UnitView {
	x := sp.idx
	v := UnitView{Unit: *u, Version: sp.files[x.File(u.ID)].no, ExamID: sp.exams[u.ID]}
	if m := x.Module(x.ModuleOf(u.ID)); m != nil {
		v.Module, v.ModuleEN = m.Title, m.TitleEN
	}
	if c := x.Course(x.CourseOf(u.ID)); c != nil {
		v.Course = *c
		v.Course.Units = nil
		for i := range c.Units {
			if c.Units[i].ID != u.ID {
				continue
			}
			if i > 0 {
				b := unitBrief(x, &c.Units[i-1])
				v.Prev = &b
			}
			if i+1 < len(c.Units) {
				b := unitBrief(x, &c.Units[i+1])
				v.Next = &b
			}
		}
	}
	if u.SOP != "" {
		v.SOP = x.SOP(u.SOP)
	}
	return v
}

// CompleteUnit marks a read unit, or a watch unit whose video is a link
// elsewhere, done for the actor, with the version they read. Practice units are done when a mentor signs off the
// run, test units when the quiz is passed: neither is done by a click.
func (a *App) CompleteUnit(ctx context.Context, ac Actor, unitID string) error {
	if ac.PersonID == "" {
		return shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	u := sp.idx.Unit(unitID)
	if u == nil {
		return shopdojo.ErrNotFound
	}
	if u.Kind != curriculum.KindRead && u.Kind != curriculum.KindWatch {
		return shopdojo.E(shopdojo.KindConflict, "learn.err_not_self_complete")
	}
	if u.VideoFile() != "" {
		return shopdojo.E(shopdojo.KindConflict, "watch.err_click_done") // the player reports it (WatchHeartbeat)
	}
	f := sp.files[sp.idx.File(u.ID)]
	return a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		_, err := tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: ac.PersonID, UnitID: u.ID, MaterialID: f.materialID,
			VersionNo: f.no, StartedAt: a.nowMs()})
		return err
	})
}

// CourseView is a course with the reader's progress on each unit.
type CourseView struct {
	Course           curriculum.Course
	Module, ModuleEN string
	ModuleID         string
	Status           map[string]string // unit id → "", started or done
	Watched          map[string]int    // watch unit started and not done → percent of its video watched
	Done             int
}

// LearningCourse returns a course page for the actor.
func (a *App) LearningCourse(ctx context.Context, ac Actor, courseID string) (CourseView, error) {
	var v CourseView
	if ac.PersonID == "" {
		return v, shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return v, err
	}
	c := sp.idx.Course(courseID)
	if c == nil {
		return v, shopdojo.ErrNotFound
	}
	v.Course, v.ModuleID, v.Status = *c, sp.idx.ModuleOf(c.ID), map[string]string{}
	if m := sp.idx.Module(v.ModuleID); m != nil {
		v.Module, v.ModuleEN = m.Title, m.TitleEN
	}
	var pr progressOf
	var watched []sqlq.ListPersonWatchProgressRow
	if err := a.store.Read(ctx, func(q *store.Queries) (err error) {
		if pr, err = a.progress(ctx, q, ac.PersonID); err != nil {
			return err
		}
		watched, err = q.ListPersonWatchProgress(ctx, ac.PersonID)
		return err
	}); err != nil {
		return v, err
	}
	for _, u := range c.Units {
		v.Status[u.ID] = pr.units[u.ID].Status
		if pr.unitDone(u.ID) {
			v.Done++
		}
	}
	v.Watched = watchedPercents(sp.idx, c.ID, watched, pr)
	return v, nil
}

// watchedPercents is how far the person has watched each uploaded video
// they started and have not finished, of course courseID or ("") of any
// course (a replaced video starts again, so a row for an older one counts
// for nothing).
func watchedPercents(x *curriculum.Index, courseID string, rows []sqlq.ListPersonWatchProgressRow, pr progressOf) map[string]int {
	out := map[string]int{}
	for _, w := range rows {
		u := x.Unit(w.UnitID)
		if u == nil || courseID != "" && x.CourseOf(u.ID) != courseID || w.Video != u.Video || u.VideoFile() == "" || pr.unitDone(u.ID) {
			continue
		}
		st := watchState(WatchState{Duration: u.VideoSeconds}, sqlq.WatchProgress{WatchedMs: w.WatchedMs, DurationMs: w.DurationMs}, false)
		out[u.ID] = st.Percent
	}
	return out
}

// LearningSOP returns an SOP checklist (its printable view too).
func (a *App) LearningSOP(ctx context.Context, ac Actor, sopID string) (curriculum.SOP, string, error) {
	if ac.PersonID == "" {
		return curriculum.SOP{}, "", shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return curriculum.SOP{}, "", err
	}
	s := sp.idx.SOP(sopID)
	if s == nil {
		return curriculum.SOP{}, "", shopdojo.ErrNotFound
	}
	m := sp.idx.Module(sp.idx.ModuleOf(s.ID))
	return *s, m.ID, nil
}
