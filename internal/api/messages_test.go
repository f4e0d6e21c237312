package api_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shopdojo/shopdojo/internal/i18n"
)

// TestMessages checks that every api.* message id used in the package has
// a message in every locale, and that the locales define the same ids.
func TestMessages(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`"(api\.[a-z_]+)"`)
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	if len(used) == 0 {
		t.Fatal("found no message ids")
	}
	defined := map[string][]string{}
	for _, l := range i18n.Locales {
		ids, err := i18n.IDs(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if strings.HasPrefix(id, "api.") {
				defined[l] = append(defined[l], id)
			}
		}
		slices.Sort(defined[l])
		for id := range used {
			if !slices.Contains(defined[l], id) {
				t.Errorf("%s: no message %s", l, id)
			}
		}
	}
	if !slices.Equal(defined["zh-CN"], defined["en"]) {
		t.Errorf("api.* ids differ:\nzh-CN %v\nen    %v", defined["zh-CN"], defined["en"])
	}
}
