-- The training manager's side of the curriculum: progress of the people a
-- viewer may read, and assignment rules. Progress pages read people in
-- batches keyed on employee_no: ListProgressAssignments gives one batch of
-- people with their paths; ListProgressDone, ListProgressCertifications and
-- ListProgressMemberships the same people's done units, certifications,
-- stores and groups. Every
-- query applies the whole selection, the viewer's scope (the scope_*
-- flags, as in ListPeople) included, so nobody out of scope is read.

-- name: ListProgressAssignments :many
-- One batch of people in scope (not left) who hold a path (path_id, or
-- any), filtered by department, position, store, group ('-' = none, '' =
-- any) and, when due_before > 0, to paths due before it; with those paths.
WITH RECURSIVE viewer_depts(id) AS (
    SELECT vp.department_id FROM people vp
    WHERE vp.id = CAST(sqlc.arg(viewer_id) AS TEXT) AND vp.department_id IS NOT NULL
    UNION ALL
    SELECT d.id FROM departments d JOIN viewer_depts v ON d.parent_id = v.id
), batch(id) AS (
    SELECT p.id FROM people p
    WHERE p.employee_no > CAST(sqlc.arg(after) AS TEXT) AND p.status <> 'left'
      AND EXISTS (SELECT 1 FROM path_assignments x WHERE x.person_id = p.id
          AND (CAST(sqlc.arg(path_id) AS TEXT) = '' OR x.path_id = CAST(sqlc.arg(path_id) AS TEXT))
          AND (CAST(sqlc.arg(due_before) AS BIGINT) = 0 OR (x.due_at > 0 AND x.due_at < CAST(sqlc.arg(due_before) AS BIGINT))))
      AND (CAST(sqlc.arg(department_id) AS TEXT) = ''
           OR COALESCE(p.department_id, '-') = CAST(sqlc.arg(department_id) AS TEXT))
      AND (CAST(sqlc.arg(position_id) AS TEXT) = ''
           OR COALESCE(p.position_id, '-') = CAST(sqlc.arg(position_id) AS TEXT))
      AND (CAST(sqlc.arg(store_id) AS TEXT) = ''
           OR (CAST(sqlc.arg(store_id) AS TEXT) = '-' AND NOT EXISTS (SELECT 1 FROM person_stores s WHERE s.person_id = p.id))
           OR EXISTS (SELECT 1 FROM person_stores s WHERE s.person_id = p.id AND s.store_id = CAST(sqlc.arg(store_id) AS TEXT)))
      AND (CAST(sqlc.arg(group_id) AS TEXT) = ''
           OR (CAST(sqlc.arg(group_id) AS TEXT) = '-' AND NOT EXISTS (SELECT 1 FROM group_members g WHERE g.person_id = p.id))
           OR EXISTS (SELECT 1 FROM group_members g WHERE g.person_id = p.id AND g.group_id = CAST(sqlc.arg(group_id) AS TEXT)))
      AND (CAST(sqlc.arg(scope_all) AS BIGINT) = 1
           OR p.id = CAST(sqlc.arg(viewer_id) AS TEXT)
           OR (CAST(sqlc.arg(scope_mentees) AS BIGINT) = 1 AND p.mentor_id = CAST(sqlc.arg(viewer_id) AS TEXT))
           OR (CAST(sqlc.arg(scope_dept) AS BIGINT) = 1 AND (p.manager_id = CAST(sqlc.arg(viewer_id) AS TEXT)
               OR p.department_id IN (SELECT v.id FROM viewer_depts v))))
    ORDER BY p.employee_no
    LIMIT sqlc.arg(lim)
)
SELECT p.id, p.employee_no, p.name, COALESCE(p.department_id, '') AS department_id,
       COALESCE(d.name, '') AS department_name, COALESCE(p.position_id, '') AS position_id,
       COALESCE(ps.name, '') AS position_name, a.path_id, a.source, a.assigned_at, a.due_at
