package shopdojo_test

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/shopdojo/shopdojo"

// layer ranks packages by the import direction of ../shared/ARCHITECTURE.md:
// root ← engines ← store ← app ← {web, api, jobs} ← server ← cli ← cmd.
func layer(pkg string) (int, string) {
	rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
	switch {
	case rel == "":
		return 0, "root"
	case strings.HasPrefix(rel, "internal/store"):
		return 2, "store"
	case strings.HasPrefix(rel, "internal/app"):
		return 3, "app"
	case strings.HasPrefix(rel, "internal/web"), strings.HasPrefix(rel, "internal/api"), strings.HasPrefix(rel, "internal/jobs"):
		return 4, strings.Split(rel, "/")[1]
	case strings.HasPrefix(rel, "internal/server"):
		return 5, "server"
	case strings.HasPrefix(rel, "internal/cli"):
		return 6, "cli"
	case strings.HasPrefix(rel, "cmd/"):
		return 7, "cmd"
	case strings.HasPrefix(rel, "internal/e2e"):
		return 8, "e2e"
	}
	return 1, "engine " + rel
}

// TestImportDirection fails when a package imports against the dependency
// rule: only downwards; web, api and jobs never import store or each other;
// cli never imports store.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	n := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		n++
		from, fromName := layer(p.ImportPath)
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			to, toName := layer(imp)
			bad := to > from ||
				(to == from && from == 4 && fromName != toName) ||
				(from >= 4 && from != 5 && from != 8 && toName == "store")
			if bad {
				t.Errorf("%s (%s) imports %s (%s)", p.ImportPath, fromName, imp, toName)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d packages listed", n)
	}
}
