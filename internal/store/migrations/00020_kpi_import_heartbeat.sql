-- +goose Up
-- A running store import touches heartbeat_at while it works, so an import
-- whose process died (a restart, a crash) can be told from one that is
-- merely long and marked failed instead of showing "running" for ever.
ALTER TABLE kpi_imports ADD COLUMN heartbeat_at BIGINT NOT NULL DEFAULT 0;

-- +goose Down
SELECT 1;
