-- name: InsertSOPRun :exec
INSERT INTO sop_runs (id, person_id, sop_id, unit_id, material_id, version_no, subject, steps, status, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $9);

-- name: GetSOPRun :one
SELECT r.*, p.name AS person_name, p.employee_no, COALESCE(rv.name, '') AS reviewer_name
FROM sop_runs r JOIN people p ON p.id = r.person_id
LEFT JOIN people rv ON rv.id = r.reviewer_id
WHERE r.id = $1;

-- name: ListPersonSOPRuns :many
-- A person's runs of an SOP or of a practice unit without one (all runs
-- when ref is ''), newest first.
SELECT r.*, COALESCE(rv.name, '') AS reviewer_name FROM sop_runs r
LEFT JOIN people rv ON rv.id = r.reviewer_id
WHERE r.person_id = $1 AND (CAST(sqlc.arg(ref) AS TEXT) = '' OR r.sop_id = CAST(sqlc.arg(ref) AS TEXT)
      OR (r.sop_id = '' AND r.unit_id = CAST(sqlc.arg(ref) AS TEXT)))
ORDER BY r.created_at DESC, r.id DESC LIMIT 50;

-- name: SetSOPRunSubject :execrows
UPDATE sop_runs SET subject = $2, updated_at = $3 WHERE id = $1 AND status IN ('open', 'returned');

-- name: SubmitSOPRun :execrows
UPDATE sop_runs SET status = 'submitted', submitted_at = $2, updated_at = $2
WHERE id = $1 AND status IN ('open', 'returned');

-- name: ReviewSOPRun :execrows
-- Only a submitted run is signed off or returned, once.
UPDATE sop_runs SET status = $2, reviewer_id = $3, reviewed_at = $4, review_note = $5, updated_at = $4
WHERE id = $1 AND status = 'submitted';

-- name: ListSOPRunSteps :many
SELECT * FROM sop_run_steps WHERE run_id = $1 ORDER BY step_no;

