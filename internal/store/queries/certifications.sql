-- name: SetExamCertification :exec
UPDATE exams SET certifies = $2, valid_months = $3 WHERE id = $1;

-- name: AwardCertification :execrows
-- One record per person and exam: a later pass of the same exam renews it.
INSERT INTO certifications (id, person_id, exam_id, attempt_id, name, score, max_score, awarded_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (person_id, exam_id) DO UPDATE SET attempt_id = excluded.attempt_id, name = excluded.name,
    score = excluded.score, max_score = excluded.max_score, awarded_at = excluded.awarded_at,
    expires_at = excluded.expires_at;

-- name: ListPersonCertifications :many
SELECT sqlc.embed(c), e.title AS exam_title, e.title_en AS exam_title_en FROM certifications c JOIN exams e ON e.id = c.exam_id
WHERE c.person_id = $1 ORDER BY c.awarded_at DESC, c.id;

-- name: ListExamCertifications :many
SELECT sqlc.embed(c), COALESCE(p.name, '') AS person_name, COALESCE(p.employee_no, '') AS employee_no
FROM certifications c LEFT JOIN people p ON p.id = c.person_id
WHERE c.exam_id = $1 ORDER BY c.awarded_at DESC, c.id;

-- name: GetCertification :one
SELECT * FROM certifications WHERE person_id = $1 AND exam_id = $2;
