-- name: InsertAttempt :exec
INSERT INTO attempts (id, exam_id, person_id, no, state, seed, items, practice, device, started_at, deadline, max_score)
VALUES ($1, $2, $3, $4, 'in_progress', $5, $6, $7, $8, $9, $10, $11);

-- name: OpenAttempt :one
SELECT id FROM attempts WHERE exam_id = $1 AND person_id = $2 AND state = 'in_progress' ORDER BY no DESC LIMIT 1;

-- name: LastAttemptNo :one
SELECT CAST(COALESCE(MAX(no), 0) AS BIGINT) FROM attempts WHERE exam_id = $1 AND person_id = $2;

-- name: GetAttempt :one
SELECT sqlc.embed(a), COALESCE(p.name, '') AS person_name, COALESCE(p.employee_no, '') AS employee_no
FROM attempts a LEFT JOIN people p ON p.id = a.person_id WHERE a.id = $1;

-- name: GetAttemptOnly :one
SELECT * FROM attempts WHERE id = $1;

-- name: LockAttempt :execrows
-- Takes the attempt's row lock (PostgreSQL) for the rest of the
-- transaction, so a save and a finish never interleave. SQLite has one
-- writer and needs none.
UPDATE attempts SET device = device WHERE id = $1;

-- name: ListPersonAttempts :many
SELECT a.* FROM attempts a WHERE a.person_id = $1 ORDER BY a.started_at DESC, a.id DESC;

-- name: ListExamAttempts :many
SELECT sqlc.embed(a), COALESCE(p.name, '') AS person_name, COALESCE(p.employee_no, '') AS employee_no,
       COALESCE(d.name, '') AS department
FROM attempts a LEFT JOIN people p ON p.id = a.person_id LEFT JOIN departments d ON d.id = p.department_id
WHERE a.exam_id = $1 ORDER BY p.employee_no, a.no;

-- name: SetAttemptDevice :exec
UPDATE attempts SET device = $2 WHERE id = $1;

-- name: SetAttemptDeadline :exec
UPDATE attempts SET deadline = $2, extra_s = $3 WHERE id = $1;

-- name: FinishAttempt :execrows
UPDATE attempts SET state = sqlc.arg(state), finished_at = sqlc.arg(finished_at), graded_at = sqlc.arg(graded_at),
    score = sqlc.arg(score), max_score = sqlc.arg(max_score), passed = sqlc.arg(passed), to_grade = sqlc.arg(to_grade)
WHERE id = sqlc.arg(id) AND state IN ('in_progress', 'overdue');

-- name: SetAttemptScore :exec
-- A changed score goes to the learning record again (recorded = FALSE).
UPDATE attempts SET state = $2, graded_at = $3, score = $4, passed = $5, to_grade = $6, recorded = $7 WHERE id = $1;

-- name: ExpireAttempts :execrows
-- The overdue job's first step: every open attempt past deadline + grace.
UPDATE attempts SET state = 'overdue' WHERE state = 'in_progress' AND deadline > 0 AND deadline < $1;

-- name: ListOverdueAttempts :many
SELECT id FROM attempts WHERE state = 'overdue' ORDER BY deadline, id LIMIT $1;

-- name: InsertAttemptItem :exec
INSERT INTO attempt_items (attempt_id, pos, section, question_id, material_id, version_no, body, points, max_points, result)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- name: GetAttemptItem :one
SELECT * FROM attempt_items WHERE attempt_id = $1 AND pos = $2;

-- name: ListAttemptItems :many
SELECT * FROM attempt_items WHERE attempt_id = $1 ORDER BY pos;

-- name: ScoreAttemptItem :exec
UPDATE attempt_items SET points = $3, max_points = $4, result = $5, grader_id = $6, feedback = $7
WHERE attempt_id = $1 AND pos = $2;

