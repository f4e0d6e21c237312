package mask

import (
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo/internal/i18n/i18ntest"
)

func TestMessageFiles(t *testing.T) {
	i18ntest.CheckArea(t, "mask", MessageArgs())
}

func TestMessageIDs(t *testing.T) {
	ids := MessageIDs()
	seen := map[string]bool{}
	for _, id := range ids {
		if !strings.HasPrefix(id, "mask.") || seen[id] {
			t.Errorf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
	if len(ids) != 5+len(Kinds())+len(Actions())+len(Decisions()) {
		t.Errorf("%d ids", len(ids))
	}
}
