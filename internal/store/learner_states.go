package store

import (
	"context"
	"fmt"

	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The writes of unit_progress keep the learner_states read model (see
// migration 00015) in step: these methods shadow the generated ones on Tx,
// so no caller can write progress and forget the person's summary row.

// StartUnit records that a person opened a unit, and refreshes their state.
func (tx *Tx) StartUnit(ctx context.Context, arg sqlq.StartUnitParams) error {
	if err := tx.Queries.StartUnit(ctx, arg); err != nil {
		return err
	}
	return tx.refreshLearner(ctx, arg.PersonID)
}

// FinishUnit marks a unit done for a person, and refreshes their state.
func (tx *Tx) FinishUnit(ctx context.Context, arg sqlq.FinishUnitParams) (int64, error) {
	n, err := tx.Queries.FinishUnit(ctx, arg)
	if err != nil || n == 0 {
		return n, err
	}
	return n, tx.refreshLearner(ctx, arg.PersonID)
}

// SetProgressVersion moves a person's progress on a unit to a newer
// version, and refreshes their state.
func (tx *Tx) SetProgressVersion(ctx context.Context, arg sqlq.SetProgressVersionParams) error {
	if err := tx.Queries.SetProgressVersion(ctx, arg); err != nil {
		return err
	}
	return tx.refreshLearner(ctx, arg.PersonID)
}

func (tx *Tx) refreshLearner(ctx context.Context, personID string) error {
	if err := tx.Queries.RefreshLearnerState(ctx, personID); err != nil {
		return fmt.Errorf("refresh learner state of %s: %w", personID, err)
	}
	return nil
}

// RebuildLearnerStates rewrites the read model from unit_progress, after
// progress rows were loaded in bulk without going through Tx.
func (s *Store) RebuildLearnerStates(ctx context.Context) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if err := tx.Queries.RebuildLearnerStates(ctx); err != nil {
			return fmt.Errorf("rebuild learner states: %w", err)
		}
		return nil
	})
}
