-- name: CreateKPIImport :exec
INSERT INTO kpi_imports (id, store_id, preset, kind, file_name, file_sha256, status, keep_good, rows_read, records,
    stored, problems, bytes_read, bytes_total, period_from, period_to, fields, grain, report, error, created_by,
    created_at, finished_at, heartbeat_at)
VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, 0, 0, 0, 0, 0, $8, '', '', '', $9, '{}', '', $10, $11, 0, $11);

-- name: UpdateKPIImportProgress :exec
-- A running import's live figures, for the job page.
UPDATE kpi_imports SET rows_read = $2, records = $3, stored = $4, problems = $5, bytes_read = $6, heartbeat_at = $7
WHERE id = $1 AND status = 'running';

-- name: TouchKPIImport :exec
UPDATE kpi_imports SET heartbeat_at = $2 WHERE id = $1 AND status = 'running';

-- name: FailStaleKPIImports :many
-- Running imports that have not shown a sign of life since the cut-off:
-- their process is gone. Finished as failed, with the reason.
UPDATE kpi_imports SET status = 'failed', error = $2, finished_at = $3
WHERE status = 'running' AND heartbeat_at < $1
RETURNING id, store_id, file_name;

-- name: FinishKPIImport :exec
UPDATE kpi_imports SET status = $2, rows_read = $3, records = $4, stored = $5, problems = $6, bytes_read = $7,
    period_from = $8, period_to = $9, fields = $10, report = $11, error = $12, finished_at = $13
WHERE id = $1;

-- name: GetKPIImport :one
SELECT * FROM kpi_imports WHERE id = $1;

-- name: ListKPIImports :many
SELECT * FROM kpi_imports WHERE store_id = $1 ORDER BY created_at DESC LIMIT $2;

