-- +goose Up
-- Search: one row per searchable document (a lesson, SOP, case, bank
-- question or knowledge item) with its plain text and its tokens as the
-- segmenter cut them (space-separated words, characters, n-grams and
-- pinyin). The text index over the tokens is dialect-specific and made by
-- store/search_sqlite.go (FTS5) or store/search_postgres.go (tsvector +
-- GIN) right after the migrations; nothing else differs.
CREATE TABLE search_docs (
    id           TEXT PRIMARY KEY,  -- kind:ref_id
    kind         TEXT NOT NULL,     -- lesson | sop | case | question | kb
    ref_id       TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,     -- plain text, for snippets
    title_tokens TEXT NOT NULL,
    tokens       TEXT NOT NULL,
    pinyin       TEXT NOT NULL,
    tags         TEXT NOT NULL,     -- |tag|tag|, so a filter is one LIKE
    module       TEXT NOT NULL,
    platform     TEXT NOT NULL,
    url          TEXT NOT NULL,
    audience     TEXT NOT NULL,     -- everyone | trainers | acl (shown; search_doc_acl decides)
    updated_at   BIGINT NOT NULL,
    views        BIGINT NOT NULL DEFAULT 0,
    fts_rowid    BIGINT NOT NULL DEFAULT 0 -- SQLite: the row of search_fts
);
CREATE INDEX search_docs_kind ON search_docs (kind, ref_id);

-- Who may open a document: principals 'everyone', 'dept:<id>', 'pos:<id>',
-- 'person:<id>', 'role:<name>', 'perm:<permission>'. A search returns a
-- document only when the searcher holds one of its principals.
CREATE TABLE search_doc_acl (
    doc_id    TEXT NOT NULL REFERENCES search_docs (id) ON DELETE CASCADE,
    principal TEXT NOT NULL,
    PRIMARY KEY (doc_id, principal)
);
CREATE INDEX search_doc_acl_principal ON search_doc_acl (principal, doc_id);

-- Synonym groups managers edit: members one per line.
CREATE TABLE search_synonyms (
    id         TEXT PRIMARY KEY,
    terms      TEXT NOT NULL,
    created_by TEXT REFERENCES people (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Every search typed (not each keystroke: the page logs a query once it
-- rested), for the zero-result list; asked_at is set when the person asked
-- a question within 30 minutes after it (App.NoteQuestionAfterSearch).
CREATE TABLE search_queries (
    id        TEXT PRIMARY KEY,
    person_id TEXT REFERENCES people (id),
    query     TEXT NOT NULL,
    norm      TEXT NOT NULL,
    results   BIGINT NOT NULL,
    at        BIGINT NOT NULL,
    asked_at  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX search_queries_results ON search_queries (results, at);
CREATE INDEX search_queries_person ON search_queries (person_id, at);
CREATE INDEX search_queries_asked ON search_queries (asked_at, at);

-- +goose Down
SELECT 1;
