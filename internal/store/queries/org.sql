-- name: GetSetting :one
SELECT value FROM settings WHERE key = $1;

-- name: PutSetting :exec
INSERT INTO settings (key, value) VALUES ($1, $2)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- name: ListDepartments :many
SELECT d.id, d.parent_id, d.name, d.code, d.sort_order, d.created_at, d.updated_at,
       (SELECT COUNT(*) FROM people p WHERE p.department_id = d.id AND p.status <> 'left') AS people
FROM departments d
ORDER BY d.sort_order, d.name, d.id;

-- name: GetDepartment :one
SELECT * FROM departments WHERE id = $1;

-- name: InsertDepartment :exec
INSERT INTO departments (id, parent_id, name, code, sort_order, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: UpdateDepartment :exec
UPDATE departments SET parent_id = $2, name = $3, code = $4, sort_order = $5, updated_at = $6
WHERE id = $1;

-- name: DeleteDepartment :exec
DELETE FROM departments WHERE id = $1;

-- name: CountDepartmentUse :one
SELECT (SELECT COUNT(*) FROM departments c WHERE c.parent_id = $1)
     + (SELECT COUNT(*) FROM people p WHERE p.department_id = $1) AS n;

-- name: DepartmentSubtree :many
WITH RECURSIVE sub(id) AS (
    SELECT departments.id FROM departments WHERE departments.id = $1
    UNION ALL
    SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id
)
SELECT id FROM sub;

-- name: ListPositions :many
SELECT ps.id, ps.name, ps.code, ps.description, ps.created_at, ps.updated_at,
       (SELECT COUNT(*) FROM people p WHERE p.position_id = ps.id AND p.status <> 'left') AS people
FROM positions ps
ORDER BY ps.name, ps.id;

-- name: GetPosition :one
SELECT * FROM positions WHERE id = $1;

-- name: InsertPosition :exec
INSERT INTO positions (id, name, code, description, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: UpdatePosition :exec
UPDATE positions SET name = $2, code = $3, description = $4, updated_at = $5 WHERE id = $1;

-- name: DeletePosition :exec
DELETE FROM positions WHERE id = $1;

-- name: CountPositionUse :one
SELECT COUNT(*) FROM people WHERE position_id = $1;

-- name: ListStores :many
SELECT s.id, s.platform, s.name, s.owner_id, s.created_at, s.updated_at,
       COALESCE(p.name, '') AS owner_name
FROM stores s LEFT JOIN people p ON p.id = s.owner_id
ORDER BY s.platform, s.name, s.id;

-- name: GetStore :one
SELECT * FROM stores WHERE id = $1;

-- name: InsertStore :exec
INSERT INTO stores (id, platform, name, owner_id, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: UpdateStore :exec
UPDATE stores SET platform = $2, name = $3, owner_id = $4, updated_at = $5 WHERE id = $1;

-- name: DeleteStore :exec
DELETE FROM stores WHERE id = $1;

-- name: CountStoreUse :one
SELECT COUNT(*) FROM person_stores WHERE store_id = $1;

-- name: ListGroups :many
SELECT g.id, g.name, g.description, g.created_at, g.updated_at,
       (SELECT COUNT(*) FROM group_members m JOIN people p ON p.id = m.person_id
        WHERE m.group_id = g.id AND p.status <> 'left') AS members
FROM people_groups g ORDER BY g.name, g.id;

-- name: GetGroup :one
SELECT g.id, g.name, g.description, g.created_at, g.updated_at,
       (SELECT COUNT(*) FROM group_members m JOIN people p ON p.id = m.person_id
        WHERE m.group_id = g.id AND p.status <> 'left') AS members
FROM people_groups g WHERE g.id = $1;

-- name: InsertGroup :exec
INSERT INTO people_groups (id, name, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5);

-- name: UpdateGroup :exec
UPDATE people_groups SET name = $2, description = $3, updated_at = $4 WHERE id = $1;

-- name: DeleteGroupMembers :exec
DELETE FROM group_members WHERE group_id = $1;

-- name: DeleteGroup :exec
DELETE FROM people_groups WHERE id = $1;

-- name: AddGroupMember :execrows
INSERT INTO group_members (group_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: RemoveGroupMember :execrows
DELETE FROM group_members WHERE group_id = $1 AND person_id = $2;

-- name: ListGroupMembers :many
SELECT person_id FROM group_members WHERE group_id = $1 ORDER BY person_id;

-- name: ListPersonGroups :many
SELECT g.id, g.name FROM people_groups g JOIN group_members m ON m.group_id = g.id
WHERE m.person_id = $1 ORDER BY g.name, g.id;

-- name: PeopleIDsForGroupAdd :many
-- Active people matched by employee number, or everyone in a department
-- subtree or position, for adding many members at once.
WITH RECURSIVE sub(id) AS (
    SELECT departments.id FROM departments WHERE departments.id = CAST(sqlc.arg(department_id) AS TEXT)
    UNION ALL
    SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id
)
SELECT p.id, p.employee_no, p.name FROM people p
WHERE p.status <> 'left'
  AND ((CAST(sqlc.arg(department_id) AS TEXT) <> '' AND p.department_id IN (SELECT sub.id FROM sub))
    OR (CAST(sqlc.arg(position_id) AS TEXT) <> '' AND p.position_id = CAST(sqlc.arg(position_id) AS TEXT)))
ORDER BY p.employee_no;
