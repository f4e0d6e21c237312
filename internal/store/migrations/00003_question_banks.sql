-- +goose Up
-- Question banks: owned by a person, shared with named editors and viewers
-- or with every content editor. Questions live in banks; each question's
-- text, options, key and explanation are versions of a material (kind
-- "question", subject = the question), so attempts keep the exact version
-- they saw. The columns here mirror the latest version, for lists,
-- filters and drawing papers.
CREATE TABLE question_banks (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL REFERENCES people (id),
    shared      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX question_banks_name ON question_banks (name);

CREATE TABLE bank_members (
    bank_id   TEXT NOT NULL REFERENCES question_banks (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    can_edit  BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (bank_id, person_id)
);
CREATE INDEX bank_members_person ON bank_members (person_id);

CREATE TABLE questions (
    id          TEXT PRIMARY KEY,
    bank_id     TEXT NOT NULL REFERENCES question_banks (id),
    material_id TEXT NOT NULL REFERENCES materials (id),
    type        TEXT NOT NULL,
    stem_text   TEXT NOT NULL DEFAULT '',
    difficulty  BIGINT NOT NULL DEFAULT 3,
    points      DOUBLE PRECISION NOT NULL DEFAULT 1,
    version_no  BIGINT NOT NULL DEFAULT 1,
    archived    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX questions_bank ON questions (bank_id, archived, created_at, id);
CREATE UNIQUE INDEX questions_material ON questions (material_id);

CREATE TABLE question_tags (
    question_id TEXT NOT NULL REFERENCES questions (id),
    tag         TEXT NOT NULL,
    PRIMARY KEY (question_id, tag)
);
CREATE INDEX question_tags_tag ON question_tags (tag, question_id);

-- +goose Down
SELECT 1;
