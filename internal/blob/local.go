package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// tmpName is the directory inside the store where uploads are spooled.
// Keeping it on the same file system as the blobs makes the final rename
// atomic.
const tmpName = "tmp"

// Local stores blobs in a directory as dir/ab/cd/<key>. The two fan-out
// levels keep directories small enough for any file system.
type Local struct {
	dir string
}

// NewLocal opens the store in dir, creating it (mode 0700) if needed.
func NewLocal(dir string) (*Local, error) {
	if err := os.MkdirAll(filepath.Join(dir, tmpName), 0o700); err != nil {
		return nil, fmt.Errorf("blob: new local: %w", err)
	}
	return &Local{dir: dir}, nil
}

func (l *Local) path(key string) string {
	return filepath.Join(l.dir, key[0:2], key[2:4], key)
}

// Put writes to a temp file and renames it into place only once the
// content is complete and synced, so a crash never leaves a partial blob
// under a valid key.
func (l *Local) Put(ctx context.Context, r io.Reader, limit int64) (info Info, err error) {
	f, err := os.CreateTemp(filepath.Join(l.dir, tmpName), "put-*")
	if err != nil {
		return Info{}, fmt.Errorf("blob: put: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	info, err = copyHashed(ctx, f, r, limit)
	if err != nil {
		return Info{}, err
	}
	if err := f.Sync(); err != nil {
		return Info{}, fmt.Errorf("blob: put: sync: %w", err)
	}
	if err := f.Close(); err != nil {
		return Info{}, fmt.Errorf("blob: put: close: %w", err)
	}
	if err := l.commit(f.Name(), info.Key); err != nil {
		return Info{}, err
	}
	return info, nil
}

// commit moves a complete temp file to the key's path, or drops it when the
// same content is already there.
func (l *Local) commit(tmp, key string) error {
	final := l.path(key)
	if _, err := os.Stat(final); err == nil {
		if err := os.Remove(tmp); err != nil {
			return fmt.Errorf("blob: put: drop duplicate: %w", err)
		}
		return nil
	}
	parent := filepath.Dir(final)
	if err := mkdirSynced(parent); err != nil {
		return fmt.Errorf("blob: put: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return fmt.Errorf("blob: put: %w", err)
	}
	if err := syncDir(parent); err != nil {
		return fmt.Errorf("blob: put: %w", err)
	}
	return nil
}

// mkdirSynced creates dir and missing parents, syncing each parent that
// gained an entry, so the path to a renamed blob survives a crash too.
func mkdirSynced(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	parent := filepath.Dir(dir)
	if err := mkdirSynced(parent); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return syncDir(parent)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// Open returns the blob as an *os.File-backed Object.
func (l *Local) Open(ctx context.Context, key string) (Object, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	f, err := os.Open(l.path(key))
	if err != nil {
		return nil, localErr("open", key, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, localErr("open", key, err)
	}
	return fileObject{File: f, info: fi}, nil
}

type fileObject struct {
	*os.File
	info fs.FileInfo
}

func (o fileObject) Size() int64        { return o.info.Size() }
func (o fileObject) ModTime() time.Time { return o.info.ModTime() }

// Stat sniffs the type again from the file's first bytes: one short read is
// cheap, and it spares the store a metadata file next to each blob.
func (l *Local) Stat(ctx context.Context, key string) (Info, error) {
	o, err := l.Open(ctx, key)
	if err != nil {
		return Info{}, err
	}
	defer o.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(o, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return Info{}, localErr("stat", key, err)
	}
	return Info{Key: key, Size: o.Size(), Type: Sniff(head[:n])}, nil
}

// Delete removes the blob; its fan-out directories are left for the next
// blob that hashes into them.
func (l *Local) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if err := os.Remove(l.path(key)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return localErr("delete", key, err)
	}
	return nil
}

// Walk visits blobs in key order. Names that are not keys at their own
// fan-out path are skipped, so stray files never reach a backup.
func (l *Local) Walk(ctx context.Context, fn func(key string, size int64) error) error {
	tmp := filepath.Join(l.dir, tmpName)
	err := filepath.WalkDir(l.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			if path == tmp {
				return fs.SkipDir
			}
			return nil
		}
		key := d.Name()
		if !d.Type().IsRegular() || !ValidKey(key) || path != l.path(key) {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		return fn(key, fi.Size())
	})
	if err != nil {
		return fmt.Errorf("blob: walk: %w", err)
	}
	return nil
}

func localErr(op, key string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	return fmt.Errorf("blob: %s %s: %w", op, key, err)
}
