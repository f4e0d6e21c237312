-- +goose Up
-- An attempt's paper while it is open: one row of references to the
-- immutable question versions it drew, with each question's layout
-- (points, partial credit, option order). Starting an exam writes this
-- one small row instead of a row per question holding the whole question;
-- the per-item rows (attempt_items) are written when the attempt is
-- finished, or when a key is corrected while it is open, and the paper row
-- goes in the same transaction.
CREATE TABLE attempt_papers (
    attempt_id TEXT PRIMARY KEY REFERENCES attempts (id),
    items      TEXT NOT NULL
);

-- +goose Down
SELECT 1;
