package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ErrNotSQLite is returned by SQLite-only operations on PostgreSQL.
var ErrNotSQLite = errors.New("this database is PostgreSQL: back it up with pg_dump and restore with pg_restore")

// SnapshotTo writes a consistent copy of the live SQLite database to path
// (VACUUM INTO works while the server runs), fsyncs it and checks its
// integrity. path must not exist.
func (s *Store) SnapshotTo(ctx context.Context, path string) error {
	if s.Dialect != SQLite {
		return ErrNotSQLite
	}
	if _, err := s.write.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if err := fsync(path); err != nil {
		return err
	}
	return CheckSQLiteFile(ctx, path)
}

func fsync(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// CheckSQLiteFile runs PRAGMA integrity_check on a database file and
// checks it holds a ShopDojo schema.
func CheckSQLiteFile(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("integrity check of %s: %w", path, err)
	}
	if !strings.EqualFold(res, "ok") {
		return fmt.Errorf("integrity check of %s failed: %s", path, res)
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_events").Scan(&n); err != nil {
		return fmt.Errorf("%s is not a ShopDojo database: %w", path, err)
	}
	return nil
}
