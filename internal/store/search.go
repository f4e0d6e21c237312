package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopdojo/shopdojo/internal/search"
)

// SearchIndex is the search SQL of one dialect (search_sqlite.go on FTS5,
// search_postgres.go on tsvector): the text index's schema, writes of a
// document with its access list, and matching with filters, the access
// check and relevance. Everything else about search is portable
// (queries/search.sql).
type SearchIndex interface {
	// Upsert writes a document, its tokens and its principals (none means
	// everyone), keeping its view count.
	Upsert(ctx context.Context, tx *Tx, d search.Indexed) error
	// Remove deletes a document; no error when it is absent.
	Remove(ctx context.Context, tx *Tx, id string) error
	// Match returns the best matches (by relevance) the principals may
	// open, at most p.Limit, and how many match in all, counted up to
	// SearchCountCap.
	Match(ctx context.Context, p SearchParams) ([]SearchHit, int, error)
	// Docs reads documents by id.
	Docs(ctx context.Context, ids []string) ([]SearchDoc, error)
	ensure(ctx context.Context, db *sql.DB) error
}

// SearchCountCap bounds the count of matches: past it a page says
// "1,000+", and counting every row of a common word is not paid for.
const SearchCountCap = 1000

// searchPool bounds the candidates a search ranks: on SQLite the newest
// searchPool readable matches (filters and the access check applied
// first), on PostgreSQL the best searchPool by text relevance when no
// filter is set. The ranking of a common word then costs a bounded
// number of row reads.
const searchPool = 500

// SearchParams are a match's query, filters and caller.
type SearchParams struct {
	Query      search.Query
	Principals []string
	Kinds      []string
	Tag        string
	Module     string
	From, To   int64 // updated_at bounds in Unix ms, 0 = open
	Limit      int
}

// SearchHit is a matching document's id and ranking inputs.
type SearchHit struct {
	ID        string
	Relevance float64 // higher is better; comparable within one Match only
	UpdatedAt int64
	Views     int64
}

// SearchDoc is a stored document without its tokens.
type SearchDoc struct {
	ID, Kind, RefID, Title, Body, Module, Platform, URL, Audience string
	Tags                                                          []string
	UpdatedAt, Views                                              int64
}

// Search returns the search SQL of the store's dialect.
func (s *Store) Search() SearchIndex {
	if s.Dialect == Postgres {
		return postgresSearch{s}
	}
	return sqliteSearch{s}
}

// joinTags stores tags as |a|b| so a filter is one LIKE.
func joinTags(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return "|" + strings.Join(tags, "|") + "|"
}

