package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/shopdojo/shopdojo/internal/search"
)

// sqliteSearch matches with FTS5: a contentless table over the three token
// columns (unicode61 keeps a run of Han characters as one token, and the
// segmenter has put spaces between words), ranked by bm25 with the title
// weighted 4 and pinyin 0.5.
type sqliteSearch struct{ s *Store }

func (sqliteSearch) ensure(ctx context.Context, db *sql.DB) error {
	for _, q := range []string{
		`CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, tokens, pinyin,
    content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
		`CREATE INDEX IF NOT EXISTS search_docs_fts ON search_docs (fts_rowid)`,
		// rank is bm25 with the title weighted 4 and pinyin 0.5, so ORDER BY
		// rank LIMIT n picks the best n inside FTS5.
		`INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 0.5)')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	return nil
}

func (ss sqliteSearch) Upsert(ctx context.Context, tx *Tx, d search.Indexed) error {
	if err := ss.dropFTS(ctx, tx, d.ID()); err != nil {
		return err
	}
	res, err := tx.tx.ExecContext(ctx, `INSERT INTO search_fts (title, tokens, pinyin) VALUES (?, ?, ?)`,
		d.TitleTokens, d.Tokens, d.Pinyin)
	if err != nil {
		return fmt.Errorf("index %s: %w", d.ID(), err)
	}
	row, err := res.LastInsertId()
	if err != nil {
		return err
	}
	// FTS5 holds the tokens; the row keeps no second copy.
	d.TitleTokens, d.Tokens, d.Pinyin = "", "", ""
	return upsertDoc(ctx, tx, d, row)
}

func (ss sqliteSearch) dropFTS(ctx context.Context, tx *Tx, id string) error {
	var row int64
	err := tx.tx.QueryRowContext(ctx, `SELECT fts_rowid FROM search_docs WHERE id = ?`, id).Scan(&row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = tx.tx.ExecContext(ctx, `DELETE FROM search_fts WHERE rowid = ?`, row)
	return err
}

func (ss sqliteSearch) Remove(ctx context.Context, tx *Tx, id string) error {
	if err := ss.dropFTS(ctx, tx, id); err != nil {
		return err
	}
	_, err := tx.tx.ExecContext(ctx, `DELETE FROM search_docs WHERE id = ?`, id)
	return err
}

func (ss sqliteSearch) Match(ctx context.Context, p SearchParams) ([]SearchHit, int, error) {
	if p.Query.Empty() {
		return nil, 0, nil
	}
	match := ftsMatch(p.Query)
	var a args
	m := a.add(match)
	// The pool is the newest searchPool readable matches (FTS5 walks its
	// doclists in rowid order, and a re-indexed document gets a new rowid),
	// and bm25 is computed for those rows only: ORDER BY rank would score
	// and sort every match of a common word first (most of the cost, on
	// 100,000 documents).
	q := `WITH m AS MATERIALIZED (
    SELECT search_fts.rowid AS rowid, -bm25(search_fts, 4.0, 1.0, 0.5) AS rel
    FROM search_fts JOIN search_docs d ON d.fts_rowid = search_fts.rowid
    WHERE search_fts MATCH ` + m + ` AND ` + filters(&a, p) + `
    ORDER BY search_fts.rowid DESC LIMIT ` + a.add(searchPool) + `)
SELECT d.id, m.rel, d.updated_at, d.views
FROM m JOIN search_docs d ON d.fts_rowid = m.rowid
ORDER BY m.rel DESC LIMIT ` + a.add(p.Limit)
	rows, err := ss.s.read.QueryContext(ctx, toSQLite(q), a...)
	if err != nil {
		return nil, 0, MapErr(fmt.Errorf("search: %w", err))
	}
	hits, err := scanHits(rows)
	if err != nil {
		return nil, 0, err
	}
	var c args
	cq := `SELECT count(*) FROM (SELECT 1 FROM search_fts JOIN search_docs d ON d.fts_rowid = search_fts.rowid
WHERE search_fts MATCH ` + c.add(match) + ` AND ` + filters(&c, p) + ` LIMIT ` + c.add(SearchCountCap) + `)`
	n, err := count(ctx, ss.s.read, toSQLite(cq), c)
	return hits, n, err
}

func (ss sqliteSearch) Docs(ctx context.Context, ids []string) ([]SearchDoc, error) {
	return docs(ctx, ss.s.read, SQLite, ids)
}

// ftsMatch writes a query in FTS5 syntax: groups joined by AND, a group's
// alternatives by OR, an alternative's terms by AND; every term quoted.
func ftsMatch(q search.Query) string {
	groups := make([]string, len(q.Groups))
	for i, g := range q.Groups {
		alts := make([]string, len(g.Alts))
		for j, alt := range g.Alts {
			terms := make([]string, len(alt))
			for k, t := range alt {
				terms[k] = `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
				if t.Prefix {
					terms[k] += " *"
				}
			}
			alts[j] = "(" + strings.Join(terms, " AND ") + ")"
		}
		groups[i] = "(" + strings.Join(alts, " OR ") + ")"
	}
	return strings.Join(groups, " AND ")
}
