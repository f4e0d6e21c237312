package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"

	"github.com/shopdojo/shopdojo/internal/store/sqlq"
)

// The query set is written for PostgreSQL ($1, $2 …). SQLite reads "$1" as a
// named parameter bound by order of first appearance, which breaks queries
// that use $2 before $1, so placeholders are rewritten to SQLite's numbered
// form ?1, ?2 … that binds by number. The rewrite is cached per query text.
var rewritten sync.Map

func toSQLite(query string) string {
	if v, ok := rewritten.Load(query); ok {
		return v.(string)
	}
	var b strings.Builder
	inQuote := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
		case c == '$' && !inQuote && i+1 < len(query) && query[i+1] >= '0' && query[i+1] <= '9':
			c = '?'
		}
		b.WriteByte(c)
	}
	s := b.String()
	rewritten.Store(query, s)
	return s
}

type sqliteDBTX struct{ db sqlq.DBTX }

func (d sqliteDBTX) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return d.db.ExecContext(ctx, toSQLite(q), args...)
}

func (d sqliteDBTX) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return d.db.PrepareContext(ctx, toSQLite(q))
}

func (d sqliteDBTX) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return d.db.QueryContext(ctx, toSQLite(q), args...)
}

func (d sqliteDBTX) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return d.db.QueryRowContext(ctx, toSQLite(q), args...)
}
