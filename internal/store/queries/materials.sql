-- name: InsertMaterial :exec
INSERT INTO materials (id, kind, subject_id, title, latest_no, published_no, created_at, updated_at)
VALUES ($1, $2, $3, $4, 0, 0, $5, $5);

-- name: GetMaterial :one
SELECT * FROM materials WHERE id = $1;

-- name: FindMaterialBySubject :one
SELECT * FROM materials WHERE kind = $1 AND subject_id = $2;

-- name: SetMaterialLatest :exec
UPDATE materials SET latest_no = $2, title = $3, updated_at = $4 WHERE id = $1;

-- name: SetMaterialPublished :exec
UPDATE materials SET published_no = $2, updated_at = $3 WHERE id = $1;

-- name: InsertVersion :exec
INSERT INTO material_versions (material_id, no, title, body, note, major, status, author_id, author_name,
                               created_at, based_on)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);

-- name: GetVersion :one
SELECT * FROM material_versions WHERE material_id = $1 AND no = $2;

-- name: ListVersions :many
SELECT material_id, no, title, note, major, status, author_id, author_name, created_at,
       reviewer_id, reviewer_name, reviewed_at, review_note, based_on
FROM material_versions WHERE material_id = $1 ORDER BY no DESC;

-- name: SetVersionStatus :exec
UPDATE material_versions SET status = $3 WHERE material_id = $1 AND no = $2;

-- name: ReviewVersion :exec
UPDATE material_versions SET status = $3, reviewer_id = $4, reviewer_name = $5, reviewed_at = $6, review_note = $7
WHERE material_id = $1 AND no = $2;

-- name: ListVersionsInReview :many
SELECT v.material_id, v.no, v.title, v.note, v.major, v.author_id, v.author_name, v.created_at,
       m.kind, m.subject_id
FROM material_versions v JOIN materials m ON m.id = v.material_id
WHERE v.status = 'review' ORDER BY v.created_at, v.material_id, v.no;

-- name: CountVersionsInReview :one
SELECT COUNT(*) FROM material_versions WHERE status = 'review';
