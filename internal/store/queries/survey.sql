-- name: CreateNeedsAnalysis :exec
INSERT INTO needs_analyses (id, store_id, title, period_from, period_to, created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7);

-- name: GetNeedsAnalysis :one
SELECT * FROM needs_analyses WHERE id = $1;

-- name: ListNeedsAnalyses :many
SELECT a.*, (SELECT COUNT(*) FROM surveys s WHERE s.analysis_id = a.id) AS surveys
FROM needs_analyses a WHERE a.store_id = $1 ORDER BY a.created_at DESC LIMIT $2 OFFSET $3;

-- name: CountNeedsAnalyses :one
SELECT COUNT(*) FROM needs_analyses WHERE store_id = $1;

-- name: CreateSurvey :exec
INSERT INTO surveys (id, analysis_id, title, intro, status, anonymous, opens_on, closes_on, questions, created_by,
    created_at, sent_at, closed_at)
VALUES ($1, $2, $3, $4, 'draft', FALSE, '', '', $5, $6, $7, 0, 0);

-- name: GetSurvey :one
SELECT * FROM surveys WHERE id = $1;

-- name: ListSurveys :many
SELECT s.*, (SELECT COUNT(*) FROM survey_recipients r WHERE r.survey_id = s.id) AS recipients,
    (SELECT COUNT(*) FROM survey_recipients r WHERE r.survey_id = s.id AND r.responded) AS responded
FROM surveys s WHERE s.analysis_id = $1 ORDER BY s.created_at;

-- name: UpdateSurveyDraft :execrows
UPDATE surveys SET title = $2, intro = $3, questions = $4 WHERE id = $1 AND status = 'draft';

-- name: SendSurvey :execrows
UPDATE surveys SET status = 'open', anonymous = $2, opens_on = $3, closes_on = $4, sent_at = $5
WHERE id = $1 AND status = 'draft';

-- name: CloseSurvey :execrows
UPDATE surveys SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open';

-- name: AddSurveyRecipient :exec
INSERT INTO survey_recipients (survey_id, person_id, responded) VALUES ($1, $2, FALSE) ON CONFLICT DO NOTHING;

-- name: GetSurveyRecipient :one
SELECT responded FROM survey_recipients WHERE survey_id = $1 AND person_id = $2;

-- name: MarkSurveyResponded :execrows
UPDATE survey_recipients SET responded = TRUE WHERE survey_id = $1 AND person_id = $2 AND NOT responded;

-- name: ListSurveyRecipients :many
SELECT r.person_id, r.responded, p.employee_no, p.name
FROM survey_recipients r JOIN people p ON p.id = r.person_id
WHERE r.survey_id = $1 ORDER BY p.employee_no;

-- name: ListMySurveys :many
-- A person's surveys, pending first; uses survey_recipients_person.
SELECT s.id, s.title, s.status, s.anonymous, s.opens_on, s.closes_on, r.responded, a.store_id, st.name AS store_name
FROM survey_recipients r JOIN surveys s ON s.id = r.survey_id
JOIN needs_analyses a ON a.id = s.analysis_id JOIN stores st ON st.id = a.store_id
WHERE r.person_id = $1 AND s.status <> 'draft'
ORDER BY r.responded, s.closes_on DESC LIMIT 100;

-- name: InsertSurveyResponse :exec
INSERT INTO survey_responses (id, survey_id, person_id, answers, submitted_at) VALUES ($1, $2, $3, $4, $5);

-- name: ListSurveyResponses :many
SELECT * FROM survey_responses WHERE survey_id = $1 ORDER BY id;

-- name: ListAnalysisResponses :many
SELECT r.* FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.analysis_id = $1 ORDER BY r.survey_id, r.id;

-- name: UpsertCompetencyRating :exec
INSERT INTO competency_ratings (analysis_id, person_id, competency_id, rater, level, rated_by, rated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (analysis_id, person_id, competency_id, rater) DO UPDATE SET level = excluded.level,
    rated_by = excluded.rated_by, rated_at = excluded.rated_at;

-- name: DeleteCompetencyRating :exec
DELETE FROM competency_ratings WHERE analysis_id = $1 AND person_id = $2 AND competency_id = $3 AND rater = $4;

-- name: ListCompetencyRatings :many
SELECT * FROM competency_ratings WHERE analysis_id = $1 ORDER BY person_id, competency_id, rater;

-- name: InsertNeedsNote :exec
INSERT INTO needs_notes (id, analysis_id, kind, person_id, body, noted_on, author_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: ListNeedsNotes :many
SELECT n.*, COALESCE(p.name, '') AS person_name, COALESCE(au.name, '') AS author_name
FROM needs_notes n LEFT JOIN people p ON p.id = n.person_id LEFT JOIN people au ON au.id = n.author_id
WHERE n.analysis_id = $1 ORDER BY n.noted_on DESC, n.created_at DESC;

-- name: ListAnalysisPeople :many
-- Whom an analysis is about: everyone asked in one of its surveys and the
-- store's own people, who have not left.
SELECT p.id, p.employee_no, p.name FROM people p
WHERE p.status <> 'left' AND (
    EXISTS (SELECT 1 FROM survey_recipients r JOIN surveys s ON s.id = r.survey_id
            WHERE r.person_id = p.id AND s.analysis_id = sqlc.arg(analysis_id))
    OR EXISTS (SELECT 1 FROM person_stores ps WHERE ps.person_id = p.id AND ps.store_id = sqlc.arg(store_id))
    OR EXISTS (SELECT 1 FROM stores st WHERE st.id = sqlc.arg(store_id) AND st.owner_id = p.id))
ORDER BY p.employee_no;
