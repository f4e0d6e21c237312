-- +goose Up
-- How far a person has watched a watch unit's uploaded video, kept from
-- the player's heartbeats. watched_ms is the furthest point the server
-- credits (under no_skip it advances at most by the wall-clock time since
-- the previous heartbeat, so seeking ahead does not count); position_ms is
-- where the player last was (the page resumes there); duration_ms the
-- video's length used for the 90 % rule; beat_at the last heartbeat, by
-- the server's clock. video is the unit's video when it was watched: a
-- unit whose video is replaced starts again. material_id/version_no are
-- the unit version of the last heartbeat.
CREATE TABLE watch_progress (
    person_id   TEXT NOT NULL REFERENCES people (id),
    unit_id     TEXT NOT NULL,
    material_id TEXT NOT NULL,
    version_no  BIGINT NOT NULL,
    video       TEXT NOT NULL,
    watched_ms  BIGINT NOT NULL,
    position_ms BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    beat_at     BIGINT NOT NULL,
    started_at  BIGINT NOT NULL,
    PRIMARY KEY (person_id, unit_id)
);

-- +goose Down
SELECT 1;
