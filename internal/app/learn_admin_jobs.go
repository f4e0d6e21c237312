package app

import (
	"context"

	"github.com/shopdojo/shopdojo"
	"github.com/shopdojo/shopdojo/internal/store"
	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The once-a-day jobs. Rules are applied when a rule is made and when a
// person is added, changed or imported, but not when a store moves to
// another platform, a rule is made on another node's stale pack, or people
// come in by a path that skips the rules; the daily run catches all of
// that, as the system actor.

// dailyRulesKey is the setting holding the company day the assignment
// rules last ran on, so a restart or a second node does not run them again.
const dailyRulesKey = "path_rules_daily"

// DailyJobs applies the assignment rules to everyone unless they already
// ran today (company zone); it returns how many assignments they made.
// serve calls it with the attempt job, every few seconds: all but the
// first call of a day are one settings read.
func (a *App) DailyJobs(ctx context.Context) (int, error) {
	today := a.Today()
	if last, _, err := a.Setting(ctx, dailyRulesKey); err != nil || last == today {
		return 0, err
	}
	sp, err := a.pack(ctx)
	if err != nil {
		return 0, err
	}
	ac := SystemActor("每日分配 daily rules")
	n := 0
	err = a.store.Tx(ctx, func(tx *store.Tx) error {
		last, err := tx.GetSetting(ctx, dailyRulesKey)
		switch {
		case err == nil && last == today:
			return nil // another node ran them meanwhile
		case err != nil && shopdojo.KindOf(store.MapErr(err)) != shopdojo.KindNotFound:
			return err
		}
		if len(sp.idx.Pack.Paths) > 0 {
			if n, err = a.applyRulesTx(ctx, tx, sp, ""); err != nil {
				return err
			}
		}
		if n > 0 {
			if err := a.recordApply(ctx, tx, ac, n); err != nil {
				return err
			}
		}
		return tx.PutSetting(ctx, sqlq.PutSettingParams{Key: dailyRulesKey, Value: today})
	})
	if err == nil && n > 0 {
		a.log.Info("daily assignment rules", "assigned", n)
	}
	return n, err
}