FROM batch b
JOIN people p ON p.id = b.id
JOIN path_assignments a ON a.person_id = p.id
LEFT JOIN departments d ON d.id = p.department_id
LEFT JOIN positions ps ON ps.id = p.position_id
WHERE (CAST(sqlc.arg(path_id) AS TEXT) = '' OR a.path_id = CAST(sqlc.arg(path_id) AS TEXT))
  AND (CAST(sqlc.arg(due_before) AS BIGINT) = 0 OR (a.due_at > 0 AND a.due_at < CAST(sqlc.arg(due_before) AS BIGINT)))
ORDER BY p.employee_no, a.assigned_at, a.path_id;

-- name: ListProgressDone :many
-- The done units and SOPs of a batch's people, one comma-separated list a
-- person: a row a person instead of a row a unit took most of a
-- dashboard's time. The batch is ListProgressAssignments' people again:
-- the same selection bounded by its employee_no range (after, last]
-- instead of its limit, joined (not IN) so PostgreSQL reads unit_progress
-- by its index.
WITH RECURSIVE viewer_depts(id) AS (
    SELECT vp.department_id FROM people vp
    WHERE vp.id = CAST(sqlc.arg(viewer_id) AS TEXT) AND vp.department_id IS NOT NULL
    UNION ALL
    SELECT d.id FROM departments d JOIN viewer_depts v ON d.parent_id = v.id
)
SELECT up.person_id, CAST(string_agg(up.unit_id, ',') AS TEXT) AS units
FROM people p JOIN unit_progress up ON up.person_id = p.id AND up.status = 'done'
WHERE p.employee_no > CAST(sqlc.arg(after) AS TEXT) AND p.employee_no <= CAST(sqlc.arg(last) AS TEXT)
  AND p.status <> 'left'
  AND EXISTS (SELECT 1 FROM path_assignments x WHERE x.person_id = p.id
      AND (CAST(sqlc.arg(path_id) AS TEXT) = '' OR x.path_id = CAST(sqlc.arg(path_id) AS TEXT))
      AND (CAST(sqlc.arg(due_before) AS BIGINT) = 0 OR (x.due_at > 0 AND x.due_at < CAST(sqlc.arg(due_before) AS BIGINT))))
  AND (CAST(sqlc.arg(department_id) AS TEXT) = ''
       OR COALESCE(p.department_id, '-') = CAST(sqlc.arg(department_id) AS TEXT))
  AND (CAST(sqlc.arg(position_id) AS TEXT) = ''
       OR COALESCE(p.position_id, '-') = CAST(sqlc.arg(position_id) AS TEXT))
  AND (CAST(sqlc.arg(store_id) AS TEXT) = ''
       OR (CAST(sqlc.arg(store_id) AS TEXT) = '-' AND NOT EXISTS (SELECT 1 FROM person_stores s WHERE s.person_id = p.id))
       OR EXISTS (SELECT 1 FROM person_stores s WHERE s.person_id = p.id AND s.store_id = CAST(sqlc.arg(store_id) AS TEXT)))
  AND (CAST(sqlc.arg(group_id) AS TEXT) = ''
       OR (CAST(sqlc.arg(group_id) AS TEXT) = '-' AND NOT EXISTS (SELECT 1 FROM group_members g WHERE g.person_id = p.id))
       OR EXISTS (SELECT 1 FROM group_members g WHERE g.person_id = p.id AND g.group_id = CAST(sqlc.arg(group_id) AS TEXT)))
  AND (CAST(sqlc.arg(scope_all) AS BIGINT) = 1
       OR p.id = CAST(sqlc.arg(viewer_id) AS TEXT)
       OR (CAST(sqlc.arg(scope_mentees) AS BIGINT) = 1 AND p.mentor_id = CAST(sqlc.arg(viewer_id) AS TEXT))
       OR (CAST(sqlc.arg(scope_dept) AS BIGINT) = 1 AND (p.manager_id = CAST(sqlc.arg(viewer_id) AS TEXT)
           OR p.department_id IN (SELECT v.id FROM viewer_depts v))))
