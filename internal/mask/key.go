package mask

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// LoadOrCreateKey reads the pseudonym key at path, creating 32 random
// bytes there (mode 0600) when the file is missing. The key lives next to
// audit.key, outside the database: a copy of the database alone cannot
// test a guessed phone number against its token. A new key is written to
// a temporary file and linked into place, so two processes starting at
// once agree on one key and a crash never leaves a short one.
func LoadOrCreateKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read mask key: %w", err)
	}
	if len(b) < MinKeyLen {
		return nil, fmt.Errorf("mask key %s: %d bytes, want at least %d", path, len(b), MinKeyLen)
	}
	return b, nil
}

func createKey(path string) ([]byte, error) {
	key := make([]byte, MinKeyLen)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("mask key: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".mask.key.*")
	if err != nil {
		return nil, fmt.Errorf("write mask key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := writeSynced(tmp, key); err != nil {
		return nil, fmt.Errorf("write mask key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return LoadOrCreateKey(path) // another process was first
		}
		return nil, fmt.Errorf("write mask key: %w", err)
	}
	return key, nil
}

// writeSynced writes b to f (created 0600 by os.CreateTemp), syncs and
// closes it.
func writeSynced(f *os.File, b []byte) error {
	_, err := f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
