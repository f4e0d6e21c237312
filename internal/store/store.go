// Package store holds all SQL: the embedded migrations, the sqlc-generated
// queries (one set for SQLite and PostgreSQL) and the mapping of driver
// errors to the domain's error kinds. The app layer reaches the database only
// through Store.Read and Store.Tx.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // SQLite driver

	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialect names the database engine.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Queries is the generated query set.
type Queries = sqlq.Queries

// Store is an open database with its migrations applied.
type Store struct {
	Dialect Dialect
	Path    string // SQLite file, "" on PostgreSQL
	write   *sql.DB
	read    *sql.DB
	// SQLite: every query prepared once (after migrating) on the write
	// connection and on the read pool. Parsing SQL was a quarter of an
	// answer save's CPU before; PostgreSQL's driver caches statements itself.
	wq, rq *Queries
	gen    atomic.Uint64 // bumped by every committed Tx; see Gen
}

// Gen is a number that changes whenever this process commits a write
// (except TxQuiet), so the app layer can keep short-lived caches that are
// never stale after its own writes. Writes by other app nodes do not bump
// it: caches must also expire by time.
func (s *Store) Gen() uint64 { return s.gen.Load() }

// Open opens the database named by dsn: a postgres:// URL, or else a SQLite
// file path (created if missing).
func Open(ctx context.Context, dsn string) (*Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres: %w", err)
	}
	return &Store{Dialect: Postgres, write: db, read: db}, nil
}

func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", "mmap_size(1073741824)")
	} else {
		q.Set("_txlock", "immediate")
		q.Add("_pragma", "temp_store(MEMORY)")
	}
	return "file:" + path + "?" + q.Encode()
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create database directory: %w", err)
	}
	w, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// One writer connection: SQLite serializes writers anyway, and this keeps
	// BEGIN IMMEDIATE from ever spinning on busy_timeout inside the process.
	w.SetMaxOpenConns(1)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// Keep every reader open: database/sql's default of two idle connections
	// closed the other six after each burst, and each reopened connection
	// paid for opening SQLite and preparing its statements again.
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	return &Store{Dialect: SQLite, Path: path, write: w, read: r}, nil
}

// Migrate applies every pending migration.
func (s *Store) Migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	d := goose.DialectSQLite3
	if s.Dialect == Postgres {
		d = goose.DialectPostgres
	}
	p, err := goose.NewProvider(d, s.write, sub)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", MapErr(err))
	}
	// The search text index differs per dialect (search_sqlite.go,
	// search_postgres.go); its statements are idempotent.
	if err := s.Search().ensure(ctx, s.write); err != nil {
		return err
	}
	return s.prepare(ctx)
}

// prepare prepares every query on SQLite once the schema is current.
func (s *Store) prepare(ctx context.Context) error {
	if s.Dialect != SQLite || s.wq != nil {
		return nil
	}
	wq, err := sqlq.Prepare(ctx, sqliteDBTX{s.write})
	if err != nil {
		return fmt.Errorf("prepare queries: %w", err)
	}
	rq, err := sqlq.Prepare(ctx, sqliteDBTX{s.read})
	if err != nil {
		wq.Close()
		return fmt.Errorf("prepare queries: %w", err)
	}
	s.wq, s.rq = wq, rq
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	var err error
	for _, q := range []*Queries{s.wq, s.rq} {
		if q != nil {
			err = errors.Join(err, q.Close())
		}
	}
	s.wq, s.rq = nil, nil
	err = errors.Join(err, s.write.Close())
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return MapErr(s.write.PingContext(ctx))
}

func (s *Store) queries(db sqlq.DBTX) *Queries {
	if s.Dialect == SQLite {
		db = sqliteDBTX{db}
	}
	return sqlq.New(db)
}

// Read runs fn with queries on the read pool; driver errors are mapped.
func (s *Store) Read(ctx context.Context, fn func(q *Queries) error) error {
	if s.rq != nil {
		return MapErr(fn(s.rq))
	}
	return MapErr(fn(s.queries(s.read)))
}

// Tx is an open write transaction.
type Tx struct {
	*Queries
	store *Store
	tx    *sql.Tx
}

// Tx runs fn in a write transaction and commits when fn returns nil. On
// SQLite the single writer connection serializes transactions; fn must not
// call Read or Tx itself.
func (s *Store) Tx(ctx context.Context, fn func(tx *Tx) error) error {
	err := s.tx(ctx, fn)
	s.gen.Add(1) // also after a failed commit: whether it applied is unknown
	return err
}

// TxQuiet is Tx for frequent writes that change nothing the app caches
// (a session's last-seen time), so they do not flush those caches.
func (s *Store) TxQuiet(ctx context.Context, fn func(tx *Tx) error) error { return s.tx(ctx, fn) }

func (s *Store) tx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return MapErr(fmt.Errorf("begin: %w", err))
	}
	q := s.queries(sqlTx)
	if s.wq != nil {
		q = s.wq.WithTx(sqlTx)
	}
	tx := &Tx{Queries: q, store: s, tx: sqlTx}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return MapErr(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return MapErr(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// Dialect names the engine the transaction runs on.
func (tx *Tx) Dialect() Dialect { return tx.store.Dialect }

// LockAudit serializes audit-chain appends. SQLite's single writer already
// does; PostgreSQL takes a transaction-scoped advisory lock.
func (tx *Tx) LockAudit(ctx context.Context) error {
	if tx.store.Dialect != Postgres {
		return nil
	}
	_, err := tx.tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7261001)")
	return err
}

// Migrations returns the embedded migration files.
func Migrations() fs.FS {
	sub, _ := fs.Sub(migrations, "migrations")
	return sub
}

// Raw returns the write pool. Tests use it to tamper with rows behind the
// app's back; production code goes through Read and Tx.
func (s *Store) Raw() *sql.DB { return s.write }

// Exec runs one statement on the write pool with PostgreSQL-style
// placeholders, for tests and maintenance tools.
func (s *Store) Exec(ctx context.Context, query string, args ...any) error {
	if s.Dialect == SQLite {
		query = toSQLite(query)
	}
	_, err := s.write.ExecContext(ctx, query, args...)
	s.gen.Add(1)
	return MapErr(err)
}

// CheckIntegrity runs SQLite's integrity check (PostgreSQL checks its own
// pages) and returns an error describing any damage.
func (s *Store) CheckIntegrity(ctx context.Context) error {
	if s.Dialect != SQLite {
		return s.Ping(ctx)
	}
	rows, err := s.write.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}
