-- +goose Up
-- Files: metadata of uploads whose bytes live in the content-addressed blob
-- store (blob_key is the SHA-256 of the content). purpose decides who may
-- read a file (see app/files.go); owner_id is the uploader.
CREATE TABLE files (
    id           TEXT PRIMARY KEY,
    blob_key     TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    purpose      TEXT NOT NULL,
    owner_id     TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL
);
CREATE INDEX files_blob ON files (blob_key);
CREATE INDEX files_owner ON files (owner_id, purpose, created_at);

ALTER TABLE people ADD COLUMN photo_file_id TEXT NOT NULL DEFAULT '';

-- Dashboard counts read only these columns, so they come from the index.
CREATE INDEX people_department_status ON people (department_id, status);
CREATE INDEX people_position_status ON people (position_id, status);
CREATE INDEX people_status_hire ON people (status, hire_date);

-- Versions of materials (lessons, SOPs, questions, position profiles …):
-- every edit is a new numbered version; status moves draft → review →
-- published (or back to draft when rejected). At most one version of a
-- material is published at a time; materials.published_no points at it.
CREATE TABLE materials (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    subject_id   TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    latest_no    BIGINT NOT NULL DEFAULT 0,
    published_no BIGINT NOT NULL DEFAULT 0,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX materials_subject ON materials (kind, subject_id) WHERE subject_id <> '';

CREATE TABLE material_versions (
    material_id  TEXT NOT NULL REFERENCES materials (id),
    no           BIGINT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    major        BOOLEAN NOT NULL DEFAULT FALSE,
    status       TEXT NOT NULL,
    author_id    TEXT NOT NULL DEFAULT '',
    author_name  TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    reviewer_id  TEXT NOT NULL DEFAULT '',
    reviewer_name TEXT NOT NULL DEFAULT '',
    reviewed_at  BIGINT NOT NULL DEFAULT 0,
    review_note  TEXT NOT NULL DEFAULT '',
    based_on     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (material_id, no)
);
CREATE INDEX material_versions_status ON material_versions (status, created_at);

-- +goose Down
SELECT 1;
