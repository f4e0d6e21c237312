package app

import (
	"context"
	"time"

	"github.com/shopdojo/shopdojo/internal/store"
)

// demoSearches are what the demo's people searched for: some found
// nothing (the insights page's first list), one was followed by a question.
var demoSearches = []struct {
	no, q   string
	results int
	asked   bool
	ago     time.Duration
}{
	{"SD1003", "发票怎么开", 0, true, 50 * time.Hour},
	{"SD1004", "发票怎么开", 0, false, 30 * time.Hour},
	{"SD1005", "1688 一件代发", 0, false, 20 * time.Hour},
	{"SD1006", "直播切片授权", 0, false, 6 * time.Hour},
	{"SD1003", "直播切片授权", 0, false, 3 * time.Hour},
	{"SD1007", "客服话术", 9, false, 2 * time.Hour},
	{"SD1004", "保证金退还", 2, true, 90 * time.Minute},
}

// seedSearch gives the demo the starter synonyms and a few searches in the
// log; the server indexes the curriculum once the dictionary is loaded.
func (a *App) seedSearch(ctx context.Context) error {
	if _, err := a.SeedSynonyms(ctx, SystemActor("demo")); err != nil {
		return err
	}
	for _, s := range demoSearches {
		ac, err := a.demoActor(ctx, s.no)
		if err != nil {
			return err
		}
		at := a.now().Add(-s.ago)
		if err := a.logSearchAt(ctx, ac, s.q, s.results, at.UnixMilli()); err != nil {
			return err
		}
		if s.asked {
			if err := a.store.Tx(ctx, func(tx *store.Tx) error {
				return a.NoteQuestionAfterSearch(ctx, tx, ac.PersonID, at.Add(10*time.Minute))
			}); err != nil {
				return err
			}
		}
	}
	return nil
}
