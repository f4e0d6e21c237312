package kpi

import (
	"testing"

	"github.com/shopdojo/shopdojo/internal/i18n/i18ntest"
)

func TestMessageFiles(t *testing.T) {
	ids := MessageIDs()
	if len(ids) < len(defs) {
		t.Fatalf("MessageIDs has %d ids, fewer than the %d metric names", len(ids), len(defs))
	}
	i18ntest.CheckArea(t, "kpi", ids)
}