GROUP BY up.person_id;

-- name: ListProgressCertifications :many
-- The certifications of a batch's people (validity is checked by the app).
WITH RECURSIVE viewer_depts(id) AS (
    SELECT vp.department_id FROM people vp
    WHERE vp.id = CAST(sqlc.arg(viewer_id) AS TEXT) AND vp.department_id IS NOT NULL
    UNION ALL
    SELECT d.id FROM departments d JOIN viewer_depts v ON d.parent_id = v.id
)
SELECT c.person_id, c.exam_id, c.expires_at
FROM people p JOIN certifications c ON c.person_id = p.id
WHERE p.employee_no > CAST(sqlc.arg(after) AS TEXT) AND p.employee_no <= CAST(sqlc.arg(last) AS TEXT)
  AND p.status <> 'left'
  AND EXISTS (SELECT 1 FROM path_assignments x WHERE x.person_id = p.id
      AND (CAST(sqlc.arg(path_id) AS TEXT) = '' OR x.path_id = CAST(sqlc.arg(path_id) AS TEXT))
      AND (CAST(sqlc.arg(due_before) AS BIGINT) = 0 OR (x.due_at > 0 AND x.due_at < CAST(sqlc.arg(due_before) AS BIGINT))))
  AND (CAST(sqlc.arg(department_id) AS TEXT) = ''
       OR COALESCE(p.department_id, '-') = CAST(sqlc.arg(department_id) AS TEXT))
  AND (CAST(sqlc.arg(position_id) AS TEXT) = ''
       OR COALESCE(p.position_id, '-') = CAST(sqlc.arg(position_id) AS TEXT))
  AND (CAST(sqlc.arg(store_id) AS TEXT) = ''
       OR (CAST(sqlc.arg(store_id) AS TEXT) = '-' AND NOT EXISTS (SELECT 1 FROM person_stores s WHERE s.person_id = p.id))
       OR EXISTS (SELECT 1 FROM person_stores s WHERE s.person_id = p.id AND s.store_id = CAST(sqlc.arg(store_id) AS TEXT)))
  AND (CAST(sqlc.arg(group_id) AS TEXT) = ''
       OR (CAST(sqlc.arg(group_id) AS TEXT) = '-' AND NOT EXISTS (SELECT 1 FROM group_members g WHERE g.person_id = p.id))
       OR EXISTS (SELECT 1 FROM group_members g WHERE g.person_id = p.id AND g.group_id = CAST(sqlc.arg(group_id) AS TEXT)))
  AND (CAST(sqlc.arg(scope_all) AS BIGINT) = 1
       OR p.id = CAST(sqlc.arg(viewer_id) AS TEXT)
       OR (CAST(sqlc.arg(scope_mentees) AS BIGINT) = 1 AND p.mentor_id = CAST(sqlc.arg(viewer_id) AS TEXT))
       OR (CAST(sqlc.arg(scope_dept) AS BIGINT) = 1 AND (p.manager_id = CAST(sqlc.arg(viewer_id) AS TEXT)
           OR p.department_id IN (SELECT v.id FROM viewer_depts v))));

