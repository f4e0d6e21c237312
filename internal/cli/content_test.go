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
