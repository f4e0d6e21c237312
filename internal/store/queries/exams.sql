-- name: InsertExam :exec
INSERT INTO exams (id, title, description, mode, status, owner_id, paper, opens_at, closes_at, time_limit_s,
                   attempts_allowed, pass_percent, score_release, answer_release, shuffle_questions,
                   shuffle_options, everyone, created_at, updated_at, title_en)
VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18);

-- name: UpdateExam :exec
UPDATE exams SET title = $2, description = $3, mode = $4, paper = $5, opens_at = $6, closes_at = $7,
    time_limit_s = $8, attempts_allowed = $9, pass_percent = $10, score_release = $11, answer_release = $12,
    shuffle_questions = $13, shuffle_options = $14, everyone = $15, updated_at = $16, title_en = $17
WHERE id = $1;

-- name: SetExamStatus :exec
UPDATE exams SET status = $2, updated_at = $3 WHERE id = $1;

-- name: SetExamReleased :exec
UPDATE exams SET released_at = $2, updated_at = $2 WHERE id = $1;

-- name: GetExam :one
SELECT sqlc.embed(e), COALESCE(p.name, '') AS owner_name
FROM exams e LEFT JOIN people p ON p.id = e.owner_id WHERE e.id = $1;

-- name: ListExams :many
-- Exams for those who manage them, newest first, keyset-paginated on
-- (created_at, id), with attempt counts and the curriculum reference of a
-- unit quiz or stage exam. source is empty (all), 'manual' (made by hand) or
-- 'curriculum' (the curriculum's).
SELECT sqlc.embed(e), COALESCE(p.name, '') AS owner_name,
       (SELECT COUNT(*) FROM attempts a WHERE a.exam_id = e.id) AS attempts,
       (SELECT COUNT(*) FROM attempts a WHERE a.exam_id = e.id AND a.to_grade > 0 AND a.state = 'finished') AS to_grade,
       CAST(COALESCE((SELECT MIN(c.ref) FROM curriculum_exams c WHERE c.exam_id = e.id), '') AS TEXT) AS curriculum_ref
FROM exams e LEFT JOIN people p ON p.id = e.owner_id
WHERE (CAST(sqlc.arg(status) AS TEXT) = '' OR e.status = sqlc.arg(status))
  AND (CAST(sqlc.arg(source) AS TEXT) = ''
       OR (CAST(sqlc.arg(source) AS TEXT) = 'manual' AND NOT EXISTS (SELECT 1 FROM curriculum_exams c WHERE c.exam_id = e.id))
       OR (CAST(sqlc.arg(source) AS TEXT) = 'curriculum' AND EXISTS (SELECT 1 FROM curriculum_exams c WHERE c.exam_id = e.id)))
  AND (CAST(sqlc.arg(before_at) AS BIGINT) = 0 OR e.created_at < sqlc.arg(before_at)
       OR (e.created_at = sqlc.arg(before_at) AND e.id < sqlc.arg(before_id)))
ORDER BY e.created_at DESC, e.id DESC
LIMIT sqlc.arg(lim);

-- name: DeleteExamAudience :exec
DELETE FROM exam_audience WHERE exam_id = $1;

-- name: AddExamAudience :exec
INSERT INTO exam_audience (exam_id, kind, ref_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;

-- name: ListExamAudience :many
SELECT x.kind, x.ref_id,
       COALESCE(p.name, d.name, s.name, g.name, '') AS name
FROM exam_audience x
LEFT JOIN people p ON x.kind = 'person' AND p.id = x.ref_id
LEFT JOIN departments d ON x.kind = 'department' AND d.id = x.ref_id
LEFT JOIN positions s ON x.kind = 'position' AND s.id = x.ref_id
LEFT JOIN people_groups g ON x.kind = 'group' AND g.id = x.ref_id
WHERE x.exam_id = $1 ORDER BY x.kind, x.ref_id;

-- name: ListExamsForPerson :many
-- Published exams a person may sit (only exam_id's, unless it is ''):
-- everyone's, or those naming the person, their position, one of their
-- groups, or their department or any department above it.
WITH RECURSIVE up(id) AS (
    SELECT people.department_id FROM people WHERE people.id = sqlc.arg(person_id) AND people.department_id IS NOT NULL
    UNION ALL
    SELECT d.parent_id FROM departments d JOIN up ON d.id = up.id WHERE d.parent_id IS NOT NULL
)
SELECT sqlc.embed(e), COALESCE(p.name, '') AS owner_name
FROM exams e LEFT JOIN people p ON p.id = e.owner_id
WHERE e.status = 'published' AND (CAST(sqlc.arg(exam_id) AS TEXT) = '' OR e.id = sqlc.arg(exam_id))
  AND (e.everyone OR EXISTS (
    SELECT 1 FROM exam_audience x WHERE x.exam_id = e.id AND (
        (x.kind = 'person' AND x.ref_id = sqlc.arg(person_id))
        OR (x.kind = 'department' AND x.ref_id IN (SELECT up.id FROM up))
        OR (x.kind = 'position' AND x.ref_id = (SELECT pp.position_id FROM people pp WHERE pp.id = sqlc.arg(person_id)))
        OR (x.kind = 'group' AND x.ref_id IN (SELECT gm.group_id FROM group_members gm WHERE gm.person_id = sqlc.arg(person_id))))))
ORDER BY e.opens_at DESC, e.created_at DESC, e.id;

-- name: ListBankPool :many
-- A bank's live questions at their latest version, to draw papers from.
SELECT q.id, q.material_id, q.version_no, v.body
FROM questions q JOIN material_versions v ON v.material_id = q.material_id AND v.no = q.version_no
WHERE q.bank_id = $1 AND NOT q.archived ORDER BY q.created_at, q.id;

-- name: GetQuestionBody :one
SELECT q.id, q.bank_id, q.material_id, q.version_no, q.archived, v.body
FROM questions q JOIN material_versions v ON v.material_id = q.material_id AND v.no = q.version_no
WHERE q.id = $1;

