-- name: GetWatchProgress :one
SELECT * FROM watch_progress WHERE person_id = $1 AND unit_id = $2;

-- name: UpsertWatchProgress :exec
INSERT INTO watch_progress (person_id, unit_id, material_id, version_no, video, watched_ms, position_ms,
    duration_ms, beat_at, started_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (person_id, unit_id) DO UPDATE SET material_id = excluded.material_id,
    version_no = excluded.version_no, video = excluded.video, watched_ms = excluded.watched_ms,
    position_ms = excluded.position_ms, duration_ms = excluded.duration_ms, beat_at = excluded.beat_at,
    started_at = excluded.started_at;

-- name: LockWatchProgress :execrows
-- Takes the row lock (PostgreSQL) so two tabs' heartbeats never both read
-- the old row. SQLite has one writer and needs none.
UPDATE watch_progress SET beat_at = beat_at WHERE person_id = $1 AND unit_id = $2;

-- name: ListPersonWatchProgress :many
-- How far a person has watched each video they started, for the course page.
SELECT unit_id, video, watched_ms, duration_ms FROM watch_progress WHERE person_id = $1;
