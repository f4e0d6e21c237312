-- name: ListCurriculumFiles :many
-- The published text of every curriculum file that is not archived: the
-- pack learners see.
SELECT m.id, m.subject_id AS path, m.published_no, m.latest_no, v.body
FROM materials m JOIN material_versions v ON v.material_id = m.id AND v.no = m.published_no
WHERE m.kind = 'curriculum' AND m.archived_at = 0 AND m.published_no > 0
ORDER BY m.subject_id;

-- name: ListCurriculumMaterials :many
SELECT id, subject_id AS path, latest_no, published_no, archived_at FROM materials
WHERE kind = 'curriculum' ORDER BY subject_id;

-- name: CurriculumStamp :one
-- Changes whenever a curriculum file is published, archived or restored:
-- the key of the in-memory pack on every node.
SELECT CAST(COUNT(*) AS BIGINT) AS n, CAST(COALESCE(MAX(updated_at), 0) AS BIGINT) AS at,
       CAST(COALESCE(SUM(published_no), 0) AS BIGINT) AS nos, CAST(COALESCE(SUM(archived_at), 0) AS BIGINT) AS arch
FROM materials WHERE kind = 'curriculum';

-- name: SetMaterialArchived :exec
UPDATE materials SET archived_at = $2, updated_at = $3 WHERE id = $1;

-- name: GetCurriculumBank :one
SELECT bank_id FROM curriculum_banks WHERE module_id = $1;

-- name: ListCurriculumBanks :many
SELECT module_id, bank_id FROM curriculum_banks ORDER BY module_id;

-- name: InsertCurriculumBank :exec
INSERT INTO curriculum_banks (module_id, bank_id) VALUES ($1, $2);

-- name: DeleteCurriculumQuestions :exec
DELETE FROM curriculum_questions WHERE module_id = $1;

-- name: InsertCurriculumQuestion :exec
INSERT INTO curriculum_questions (module_id, question_id, pos) VALUES ($1, $2, $3);

-- name: ListModuleQuestions :many
-- A module bank's current questions in pack order, then those added later.
SELECT q.id, q.material_id, q.version_no, v.body
FROM questions q
JOIN material_versions v ON v.material_id = q.material_id AND v.no = q.version_no
LEFT JOIN curriculum_questions cq ON cq.module_id = sqlc.arg(module_id) AND cq.question_id = q.id
WHERE q.bank_id = sqlc.arg(bank_id) AND NOT q.archived
ORDER BY CASE WHEN cq.pos IS NULL THEN 1 ELSE 0 END, cq.pos, q.created_at, q.id;

-- name: ListBankQuestionIDs :many
SELECT id FROM questions WHERE bank_id = $1 AND NOT archived;

-- name: GetCurriculumExam :one
SELECT exam_id FROM curriculum_exams WHERE ref = $1;

-- name: ListCurriculumExams :many
SELECT ref, exam_id FROM curriculum_exams ORDER BY ref;

-- name: ListCurriculumExamRefs :many
SELECT ref FROM curriculum_exams WHERE exam_id = $1;

-- name: InsertCurriculumExam :exec
INSERT INTO curriculum_exams (ref, exam_id) VALUES ($1, $2);

-- name: InsertPathRule :exec
INSERT INTO path_rules (id, path_id, position_id, department_id, platform, new_hire_days, due_days, created_at, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: ListPathRules :many
SELECT r.*, COALESCE(p.name, '') AS position_name, COALESCE(d.name, '') AS department_name
FROM path_rules r
LEFT JOIN positions p ON p.id = r.position_id
LEFT JOIN departments d ON d.id = r.department_id
ORDER BY r.created_at, r.id;

-- name: GetPathRule :one
SELECT * FROM path_rules WHERE id = $1;

-- name: CountPathRules :one
SELECT COUNT(*) FROM path_rules WHERE path_id = $1;

-- name: DeletePathRule :exec
DELETE FROM path_rules WHERE id = $1;

-- name: ListRuleCandidates :many
-- Active people with what assignment rules look at.
SELECT id, name, COALESCE(position_id, '') AS position_id, COALESCE(department_id, '') AS department_id, hire_date
FROM people WHERE status = 'active' ORDER BY id;

-- name: ListPeoplePlatforms :many
SELECT DISTINCT ps.person_id, s.platform FROM person_stores ps JOIN stores s ON s.id = ps.store_id
ORDER BY ps.person_id, s.platform;

-- name: AssignPath :execrows
INSERT INTO path_assignments (person_id, path_id, source, rule_id, assigned_by, assigned_at, due_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (person_id, path_id) DO NOTHING;

-- name: DeletePathAssignment :execrows
DELETE FROM path_assignments WHERE person_id = $1 AND path_id = $2;

-- name: ListPersonAssignments :many
SELECT * FROM path_assignments WHERE person_id = $1 ORDER BY assigned_at, path_id;

-- name: ListPathAssignees :many
SELECT a.*, p.name, p.employee_no FROM path_assignments a JOIN people p ON p.id = a.person_id
WHERE a.path_id = $1 ORDER BY p.employee_no;

-- name: ListPersonProgress :many
SELECT * FROM unit_progress WHERE person_id = $1;

-- name: GetProgress :one
SELECT * FROM unit_progress WHERE person_id = $1 AND unit_id = $2;

-- name: StartUnit :exec
INSERT INTO unit_progress (person_id, unit_id, material_id, version_no, status, started_at, updated_at)
VALUES ($1, $2, $3, $4, 'started', $5, $5)
ON CONFLICT (person_id, unit_id) DO UPDATE SET updated_at = excluded.updated_at
WHERE unit_progress.status <> 'done';

-- name: FinishUnit :execrows
-- Done once: a later visit of a finished unit changes nothing.
INSERT INTO unit_progress (person_id, unit_id, material_id, version_no, status, started_at, done_at, updated_at)
VALUES ($1, $2, $3, $4, 'done', $5, $5, $5)
ON CONFLICT (person_id, unit_id) DO UPDATE SET status = 'done', material_id = excluded.material_id,
    version_no = excluded.version_no, done_at = excluded.done_at, updated_at = excluded.updated_at
WHERE unit_progress.status <> 'done';

-- name: ListCurriculumLatest :many
-- Every curriculum file with the status of its latest version; the body
-- only of files never published or archived (the editor builds new items
-- on the published pack plus these, and keeps their ids taken).
SELECT m.id, m.subject_id AS path, m.published_no, m.archived_at, v.status,
       CASE WHEN m.published_no = 0 OR m.archived_at > 0 THEN v.body ELSE '' END AS body
FROM materials m JOIN material_versions v ON v.material_id = m.id AND v.no = m.latest_no
WHERE m.kind = 'curriculum'
ORDER BY m.subject_id;
