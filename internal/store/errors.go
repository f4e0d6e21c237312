package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/shopdojo/shopdojo"
)

// MapErr maps driver errors to the domain's sentinel kinds, keeping the
// cause for the log. It is the only place that knows driver error codes.
func MapErr(err error) error {
	if err == nil || shopdojo.KindOf(err) != shopdojo.KindInternal {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return shopdojo.Wrap(shopdojo.KindNotFound, "error.not_found", err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return mapSQLite(se.Code(), err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return mapPostgres(pe.Code, err)
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENOSPC) {
		return shopdojo.Wrap(shopdojo.KindUnavailable, "error.unavailable", err)
	}
	return err
}

func mapSQLite(code int, err error) error {
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return shopdojo.Wrap(shopdojo.KindConflict, "error.conflict", err)
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return shopdojo.Wrap(shopdojo.KindConflict, "error.in_use", err)
	}
	switch code & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return shopdojo.Wrap(shopdojo.KindUnavailable, "error.db_busy", err)
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN:
		return shopdojo.Wrap(shopdojo.KindUnavailable, "error.db_unavailable", err)
	}
	return err
}

func mapPostgres(code string, err error) error {
	switch {
	case code == "23505":
		return shopdojo.Wrap(shopdojo.KindConflict, "error.conflict", err)
	case code == "23503":
		return shopdojo.Wrap(shopdojo.KindConflict, "error.in_use", err)
	case code == "40001" || code == "40P01" || code == "55P03":
		return shopdojo.Wrap(shopdojo.KindUnavailable, "error.db_busy", err)
	case strings.HasPrefix(code, "53") || strings.HasPrefix(code, "57") || strings.HasPrefix(code, "08"):
		return shopdojo.Wrap(shopdojo.KindUnavailable, "error.db_unavailable", err)
	}
	return err
}
