package qbank

import (
	"bufio"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/shopdojo/shopdojo/internal/quiz"
)

// readMessages reads a message file of `"id" = "text"` lines, the subset of
// TOML the i18n package's files use, and fails on anything else.
func readMessages(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, text, ok := strings.Cut(line, " = ")
		uid, err1 := strconv.Unquote(id)
		utext, err2 := strconv.Unquote(text)
		if !ok || err1 != nil || err2 != nil || strings.HasPrefix(text, "`") {
			t.Fatalf("%s:%d: not `\"id\" = \"text\"`: %s", path, n, line)
		}
		if _, dup := out[uid]; dup {
			t.Errorf("%s:%d: %s defined twice", path, n, uid)
		}
		out[uid] = utext
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

func TestMessageFiles(t *testing.T) {
	declared := map[string][]string{}
	for _, m := range messages() {
		declared[m.id] = m.args
	}
	for _, locale := range []string{"zh-CN", "en"} {
		path := "../i18n/locales/qbank." + locale + ".toml"
		msgs := readMessages(t, path)
		ids := slices.Sorted(maps.Keys(msgs))
		if want := slices.Sorted(slices.Values(MessageIDs())); !slices.Equal(ids, want) {
			t.Errorf("%s defines %v,\nMessageIDs() is %v", path, ids, want)
		}
		for id, text := range msgs {
			checkMessageText(t, locale, id, text, declared[id])
		}
	}
}

// checkMessageText checks one translation: placeholders only for Args the
// Problem carries, and written in its language.
func checkMessageText(t *testing.T, locale, id, text string, args []string) {
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
