package kpi

import (
	"testing"

	"github.com/shopdojo/shopdojo/internal/i18n/i18ntest"
	"github.com/shopdojo/shopdojo/internal/impact"
)

// TestMessageFiles: the kpi locale pair holds exactly the ids of this
// package and of internal/impact, in both languages.
func TestMessageFiles(t *testing.T) {
	ids := MessageIDs()
	if len(ids) < len(defs) {
		t.Fatalf("MessageIDs has %d ids, fewer than the %d metric names", len(ids), len(defs))
	}
	for _, id := range impact.MessageIDs() {
		ids[id] = nil
	}
	i18ntest.CheckArea(t, "kpi", ids)
}
