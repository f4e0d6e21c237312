package blob

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func newTestLocal(t *testing.T) (*Local, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "blobs")
	l, err := NewLocal(dir)
	if err != nil {
		t.Fatalf("NewLocal: %v", err)
	}
	return l, dir
}

// dirEntries lists the names in dir, which must exist.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("ReadDir: %v", err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestLocalContract(t *testing.T) {
	testStore(t, func(t *testing.T) harness {
		l, dir := newTestLocal(t)
		return harness{store: l, leftovers: func(t *testing.T) []string {
			return dirEntries(t, filepath.Join(dir, tmpName))
		}}
	})
}

func TestNewLocalMode(t *testing.T) {
	_, dir := newTestLocal(t)
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Errorf("store dir mode = %v, want 0700", perm)
	}
}

func TestLocalFanOutPath(t *testing.T) {
	l, dir := newTestLocal(t)
	data := []byte("fan-out")
	key := mustPut(t, l, data).Key
	got, err := os.ReadFile(filepath.Join(dir, key[:2], key[2:4], key))
	if err != nil {
		t.Fatalf("blob not at its fan-out path: %v", err)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("file content = %q, want %q", got, data)
	}
}

// Backup must see only real blobs, whatever else lands in the directory.
func TestLocalWalkSkipsStrays(t *testing.T) {
	l, dir := newTestLocal(t)
	key := mustPut(t, l, []byte("real")).Key
	other := keyOf([]byte("misplaced"))
	strays := []string{
		filepath.Join(dir, "README"),
		filepath.Join(dir, other),                    // valid key, wrong place
		filepath.Join(dir, "00", "00", other),        // valid key, wrong fan-out
		filepath.Join(dir, key[:2], key[2:4], "x"),   // not a key
		filepath.Join(dir, tmpName, keyOf([]byte{})), // a key, but in tmp
	}
	for _, p := range strays {
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("stray"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(map[string]int64{key: 4}, walkAll(t, l)); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}

// A broken upload must leave no file at all: not a final blob under some
// key, and not its temp file.
func TestLocalNoPartialFile(t *testing.T) {
	l, dir := newTestLocal(t)
	broken := errors.New("disk went away")
	data := randomBytes(200_000, 6)
	r := failingReader{r: bytes.NewReader(data), err: broken}
	if _, err := l.Put(t.Context(), r, 0); !errors.Is(err, broken) {
		t.Fatalf("Put err = %v, want %v", err, broken)
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t.Errorf("file left after failed Put: %s", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Open(t.Context(), keyOf(data)); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open(key of the full data) err = %v, want ErrNotFound", err)
	}
}

// The second Put of the same content must keep the first file, not replace it.
func TestLocalDedupKeepsFile(t *testing.T) {
	l, dir := newTestLocal(t)
	data := []byte("same twice")
	key := mustPut(t, l, data).Key
	path := filepath.Join(dir, key[:2], key[2:4], key)
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, l, data)
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Errorf("second Put replaced the stored file")
	}
}