func splitTags(s string) []string {
	s = strings.Trim(s, "|")
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// args collects positional parameters written as $1, $2 … in order (on
// SQLite toSQLite turns them into ?, which bind in the same order).
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

func (a *args) list(vs []string) string {
	ps := make([]string, len(vs))
	for i, v := range vs {
		ps[i] = a.add(v)
	}
	return strings.Join(ps, ", ")
}

// filters is the WHERE clause shared by both dialects after the text
// match: kinds, tag, module, dates and the access check.
func filters(a *args, p SearchParams) string {
	var w []string
	if len(p.Kinds) > 0 {
		w = append(w, "d.kind IN ("+a.list(p.Kinds)+")")
	}
	if p.Tag != "" {
		w = append(w, `d.tags LIKE `+a.add("%|"+likeEscape(p.Tag)+"|%")+` ESCAPE '\'`)
	}
	if p.Module != "" {
		w = append(w, "d.module = "+a.add(p.Module))
	}
	if p.From > 0 {
		w = append(w, "d.updated_at >= "+a.add(p.From))
	}
	if p.To > 0 {
		w = append(w, "d.updated_at < "+a.add(p.To))
	}
	// audience 'everyone' is written only for documents whose principals
	// are everyone (upsertDoc), so it short-cuts the common case.
	principals := append([]string{search.PrincipalEveryone}, p.Principals...)
	w = append(w, "(d.audience = 'everyone' OR EXISTS (SELECT 1 FROM search_doc_acl a WHERE a.doc_id = d.id AND a.principal IN ("+a.list(principals)+")))")
	return strings.Join(w, " AND ")
}

// upsertDoc writes the portable row and the access list. The stored
// audience is 'everyone' exactly when everyone may open the document.
func upsertDoc(ctx context.Context, tx *Tx, d search.Indexed, ftsRow int64) error {
	public := len(d.Principals) == 0 || slices.Contains(d.Principals, search.PrincipalEveryone)
	if public {
		d.Audience = search.AudienceEveryone
	} else if d.Audience == search.AudienceEveryone || d.Audience == "" {
		d.Audience = search.AudienceACL
	}
	_, err := tx.tx.ExecContext(ctx, tx.sql(`INSERT INTO search_docs (id, kind, ref_id, title, body, title_tokens,
    tokens, pinyin, tags, module, platform, url, audience, updated_at, fts_rowid)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body, title_tokens = excluded.title_tokens,
    tokens = excluded.tokens, pinyin = excluded.pinyin, tags = excluded.tags, module = excluded.module,
    platform = excluded.platform, url = excluded.url, audience = excluded.audience,
    updated_at = excluded.updated_at, fts_rowid = excluded.fts_rowid`),
		d.ID(), d.Kind, d.RefID, d.Title, d.Body, d.TitleTokens, d.Tokens, d.Pinyin, joinTags(d.Tags),
		d.Module, d.Platform, d.URL, d.Audience, d.UpdatedAt.UnixMilli(), ftsRow)
	if err != nil {
		return fmt.Errorf("upsert search doc %s: %w", d.ID(), err)
	}
	if _, err := tx.tx.ExecContext(ctx, tx.sql(`DELETE FROM search_doc_acl WHERE doc_id = $1`), d.ID()); err != nil {
		return err
	}
	principals := d.Principals
	if len(principals) == 0 {
		principals = []string{search.PrincipalEveryone}
	}
	var a args
	id := a.add(d.ID())
	var rows []string
	for _, p := range dedupe(principals) {
		rows = append(rows, "("+id+", "+a.add(p)+")")
	}
	_, err = tx.tx.ExecContext(ctx, tx.sql("INSERT INTO search_doc_acl (doc_id, principal) VALUES "+strings.Join(rows, ", ")), a...)
	return err
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// sql rewrites $N placeholders for SQLite.
func (tx *Tx) sql(q string) string {
	if tx.store.Dialect == SQLite {
		return toSQLite(q)
	}
	return q
}

// docs reads documents by id on db.
func docs(ctx context.Context, db *sql.DB, dialect Dialect, ids []string) ([]SearchDoc, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var a args
	q := `SELECT id, kind, ref_id, title, body, tags, module, platform, url, audience, updated_at, views
FROM search_docs WHERE id IN (` + a.list(ids) + `)`
	if dialect == SQLite {
		q = toSQLite(q)
	}
	rows, err := db.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, MapErr(err)
	}
	defer rows.Close()
	var out []SearchDoc
	for rows.Next() {
		var d SearchDoc
		var tags string
		if err := rows.Scan(&d.ID, &d.Kind, &d.RefID, &d.Title, &d.Body, &tags, &d.Module, &d.Platform,
			&d.URL, &d.Audience, &d.UpdatedAt, &d.Views); err != nil {
			return nil, err
		}
		d.Tags = splitTags(tags)
		out = append(out, d)
	}
	return out, MapErr(rows.Err())
}

// pool is the candidate pool's size: bounded unless a filter (which may
// keep few of the best text matches) is set; -1 is no limit on SQLite and
// ALL rows on PostgreSQL.
func (p SearchParams) pool() int {
	if len(p.Kinds) > 0 || p.Tag != "" || p.Module != "" || p.From > 0 || p.To > 0 {
		return -1
	}
	return searchPool
}

// scanHits reads id, relevance, updated_at, views rows.
func scanHits(rows *sql.Rows) ([]SearchHit, error) {
	defer rows.Close()
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		if err := rows.Scan(&h.ID, &h.Relevance, &h.UpdatedAt, &h.Views); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, MapErr(rows.Err())
}

// count runs a capped count query.
func count(ctx context.Context, db *sql.DB, q string, a args) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, q, a...).Scan(&n)
	return n, MapErr(err)
}
