package app

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// NeedsAnalysis is a store's training-needs analysis (培训需求分析): the
// period it is about and, in its tables, surveys, ratings and notes.
type NeedsAnalysis struct {
	ID, StoreID, Title string
	From, To           string // YYYY-MM-DD
	CreatedAt          int64
	Surveys            int64
}

// NeedsAnalysisInput is the create form.
type NeedsAnalysisInput struct{ Title, From, To string }

func analysisOf(r sqlq.NeedsAnalysis) NeedsAnalysis {
	return NeedsAnalysis{ID: r.ID, StoreID: r.StoreID, Title: r.Title, From: r.PeriodFrom, To: r.PeriodTo, CreatedAt: r.CreatedAt}
}

func (in NeedsAnalysisInput) check() error {
	var v shopdojo.Validation
	title := strings.TrimSpace(in.Title)
	v.Check(title != "", "title", "error.required")
	v.Check(len([]rune(title)) <= 100, "title", "error.too_long")
	from, errF := time.Parse(time.DateOnly, in.From)
	to, errT := time.Parse(time.DateOnly, in.To)
	v.Check(errF == nil, "from", "error.date_invalid")
	v.Check(errT == nil, "to", "error.date_invalid")
	if errF == nil && errT == nil {
		v.Check(!to.Before(from), "to", "needs.err_period")
	}
	return v.Err()
}

// CreateNeedsAnalysis starts an analysis for a store.
func (a *App) CreateNeedsAnalysis(ctx context.Context, ac Actor, storeID string, in NeedsAnalysisInput) (string, error) {
	if err := in.check(); err != nil {
		return "", err
	}
	id := newID()
	return id, a.store.Tx(ctx, func(tx *store.Tx) error {
		st, err := a.storeFor(ctx, tx.Queries, ac, storeID, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		if err := tx.CreateNeedsAnalysis(ctx, sqlq.CreateNeedsAnalysisParams{ID: id, StoreID: storeID,
			Title: strings.TrimSpace(in.Title), PeriodFrom: in.From, PeriodTo: in.To, CreatedBy: nullStr(ac.PersonID),
			CreatedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "needs.create", ObjectType: "needs_analysis", ObjectID: id,
			ObjectName: strings.TrimSpace(in.Title), After: map[string]string{"store": st.Name, "from": in.From, "to": in.To}})
	})
}

// NeedsAnalyses lists a store's analyses, newest first, a page at a time.
func (a *App) NeedsAnalyses(ctx context.Context, ac Actor, storeID string, limit, offset int) ([]NeedsAnalysis, int64, error) {
	var out []NeedsAnalysis
	var total int64
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if _, err := a.storeFor(ctx, q, ac, storeID, shopdojo.PermStoreDataRead); err != nil {
			return err
		}
		rows, err := q.ListNeedsAnalyses(ctx, sqlq.ListNeedsAnalysesParams{StoreID: storeID, Limit: int32(limit), Offset: int32(offset)})
		if err != nil {
			return err
		}
		for _, r := range rows {
			n := analysisOf(sqlq.NeedsAnalysis{ID: r.ID, StoreID: r.StoreID, Title: r.Title, PeriodFrom: r.PeriodFrom,
				PeriodTo: r.PeriodTo, CreatedAt: r.CreatedAt})
			n.Surveys = r.Surveys
			out = append(out, n)
		}
		total, err = q.CountNeedsAnalyses(ctx, storeID)
		return err
	})
	return out, total, err
}

// analysisFor loads an analysis of the store, checking the store as
// storeFor does; an analysis of another store is not found.
func (a *App) analysisFor(ctx context.Context, q *store.Queries, ac Actor, storeID, id string, perm shopdojo.Permission) (sqlq.Store, sqlq.NeedsAnalysis, error) {
	st, err := a.storeFor(ctx, q, ac, storeID, perm)
	if err != nil {
		return st, sqlq.NeedsAnalysis{}, err
	}
	n, err := q.GetNeedsAnalysis(ctx, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && n.StoreID != storeID) {
		return st, n, shopdojo.ErrNotFound
	}
	return st, n, err
}

