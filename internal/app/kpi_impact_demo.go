package app

import (
	"context"
	"fmt"
	"time"

	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// demoTrainingModule is the module the demo's slow agents completed:
// 客户服务与售后运营.
const demoTrainingModule = "m06"

// seedAgentTraining puts the 客服部 on the demo store, has the agents
// marked trained complete the customer-service module on their day (real
// unit_progress rows, written as the product writes them), and has the
// training manager link the agents' sub-accounts as a manager would.
func (a *App) seedAgentTraining(ctx context.Context, storeID string, today time.Time) error {
	sp, err := a.pack(ctx)
	if err != nil {
		return err
	}
	units := trainingUnits(sp.idx, demoTrainingModule)
	ids := map[string]string{}
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		mats, err := tx.ListCurriculumMaterials(ctx)
		if err != nil {
			return err
		}
		files := map[string]sqlq.ListCurriculumMaterialsRow{}
		for _, m := range mats {
			files[m.Path] = m
		}
		for _, no := range append([]string{"SD2001"}, demoAgentNos()...) {
			if ids[no], err = tx.FindPersonByEmployeeNo(ctx, no); err != nil {
				return fmt.Errorf("demo person %s: %w", no, err)
			}
			if err := tx.AddPersonStore(ctx, sqlq.AddPersonStoreParams{PersonID: ids[no], StoreID: storeID}); err != nil {
				return err
			}
		}
		for _, ag := range demoAgents {
			if ag.trained == 0 {
				continue
			}
			// The module's units over the fortnight before the last one,
			// done in the afternoon of the completion day.
			last := today.AddDate(0, 0, -ag.trained).Add(15 * time.Hour)
			for i, u := range units {
				f := files[sp.idx.File(u)]
				at := last.Add(-time.Duration(len(units)-1-i) * 22 * time.Hour).UnixMilli()
				if _, err := tx.FinishUnit(ctx, sqlq.FinishUnitParams{PersonID: ids[ag.no], UnitID: u, MaterialID: f.ID,
					VersionNo: f.PublishedNo, StartedAt: at}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	mgr, err := a.demoActor(ctx, "SD9001")
	if err != nil {
		return err
	}
	for _, ag := range demoAgents {
		if ag.linked {
			if err := a.LinkAgent(ctx, mgr, storeID, ag.nick, ids[ag.no]); err != nil {
				return fmt.Errorf("link %s: %w", ag.nick, err)
			}
		}
	}
	return nil
}

func demoAgentNos() []string {
	var out []string
	for _, ag := range demoAgents {
		if ag.no != "" {
			out = append(out, ag.no)
		}
	}
	return out
}
