package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo/internal/app"
	"github.com/shopdojo/shopdojo/internal/i18n"
)

// TestMessagesExist fails when a page or the app layer uses a message id
// that a locale lacks: literal ids in templates and Go code, and the ids
// built at run time for audit actions and object types.
func TestMessagesExist(t *testing.T) {
	b, err := i18n.New()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]string{} // id → where
	scan(t, "templates/*.html", `\bT "([a-z_]+\.[a-z0-9_.]+)"`, "", used)
	scan(t, "*.go", `"((?:error|field|flash|import|profile|versions|audit|groups|people|sheet|account)\.[a-z0-9_.]+)"`, "", used)
	scan(t, "../app/*.go", `"((?:error|field|import|roster)\.[a-z0-9_.]+)"`, "", used)
	scan(t, "../app/*.go", `(?:Action: |action(?:, _)? :?= |action = )"([a-z_]+\.[a-z_]+)"`, "audit.act.", used)
	scan(t, "../app/*.go", `ObjectType: "([a-z_]+)"`, "object.", used)
	used["object."+app.KindPositionProfile] = "app.KindPositionProfile"
	used["kind."+app.KindPositionProfile] = "app.KindPositionProfile"
	if len(used) < 300 {
		t.Fatalf("found only %d ids; is the scan broken?", len(used))
	}
	for id, where := range used {
		for _, l := range i18n.Locales {
			if !b.Has(l, id) {
				t.Errorf("%s: %s has no %s message", where, id, l)
			}
		}
	}
}

func scan(t *testing.T, glob, pattern, prefix string, used map[string]string) {
	t.Helper()
	files, err := filepath.Glob(glob)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(pattern)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a prefix such as "audit.act." joined at run time
			}
			used[prefix+m[1]] = f
		}
	}
}
