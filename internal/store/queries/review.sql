-- name: ListUndecked :many
-- Graded attempts whose answers are released but whose mistakes are not
-- yet in the learner's deck.
SELECT a.id, a.person_id, e.title AS exam_title FROM attempts a JOIN exams e ON e.id = a.exam_id
WHERE a.state = 'graded' AND NOT a.decked AND (e.answer_release = 'immediate'
    OR (e.answer_release = 'after_close' AND e.closes_at > 0 AND e.closes_at <= $1)
    OR (e.answer_release = 'manual' AND e.released_at > 0))
ORDER BY a.graded_at, a.id LIMIT $2;

-- name: SetAttemptDecked :exec
UPDATE attempts SET decked = TRUE WHERE id = $1;

-- name: AddReviewCard :exec
-- A question already in the deck keeps its schedule; a new mistake on it
-- makes it due again now.
INSERT INTO review_cards (id, person_id, question_id, version_no, body, exam_title, attempt_id, response, added_at, due)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
ON CONFLICT (person_id, question_id) DO UPDATE SET version_no = excluded.version_no, body = excluded.body,
    exam_title = excluded.exam_title, attempt_id = excluded.attempt_id, response = excluded.response,
    due = excluded.due;

-- name: CountDueCards :one
SELECT COUNT(*) FROM review_cards WHERE person_id = $1 AND due <= $2;

-- name: CountCards :one
SELECT COUNT(*) FROM review_cards WHERE person_id = $1;

-- name: NextDueCard :one
SELECT * FROM review_cards WHERE person_id = $1 AND due <= $2 ORDER BY due, id LIMIT 1;

-- name: GetReviewCard :one
SELECT * FROM review_cards WHERE id = $1;

-- name: ListCards :many
SELECT * FROM review_cards WHERE person_id = $1 ORDER BY due, id LIMIT $2;

-- name: UpdateReviewCard :execrows
-- Conditional on the state the review was computed from, so a double
-- click or two tabs review a card once.
UPDATE review_cards SET due = $3, stability = $4, difficulty = $5, scheduled_days = $6, reps = $7, lapses = $8,
    state = $9, step = $10, last_review = $11
WHERE id = $1 AND reps = $2;

-- name: InsertReviewLog :exec
INSERT INTO review_logs (id, card_id, at, rating, state, due) VALUES ($1, $2, $3, $4, $5, $6);
