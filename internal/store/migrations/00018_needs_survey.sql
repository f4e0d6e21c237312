-- +goose Up
-- Training-needs analysis (培训需求分析) of a store: surveys sent to chosen
-- people, competency ratings (self and manager), interview and
-- observation notes. Days are YYYY-MM-DD in the company zone, times Unix
-- milliseconds (0 = none).

CREATE TABLE needs_analyses (
    id          TEXT PRIMARY KEY,
    store_id    TEXT NOT NULL REFERENCES stores (id),
    title       TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    created_by  TEXT REFERENCES people (id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX needs_analyses_store ON needs_analyses (store_id, created_at);

-- A questionnaire. status: draft → open → closed. questions is the JSON
-- list the builder edits while draft and that is fixed once sent;
-- anonymous is fixed when sent.
CREATE TABLE surveys (
    id          TEXT PRIMARY KEY,
    analysis_id TEXT NOT NULL REFERENCES needs_analyses (id),
    title       TEXT NOT NULL,
    intro       TEXT NOT NULL,
    status      TEXT NOT NULL,
    anonymous   BOOLEAN NOT NULL,
    opens_on    TEXT NOT NULL,
    closes_on   TEXT NOT NULL,
    questions   TEXT NOT NULL,
    created_by  TEXT REFERENCES people (id),
    created_at  BIGINT NOT NULL,
    sent_at     BIGINT NOT NULL,
    closed_at   BIGINT NOT NULL
);
CREATE INDEX surveys_analysis ON surveys (analysis_id, created_at);

-- Who was asked and whether they have answered; kept apart from the
-- answers, and without a time, so an anonymous answer cannot be joined
-- back to its author.
CREATE TABLE survey_recipients (
    survey_id TEXT NOT NULL REFERENCES surveys (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    responded BOOLEAN NOT NULL,
    PRIMARY KEY (survey_id, person_id)
);
CREATE INDEX survey_recipients_person ON survey_recipients (person_id, responded);

-- One submitted questionnaire. person_id is set only for named surveys;
-- an anonymous response has a random (not time-ordered) id and no time.
CREATE TABLE survey_responses (
    id           TEXT PRIMARY KEY,
    survey_id    TEXT NOT NULL REFERENCES surveys (id),
    person_id    TEXT REFERENCES people (id),
    answers      TEXT NOT NULL,
    submitted_at BIGINT NOT NULL
);
CREATE INDEX survey_responses_survey ON survey_responses (survey_id);

-- rater: self (from a named survey's competency question) or manager.
CREATE TABLE competency_ratings (
    analysis_id   TEXT NOT NULL REFERENCES needs_analyses (id),
    person_id     TEXT NOT NULL REFERENCES people (id),
    competency_id TEXT NOT NULL,
    rater         TEXT NOT NULL,
    level         BIGINT NOT NULL,
    rated_by      TEXT REFERENCES people (id),
    rated_at      BIGINT NOT NULL,
    PRIMARY KEY (analysis_id, person_id, competency_id, rater)
);

-- kind: interview (访谈) or observation (跟岗观察).
CREATE TABLE needs_notes (
    id          TEXT PRIMARY KEY,
    analysis_id TEXT NOT NULL REFERENCES needs_analyses (id),
    kind        TEXT NOT NULL,
    person_id   TEXT REFERENCES people (id),
    body        TEXT NOT NULL,
    noted_on    TEXT NOT NULL,
    author_id   TEXT REFERENCES people (id),
    created_at  BIGINT NOT NULL
);
CREATE INDEX needs_notes_analysis ON needs_notes (analysis_id, noted_on);

-- +goose Down
SELECT 1;
