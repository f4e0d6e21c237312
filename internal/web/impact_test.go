package web

import (
	"testing"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/i18n"
	"github.com/shopdojo/shopdojo/internal/impact"
)

// TestImpactMessages: the ids the impact page builds at run time (empty
// states with their text and action, reasons, verdicts, levels, caveats)
// have messages in every locale.
func TestImpactMessages(t *testing.T) {
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	ids := append([]string{app.ReasonUnlinked, app.ReasonTrainedBefore, app.ReasonTrainedAfter, app.ReasonNoBefore,
		app.ReasonNoAfter, app.ReasonNoData, app.VerdictBetter, app.VerdictWorse, app.VerdictBetterUnclear,
		app.VerdictWorseUnclear, app.VerdictNone, app.VerdictTooFew, app.VerdictNoControl,
		app.EmptyNoCS + "_action", app.EmptyNoLinked + "_action"}, impact.MessageIDs()...)
	for _, e := range []string{app.EmptyNoCS, app.EmptyNoLinked, app.EmptyNoTrained, app.EmptyNoStores, app.EmptyNoUnits} {
		ids = append(ids, e, e+"_text")
	}
	for _, l := range []app.ImpactLevel{app.ImpactAgents, app.ImpactStores} {
		ids = append(ids, "impact.level_"+string(l), "impact.unit_"+string(l))
	}
	for _, id := range ids {
		for _, l := range i18n.Locales {
			if !b.Has(l, id) {
				t.Errorf("%s has no %s message", id, l)
			}
		}
	}
}
