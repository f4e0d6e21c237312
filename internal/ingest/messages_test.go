package ingest

import (
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo/internal/i18n/i18ntest"
)

func TestMessageFiles(t *testing.T) {
	args := map[string][]string{}
	for _, m := range messages() {
		args[m.id] = m.args
	}
	if len(args) != len(MessageIDs()) {
		t.Fatalf("messages() repeats an id")
	}
	i18ntest.CheckArea(t, "ingest", args)
}

func TestMessageIDs(t *testing.T) {
	for _, id := range MessageIDs() {
		if !strings.HasPrefix(id, "ingest.") {
			t.Errorf("id %q outside the area", id)
		}
	}
}