-- name: UpsertSOPRunStep :exec
INSERT INTO sop_run_steps (run_id, step_no, done, note, link, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (run_id, step_no) DO UPDATE SET done = excluded.done, note = excluded.note,
    link = excluded.link, updated_at = excluded.updated_at;

-- name: InsertSOPRunFile :exec
INSERT INTO sop_run_files (run_id, step_no, file_id, created_at) VALUES ($1, $2, $3, $4);

-- name: DeleteSOPRunFile :execrows
DELETE FROM sop_run_files WHERE run_id = $1 AND file_id = $2;

-- name: ListSOPRunFiles :many
SELECT rf.step_no, f.id, f.name, f.content_type, f.size FROM sop_run_files rf
JOIN files f ON f.id = rf.file_id WHERE rf.run_id = $1 ORDER BY rf.step_no, rf.created_at, f.id;

-- name: GetSOPRunFile :one
SELECT f.* FROM sop_run_files rf JOIN files f ON f.id = rf.file_id
WHERE rf.run_id = $1 AND rf.file_id = $2;

-- name: ListSOPRunsToReview :many
-- Submitted runs of the people the viewer may read (the same scope flags
-- as ListPeople), oldest first: the sign-off queue.
WITH RECURSIVE viewer_depts(id) AS (
    SELECT vp.department_id FROM people vp
    WHERE vp.id = sqlc.arg(viewer_id) AND vp.department_id IS NOT NULL
    UNION ALL
    SELECT d.id FROM departments d JOIN viewer_depts v ON d.parent_id = v.id
)
SELECT r.id, r.person_id, r.sop_id, r.unit_id, r.version_no, r.subject, r.submitted_at,
       p.name AS person_name, p.employee_no, COALESCE(d.name, '') AS department_name
FROM sop_runs r JOIN people p ON p.id = r.person_id
LEFT JOIN departments d ON d.id = p.department_id
WHERE r.status = 'submitted' AND r.person_id <> sqlc.arg(viewer_id)
  AND (CAST(sqlc.arg(scope_all) AS BIGINT) = 1
       OR (CAST(sqlc.arg(scope_mentees) AS BIGINT) = 1 AND p.mentor_id = sqlc.arg(viewer_id))
       OR (CAST(sqlc.arg(scope_dept) AS BIGINT) = 1 AND (p.manager_id = sqlc.arg(viewer_id)
           OR p.department_id IN (SELECT v.id FROM viewer_depts v))))
ORDER BY r.submitted_at, r.id LIMIT 200;

-- name: InsertChangeTasks :execrows
-- One task for everyone who finished unit_id in a version older than to_no.
INSERT INTO change_tasks (person_id, unit_id, material_id, from_no, to_no, note, created_at)
SELECT up.person_id, up.unit_id, sqlc.arg(material_id), up.version_no, sqlc.arg(to_no), sqlc.arg(note), sqlc.arg(created_at)
FROM unit_progress up
WHERE up.unit_id = sqlc.arg(unit_id) AND up.status = 'done' AND up.version_no < sqlc.arg(to_no)
ON CONFLICT (person_id, unit_id, to_no) DO NOTHING;

-- name: ListOpenChangeTasks :many
SELECT * FROM change_tasks WHERE person_id = $1 AND done_at = 0 ORDER BY created_at, unit_id;

-- name: AckChangeTasks :execrows
UPDATE change_tasks SET done_at = $3 WHERE person_id = $1 AND unit_id = $2 AND done_at = 0;

-- name: SetProgressVersion :exec
-- The learner read what changed: their progress is now on the new version.
UPDATE unit_progress SET material_id = $3, version_no = $4, updated_at = $5
WHERE person_id = $1 AND unit_id = $2 AND version_no < $4;

-- name: PersonLearningState :one
-- What 我的学习 and the course maps need of a person, in one read: their
-- progress (from the read model learner_states) as "unit_id" (done) or
-- "unit_id updated_at" (started) entries joined by ';', their paths as "path_id source
-- assigned_at due_at" entries joined by ';', the exams whose
-- certification they hold and that has not expired (space-separated),
-- their due review cards, open "what changed" tasks and returned runs. One row
-- instead of a few hundred and four queries: stepping rows and each
-- query's round trip were most of the page's database time.
SELECT CAST(COALESCE((SELECT ls.states FROM learner_states ls WHERE ls.person_id = sqlc.arg(person_id)), '') AS TEXT) AS states,
       CAST(COALESCE((SELECT string_agg(pa.path_id || ' ' || pa.source || ' ' || CAST(pa.assigned_at AS TEXT) || ' ' || CAST(pa.due_at AS TEXT), ';')
                      FROM path_assignments pa WHERE pa.person_id = sqlc.arg(person_id)), '') AS TEXT) AS assigned,
       CAST(COALESCE((SELECT string_agg(c.exam_id, ' ') FROM certifications c
                      WHERE c.person_id = sqlc.arg(person_id) AND (c.expires_at = 0 OR c.expires_at > sqlc.arg(now))), '') AS TEXT) AS passed,
       CAST((SELECT COUNT(*) FROM review_cards rc WHERE rc.person_id = sqlc.arg(person_id) AND rc.due <= sqlc.arg(now)) AS BIGINT) AS due,
       CAST((SELECT COUNT(*) FROM change_tasks ct WHERE ct.person_id = sqlc.arg(person_id) AND ct.done_at = 0) AS BIGINT) AS changes,
       CAST((SELECT COUNT(*) FROM sop_runs sr WHERE sr.person_id = sqlc.arg(person_id) AND sr.status = 'returned') AS BIGINT) AS returned;

-- name: SetMaterialSubject :exec
-- A curriculum file renamed (a unit moved in its course): its history stays.
UPDATE materials SET subject_id = $2, updated_at = $3 WHERE id = $1;

-- name: ListReturnedSOPRuns :many
-- A person's runs sent back for changes: tasks on 我的学习 (few, so the
-- status index and a filter on person are enough).
SELECT id, sop_id, unit_id, subject, review_note, version_no, created_at FROM sop_runs
WHERE status = 'returned' AND person_id = $1 ORDER BY reviewed_at DESC LIMIT 20;

-- name: RefreshLearnerState :exec
-- Rewrites a person's learner_states row from unit_progress; store.Tx
-- calls it after every write of their progress.
INSERT INTO learner_states (person_id, states)
VALUES (sqlc.arg(person_id), CAST(COALESCE((SELECT string_agg(up.unit_id || CASE WHEN up.status = 'done' THEN '' ELSE ' ' || CAST(up.updated_at AS TEXT) END, ';')
                      FROM unit_progress up WHERE up.person_id = sqlc.arg(person_id)), '') AS TEXT))
ON CONFLICT (person_id) DO UPDATE SET states = excluded.states;

-- name: RebuildLearnerStates :exec
-- Rewrites every learner_states row, after a bulk load of unit_progress.
INSERT INTO learner_states (person_id, states)
SELECT person_id, string_agg(unit_id || CASE WHEN status = 'done' THEN '' ELSE ' ' || CAST(updated_at AS TEXT) END, ';')
FROM unit_progress GROUP BY person_id
ON CONFLICT (person_id) DO UPDATE SET states = excluded.states;
