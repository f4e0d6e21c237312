-- name: InsertPerson :exec
INSERT INTO people (id, employee_no, name, mobile, email, dingtalk_id, wecom_id, feishu_id,
    department_id, position_id, manager_id, mentor_id, hire_date, status, locale, search_text,
    created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18);

-- name: UpdatePerson :exec
UPDATE people SET employee_no = $2, name = $3, mobile = $4, email = $5, dingtalk_id = $6,
    wecom_id = $7, feishu_id = $8, department_id = $9, position_id = $10, manager_id = $11,
    mentor_id = $12, hire_date = $13, status = $14, search_text = $15, updated_at = $16
WHERE id = $1;

-- name: SetPersonLocale :exec
UPDATE people SET locale = $2 WHERE id = $1;

-- name: GetPerson :one
SELECT p.*, COALESCE(d.name, '') AS department_name, COALESCE(ps.name, '') AS position_name,
       COALESCE(m.name, '') AS manager_name, COALESCE(mt.name, '') AS mentor_name,
       COALESCE(a.disabled, FALSE) AS disabled
FROM people p
LEFT JOIN departments d ON d.id = p.department_id
LEFT JOIN positions ps ON ps.id = p.position_id
LEFT JOIN people m ON m.id = p.manager_id
LEFT JOIN people mt ON mt.id = p.mentor_id
LEFT JOIN accounts a ON a.person_id = p.id
WHERE p.id = $1;

-- name: FindPersonByLogin :one
SELECT p.id FROM people p
WHERE p.employee_no = sqlc.arg(login) OR (p.mobile <> '' AND p.mobile = sqlc.arg(login))
   OR (p.email <> '' AND p.email = LOWER(sqlc.arg(login)))
ORDER BY p.id LIMIT 1;

-- name: FindPersonByEmployeeNo :one
SELECT id FROM people WHERE employee_no = $1;

-- name: ListPeople :many
-- Keyset pagination on employee_no; every filter is optional ('' = any).
-- The scope_* flags limit the rows to what the viewer may read.
WITH RECURSIVE viewer_depts(id) AS (
    SELECT vp.department_id FROM people vp
    WHERE vp.id = sqlc.arg(viewer_id) AND vp.department_id IS NOT NULL
    UNION ALL
    SELECT d.id FROM departments d JOIN viewer_depts v ON d.parent_id = v.id
)
SELECT p.id, p.employee_no, p.name, p.mobile, p.email, p.department_id, p.position_id,
       p.manager_id, p.mentor_id, p.hire_date, p.status, p.created_at, p.updated_at,
       p.dingtalk_id, p.wecom_id, p.feishu_id,
       COALESCE(d.name, '') AS department_name, COALESCE(ps.name, '') AS position_name,
       COALESCE(a.disabled, FALSE) AS disabled
FROM people p
LEFT JOIN departments d ON d.id = p.department_id
LEFT JOIN positions ps ON ps.id = p.position_id
LEFT JOIN accounts a ON a.person_id = p.id
WHERE p.employee_no > CAST(sqlc.arg(after) AS TEXT)
  AND (CAST(sqlc.arg(only_id) AS TEXT) = '' OR p.id = CAST(sqlc.arg(only_id) AS TEXT))
  AND (CAST(sqlc.arg(query) AS TEXT) = '' OR p.search_text LIKE '%' || CAST(sqlc.arg(query) AS TEXT) || '%')
  AND (CAST(sqlc.arg(department_id) AS TEXT) = '' OR p.department_id = CAST(sqlc.arg(department_id) AS TEXT))
  AND (CAST(sqlc.arg(position_id) AS TEXT) = '' OR p.position_id = CAST(sqlc.arg(position_id) AS TEXT))
  AND (CAST(sqlc.arg(status) AS TEXT) = '' OR p.status = CAST(sqlc.arg(status) AS TEXT))
  AND (CAST(sqlc.arg(role) AS TEXT) = '' OR EXISTS (
        SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = CAST(sqlc.arg(role) AS TEXT)))
  AND (CAST(sqlc.arg(group_id) AS TEXT) = '' OR EXISTS (
        SELECT 1 FROM group_members gm WHERE gm.person_id = p.id AND gm.group_id = CAST(sqlc.arg(group_id) AS TEXT)))
  AND (CAST(sqlc.arg(scope_all) AS BIGINT) = 1
       OR p.id = sqlc.arg(viewer_id)
       OR (CAST(sqlc.arg(scope_mentees) AS BIGINT) = 1 AND p.mentor_id = sqlc.arg(viewer_id))
       OR (CAST(sqlc.arg(scope_dept) AS BIGINT) = 1 AND (p.manager_id = sqlc.arg(viewer_id)
           OR p.department_id IN (SELECT v.id FROM viewer_depts v))))
ORDER BY p.employee_no
LIMIT sqlc.arg(lim);

-- name: CountPeopleByDepartment :many
-- Counted per id on the (department_id, status) index, then named.
SELECT COALESCE(d.name, '') AS name, c.n
FROM (SELECT department_id, COUNT(*) AS n FROM people WHERE status <> 'left' GROUP BY department_id) c
LEFT JOIN departments d ON d.id = c.department_id
ORDER BY c.n DESC, name;

-- name: CountPeopleByPosition :many
SELECT COALESCE(ps.name, '') AS name, c.n
FROM (SELECT position_id, COUNT(*) AS n FROM people WHERE status <> 'left' GROUP BY position_id) c
LEFT JOIN positions ps ON ps.id = c.position_id
ORDER BY c.n DESC, name;

-- name: CountDepartments :one
SELECT COUNT(*) FROM departments;

-- name: CountPositions :one
SELECT COUNT(*) FROM positions;

-- name: CountPeopleByStatus :many
SELECT status, COUNT(*) AS n FROM people GROUP BY status ORDER BY status;

-- name: CountPeopleHiredSince :one
SELECT COUNT(*) FROM people WHERE hire_date >= $1 AND status <> 'left';

-- name: ListPersonRoles :many
SELECT role FROM person_roles WHERE person_id = $1 ORDER BY role;

-- name: DeletePersonRoles :exec
DELETE FROM person_roles WHERE person_id = $1;

-- name: AddPersonRole :exec
INSERT INTO person_roles (person_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: CountRole :one
SELECT COUNT(*) FROM person_roles r JOIN accounts a ON a.person_id = r.person_id
WHERE r.role = $1 AND a.disabled = FALSE;

-- name: ListPersonStores :many
SELECT store_id FROM person_stores WHERE person_id = $1 ORDER BY store_id;

-- name: DeletePersonStores :exec
DELETE FROM person_stores WHERE person_id = $1;

-- name: AddPersonStore :exec
INSERT INTO person_stores (person_id, store_id) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: IsMentorOf :one
SELECT COUNT(*) FROM people WHERE id = $1 AND mentor_id = $2;

-- name: ListAllPersonRoles :many
SELECT person_id, role FROM person_roles ORDER BY person_id, role;

-- name: ListAllPersonStoreNames :many
SELECT ps.person_id, s.name FROM person_stores ps JOIN stores s ON s.id = ps.store_id
ORDER BY ps.person_id, s.name;

-- name: ListEmployeeNos :many
SELECT id, employee_no FROM people;
