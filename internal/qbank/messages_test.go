package qbank

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo/internal/i18n/i18ntest"
	"github.com/shopdojo/shopdojo/internal/quiz"
)

func TestMessageFiles(t *testing.T) {
	args := map[string][]string{}
	for _, m := range messages() {
		args[m.id] = m.args
	}
	if len(args) != len(MessageIDs()) {
		t.Fatalf("messages() and MessageIDs() disagree")
	}
	i18ntest.CheckArea(t, "qbank", args)
}

func TestMessageIDs(t *testing.T) {
	ids := MessageIDs()
	seen := map[string]bool{}
	for _, id := range ids {
		if !strings.HasPrefix(id, "qbank.") || seen[id] {
			t.Errorf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
	ids[0] = "changed"
	if MessageIDs()[0] == "changed" {
		t.Error("MessageIDs shares its slice with callers")
	}
}

// knownMessage reports whether a Problem's id has a translation: one of
// ours or one of quiz's.
func knownMessage(id string) bool {
	return slices.Contains(MessageIDs(), id) || slices.Contains(quiz.MessageIDs(), id)
}

// checkArgs fails when a Problem carries other Args than its message
// declares, which would leave a placeholder empty.
func checkArgs(t *testing.T, p Problem) {
	t.Helper()
	for _, m := range messages() {
		if m.id != p.Msg {
			continue
		}
		got := slices.Sorted(maps.Keys(p.Args))
		if want := slices.Sorted(slices.Values(m.args)); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s carries %v, declares %v", p.Msg, got, want)
		}
	}
}
