// Package i18ntest checks, from the tests of a package that owns message
// ids (an engine's Problem messages), that its locale files define exactly
// those ids, each with only the placeholders its Args provide, written in
// the locale's language.
package i18ntest

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/shopdojo/shopdojo/internal/i18n"
)

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// CheckArea fails t unless locales/<area>.<locale>.toml defines exactly
// the ids of args (id → the Args names its message may use) in every
// locale, every id starting with area + ".".
func CheckArea(t *testing.T, area string, args map[string][]string) {
	t.Helper()
	want := slices.Sorted(maps.Keys(args))
	for _, id := range want {
		if !strings.HasPrefix(id, area+".") {
			t.Errorf("id %q is outside area %s", id, area)
		}
	}
	for _, locale := range i18n.Locales {
		msgs, err := i18n.Area(area, locale)
		if err != nil {
			t.Fatal(err)
		}
		if ids := slices.Sorted(maps.Keys(msgs)); !slices.Equal(ids, want) {
			t.Errorf("%s.%s defines %v,\nthe package declares %v", area, locale, ids, want)
		}
		for id, text := range msgs {
			checkText(t, locale, id, text, args[id])
		}
	}
}

// checkText checks one translation: placeholders only for Args the
// message is given, and written in its language.
func checkText(t *testing.T, locale, id, text string, args []string) {
	t.Helper()
	if strings.TrimSpace(text) == "" || strings.Count(text, "{{") != strings.Count(text, "}}") {
		t.Errorf("%s %s: malformed %q", locale, id, text)
	}
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(args, m[1]) {
			t.Errorf("%s %s: placeholder %s is never set (Args: %v)", locale, id, m[1], args)
		}
	}
	han := strings.ContainsFunc(text, func(r rune) bool { return unicode.Is(unicode.Han, r) })
	if han != (locale == "zh-CN") {
		t.Errorf("%s %s: %q is not in its language", locale, id, text)
	}
}
