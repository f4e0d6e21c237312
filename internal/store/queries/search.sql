-- The portable half of search; matching is in store/search_*.go.

-- name: ListSearchSynonyms :many
SELECT * FROM search_synonyms ORDER BY created_at, id;

-- name: GetSearchSynonym :one
SELECT * FROM search_synonyms WHERE id = $1;

-- name: InsertSearchSynonym :exec
INSERT INTO search_synonyms (id, terms, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $4);

-- name: UpdateSearchSynonym :execrows
UPDATE search_synonyms SET terms = $2, updated_at = $3 WHERE id = $1;

-- name: DeleteSearchSynonym :execrows
DELETE FROM search_synonyms WHERE id = $1;

-- name: CountSearchSynonyms :one
SELECT count(*) FROM search_synonyms;

-- name: LogSearchQuery :exec
INSERT INTO search_queries (id, person_id, query, norm, results, at) VALUES ($1, $2, $3, $4, $5, $6);

-- name: MarkSearchAsked :execrows
-- A question asked by the person within the window after their searches.
UPDATE search_queries SET asked_at = $2 WHERE person_id = $1 AND at >= $3 AND at <= $2 AND asked_at = 0;

-- name: ZeroResultQueries :many
SELECT norm, count(*) AS times, count(DISTINCT person_id) AS people, CAST(max(at) AS BIGINT) AS last_at
FROM search_queries WHERE results = 0 AND at >= $1
GROUP BY norm ORDER BY times DESC, last_at DESC LIMIT $2;

-- name: AskedAfterSearchQueries :many
SELECT norm, count(*) AS times, count(DISTINCT person_id) AS people, CAST(max(at) AS BIGINT) AS last_at,
    CAST(min(results) AS BIGINT) AS fewest_results
FROM search_queries WHERE asked_at > 0 AND at >= $1
GROUP BY norm ORDER BY times DESC, last_at DESC LIMIT $2;

-- name: ListSearchDocIDs :many
SELECT ref_id FROM search_docs WHERE kind = $1;

-- name: CountSearchDocs :one
SELECT count(*) FROM search_docs;

-- name: BumpSearchDocViews :exec
UPDATE search_docs SET views = views + 1 WHERE id = $1;

-- name: LastSearchQuery :one
SELECT id, norm, at FROM search_queries WHERE person_id = $1 ORDER BY at DESC LIMIT 1;

-- name: UpdateSearchQuery :exec
-- The same search still being typed: one row keeps its final text.
UPDATE search_queries SET query = $2, norm = $3, results = $4, at = $5 WHERE id = $1;

-- name: SearchPrincipalRows :many
-- The person's department with its ancestors, position and groups.
WITH RECURSIVE up (id) AS (
    SELECT department_id FROM people WHERE people.id = $1 AND department_id IS NOT NULL
    UNION SELECT d.parent_id FROM departments d JOIN up ON d.id = up.id WHERE d.parent_id IS NOT NULL
)
SELECT CAST('dept:' || up.id AS TEXT) AS principal FROM up
UNION ALL SELECT 'pos:' || position_id FROM people WHERE people.id = $1 AND position_id IS NOT NULL
UNION ALL SELECT 'group:' || group_id FROM group_members WHERE person_id = $1;

-- name: SearchQuestionRows :many
-- Every live question with its bank's access, for indexing.
SELECT q.id, q.bank_id, q.stem_text, q.type, q.updated_at, b.name AS bank_name, b.owner_id, b.shared
FROM questions q JOIN question_banks b ON b.id = q.bank_id WHERE NOT q.archived ORDER BY q.id;

-- name: SearchQuestionTags :many
SELECT t.question_id, t.tag FROM question_tags t JOIN questions q ON q.id = t.question_id WHERE NOT q.archived;

-- name: SearchBankMembers :many
SELECT bank_id, person_id FROM bank_members;

-- name: SearchQuestionStamp :one
-- Changes whenever a question, a bank or a bank's members change.
SELECT (SELECT count(*) FROM questions) AS questions, CAST((SELECT COALESCE(max(updated_at), 0) FROM questions) AS BIGINT) AS q_updated,
    CAST((SELECT COALESCE(max(updated_at), 0) FROM question_banks) AS BIGINT) AS b_updated,
    (SELECT count(*) FROM bank_members) AS members, (SELECT count(*) FROM questions WHERE archived) AS archived;

-- name: SearchCurriculumTimes :many
-- When each published curriculum file last changed, for recency.
SELECT subject_id, updated_at FROM materials WHERE kind = 'curriculum' AND archived_at = 0 AND published_no > 0;
