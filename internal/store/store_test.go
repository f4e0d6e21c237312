package store_test

import (
	"context"
	"testing"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
	"github.com/shopdojo/shopdojo/internal/store/storetest"
)

func TestPlaceholdersBindByNumber(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	err := s.Tx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertPosition(ctx, sqlq.InsertPositionParams{ID: "p1", Name: "客服专员", CreatedAt: 1, UpdatedAt: 1}); err != nil {
			return err
		}
		// UpdatePosition uses $2..$5 in SET before $1 in WHERE.
		return tx.UpdatePosition(ctx, sqlq.UpdatePositionParams{ID: "p1", Name: "运营专员", Code: "OPS", Description: "d", UpdatedAt: 2})
	})
	if err != nil {
		t.Fatal(err)
	}
	var p sqlq.Position
	if err := s.Read(ctx, func(q *store.Queries) (err error) { p, err = q.GetPosition(ctx, "p1"); return }); err != nil {
		t.Fatal(err)
	}
	if p.Name != "运营专员" || p.Code != "OPS" || p.UpdatedAt != 2 {
		t.Fatalf("got %+v", p)
	}
}

func TestErrorsMapToKinds(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	ins := func() error {
		return s.Tx(ctx, func(tx *store.Tx) error {
			return tx.InsertPosition(ctx, sqlq.InsertPositionParams{ID: "x", Name: "同名", CreatedAt: 1, UpdatedAt: 1})
		})
	}
	if err := ins(); err != nil {
		t.Fatal(err)
	}
	if k := shopdojo.KindOf(ins()); k != shopdojo.KindConflict {
		t.Fatalf("duplicate insert: kind %v", k)
	}
	err := s.Read(ctx, func(q *store.Queries) error { _, err := q.GetPosition(ctx, "missing"); return err })
	if k := shopdojo.KindOf(err); k != shopdojo.KindNotFound {
		t.Fatalf("missing row: kind %v", k)
	}
	err = s.Tx(ctx, func(tx *store.Tx) error {
		return tx.AddPersonStore(ctx, sqlq.AddPersonStoreParams{PersonID: "nobody", StoreID: "nothing"})
	})
	if k := shopdojo.KindOf(err); k != shopdojo.KindConflict {
		t.Fatalf("foreign key: kind %v (%v)", k, err)
	}
}