// NeedsPerson is someone an analysis is about.
type NeedsPerson struct{ ID, EmployeeNo, Name string }

// NeedsNote is an interview or observation note.
type NeedsNote struct {
	ID, Kind, PersonID, PersonName, Body, On, Author string
}

// NoteKinds are the kinds of notes.
var NoteKinds = []string{"interview", "observation"}

// NeedsNoteInput is the note form.
type NeedsNoteInput struct{ Kind, PersonID, Body, On string }

// AddNeedsNote attaches an interview or on-the-job observation note.
func (a *App) AddNeedsNote(ctx context.Context, ac Actor, storeID, analysisID string, in NeedsNoteInput) error {
	var v shopdojo.Validation
	in.Body = strings.TrimSpace(in.Body)
	v.Check(in.Kind == NoteKinds[0] || in.Kind == NoteKinds[1], "kind", "error.out_of_range")
	v.Check(in.Body != "", "body", "error.required")
	v.Check(len([]rune(in.Body)) <= 4000, "body", "error.too_long")
	_, errD := time.Parse(time.DateOnly, in.On)
	v.Check(errD == nil, "on", "error.date_invalid")
	if err := v.Err(); err != nil {
		return err
	}
	return a.store.Tx(ctx, func(tx *store.Tx) error {
		_, n, err := a.analysisFor(ctx, tx.Queries, ac, storeID, analysisID, shopdojo.PermStoreDataManage)
		if err != nil {
			return err
		}
		if in.PersonID != "" {
			if ok, err := analysisHas(ctx, tx.Queries, n, in.PersonID); err != nil || !ok {
				return errors.Join(err, invalidField("person", "error.out_of_range"))
			}
		}
		id := newID()
		if err := tx.InsertNeedsNote(ctx, sqlq.InsertNeedsNoteParams{ID: id, AnalysisID: n.ID, Kind: in.Kind,
			PersonID: nullStr(in.PersonID), Body: in.Body, NotedOn: in.On, AuthorID: nullStr(ac.PersonID), CreatedAt: a.nowMs()}); err != nil {
			return err
		}
		return a.record(ctx, tx, ac, change{Action: "needs.note", ObjectType: "needs_analysis", ObjectID: n.ID,
			ObjectName: n.Title, After: map[string]string{"kind": in.Kind, "person": in.PersonID, "on": in.On}})
	})
}

func invalidField(field, msg string) error {
	var v shopdojo.Validation
	v.Add(field, msg)
	return v.Err()
}

// analysisPeople are the people an analysis is about.
func analysisPeople(ctx context.Context, q *store.Queries, n sqlq.NeedsAnalysis) ([]NeedsPerson, error) {
	rows, err := q.ListAnalysisPeople(ctx, sqlq.ListAnalysisPeopleParams{AnalysisID: n.ID, StoreID: n.StoreID})
	out := make([]NeedsPerson, len(rows))
	for i, r := range rows {
		out[i] = NeedsPerson{ID: r.ID, EmployeeNo: r.EmployeeNo, Name: r.Name}
	}
	return out, err
}

func analysisHas(ctx context.Context, q *store.Queries, n sqlq.NeedsAnalysis, personID string) (bool, error) {
	people, err := analysisPeople(ctx, q, n)
	for _, p := range people {
		if p.ID == personID {
			return true, err
		}
	}
	return false, err
}

func notesOf(rows []sqlq.ListNeedsNotesRow) []NeedsNote {
	out := make([]NeedsNote, len(rows))
	for i, r := range rows {
		out[i] = NeedsNote{ID: r.ID, Kind: r.Kind, PersonID: r.PersonID.String, PersonName: r.PersonName, Body: r.Body,
			On: r.NotedOn, Author: r.AuthorName}
	}
	return out
}
