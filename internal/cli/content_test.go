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

// TestContentAssetsDir: a lesson linking to an image in its module's
// assets folder imports from a directory; the export writes the image
// back under its hash-prefixed name with a relative link, a second
// import of that export changes nothing, and a second export is the same
// tree. A link to a missing asset is reported with its file.
func TestContentAssetsDir(t *testing.T) {
	data := t.TempDir()
	if code, out, errOut := run(t, "--data", data, "user", "add", "--employee-no", "M1", "--name", "培训经理",
		"--role", "training_manager", "--password", "manager-password-1"); code != 0 {
		t.Fatalf("user add: %d %s %s", code, out, errOut)
	}
	pack := filepath.Join(t.TempDir(), "pack")
	if code, _, errOut := run(t, "content", "export", "--builtin", pack); code != 0 {
		t.Fatalf("builtin export: %d %s", code, errOut)
	}
	lesson := filepath.Join(pack, "modules", "01-platform-basics", "courses", "01-platform-rules", "01-platform-business-models.md")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	must(t, os.MkdirAll(filepath.Join(pack, "modules", "01-platform-basics", "assets"), 0o755))
	must(t, os.WriteFile(filepath.Join(pack, "modules", "01-platform-basics", "assets", "四大平台.png"), png, 0o644))
	body, err := os.ReadFile(lesson)
	must(t, err)
	must(t, os.WriteFile(lesson, append(body, "\n![四大平台](../../assets/四大平台.png)\n"...), 0o644))
	if code, out, errOut := run(t, "--data", data, "content", "import", pack, "--as", "M1"); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	first := filepath.Join(t.TempDir(), "first")
	if code, _, errOut := run(t, "--data", data, "content", "export", first); code != 0 || errOut != "" {
		t.Fatalf("export: %d %s", code, errOut)
	}
	a := readTree(t, first)
	var asset string
	for name, content := range a {
		if strings.Contains(name, "/assets/") && strings.HasSuffix(name, "-四大平台.png") && content == string(png) {
			asset = filepath.Base(name)
		}
	}
	if asset == "" || !strings.Contains(a["modules/01-platform-basics/courses/01-platform-rules/01-platform-business-models.md"], "](../../assets/"+asset+")") {
		t.Fatalf("export has no asset %q linked", asset)
	}
	if code, out, errOut := run(t, "--data", data, "content", "import", first, "--as", "M1"); code != 0 || !strings.Contains(out, "(0 new, 0 changed") {
		t.Fatalf("import of the export: %d %s %s", code, out, errOut)
	}
	second := filepath.Join(t.TempDir(), "second")
	if code, _, errOut := run(t, "--data", data, "content", "export", second); code != 0 {
		t.Fatalf("second export: %d %s", code, errOut)
	}
	if b := readTree(t, second); len(a) != len(b) {
		t.Fatalf("exports have %d and %d files", len(a), len(b))
	} else {
		for name, content := range a {
			if b[name] != content {
				t.Fatalf("%s differs between the exports", name)
			}
		}
	}
	must(t, os.Remove(filepath.Join(first, "modules", "01-platform-basics", "assets", asset)))
	code, _, errOut := run(t, "content", "check", first)
	if code == 0 || !strings.Contains(errOut, "01-platform-business-models.md: The link or image ../../assets/"+asset) {
		t.Fatalf("check of a missing asset: %d %s", code, errOut)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