-- name: ListProgressMemberships :many
-- The stores (kind 's') and groups (kind 'g') of a batch's people, for
-- the dashboard by store and by group.
WITH RECURSIVE viewer_depts(id) AS (
    SELECT vp.department_id FROM people vp
    WHERE vp.id = CAST(sqlc.arg(viewer_id) AS TEXT) AND vp.department_id IS NOT NULL
    UNION ALL
    SELECT d.id FROM departments d JOIN viewer_depts v ON d.parent_id = v.id
), batch(id) AS (
    SELECT p.id FROM people p
    WHERE p.employee_no > CAST(sqlc.arg(after) AS TEXT) AND p.employee_no <= CAST(sqlc.arg(last) AS TEXT)
      AND p.status <> 'left'
      AND EXISTS (SELECT 1 FROM path_assignments x WHERE x.person_id = p.id
          AND (CAST(sqlc.arg(path_id) AS TEXT) = '' OR x.path_id = CAST(sqlc.arg(path_id) AS TEXT))
          AND (CAST(sqlc.arg(due_before) AS BIGINT) = 0 OR (x.due_at > 0 AND x.due_at < CAST(sqlc.arg(due_before) AS BIGINT))))
      AND (CAST(sqlc.arg(department_id) AS TEXT) = ''
           OR COALESCE(p.department_id, '-') = CAST(sqlc.arg(department_id) AS TEXT))
      AND (CAST(sqlc.arg(position_id) AS TEXT) = ''
           OR COALESCE(p.position_id, '-') = CAST(sqlc.arg(position_id) AS TEXT))
      AND (CAST(sqlc.arg(store_id) AS TEXT) = ''
           OR (CAST(sqlc.arg(store_id) AS TEXT) = '-' AND NOT EXISTS (SELECT 1 FROM person_stores s WHERE s.person_id = p.id))
           OR EXISTS (SELECT 1 FROM person_stores s WHERE s.person_id = p.id AND s.store_id = CAST(sqlc.arg(store_id) AS TEXT)))
      AND (CAST(sqlc.arg(group_id) AS TEXT) = ''
           OR (CAST(sqlc.arg(group_id) AS TEXT) = '-' AND NOT EXISTS (SELECT 1 FROM group_members g WHERE g.person_id = p.id))
           OR EXISTS (SELECT 1 FROM group_members g WHERE g.person_id = p.id AND g.group_id = CAST(sqlc.arg(group_id) AS TEXT)))
      AND (CAST(sqlc.arg(scope_all) AS BIGINT) = 1
           OR p.id = CAST(sqlc.arg(viewer_id) AS TEXT)
           OR (CAST(sqlc.arg(scope_mentees) AS BIGINT) = 1 AND p.mentor_id = CAST(sqlc.arg(viewer_id) AS TEXT))
           OR (CAST(sqlc.arg(scope_dept) AS BIGINT) = 1 AND (p.manager_id = CAST(sqlc.arg(viewer_id) AS TEXT)
               OR p.department_id IN (SELECT v.id FROM viewer_depts v))))
)
SELECT ps.person_id, s.id AS ref, s.name, 's' AS kind
FROM person_stores ps JOIN stores s ON s.id = ps.store_id
WHERE ps.person_id IN (SELECT b.id FROM batch b)
UNION ALL
SELECT gm.person_id, g.id AS ref, g.name, 'g' AS kind
FROM group_members gm JOIN people_groups g ON g.id = gm.group_id
WHERE gm.person_id IN (SELECT b.id FROM batch b);

-- name: ListPathRulesAdmin :many
-- The rules with the names of what they match, who made them and how many
-- assignments each holds now (counted on the path's index).
SELECT r.id, r.path_id, r.position_id, r.department_id, r.platform, r.new_hire_days, r.due_days,
       r.created_at, r.created_by, COALESCE(p.name, '') AS position_name, COALESCE(d.name, '') AS department_name,
       COALESCE(c.name, '') AS creator_name,
       (SELECT COUNT(*) FROM path_assignments a WHERE a.path_id = r.path_id AND a.rule_id = r.id) AS assigned
FROM path_rules r
LEFT JOIN positions p ON p.id = r.position_id
LEFT JOIN departments d ON d.id = r.department_id
LEFT JOIN people c ON c.id = r.created_by
ORDER BY r.created_at, r.id;

-- name: SetPathAssignmentDates :exec
-- Back-dates an assignment (the demo's people were assigned weeks ago).
UPDATE path_assignments SET assigned_at = $3, due_at = $4 WHERE person_id = $1 AND path_id = $2;
