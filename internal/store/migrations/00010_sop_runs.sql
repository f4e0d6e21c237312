-- +goose Up
-- A run of an SOP checklist (or of a practice unit's exercise, whose
-- evidence list is its checklist: sop_id is then '') on real work: the learner ticks each step and
-- attaches the evidence the step asks for (a note, a link, photos or
-- files), submits it, and a mentor, team lead or trainer signs it off or
-- returns it with a note. Signing off marks the SOP (and every practice
-- unit that runs it) done in unit_progress. material_id/version_no are the
-- SOP version that was run; steps keeps its checklist, so a later edit of
-- the SOP never changes what a run shows.
CREATE TABLE sop_runs (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id),
    sop_id       TEXT NOT NULL,            -- '' for a practice unit without an SOP
    unit_id      TEXT NOT NULL DEFAULT '', -- the practice unit it was started from
    material_id  TEXT NOT NULL,
    version_no   BIGINT NOT NULL,
    subject      TEXT NOT NULL DEFAULT '', -- the real work it ran on, e.g. an order or a listing
    steps        TEXT NOT NULL,            -- JSON: the checklist as it was when the run started
    status       TEXT NOT NULL,            -- open | submitted | signed | returned
    created_at   BIGINT NOT NULL,
    submitted_at BIGINT NOT NULL DEFAULT 0,
    reviewer_id  TEXT NOT NULL DEFAULT '',
    reviewed_at  BIGINT NOT NULL DEFAULT 0,
    review_note  TEXT NOT NULL DEFAULT '',
    updated_at   BIGINT NOT NULL
);
CREATE INDEX sop_runs_person ON sop_runs (person_id, sop_id, created_at);
CREATE INDEX sop_runs_status ON sop_runs (status, submitted_at);

CREATE TABLE sop_run_steps (
    run_id     TEXT NOT NULL REFERENCES sop_runs (id),
    step_no    BIGINT NOT NULL, -- 1-based, in the SOP's order
    done       BIGINT NOT NULL DEFAULT 0,
    note       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, step_no)
);

CREATE TABLE sop_run_files (
    run_id     TEXT NOT NULL REFERENCES sop_runs (id),
    step_no    BIGINT NOT NULL,
    file_id    TEXT NOT NULL REFERENCES files (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, file_id)
);

-- "What changed" tasks: when a major version of a lesson or SOP is
-- published, everyone who finished an older version gets a short task to
-- read what changed (unit_id is the unit or SOP id; from_no is the version
-- they learned). Acknowledging it moves their progress to the new version.
CREATE TABLE change_tasks (
    person_id   TEXT NOT NULL REFERENCES people (id),
    unit_id     TEXT NOT NULL,
    material_id TEXT NOT NULL,
    from_no     BIGINT NOT NULL,
    to_no       BIGINT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    done_at     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (person_id, unit_id, to_no)
);
CREATE INDEX change_tasks_open ON change_tasks (person_id, done_at);

-- 我的学习 reads every progress row of a person on each view: this index
-- answers it without touching the table.
CREATE INDEX unit_progress_person_state ON unit_progress (person_id, unit_id, status, updated_at);

-- +goose Down
SELECT 1;
