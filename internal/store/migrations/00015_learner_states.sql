-- +goose Up
-- A read model of unit_progress for 我的学习 and the course maps: one row
-- per person holding their progress joined by ';': "unit_id" for a unit
-- done, "unit_id updated_at" for one started. Pages read one row instead of aggregating a few
-- hundred (the aggregation was most of the page's database time with
-- millions of progress rows). Every write of unit_progress goes through
-- store.Tx, which rewrites the person's row in the same transaction, so
-- the two never disagree; bulk loads call RebuildLearnerStates.
CREATE TABLE learner_states (
    person_id TEXT PRIMARY KEY REFERENCES people (id),
    states    TEXT NOT NULL
);
INSERT INTO learner_states (person_id, states)
SELECT person_id, string_agg(unit_id || CASE WHEN status = 'done' THEN '' ELSE ' ' || CAST(updated_at AS TEXT) END, ';')
FROM unit_progress GROUP BY person_id;

-- +goose Down
DROP TABLE learner_states;