-- name: UpsertKPIOrder :exec
INSERT INTO kpi_orders (store_id, order_id, line_id, buyer, created_at, paid_at, status, amount_total, amount_paid,
    refund_amount, refund_status, product_id, product_name, sku, units, unit_price, region, channel, import_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
ON CONFLICT (store_id, order_id, line_id) DO UPDATE SET buyer = excluded.buyer, created_at = excluded.created_at,
    paid_at = excluded.paid_at, status = excluded.status, amount_total = excluded.amount_total,
    amount_paid = excluded.amount_paid, refund_amount = excluded.refund_amount, refund_status = excluded.refund_status,
    product_id = excluded.product_id, product_name = excluded.product_name, sku = excluded.sku, units = excluded.units,
    unit_price = excluded.unit_price, region = excluded.region, channel = excluded.channel, import_id = excluded.import_id;

-- name: UpsertKPITraffic :exec
INSERT INTO kpi_traffic (store_id, day, channel, product_id, product_name, visitors, page_views, item_visitors,
    fav_users, cart_users, cart_units, order_buyers, order_amount, paid_buyers, paid_orders, paid_units, gmv,
    refund_amount, new_buyers, returning_buyers, peer, import_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
ON CONFLICT (store_id, day, channel, product_id) DO UPDATE SET product_name = excluded.product_name,
    visitors = excluded.visitors, page_views = excluded.page_views, item_visitors = excluded.item_visitors,
    fav_users = excluded.fav_users, cart_users = excluded.cart_users, cart_units = excluded.cart_units,
    order_buyers = excluded.order_buyers, order_amount = excluded.order_amount, paid_buyers = excluded.paid_buyers,
    paid_orders = excluded.paid_orders, paid_units = excluded.paid_units, gmv = excluded.gmv,
    refund_amount = excluded.refund_amount, new_buyers = excluded.new_buyers,
    returning_buyers = excluded.returning_buyers, peer = excluded.peer, import_id = excluded.import_id;

-- name: UpsertKPIAd :exec
INSERT INTO kpi_ads (store_id, day, channel, campaign, product_id, spend, impressions, clicks, ad_gmv, ad_orders,
    ad_order_amount, import_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (store_id, day, channel, campaign, product_id) DO UPDATE SET spend = excluded.spend,
    impressions = excluded.impressions, clicks = excluded.clicks, ad_gmv = excluded.ad_gmv,
    ad_orders = excluded.ad_orders, ad_order_amount = excluded.ad_order_amount, import_id = excluded.import_id;

-- name: UpsertKPICS :exec
INSERT INTO kpi_cs (store_id, day, day_to, agent, inquiries, inquiry_paid, inquiry_conversion, rounds, rounds_3min,
    response_rate_3min, first_response_seconds, avg_response_seconds, cs_sales, import_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (store_id, day, day_to, agent) DO UPDATE SET inquiries = excluded.inquiries,
    inquiry_paid = excluded.inquiry_paid, inquiry_conversion = excluded.inquiry_conversion, rounds = excluded.rounds,
    rounds_3min = excluded.rounds_3min, response_rate_3min = excluded.response_rate_3min,
    first_response_seconds = excluded.first_response_seconds, avg_response_seconds = excluded.avg_response_seconds,
    cs_sales = excluded.cs_sales, import_id = excluded.import_id;

-- name: UpsertKPIEvent :exec
INSERT INTO kpi_events (store_id, user_id, item_id, category_id, action, at, import_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (store_id, user_id, item_id, action, at) DO UPDATE SET category_id = excluded.category_id,
    import_id = excluded.import_id;

-- name: ListKPIOrders :many
-- A store's order lines paid or created in [from, to) (Unix ms), for the KPI engine.
SELECT * FROM kpi_orders WHERE store_id = $1 AND ((paid_at >= $2 AND paid_at < $3) OR (created_at >= $2 AND created_at < $3));

-- name: ListKPITraffic :many
SELECT * FROM kpi_traffic WHERE store_id = $1 AND day >= $2 AND day < $3 ORDER BY day;

-- name: ListKPIAds :many
SELECT * FROM kpi_ads WHERE store_id = $1 AND day >= $2 AND day < $3 ORDER BY day;

-- name: ListKPICS :many
SELECT * FROM kpi_cs WHERE store_id = $1 AND day >= $2 AND day < $3 ORDER BY day, agent;

-- name: ListKPIEvents :many
SELECT * FROM kpi_events WHERE store_id = $1 AND at >= $2 AND at < $3;

-- name: KPIDataSpan :one
-- What a store holds, per kind: row counts and the first and last day.
SELECT CAST((SELECT COUNT(*) FROM kpi_orders o WHERE o.store_id = $1) AS BIGINT) AS orders,
       CAST((SELECT COUNT(*) FROM kpi_traffic t WHERE t.store_id = $1) AS BIGINT) AS traffic,
       CAST((SELECT COUNT(*) FROM kpi_ads a WHERE a.store_id = $1) AS BIGINT) AS ads,
       CAST((SELECT COUNT(*) FROM kpi_cs c WHERE c.store_id = $1) AS BIGINT) AS cs,
       CAST((SELECT COUNT(*) FROM kpi_events e WHERE e.store_id = $1) AS BIGINT) AS events;

-- name: UpsertKPITarget :exec
INSERT INTO kpi_targets (store_id, metric, value, source, note, set_by, set_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (store_id, metric) DO UPDATE SET value = excluded.value, source = excluded.source, note = excluded.note,
    set_by = excluded.set_by, set_at = excluded.set_at;

-- name: DeleteKPITarget :exec
DELETE FROM kpi_targets WHERE store_id = $1 AND metric = $2;

-- name: ListKPITargets :many
SELECT * FROM kpi_targets WHERE store_id = $1 ORDER BY metric;

-- name: SaveKPIMapping :exec
INSERT INTO kpi_mappings (store_id, kind, header_sig, mapping, saved_by, saved_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (store_id, kind, header_sig) DO UPDATE SET mapping = excluded.mapping, saved_by = excluded.saved_by,
    saved_at = excluded.saved_at;

-- name: GetKPIMapping :one
SELECT mapping FROM kpi_mappings WHERE store_id = $1 AND kind = $2 AND header_sig = $3;

-- name: ListKPIImportFields :many
-- The fields and order grain of a store's finished imports, newest first:
-- what its stored rows can support.
SELECT kind, fields, grain FROM kpi_imports WHERE store_id = $1 AND status = 'done' ORDER BY created_at DESC;

-- name: PersonLinkedToStore :one
-- Whether a person owns a store or is linked to it, for a team lead's
-- access to its data.
SELECT CAST(EXISTS (SELECT 1 FROM stores s WHERE s.id = sqlc.arg(store_id) AND s.owner_id = sqlc.arg(person_id))
    OR EXISTS (SELECT 1 FROM person_stores ps WHERE ps.store_id = sqlc.arg(store_id) AND ps.person_id = sqlc.arg(person_id)) AS BOOLEAN) AS linked;

-- name: ListPeopleForStorePlan :many
-- Active people holding a position (by name), each flagged when they are
-- linked to the store or own it: a diagnosis plan assigns the store's own
-- staff first.
SELECT p.id, p.employee_no, p.name,
       CAST(EXISTS (SELECT 1 FROM person_stores s WHERE s.person_id = p.id AND s.store_id = sqlc.arg(store_id))
            OR EXISTS (SELECT 1 FROM stores st WHERE st.id = sqlc.arg(store_id) AND st.owner_id = p.id) AS BOOLEAN) AS linked
FROM people p JOIN positions ps ON ps.id = p.position_id
WHERE ps.name = sqlc.arg(position) AND p.status <> 'left'
ORDER BY p.employee_no;
