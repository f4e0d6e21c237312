-- +goose Up
-- The mistake deck (错题本): every question a learner got wrong or partly
-- wrong, once its answers were released, with its FSRS scheduling state.
-- body is the question as the learner saw it (JSON of quiz.Question).
CREATE TABLE review_cards (
    id             TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL REFERENCES people (id),
    question_id    TEXT NOT NULL REFERENCES questions (id),
    version_no     BIGINT NOT NULL,
    body           TEXT NOT NULL,
    exam_title     TEXT NOT NULL DEFAULT '',
    attempt_id     TEXT NOT NULL DEFAULT '',
    response       TEXT NOT NULL DEFAULT '',
    added_at       BIGINT NOT NULL,
    due            BIGINT NOT NULL,
    stability      DOUBLE PRECISION NOT NULL DEFAULT 0,
    difficulty     DOUBLE PRECISION NOT NULL DEFAULT 0,
    scheduled_days BIGINT NOT NULL DEFAULT 0,
    reps           BIGINT NOT NULL DEFAULT 0,
    lapses         BIGINT NOT NULL DEFAULT 0,
    state          BIGINT NOT NULL DEFAULT 0,
    step           BIGINT NOT NULL DEFAULT 0,
    last_review    BIGINT NOT NULL DEFAULT 0,
    UNIQUE (person_id, question_id)
);
CREATE INDEX review_cards_due ON review_cards (person_id, due);

CREATE TABLE review_logs (
    id        TEXT PRIMARY KEY,
    card_id   TEXT NOT NULL REFERENCES review_cards (id),
    at        BIGINT NOT NULL,
    rating    BIGINT NOT NULL,
    state     BIGINT NOT NULL,
    due       BIGINT NOT NULL
);
CREATE INDEX review_logs_card ON review_logs (card_id, at);

-- Graded attempts whose wrong answers went to the deck (after release).
ALTER TABLE attempts ADD COLUMN decked BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
SELECT 1;
