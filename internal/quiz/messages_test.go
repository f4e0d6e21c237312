package quiz

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
		t.Fatalf("messages() and MessageIDs() disagree")
	}
	i18ntest.CheckArea(t, "quiz", args)
}

func TestMessageIDs(t *testing.T) {
	ids := MessageIDs()
	seen := map[string]bool{}
	for _, id := range ids {
		if !strings.HasPrefix(id, "quiz.") || seen[id] {
			t.Errorf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
	ids[0] = "changed"
	if MessageIDs()[0] == "changed" {
		t.Error("MessageIDs shares its slice with callers")
	}
}
