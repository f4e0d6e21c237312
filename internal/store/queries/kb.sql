-- name: InsertKBCategory :exec
INSERT INTO kb_categories (id, parent_id, name, name_en, sort, created_at) VALUES ($1, $2, $3, $4, $5, $6);

-- name: UpdateKBCategory :execrows
UPDATE kb_categories SET parent_id = $2, name = $3, name_en = $4, sort = $5 WHERE id = $1;

-- name: DeleteKBCategory :exec
DELETE FROM kb_categories WHERE id = $1;

-- name: GetKBCategory :one
SELECT * FROM kb_categories WHERE id = $1;

-- name: ListKBCategories :many
SELECT * FROM kb_categories ORDER BY sort, name, id;

-- name: CountKBCategoryUse :one
SELECT (SELECT COUNT(*) FROM kb_categories c WHERE c.parent_id = $1)
     + (SELECT COUNT(*) FROM kb_items i WHERE i.category_id = $1 AND i.status <> 'archived') AS n;

-- name: InsertKBItem :exec
INSERT INTO kb_items (id, kind, category_id, material_id, title, title_en, owner_id, visibility, review_days,
    reviewed_on, next_review_on, video_url, status, views, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'published', 0, $13, $13);

-- name: UpdateKBItemMeta :exec
UPDATE kb_items SET category_id = $2, owner_id = $3, visibility = $4, review_days = $5, next_review_on = $6,
    video_url = $7, updated_at = $8
WHERE id = $1;

-- name: SetKBItemTitle :exec
UPDATE kb_items SET title = $2, title_en = $3, updated_at = $4 WHERE id = $1;

-- name: SetKBItemReviewed :exec
UPDATE kb_items SET reviewed_on = $2, next_review_on = $3 WHERE id = $1;

-- name: SetKBItemStatus :exec
UPDATE kb_items SET status = $2, updated_at = $3 WHERE id = $1;

-- name: CountKBItemView :exec
UPDATE kb_items SET views = views + 1 WHERE id = $1;

-- name: GetKBItem :one
SELECT i.*, COALESCE(p.name, '') AS owner_name, m.latest_no, m.published_no
FROM kb_items i JOIN materials m ON m.id = i.material_id LEFT JOIN people p ON p.id = i.owner_id
WHERE i.id = $1;

-- name: GetKBItemByMaterial :one
SELECT id FROM kb_items WHERE material_id = $1;

-- name: ListKBItems :many
-- Every live item, newest first; visibility and filters are applied in Go
-- (app.kbReadable), so one rule decides who reads what.
SELECT i.*, COALESCE(p.name, '') AS owner_name
FROM kb_items i LEFT JOIN people p ON p.id = i.owner_id
WHERE i.status = 'published'
ORDER BY i.updated_at DESC, i.id;

-- name: ListKBDue :many
SELECT i.*, COALESCE(p.name, '') AS owner_name
FROM kb_items i LEFT JOIN people p ON p.id = i.owner_id
WHERE i.status = 'published' AND i.next_review_on <= $1
ORDER BY i.next_review_on, i.id;

-- name: CountKBDueForOwner :one
SELECT COUNT(*) FROM kb_items WHERE owner_id = $1 AND status = 'published' AND next_review_on <= $2;

-- name: DeleteKBAudience :exec
DELETE FROM kb_audience WHERE item_id = $1;

