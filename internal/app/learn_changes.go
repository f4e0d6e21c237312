package app

import (
	"context"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
	"github.com/shopdojo/shopdojo/internal/textdiff"
)

// "What changed" tasks: a major change of a lesson or SOP someone finished
// asks them to read the change, shown as a side-by-side diff of the
// Chinese text; acknowledging it moves their progress to the new version.

// ChangeTask is one open "what changed" task.
type ChangeTask struct {
	Ref, Kind      string // unit or SOP id; "unit" or "sop"
	Title, TitleEN string
	FromNo, ToNo   int64
	Note           string
}

// Href is the page the task opens.
func (c ChangeTask) Href() string {
	if c.Kind == "sop" {
		return "/learn/sops/" + c.Ref
	}
	return "/learn/units/" + c.Ref
}

func (a *App) changeTasks(ctx context.Context, q *store.Queries, sp *storedPack, personID string) ([]ChangeTask, error) {
	rows, err := q.ListOpenChangeTasks(ctx, personID)
	if err != nil {
		return nil, err
	}
	var out []ChangeTask
	for _, r := range rows {
		c := ChangeTask{Ref: r.UnitID, Kind: sp.idx.Kind(r.UnitID), FromNo: r.FromNo, ToNo: r.ToNo, Note: r.Note}
		switch c.Kind {
		case "unit":
			u := sp.idx.Unit(r.UnitID)
			c.Title, c.TitleEN = u.Title, u.TitleEN
		case "sop":
			s := sp.idx.SOP(r.UnitID)
			c.Title, c.TitleEN = s.Title, s.TitleEN
		default:
			continue // archived since
		}
		out = append(out, c)
	}
	return out, nil
}

// ChangeView is what changed in a lesson or SOP since the version the
// reader learned.
type ChangeView struct {
	Task  ChangeTask
	Rows  []textdiff.Row
	Stats textdiff.Stats
}

// WhatChanged returns the actor's open task on ref with the diff from the
// version they learned to the newest the task names, or ok false.
func (a *App) WhatChanged(ctx context.Context, ac Actor, ref string) (v ChangeView, ok bool, err error) {
	if ac.PersonID == "" {
		return v, false, shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return v, false, err
	}
	var oldBody, newBody string
	err = a.store.Read(ctx, func(q *store.Queries) error {
		tasks, err := a.changeTasks(ctx, q, sp, ac.PersonID)
		if err != nil {
			return err
		}
		for _, t := range tasks {
			if t.Ref == ref && (!ok || t.ToNo > v.Task.ToNo) {
				v.Task, ok = t, true
			}
		}
		if !ok || v.Task.FromNo > v.Task.ToNo {
			return nil
		}
		mid := sp.files[sp.idx.File(ref)].materialID
		from, err := q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: mid, No: v.Task.FromNo})
		if err != nil {
			return err
		}
		to, err := q.GetVersion(ctx, sqlq.GetVersionParams{MaterialID: mid, No: v.Task.ToNo})
		oldBody, newBody = from.Body, to.Body
		return err
	})
	if err != nil || !ok {
		return v, ok, err
	}
	rows, stats := textdiff.Compare(oldBody, newBody)
	v.Rows, v.Stats = textdiff.Collapse(rows, 2), stats
	return v, true, nil
}

// AckChange closes the actor's "what changed" tasks on ref and moves their
// progress to the version they now read.
func (a *App) AckChange(ctx context.Context, ac Actor, ref string) error {
	if ac.PersonID == "" {
		return shopdojo.ErrForbidden
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	f, ok := sp.files[sp.idx.File(ref)]
	if !ok {
		return shopdojo.ErrNotFound
	}
	now := a.nowMs()
	return a.store.TxQuiet(ctx, func(tx *store.Tx) error {
		n, err := tx.AckChangeTasks(ctx, sqlq.AckChangeTasksParams{PersonID: ac.PersonID, UnitID: ref, DoneAt: now})
		if err != nil || n == 0 {
			return err
		}
		return tx.SetProgressVersion(ctx, sqlq.SetProgressVersionParams{PersonID: ac.PersonID, UnitID: ref,
			MaterialID: f.materialID, VersionNo: f.no, UpdatedAt: now})
	})
}
