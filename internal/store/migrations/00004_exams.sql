-- +goose Up
-- Exams: a paper (fixed questions or blueprint rules per section, as JSON
-- validated by the app), settings, and who may sit it.
CREATE TABLE exams (
    id                TEXT PRIMARY KEY,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    mode              TEXT NOT NULL DEFAULT 'exam',
    status            TEXT NOT NULL DEFAULT 'draft',
    owner_id          TEXT NOT NULL REFERENCES people (id),
    paper             TEXT NOT NULL DEFAULT '{}',
    opens_at          BIGINT NOT NULL DEFAULT 0,
    closes_at         BIGINT NOT NULL DEFAULT 0,
    time_limit_s      BIGINT NOT NULL DEFAULT 0,
    attempts_allowed  BIGINT NOT NULL DEFAULT 1,
    pass_percent      DOUBLE PRECISION NOT NULL DEFAULT 60,
    score_release     TEXT NOT NULL DEFAULT 'immediate',
    answer_release    TEXT NOT NULL DEFAULT 'after_close',
    released_at       BIGINT NOT NULL DEFAULT 0,
    shuffle_questions BOOLEAN NOT NULL DEFAULT TRUE,
    shuffle_options   BOOLEAN NOT NULL DEFAULT TRUE,
    everyone          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX exams_status ON exams (status, opens_at);

CREATE TABLE exam_audience (
    exam_id TEXT NOT NULL REFERENCES exams (id),
    kind    TEXT NOT NULL, -- person | department | position | group
    ref_id  TEXT NOT NULL,
    PRIMARY KEY (exam_id, kind, ref_id)
);
CREATE INDEX exam_audience_ref ON exam_audience (kind, ref_id);

-- One sitting of an exam. state follows internal/attempt's machine; the
-- deadline (0 = none) is computed once by the server and only moved by
-- audited extra time. device is the browser that holds the attempt.
CREATE TABLE attempts (
    id            TEXT PRIMARY KEY,
    exam_id       TEXT NOT NULL REFERENCES exams (id),
    person_id     TEXT NOT NULL REFERENCES people (id),
    no            BIGINT NOT NULL,
    state         TEXT NOT NULL,
    seed          BIGINT NOT NULL,
    items         BIGINT NOT NULL DEFAULT 0,
    practice      BOOLEAN NOT NULL DEFAULT FALSE,
    device        TEXT NOT NULL DEFAULT '',
    started_at    BIGINT NOT NULL,
    deadline      BIGINT NOT NULL DEFAULT 0,
    extra_s       BIGINT NOT NULL DEFAULT 0,
    finished_at   BIGINT NOT NULL DEFAULT 0,
    graded_at     BIGINT NOT NULL DEFAULT 0,
    score         DOUBLE PRECISION NOT NULL DEFAULT 0,
    max_score     DOUBLE PRECISION NOT NULL DEFAULT 0,
    passed        BOOLEAN NOT NULL DEFAULT FALSE,
    to_grade      BIGINT NOT NULL DEFAULT 0,
    -- passed/failed went to the learning record (only once scores are released)
    recorded      BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (exam_id, person_id, no)
);
CREATE INDEX attempts_person ON attempts (person_id, started_at);
CREATE INDEX attempts_exam ON attempts (exam_id, state);
CREATE INDEX attempts_open ON attempts (state, deadline);

-- The paper one attempt drew: each question as drawn and shuffled (JSON of
-- quiz.Question, key included: it never leaves the server before release),
-- pinned to the question version it came from, and its score once finished.
CREATE TABLE attempt_items (
    attempt_id  TEXT NOT NULL REFERENCES attempts (id),
    pos         BIGINT NOT NULL,
    section     TEXT NOT NULL DEFAULT '',
    question_id TEXT NOT NULL REFERENCES questions (id),
    material_id TEXT NOT NULL,
    version_no  BIGINT NOT NULL,
    body        TEXT NOT NULL,
    points      DOUBLE PRECISION NOT NULL DEFAULT 0,
    max_points  DOUBLE PRECISION NOT NULL DEFAULT 0,
    result      TEXT NOT NULL DEFAULT '',
    grader_id   TEXT NOT NULL DEFAULT '',
    feedback    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (attempt_id, pos)
);
CREATE INDEX attempt_items_question ON attempt_items (question_id);

-- The latest answer to each item. seq is the client's sequence number for
-- that item: a save with a seq not above the stored one changes nothing
-- and is acknowledged again, so retries are idempotent.
CREATE TABLE attempt_answers (
    attempt_id TEXT NOT NULL REFERENCES attempts (id),
    pos        BIGINT NOT NULL,
    seq        BIGINT NOT NULL,
    response   TEXT NOT NULL,
    saved_at   BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, pos)
);

-- Signals for reviewers: starts, resumes, other devices, take-overs,
-- leaving the page, extra time, finishes.
CREATE TABLE attempt_events (
    id         TEXT PRIMARY KEY,
    attempt_id TEXT NOT NULL REFERENCES attempts (id),
    at         BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    device     TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attempt_events_attempt ON attempt_events (attempt_id, at);

-- +goose Down
SELECT 1;
