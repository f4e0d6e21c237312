-- +goose Up
-- The curriculum is stored as the files of a content pack: every file
-- (module.md, course.md, units, SOPs, cases, their .en.md translations and
-- the paths) is a material of kind 'curriculum' whose subject is its path
-- in the pack, so every edit is a version and the structure learners see
-- is the published versions read as a pack. A file left out of a later
-- import is archived, not deleted: progress and versions keep pointing at
-- it.
ALTER TABLE materials ADD COLUMN archived_at BIGINT NOT NULL DEFAULT 0;

-- Each module's questions live in a question bank of the assessment
-- engine (ids kept from the pack); test units and stage exams are exams.
CREATE TABLE curriculum_banks (
    module_id TEXT PRIMARY KEY,
    bank_id   TEXT NOT NULL REFERENCES question_banks (id)
);
-- The order of a module's questions in its questions.yaml, so an export
-- writes them as they were imported (questions added in the bank later
-- follow, oldest first).
CREATE TABLE curriculum_questions (
    module_id   TEXT NOT NULL,
    question_id TEXT NOT NULL REFERENCES questions (id),
    pos         BIGINT NOT NULL,
    PRIMARY KEY (module_id, question_id)
);
CREATE TABLE curriculum_exams (
    ref     TEXT PRIMARY KEY, -- a test unit's id or 'stage:' + a stage id
    exam_id TEXT NOT NULL REFERENCES exams (id)
);
CREATE INDEX curriculum_exams_exam ON curriculum_exams (exam_id);

-- Rules that assign a path: everyone matching all the rule's non-empty
-- conditions (position, department, a store on platform, hired within the
-- last new_hire_days days) gets the path, due due_days after assignment.
CREATE TABLE path_rules (
    id            TEXT PRIMARY KEY,
    path_id       TEXT NOT NULL,
    position_id   TEXT NOT NULL DEFAULT '',
    department_id TEXT NOT NULL DEFAULT '',
    platform      TEXT NOT NULL DEFAULT '',
    new_hire_days BIGINT NOT NULL DEFAULT 0,
    due_days      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    created_by    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE path_assignments (
    person_id   TEXT NOT NULL REFERENCES people (id),
    path_id     TEXT NOT NULL,
    source      TEXT NOT NULL,           -- manual | rule
    rule_id     TEXT NOT NULL DEFAULT '',
    assigned_by TEXT NOT NULL DEFAULT '',
    assigned_at BIGINT NOT NULL,
    due_at      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (person_id, path_id)
);
CREATE INDEX path_assignments_path ON path_assignments (path_id, person_id);

-- Progress per person and unit, with the exact version learned: a unit
-- is started when first opened and done when read, watched, signed off or
-- passed. version_no is the unit file's version at that moment.
CREATE TABLE unit_progress (
    person_id   TEXT NOT NULL REFERENCES people (id),
    unit_id     TEXT NOT NULL,
    material_id TEXT NOT NULL,
    version_no  BIGINT NOT NULL,
    status      TEXT NOT NULL,           -- started | done
    started_at  BIGINT NOT NULL,
    done_at     BIGINT NOT NULL DEFAULT 0,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (person_id, unit_id)
);
CREATE INDEX unit_progress_unit ON unit_progress (unit_id, status);

-- +goose Down
SELECT 1;
