package server

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shopdojo/shopdojo/internal/config"
	"github.com/shopdojo/shopdojo/internal/store"
)

// Backup covers the database (SQLite only), the keys and the file store:
// everything needed to bring an installation back.
var backupFiles = []string{"shopdojo.db", "audit.key", "mask.key"}

const backupDirs = "files"

// Backup writes a .tar.gz of the data directory's database snapshot, keys
// and files to out (renamed into place only when complete). On PostgreSQL
// the archive holds keys and files and says to use pg_dump for the data.
func Backup(ctx context.Context, cfg config.Config, inst *Instance, out string) (notes []string, err error) {
	tmpDir, err := os.MkdirTemp(cfg.DataDir, ".backup-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmpDir)
	snap := filepath.Join(tmpDir, "shopdojo.db")
	switch err := inst.Store.SnapshotTo(ctx, snap); {
	case errors.Is(err, store.ErrNotSQLite):
		notes = append(notes, err.Error())
		snap = ""
	case err != nil:
		return nil, err
	}
	if cfg.Files != "" {
		notes = append(notes, "file contents live in the S3 bucket of --files and are not in this archive: "+
			"back the bucket up with its own versioning or replication")
	}
	partial := out + ".partial"
	f, err := os.OpenFile(partial, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	defer os.Remove(partial)
	if err := writeArchive(f, cfg.DataDir, snap); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return notes, os.Rename(partial, out)
}

func writeArchive(w io.Writer, dataDir, snap string) error {
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	if snap != "" {
		if err := addFile(tw, snap, "shopdojo.db"); err != nil {
			return err
		}
	}
	for _, name := range backupFiles[1:] {
		if err := addFile(tw, filepath.Join(dataDir, name), name); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	root := filepath.Join(dataDir, backupDirs)
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && p == filepath.Join(root, "tmp") {
			return filepath.SkipDir // uploads in progress
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dataDir, p)
		return addFile(tw, p, filepath.ToSlash(rel))
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func addFile(tw *tar.Writer, path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime()}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// Restore replaces the data directory's database, keys and files with the
// archive's. The server must be stopped. The archive is extracted and its
// database integrity-checked before anything is moved; the previous data
// is kept in a .pre-restore-… directory.
func Restore(ctx context.Context, cfg config.Config, in string) (kept string, err error) {
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return "", err
	}
	stage, err := os.MkdirTemp(cfg.DataDir, ".restore-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(stage)
	if err := extract(in, stage); err != nil {
		return "", fmt.Errorf("read backup %s: %w", in, err)
	}
	db := filepath.Join(stage, "shopdojo.db")
	if _, err := os.Stat(db); err == nil {
		if err := store.CheckSQLiteFile(ctx, db); err != nil {
			return "", err
		}
	} else if !cfg.Postgres() {
		return "", errors.New("the backup holds no SQLite database (was it made on PostgreSQL?)")
	}
	kept = filepath.Join(cfg.DataDir, ".pre-restore-"+time.Now().UTC().Format("20060102T150405"))
	if err := os.Mkdir(kept, 0o700); err != nil {
		return "", err
	}
	for _, name := range append(backupFiles, backupDirs, "shopdojo.db-wal", "shopdojo.db-shm") {
		if err := os.Rename(filepath.Join(cfg.DataDir, name), filepath.Join(kept, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return kept, err
		}
	}
	for _, name := range append(backupFiles, backupDirs) {
		if err := os.Rename(filepath.Join(stage, name), filepath.Join(cfg.DataDir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return kept, err
		}
	}
	return kept, nil
}

func extract(archive, dir string) error {
	f, err := os.Open(archive)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Clean(filepath.FromSlash(h.Name))
		if h.Typeflag != tar.TypeReg || strings.HasPrefix(name, "..") || filepath.IsAbs(name) {
			return fmt.Errorf("unexpected entry %q in backup", h.Name)
		}
		if err := writeEntry(filepath.Join(dir, name), tr); err != nil {
			return err
		}
	}
}

func writeEntry(path string, r io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	out, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
