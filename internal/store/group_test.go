package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
	"github.com/shopdojo/shopdojo/internal/store/storetest"
)

// TestGroupCommit: many concurrent callers share transactions; a caller
// whose work fails leaves no trace and does not hurt the others.
func TestGroupCommit(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	g := s.NewGroup(16)
	var wg sync.WaitGroup
	errs := make([]error, 100)
	for i := range errs {
		wg.Go(func() {
			errs[i] = g.Do(ctx, func(tx *store.Tx) error {
				if err := tx.PutSetting(ctx, sqlq.PutSettingParams{Key: fmt.Sprintf("k%03d", i), Value: "v"}); err != nil {
					return err
				}
				if i%10 == 3 {
					return errors.New("refused after writing")
				}
				return nil
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		_, getErr := getSetting(ctx, s, fmt.Sprintf("k%03d", i))
		switch {
		case i%10 == 3 && (err == nil || getErr == nil):
			t.Errorf("caller %d: err %v, but its write is there: %v", i, err, getErr)
		case i%10 != 3 && (err != nil || getErr != nil):
			t.Errorf("caller %d: err %v, read %v", i, err, getErr)
		}
	}
}

func getSetting(ctx context.Context, s *store.Store, key string) (string, error) {
	var v string
	err := s.Read(ctx, func(q *store.Queries) (err error) {
		v, err = q.GetSetting(ctx, key)
		return err
	})
	return v, err
}

// TestGroupDoOne: single-statement work shares the batch without a
// savepoint on SQLite; a statement that fails (here a foreign key) fails
// only its caller, on either database.
func TestGroupDoOne(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	g := s.NewGroup(16)
	var wg sync.WaitGroup
	errs := make([]error, 60)
	for i := range errs {
		wg.Go(func() {
			errs[i] = g.DoOne(ctx, func(tx *store.Tx) error {
				if i%4 == 1 {
					return tx.InsertAttemptPaper(ctx, sqlq.InsertAttemptPaperParams{AttemptID: "no-such-attempt", Items: "[]"})
				}
				return tx.PutSetting(ctx, sqlq.PutSettingParams{Key: fmt.Sprintf("one%03d", i), Value: "v"})
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		_, getErr := getSetting(ctx, s, fmt.Sprintf("one%03d", i))
		switch {
		case i%4 == 1 && err == nil:
			t.Errorf("caller %d: a foreign-key violation succeeded", i)
		case i%4 != 1 && (err != nil || getErr != nil):
			t.Errorf("caller %d: err %v, read %v", i, err, getErr)
		}
	}
}

// TestGroupGoOne: queued work commits without anyone waiting, and a full
// queue refuses more instead of growing.
func TestGroupGoOne(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	g := s.NewGroup(1)
	hold := make(chan struct{})
	started := make(chan struct{})
	go func() {
		_ = g.DoOne(ctx, func(tx *store.Tx) error { close(started); <-hold; return nil })
	}()
	<-started // the group is busy: what follows queues
	queued := 0
	for i := range 20 {
		if g.GoOne(func(tx *store.Tx) error {
			return tx.PutSetting(ctx, sqlq.PutSettingParams{Key: fmt.Sprintf("g%02d", i), Value: "v"})
		}) {
			queued++
		}
	}
	if queued != 10 {
		t.Fatalf("%d queued behind a busy batch, want 10 (ten batches of one)", queued)
	}
	close(hold)
	// A Do after them runs after them: when it returns, they committed.
	if err := g.Do(ctx, func(tx *store.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if _, err := getSetting(ctx, s, fmt.Sprintf("g%02d", i)); err != nil {
			t.Errorf("g%02d: %v", i, err)
		}
	}
}

// TestGroupLinger: with a linger, a caller that arrives while the batch
// waits shares its transaction; without one, a lone caller's batch runs
// at once and a later caller gets its own.
func TestGroupLinger(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	for _, tc := range []struct {
		linger time.Duration
		shared bool
	}{{200 * time.Millisecond, true}, {0, false}} {
		g := s.NewGroup(16).Linger(tc.linger)
		txs := make([]*store.Tx, 2)
		var wg sync.WaitGroup
		for i := range txs {
			wg.Go(func() {
				time.Sleep(time.Duration(i) * 50 * time.Millisecond)
				if err := g.Do(ctx, func(tx *store.Tx) error { txs[i] = tx; return nil }); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if got := txs[0] == txs[1]; got != tc.shared {
			t.Errorf("linger %v: shared transaction %v, want %v", tc.linger, got, tc.shared)
		}
	}
}
