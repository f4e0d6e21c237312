package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/shopdojo/shopdojo/internal/search"
)

// postgresSearch matches with a generated tsvector column over the three
// token columns (to_tsvector('simple'): the tokens are already words, so
// no stemming or stop words; title weight A, body B, pinyin C) and a GIN
// index, ranked by ts_rank. The query is written as a tsquery literal of
// quoted lexemes, so the parser never re-splits a word.
type postgresSearch struct{ s *Store }

func (postgresSearch) ensure(ctx context.Context, db *sql.DB) error {
	for _, q := range []string{
		`ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', title_tokens), 'A') ||
    setweight(to_tsvector('simple', tokens), 'B') ||
    setweight(to_tsvector('simple', pinyin), 'C')) STORED`,
		`CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs USING GIN (tsv)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	return nil
}

func (postgresSearch) Upsert(ctx context.Context, tx *Tx, d search.Indexed) error {
	return upsertDoc(ctx, tx, d, 0)
}

func (postgresSearch) Remove(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.tx.ExecContext(ctx, `DELETE FROM search_docs WHERE id = $1`, id)
	return err
}

func (ps postgresSearch) Match(ctx context.Context, p SearchParams) ([]SearchHit, int, error) {
	if p.Query.Empty() {
		return nil, 0, nil
	}
	tsq := tsQuery(p.Query)
	pool := "ALL"
	if n := p.pool(); n > 0 {
		pool = fmt.Sprint(n)
	}
	var a args
	m := a.add(tsq)
	q := `WITH m AS MATERIALIZED (
    SELECT id, ts_rank(tsv, ` + m + `::tsquery)::float8 AS rel FROM search_docs WHERE tsv @@ ` + m + `::tsquery
    ORDER BY rel DESC LIMIT ` + pool + `)
SELECT d.id, m.rel, d.updated_at, d.views
FROM m JOIN search_docs d ON d.id = m.id
WHERE ` + filters(&a, p) + `
ORDER BY m.rel DESC LIMIT ` + a.add(p.Limit)
	rows, err := ps.s.read.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, 0, MapErr(fmt.Errorf("search: %w", err))
	}
	hits, err := scanHits(rows)
	if err != nil {
		return nil, 0, err
	}
	var c args
	cq := `SELECT count(*) FROM (SELECT 1 FROM search_docs d WHERE d.tsv @@ ` + c.add(tsq) + `::tsquery AND ` +
		filters(&c, p) + ` LIMIT ` + c.add(SearchCountCap) + `) x`
	n, err := count(ctx, ps.s.read, cq, c)
	return hits, n, err
}

func (ps postgresSearch) Docs(ctx context.Context, ids []string) ([]SearchDoc, error) {
	return docs(ctx, ps.s.read, Postgres, ids)
}

// tsQuery writes a query as a tsquery literal: groups joined by &, a
// group's alternatives by |, an alternative's terms by &.
func tsQuery(q search.Query) string {
	quote := strings.NewReplacer(`'`, `''`, `\`, `\\`)
	groups := make([]string, len(q.Groups))
	for i, g := range q.Groups {
		alts := make([]string, len(g.Alts))
		for j, alt := range g.Alts {
			terms := make([]string, len(alt))
			for k, t := range alt {
				terms[k] = "'" + quote.Replace(t.Text) + "'"
				if t.Prefix {
					terms[k] += ":*"
				}
			}
			alts[j] = "(" + strings.Join(terms, " & ") + ")"
		}
		groups[i] = "(" + strings.Join(alts, " | ") + ")"
	}
	return strings.Join(groups, " & ")
}
