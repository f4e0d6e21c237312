package store_test

import (
	"context"
	"testing"

	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
	"github.com/shopdojo/shopdojo/internal/store/storetest"
)

// TestLearnerStatesFollowProgress: every progress write through Tx keeps
// the person's learner_states row equal to their unit_progress rows, and
// a rebuild after a bulk load gives the same row.
func TestLearnerStatesFollowProgress(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	for _, id := range []string{"p1", "p2"} {
		if err := s.Exec(ctx, `INSERT INTO people (id, employee_no, name, created_at, updated_at) VALUES ($1, $1, $1, 1, 1)`, id); err != nil {
			t.Fatal(err)
		}
	}
	state := func(person string) string {
		t.Helper()
		var st sqlq.PersonLearningStateRow
		if err := s.Read(ctx, func(q *store.Queries) (err error) {
			st, err = q.PersonLearningState(ctx, sqlq.PersonLearningStateParams{PersonID: person, Now: 10})
			return
		}); err != nil {
			t.Fatal(err)
		}
		return st.States
	}
	write := func(fn func(tx *store.Tx) error) {
		t.Helper()
		if err := s.Tx(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	write(func(tx *store.Tx) error {
		return tx.StartUnit(ctx, sqlq.StartUnitParams{PersonID: "p1", UnitID: "u1", MaterialID: "m", VersionNo: 1, StartedAt: 5})
	})
	if got := state("p1"); got != "u1 5" {
		t.Fatalf("after start: %q", got)
	}
	write(func(tx *store.Tx) error {
		_, err := tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: "p1", UnitID: "u1", MaterialID: "m", VersionNo: 1, StartedAt: 7})
		return err
	})
	if got := state("p1"); got != "u1" {
		t.Fatalf("after finish: %q", got)
	}
	write(func(tx *store.Tx) error {
		return tx.SetProgressVersion(ctx, sqlq.SetProgressVersionParams{PersonID: "p1", UnitID: "u1", MaterialID: "m", VersionNo: 2, UpdatedAt: 9})
	})
	if got := state("p1"); got != "u1" {
		t.Fatalf("after a new version: %q", got)
	}
	if got := state("p2"); got != "" {
		t.Fatalf("someone else's state: %q", got)
	}
	if err := s.Exec(ctx, `INSERT INTO unit_progress (person_id, unit_id, material_id, version_no, status, started_at, done_at, updated_at)
		VALUES ('p2', 'u9', 'm', 1, 'started', 3, 0, 3)`); err != nil {
		t.Fatal(err)
	}
	if err := s.RebuildLearnerStates(ctx); err != nil {
		t.Fatal(err)
	}
	if got := state("p2"); got != "u9 3" {
		t.Fatalf("after a rebuild: %q", got)
	}
	if got := state("p1"); got != "u1" {
		t.Fatalf("p1 after a rebuild: %q", got)
	}
}
