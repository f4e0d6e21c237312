package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
	"github.com/shopdojo/shopdojo/internal/xapi"
)

// RecordLearning appends a statement to the learning record. Learner
// activity is high-volume, so it goes to its own table and not the audit
// log; the actor is the statement's subject unless the system records on
// someone's behalf.
func (a *App) RecordLearning(ctx context.Context, ac Actor, s xapi.Statement) error {
	if s.ActorID == "" {
		s.ActorID = ac.PersonID
	}
	if s.ActorID != ac.PersonID && !ac.System {
		return shopdojo.ErrForbidden
	}
	// Quiet: learning records feed no cached figure.
	return a.store.TxQuiet(ctx, func(tx *store.Tx) error { return a.learnTx(ctx, tx, ac, s) })
}

// learnTx appends a statement inside tx, so that it commits with the
// change it reports (an attempt's finish, a grade).
func (a *App) learnTx(ctx context.Context, tx *store.Tx, ac Actor, s xapi.Statement) error {
	if s.ActorID == "" {
		s.ActorID = ac.PersonID
	}
	now := a.now()
	if s.Timestamp.IsZero() {
		s.Timestamp = now
	}
	s.ID, s.Stored, s.Authority = newID(), now, authority(ac)
	if err := s.Validate(); err != nil {
		return fmt.Errorf("record learning: %w", err)
	}
	row, err := statementRow(s)
	if err != nil {
		return err
	}
	return tx.InsertStatement(ctx, row)
}

func authority(ac Actor) string {
	if ac.System {
		return "system"
	}
	return ac.PersonID
}

func statementRow(s xapi.Statement) (sqlq.InsertStatementParams, error) {
	res, ctxJSON := "", ""
	if s.Result != nil {
		b, err := json.Marshal(s.Result)
		if err != nil {
			return sqlq.InsertStatementParams{}, err
		}
		res = string(b)
	}
	if s.Context != nil {
		b, err := json.Marshal(s.Context)
		if err != nil {
			return sqlq.InsertStatementParams{}, err
		}
		ctxJSON = string(b)
	}
	return sqlq.InsertStatementParams{ID: s.ID, ActorID: s.ActorID, Verb: s.Verb, ObjectType: s.ObjectType,
		ObjectID: s.ObjectID, ObjectName: s.ObjectName, Result: res, Context: ctxJSON,
		Ts: s.Timestamp.UnixMilli(), Stored: s.Stored.UnixMilli(), Authority: s.Authority}, nil
}

// LearningRecord returns a person's latest statements, newest first, if
// the actor may read that person.
func (a *App) LearningRecord(ctx context.Context, ac Actor, personID string, limit int) ([]xapi.Statement, error) {
	var rows []sqlq.Statement
	err := a.store.Read(ctx, func(q *store.Queries) error {
		if err := a.canReadPerson(ctx, q, ac, personID); err != nil {
			return err
		}
		var err error
		rows, err = q.ListStatementsByActor(ctx, sqlq.ListStatementsByActorParams{ActorID: personID,
			Limit: int32(clampLimit(limit))})
		return err
	})
	out := make([]xapi.Statement, len(rows))
	for i, r := range rows {
		out[i] = xapi.Statement{ID: r.ID, ActorID: r.ActorID, Verb: r.Verb, ObjectType: r.ObjectType,
			ObjectID: r.ObjectID, ObjectName: r.ObjectName, Timestamp: fromMs(r.Ts), Stored: fromMs(r.Stored),
			Authority: r.Authority}
		// Both columns were written by statementRow, so they parse.
		if r.Result != "" {
			out[i].Result = new(xapi.Result)
			_ = json.Unmarshal([]byte(r.Result), out[i].Result)
		}
		if r.Context != "" {
			out[i].Context = new(xapi.Context)
			_ = json.Unmarshal([]byte(r.Context), out[i].Context)
		}
	}
	return out, err
}
