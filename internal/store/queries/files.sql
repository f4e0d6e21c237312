-- name: InsertFile :exec
INSERT INTO files (id, blob_key, name, content_type, size, purpose, owner_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: GetFile :one
SELECT * FROM files WHERE id = $1;

-- name: CountBlobUse :one
SELECT COUNT(*) FROM files WHERE blob_key = $1;

-- name: DeleteFile :exec
DELETE FROM files WHERE id = $1;

-- name: SetPersonPhoto :exec
UPDATE people SET photo_file_id = $2, updated_at = $3 WHERE id = $1;

-- name: ListFilesByBlob :many
SELECT * FROM files WHERE blob_key = $1 AND purpose = $2 ORDER BY created_at, id;
