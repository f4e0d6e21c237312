-- name: InsertBank :exec
INSERT INTO question_banks (id, name, description, owner_id, shared, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6);

-- name: UpdateBank :exec
UPDATE question_banks SET name = $2, description = $3, shared = $4, updated_at = $5 WHERE id = $1;

-- name: GetBank :one
SELECT b.id, b.name, b.description, b.owner_id, b.shared, b.created_at, b.updated_at,
       COALESCE(p.name, '') AS owner_name,
       (SELECT COUNT(*) FROM questions q WHERE q.bank_id = b.id AND NOT q.archived) AS questions
FROM question_banks b LEFT JOIN people p ON p.id = b.owner_id
WHERE b.id = $1;

-- name: ListBanks :many
-- Banks the viewer may see: all of them for those who see every bank,
-- else owned, shared, or where the viewer is a member.
SELECT b.id, b.name, b.description, b.owner_id, b.shared, b.created_at, b.updated_at,
       COALESCE(p.name, '') AS owner_name,
       (SELECT COUNT(*) FROM questions q WHERE q.bank_id = b.id AND NOT q.archived) AS questions
FROM question_banks b LEFT JOIN people p ON p.id = b.owner_id
WHERE CAST(sqlc.arg(all_banks) AS BIGINT) = 1 OR b.shared OR b.owner_id = sqlc.arg(viewer_id)
   OR EXISTS (SELECT 1 FROM bank_members m WHERE m.bank_id = b.id AND m.person_id = sqlc.arg(viewer_id))
ORDER BY b.name, b.id;

-- name: GetBankMember :one
SELECT can_edit FROM bank_members WHERE bank_id = $1 AND person_id = $2;

-- name: ListBankMembers :many
SELECT m.person_id, m.can_edit, p.name, p.employee_no
FROM bank_members m JOIN people p ON p.id = m.person_id
WHERE m.bank_id = $1 ORDER BY p.employee_no;

-- name: PutBankMember :exec
INSERT INTO bank_members (bank_id, person_id, can_edit) VALUES ($1, $2, $3)
ON CONFLICT (bank_id, person_id) DO UPDATE SET can_edit = excluded.can_edit;

-- name: DeleteBankMember :execrows
DELETE FROM bank_members WHERE bank_id = $1 AND person_id = $2;

-- name: InsertQuestion :exec
INSERT INTO questions (id, bank_id, material_id, type, stem_text, difficulty, points, version_no, archived,
                       created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9, $9);

-- name: UpdateQuestionMirror :exec
UPDATE questions SET type = $2, stem_text = $3, difficulty = $4, points = $5, version_no = $6, updated_at = $7
WHERE id = $1;

-- name: SetQuestionArchived :exec
UPDATE questions SET archived = $2, updated_at = $3 WHERE id = $1;

-- name: GetQuestion :one
SELECT * FROM questions WHERE id = $1;

-- name: GetQuestionByMaterial :one
SELECT * FROM questions WHERE material_id = $1;

-- name: ListQuestions :many
-- One bank's questions, newest first, keyset-paginated on (created_at, id);
-- every filter is optional.
SELECT q.* FROM questions q
WHERE q.bank_id = sqlc.arg(bank_id) AND q.archived = CAST(sqlc.arg(archived) AS BOOLEAN)
  AND (CAST(sqlc.arg(type) AS TEXT) = '' OR q.type = CAST(sqlc.arg(type) AS TEXT))
  AND (CAST(sqlc.arg(difficulty) AS BIGINT) = 0 OR q.difficulty = CAST(sqlc.arg(difficulty) AS BIGINT))
  AND (CAST(sqlc.arg(query) AS TEXT) = '' OR LOWER(q.stem_text) LIKE '%' || CAST(sqlc.arg(query) AS TEXT) || '%')
  AND (CAST(sqlc.arg(tag) AS TEXT) = '' OR EXISTS (
        SELECT 1 FROM question_tags t WHERE t.question_id = q.id AND t.tag = CAST(sqlc.arg(tag) AS TEXT)))
  AND (CAST(sqlc.arg(before_at) AS BIGINT) = 0 OR q.created_at < CAST(sqlc.arg(before_at) AS BIGINT)
       OR (q.created_at = CAST(sqlc.arg(before_at) AS BIGINT) AND q.id < CAST(sqlc.arg(before_id) AS TEXT)))
ORDER BY q.created_at DESC, q.id DESC
LIMIT sqlc.arg(lim);

-- name: DeleteQuestionTags :exec
DELETE FROM question_tags WHERE question_id = $1;

-- name: AddQuestionTag :exec
INSERT INTO question_tags (question_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: ListQuestionTags :many
SELECT tag FROM question_tags WHERE question_id = $1 ORDER BY tag;

-- name: ListBankTags :many
SELECT t.tag, COUNT(*) AS n FROM question_tags t JOIN questions q ON q.id = t.question_id
WHERE q.bank_id = $1 AND NOT q.archived GROUP BY t.tag ORDER BY n DESC, t.tag;
