// Package storetest gives each test a fresh, migrated database: SQLite in a
// temporary directory by default, PostgreSQL when SHOPDOJO_TEST_PG holds a
// DSN. PostgreSQL databases are cloned from one migrated template.
package storetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/shopdojo/shopdojo/internal/store"
)

// DSN returns a fresh database DSN for t (dropped when t ends).
func DSN(t testing.TB) string {
	t.Helper()
	pg := os.Getenv("SHOPDOJO_TEST_PG")
	if pg == "" {
		return filepath.Join(t.TempDir(), "shopdojo.db")
	}
	return clonePG(t, pg)
}

// New returns a fresh migrated store for t, closed when t ends.
func New(t testing.TB) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	tmplOnce sync.Once
	tmplName string
	tmplErr  error
)

func migrationHash() string {
	h := sha256.New()
	_ = fs.WalkDir(store.Migrations(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(store.Migrations(), p)
			h.Write([]byte(p))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func withDB(dsn, db string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	u.Path = "/" + db
	return u.String()
}

// ensureTemplate creates the migrated template database once per migration
// set, under an advisory lock because test binaries run in parallel.
func ensureTemplate(admin *sql.DB, dsn string) (string, error) {
	name := "shopdojo_tmpl_" + migrationHash()
	ctx := context.Background()
	var exists bool
	if err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	s, err := store.Open(ctx, withDB(dsn, name))
	if err != nil {
		return "", err
	}
	defer s.Close()
	return name, s.Migrate(ctx)
}

func clonePG(t testing.TB, dsn string) string {
	t.Helper()
	name, err := cloneFrom(dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropPG(dsn, name) })
	return withDB(dsn, name)
}

// Clone creates a new database from template (a database made with
// Persistent and no longer connected to), dropped when t ends, and
// returns its DSN.
func Clone(t testing.TB, dsn, template string) string {
	t.Helper()
	name, err := cloneFrom(dsn, template)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dropPG(dsn, name) })
	return withDB(dsn, name)
}

// Persistent creates a fresh migrated database that outlives the test
// that asks for it, for a test binary to fill once and Clone per test; the
// caller drops it with Drop. It returns the database's name and DSN.
func Persistent(dsn string) (name, dbDSN string, err error) {
	name, err = cloneFrom(dsn, "")
	return name, withDB(dsn, name), err
}

// Drop removes a database made by Persistent.
func Drop(dsn, name string) { dropPG(dsn, name) }

// cloneFrom creates a database from template, or from the migrated
// template when template is "".
func cloneFrom(dsn, template string) (string, error) {
	ctx := context.Background()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("SHOPDOJO_TEST_PG: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7261002)"); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(7261002)")
	if template == "" {
		tmplOnce.Do(func() { tmplName, tmplErr = ensureTemplate(admin, dsn) })
		if tmplErr != nil {
			return "", fmt.Errorf("template database: %w", tmplErr)
		}
		template = tmplName
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "shopdojo_t_" + hex.EncodeToString(b)
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template)); err != nil {
		return "", fmt.Errorf("clone %s: %w", template, err)
	}
	return name, nil
}

func dropPG(dsn, name string) {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return
	}
	defer admin.Close()
	_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
}
