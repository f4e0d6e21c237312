-- +goose Up
-- Stage gates and certification: an exam may certify (认证) those who
-- pass it; the record is made when the pass is released to the learner.
ALTER TABLE exams ADD COLUMN certifies TEXT NOT NULL DEFAULT '';
ALTER TABLE exams ADD COLUMN valid_months BIGINT NOT NULL DEFAULT 0;

CREATE TABLE certifications (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    exam_id    TEXT NOT NULL REFERENCES exams (id),
    attempt_id TEXT NOT NULL REFERENCES attempts (id),
    name       TEXT NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    max_score  DOUBLE PRECISION NOT NULL,
    awarded_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL DEFAULT 0,
    UNIQUE (person_id, exam_id)
);
CREATE INDEX certifications_person ON certifications (person_id, awarded_at);

-- +goose Down
SELECT 1;
