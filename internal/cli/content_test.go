package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (code int, out, errOut string) {
	t.Helper()
	var o, e bytes.Buffer
	getenv := func(k string) string {
		if k == "LANG" {
			return "en_US.UTF-8"
		}
		return ""
	}
	code = Run(context.Background(), args, getenv, Stdio{In: strings.NewReader(""), Out: &o, Err: &e})
	return code, o.String(), e.String()
}

// TestContentExportAndCheck: the built-in pack exported to a directory
// checks clean from there; a broken file is reported with its path and a
// translated message; an export refuses a directory that is not empty.
func TestContentExportAndCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pack")
	if code, out, errOut := run(t, "content", "export", "--builtin", dir); code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("export: %d %s %s", code, out, errOut)
	}
	if code, out, errOut := run(t, "content", "check", dir); code != 0 || !strings.Contains(out, "no problems") {
		t.Fatalf("check: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "content", "export", "--builtin", dir); code == 0 || !strings.Contains(errOut, "not empty") {
		t.Fatalf("export into a full directory: %d %s", code, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte("id: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "content", "check", dir)
	if code == 0 || !strings.Contains(errOut, "pack.yaml title: title is required") {
		t.Fatalf("check of a broken pack: %d %s", code, errOut)
	}
}

// TestContentImportExport: the built-in pack imported into a database and
// exported again checks clean and matches the built-in export file for
// file; a second import changes nothing.
func TestContentImportExport(t *testing.T) {
	data := t.TempDir()
	if code, out, errOut := run(t, "--data", data, "user", "add", "--employee-no", "M1", "--name", "培训经理",
		"--role", "training_manager", "--password", "manager-password-1"); code != 0 {
		t.Fatalf("user add: %d %s %s", code, out, errOut)
	}
	code, out, errOut := run(t, "--data", data, "content", "import", "--builtin", "--as", "M1")
	if code != 0 || !strings.Contains(out, "0 unchanged") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if code, out, errOut := run(t, "--data", data, "content", "import", "--builtin", "--as", "M1"); code != 0 ||
		!strings.Contains(out, "(0 new, 0 changed") || !strings.Contains(out, "exams (0 new)") {
		t.Fatalf("second import: %d %s %s", code, out, errOut)
	}
	stored, builtin := filepath.Join(t.TempDir(), "stored"), filepath.Join(t.TempDir(), "builtin")
	if code, out, errOut := run(t, "--data", data, "content", "export", stored); code != 0 || errOut != "" {
		t.Fatalf("export: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "content", "export", "--builtin", builtin); code != 0 {
		t.Fatalf("builtin export: %d %s", code, errOut)
	}
	a, b := readTree(t, stored), readTree(t, builtin)
	if len(a) != len(b) {
		t.Fatalf("stored export has %d files, built-in %d", len(a), len(b))
	}
	for name, data := range b {
		if a[name] != data {
			t.Fatalf("%s differs between the stored and the built-in export", name)
		}
	}
	if code, _, errOut := run(t, "--data", data, "content", "import", "--builtin"); code == 0 || !strings.Contains(errOut, "as") {
		t.Fatalf("import without --as: %d %s", code, errOut)
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
