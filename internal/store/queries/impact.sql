-- name: ListKPIAgents :many
-- A store's customer-service agents as its reports name them, with how
-- many rows and which days each has, and the person linked if any.
SELECT c.agent, c.n_rows, c.first_day, c.last_day,
       CAST(COALESCE(l.person_id, '') AS TEXT) AS person_id, CAST(COALESCE(p.name, '') AS TEXT) AS person_name,
       CAST(COALESCE(p.employee_no, '') AS TEXT) AS employee_no
FROM (SELECT k.agent, CAST(COUNT(*) AS BIGINT) AS n_rows, CAST(MIN(k.day) AS TEXT) AS first_day,
             CAST(MAX(k.day_to) AS TEXT) AS last_day
      FROM kpi_cs k WHERE k.store_id = $1 GROUP BY k.agent) c
LEFT JOIN kpi_agent_links l ON l.store_id = $1 AND l.agent = c.agent
LEFT JOIN people p ON p.id = l.person_id
ORDER BY c.agent;

-- name: ListKPIAgentLinks :many
SELECT * FROM kpi_agent_links WHERE store_id = $1 ORDER BY agent;

-- name: GetKPIAgentLink :one
SELECT * FROM kpi_agent_links WHERE store_id = $1 AND agent = $2;

-- name: KPIAgentExists :one
SELECT CAST(EXISTS (SELECT 1 FROM kpi_cs WHERE store_id = $1 AND agent = $2) AS BOOLEAN) AS found;

-- name: UpsertKPIAgentLink :exec
INSERT INTO kpi_agent_links (store_id, agent, person_id, linked_by, linked_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (store_id, agent) DO UPDATE SET person_id = excluded.person_id, linked_by = excluded.linked_by,
    linked_at = excluded.linked_at;

-- name: DeleteKPIAgentLink :exec
DELETE FROM kpi_agent_links WHERE store_id = $1 AND agent = $2;

-- name: ListStorePeople :many
-- The active people who own a store or are linked to it, with the IM ids
-- an agent nick may carry: who a store's agents can be.
SELECT p.id, p.employee_no, p.name, p.dingtalk_id, p.wecom_id, p.feishu_id,
       CAST(COALESCE(d.name, '') AS TEXT) AS department
FROM people p LEFT JOIN departments d ON d.id = p.department_id
WHERE p.status <> 'left' AND (EXISTS (SELECT 1 FROM person_stores ps WHERE ps.person_id = p.id AND ps.store_id = sqlc.arg(store_id))
    OR EXISTS (SELECT 1 FROM stores s WHERE s.id = sqlc.arg(store_id) AND s.owner_id = p.id))
ORDER BY p.employee_no;

-- name: ListStoreAgentProgress :many
-- The units done by the people a store's agents are linked to, for who
-- completed which training when.
SELECT up.person_id, up.unit_id, up.done_at
FROM unit_progress up
WHERE up.status = 'done' AND up.person_id IN (SELECT l.person_id FROM kpi_agent_links l WHERE l.store_id = $1);

-- name: ListStoreStaffProgress :many
-- The units done by a store's people (linked or owner), for a store's
-- training.
SELECT up.person_id, up.unit_id, up.done_at
FROM unit_progress up
WHERE up.status = 'done' AND (up.person_id IN (SELECT ps.person_id FROM person_stores ps WHERE ps.store_id = sqlc.arg(store_id))
    OR up.person_id IN (SELECT s.owner_id FROM stores s WHERE s.id = sqlc.arg(store_id)));