-- name: AddKBAudience :exec
INSERT INTO kb_audience (item_id, kind, ref_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;

-- name: ListKBAudience :many
SELECT x.kind, x.ref_id, COALESCE(p.name, d.name, s.name, '') AS name, COALESCE(p.employee_no, '') AS employee_no
FROM kb_audience x
LEFT JOIN people p ON x.kind = 'person' AND p.id = x.ref_id
LEFT JOIN departments d ON x.kind = 'department' AND d.id = x.ref_id
LEFT JOIN positions s ON x.kind = 'position' AND s.id = x.ref_id
WHERE x.item_id = $1 ORDER BY x.kind, x.ref_id;

-- name: ListAllKBAudience :many
SELECT item_id, kind, ref_id FROM kb_audience ORDER BY item_id;

-- name: DeleteKBTags :exec
DELETE FROM kb_tags WHERE item_id = $1;

-- name: AddKBTag :exec
INSERT INTO kb_tags (item_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: ListAllKBTags :many
SELECT item_id, tag FROM kb_tags ORDER BY item_id, tag;

-- name: DeleteKBLinks :exec
DELETE FROM kb_links WHERE item_id = $1;

-- name: AddKBLink :exec
INSERT INTO kb_links (item_id, kind, ref_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;

-- name: ListAllKBLinks :many
SELECT item_id, kind, ref_id FROM kb_links ORDER BY item_id, kind, ref_id;

-- name: DeleteKBRules :exec
DELETE FROM kb_rules WHERE item_id = $1;

-- name: AddKBRule :exec
INSERT INTO kb_rules (item_id, sort, platform, name, url) VALUES ($1, $2, $3, $4, $5);

-- name: ListKBRules :many
SELECT * FROM kb_rules WHERE item_id = $1 ORDER BY sort;

-- name: AddKBAttachment :exec
INSERT INTO kb_attachments (item_id, version_no, file_id, sort) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING;

-- name: ListKBAttachments :many
-- Files of every version of an item, newest version first.
SELECT a.version_no, a.sort, f.id, f.name, f.content_type, f.size, f.created_at
FROM kb_attachments a JOIN files f ON f.id = a.file_id
WHERE a.item_id = $1 ORDER BY a.version_no DESC, a.sort;

-- name: CopyKBAttachments :exec
INSERT INTO kb_attachments (item_id, version_no, file_id, sort)
SELECT a.item_id, sqlc.arg(to_no), a.file_id, a.sort FROM kb_attachments a
WHERE a.item_id = sqlc.arg(item_id) AND a.version_no = sqlc.arg(from_no);

-- name: KBItemsOfFile :many
SELECT DISTINCT item_id FROM kb_attachments WHERE file_id = $1;

-- name: InsertKBQuestion :exec
INSERT INTO kb_questions (id, target_kind, target_id, asker_id, body, status, created_at)
VALUES ($1, $2, $3, $4, $5, 'open', $6);

-- name: GetKBQuestion :one
SELECT q.*, COALESCE(p.name, '') AS asker_name FROM kb_questions q LEFT JOIN people p ON p.id = q.asker_id
WHERE q.id = $1;

-- name: AnswerKBQuestion :execrows
UPDATE kb_questions SET answer = $2, answered_by = $3, answered_at = $4, status = 'answered'
WHERE id = $1 AND status <> 'promoted';

-- name: PromoteKBQuestion :execrows
UPDATE kb_questions SET status = 'promoted', faq_item_id = $2 WHERE id = $1 AND status = 'answered';

-- name: ListKBQuestions :many
SELECT sqlc.embed(q), COALESCE(p.name, '') AS asker_name, COALESCE(b.name, '') AS answerer_name
FROM kb_questions q LEFT JOIN people p ON p.id = q.asker_id LEFT JOIN people b ON b.id = q.answered_by
ORDER BY q.created_at DESC LIMIT 500;

-- name: ListKBQuestionsByAsker :many
SELECT sqlc.embed(q), COALESCE(p.name, '') AS asker_name, COALESCE(b.name, '') AS answerer_name
FROM kb_questions q LEFT JOIN people p ON p.id = q.asker_id LEFT JOIN people b ON b.id = q.answered_by
WHERE q.asker_id = $1 ORDER BY q.created_at DESC LIMIT 200;

-- name: ListKBQuestionsForTarget :many
SELECT sqlc.embed(q), COALESCE(p.name, '') AS asker_name, COALESCE(b.name, '') AS answerer_name
FROM kb_questions q LEFT JOIN people p ON p.id = q.asker_id LEFT JOIN people b ON b.id = q.answered_by
WHERE q.target_kind = $1 AND q.target_id = $2 ORDER BY q.created_at DESC LIMIT 100;

-- name: CountOpenKBQuestions :one
SELECT COUNT(*) FROM kb_questions q
WHERE q.status = 'open' AND (
    (q.target_kind = 'unit' AND CAST(sqlc.arg(units) AS BOOLEAN))
    OR (q.target_kind = 'kb' AND (CAST(sqlc.arg(all_items) AS BOOLEAN)
        OR q.target_id IN (SELECT i.id FROM kb_items i WHERE i.owner_id = sqlc.arg(owner_id)))));

-- name: PersonPrincipals :one
SELECT COALESCE(department_id, '') AS department_id, COALESCE(position_id, '') AS position_id
FROM people WHERE id = $1;

-- name: PersonDepartmentChain :many
-- A person's department and every department above it.
WITH RECURSIVE up(id) AS (
    SELECT people.department_id FROM people WHERE people.id = $1 AND people.department_id IS NOT NULL
    UNION ALL
    SELECT d.parent_id FROM departments d JOIN up ON d.id = up.id WHERE d.parent_id IS NOT NULL
)
SELECT CAST(up.id AS TEXT) AS id FROM up;

-- name: KBSearchStamp :one
-- What changes when an item is added, edited or archived, for the search
-- index's catch-up.
SELECT COUNT(*) AS items, CAST(COALESCE(MAX(updated_at), 0) AS BIGINT) AS updated,
       CAST(COALESCE(SUM(CASE WHEN status = 'published' THEN 1 ELSE 0 END), 0) AS BIGINT) AS published
FROM kb_items;