-- name: SaveAnswer :execrows
-- Keeps the save with the highest client sequence per item; an older or
-- repeated one changes nothing.
INSERT INTO attempt_answers (attempt_id, pos, seq, response, saved_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (attempt_id, pos) DO UPDATE SET seq = excluded.seq, response = excluded.response,
    saved_at = excluded.saved_at
WHERE attempt_answers.seq < excluded.seq;

-- name: ListAttemptAnswers :many
SELECT * FROM attempt_answers WHERE attempt_id = $1 ORDER BY pos;

-- name: InsertAttemptEvent :exec
INSERT INTO attempt_events (id, attempt_id, at, kind, device, detail) VALUES ($1, $2, $3, $4, $5, $6);

-- name: ListAttemptEvents :many
SELECT * FROM attempt_events WHERE attempt_id = $1 ORDER BY at, id;

-- name: SetAttemptRecorded :exec
UPDATE attempts SET recorded = TRUE WHERE id = $1;

-- name: ListUnrecordedResults :many
-- Graded attempts whose scores are released but not yet in the learning record.
SELECT a.id FROM attempts a JOIN exams e ON e.id = a.exam_id
WHERE a.state = 'graded' AND NOT a.recorded AND (e.score_release = 'immediate'
    OR (e.score_release = 'after_close' AND e.closes_at > 0 AND e.closes_at <= $1)
    OR (e.score_release = 'manual' AND e.released_at > 0))
ORDER BY a.graded_at, a.id LIMIT $2;

-- name: ListAttemptsToGrade :many
-- Finished attempts with answers waiting for a grader, oldest first, at
-- exams the viewer owns (or all, for reviewers).
SELECT sqlc.embed(a), COALESCE(p.name, '') AS person_name, COALESCE(p.employee_no, '') AS employee_no,
       e.title AS exam_title, e.title_en AS exam_title_en
FROM attempts a JOIN exams e ON e.id = a.exam_id LEFT JOIN people p ON p.id = a.person_id
WHERE a.state = 'finished' AND a.to_grade > 0
  AND (CAST(sqlc.arg(all_exams) AS BIGINT) = 1 OR e.owner_id = sqlc.arg(viewer_id))
ORDER BY a.finished_at, a.id LIMIT 200;

-- name: ListExamItemsOf :many
-- Every drawn copy of one question in an exam's attempts, with its answer.
SELECT sqlc.embed(i), a.state, COALESCE(r.response, '') AS response
FROM attempt_items i JOIN attempts a ON a.id = i.attempt_id
LEFT JOIN attempt_answers r ON r.attempt_id = i.attempt_id AND r.pos = i.pos
WHERE a.exam_id = $1 AND i.question_id = $2 ORDER BY i.attempt_id, i.pos;

-- name: SetAttemptItemBody :exec
UPDATE attempt_items SET body = $3, version_no = $4 WHERE attempt_id = $1 AND pos = $2;

-- name: ListAnswerSeqs :many
SELECT pos, seq FROM attempt_answers WHERE attempt_id = $1;

-- name: ListExamResponses :many
-- Every drawn item of an exam's graded attempts with its mark and answer,
-- for item statistics and score sheets.
SELECT a.id AS attempt_id, a.person_id, a.no, i.pos, i.question_id, i.body, i.points, i.max_points,
       COALESCE(r.response, '') AS response
FROM attempts a JOIN attempt_items i ON i.attempt_id = a.id
LEFT JOIN attempt_answers r ON r.attempt_id = i.attempt_id AND r.pos = i.pos
WHERE a.exam_id = $1 AND a.state = 'graded'
ORDER BY a.started_at, a.id, i.pos;

-- name: InsertAttemptPaper :exec
INSERT INTO attempt_papers (attempt_id, items) VALUES ($1, $2);

-- name: GetAttemptPaper :one
SELECT items FROM attempt_papers WHERE attempt_id = $1;

-- name: DeleteAttemptPaper :exec
DELETE FROM attempt_papers WHERE attempt_id = $1;

-- name: ListExamOpenPapers :many
-- The attempts of an exam whose paper is not yet written out item by item.
SELECT p.attempt_id FROM attempt_papers p JOIN attempts a ON a.id = p.attempt_id
WHERE a.exam_id = $1 ORDER BY p.attempt_id;

-- name: GetVersionBody :one
SELECT body FROM material_versions WHERE material_id = $1 AND no = $2;

-- name: SaveAnswerIfOpen :execrows
-- SaveAnswer for an attempt still in progress on device and not past its
-- deadline plus grace at saved_at: SQLite's fast path for answer saves,
-- where the single writer makes the check and the write one step. No row
-- written means: an older save, or the attempt changed (ask again).
INSERT INTO attempt_answers (attempt_id, pos, seq, response, saved_at)
SELECT a.id, CAST(sqlc.arg(pos) AS BIGINT), CAST(sqlc.arg(seq) AS BIGINT), CAST(sqlc.arg(response) AS TEXT),
       CAST(sqlc.arg(saved_at) AS BIGINT)
FROM attempts a
WHERE a.id = sqlc.arg(attempt_id) AND a.state = 'in_progress' AND a.device = sqlc.arg(device)
  AND (a.deadline = 0 OR a.deadline + CAST(sqlc.arg(grace_ms) AS BIGINT) >= CAST(sqlc.arg(saved_at) AS BIGINT))
ON CONFLICT (attempt_id, pos) DO UPDATE SET seq = excluded.seq, response = excluded.response,
    saved_at = excluded.saved_at
WHERE attempt_answers.seq < excluded.seq;
