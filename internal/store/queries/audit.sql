-- name: LastAuditEvent :one
SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1;

-- name: InsertAuditEvent :exec
INSERT INTO audit_events (seq, id, at, actor_id, actor_name, action, object_type, object_id,
    object_name, before_digest, after_digest, changes, request_id, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15);

-- name: AuditEventsFrom :many
SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2;

-- name: ListAuditEvents :many
SELECT * FROM audit_events
WHERE seq < CAST(sqlc.arg(before) AS BIGINT)
  AND (CAST(sqlc.arg(action) AS TEXT) = '' OR action = CAST(sqlc.arg(action) AS TEXT))
  AND (CAST(sqlc.arg(object_type) AS TEXT) = '' OR object_type = CAST(sqlc.arg(object_type) AS TEXT))
  AND (CAST(sqlc.arg(actor_id) AS TEXT) = '' OR actor_id = CAST(sqlc.arg(actor_id) AS TEXT))
  AND at >= CAST(sqlc.arg(since) AS BIGINT) AND at < CAST(sqlc.arg(until) AS BIGINT)
ORDER BY seq DESC
LIMIT sqlc.arg(lim);

-- name: ListAuditActions :many
SELECT DISTINCT action FROM audit_events ORDER BY action;

-- name: GetAuditTreeHash :one
SELECT hash FROM audit_tree WHERE idx = $1;

-- name: InsertAuditTreeHash :exec
INSERT INTO audit_tree (idx, hash) VALUES ($1, $2);

-- name: LastCheckpoint :one
SELECT * FROM audit_checkpoints ORDER BY size DESC LIMIT 1;

-- name: ListCheckpoints :many
SELECT * FROM audit_checkpoints ORDER BY size;

-- name: InsertCheckpoint :exec
INSERT INTO audit_checkpoints (size, root_hash, signature, key_id, created_at)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT (size) DO NOTHING;

-- name: CountAuditEvents :one
SELECT COUNT(*) FROM audit_events;

-- name: InsertStatement :exec
INSERT INTO statements (id, actor_id, verb, object_type, object_id, object_name, result, context,
    ts, stored, authority)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);

-- name: ListStatementsByActor :many
SELECT * FROM statements WHERE actor_id = $1 ORDER BY ts DESC LIMIT $2;

-- name: ListAuditObjectTypes :many
SELECT DISTINCT object_type FROM audit_events ORDER BY object_type;
