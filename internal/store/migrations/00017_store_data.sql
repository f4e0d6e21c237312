-- +goose Up
-- Store diagnosis: the rows of a store's own exports, already masked (no
-- column here ever holds a raw phone, name, address or ID: buyer is the
-- masker's pseudonym and region the generalised province/city). Money is
-- in fen, ratios are fractions, days are the store's calendar day as
-- YYYY-MM-DD, times are Unix milliseconds (0 = none). Each kind's primary
-- key is its natural key, so re-importing a file or an overlapping period
-- updates rows instead of adding them; import_id is the import that last
-- wrote the row.

-- One upload or CLI import: its job status, what it found and the masking
-- report. status: running → done | failed | rejected (errors found and the
-- user did not choose to keep the good rows, so nothing was stored).
CREATE TABLE kpi_imports (
    id           TEXT PRIMARY KEY,
    store_id     TEXT NOT NULL REFERENCES stores (id),
    preset       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    status       TEXT NOT NULL,
    keep_good    BOOLEAN NOT NULL,
    rows_read    BIGINT NOT NULL,
    records      BIGINT NOT NULL,
    stored       BIGINT NOT NULL,
    problems     BIGINT NOT NULL,
    bytes_read   BIGINT NOT NULL,
    bytes_total  BIGINT NOT NULL,
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    fields       TEXT NOT NULL, -- the canonical fields the file had, space-separated
    grain        TEXT NOT NULL, -- orders: whether amounts are per order or per line
    report       TEXT NOT NULL, -- JSON: summary, first problems, masking report
    error        TEXT NOT NULL,
    created_by   TEXT REFERENCES people (id),
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT NOT NULL
);
CREATE INDEX kpi_imports_store ON kpi_imports (store_id, created_at);

CREATE TABLE kpi_orders (
    store_id      TEXT NOT NULL REFERENCES stores (id),
    order_id      TEXT NOT NULL,
    line_id       TEXT NOT NULL,
    buyer         TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    paid_at       BIGINT NOT NULL,
    status        TEXT NOT NULL,
    amount_total  BIGINT NOT NULL,
    amount_paid   BIGINT NOT NULL,
    refund_amount BIGINT NOT NULL,
    refund_status TEXT NOT NULL,
    product_id    TEXT NOT NULL,
    product_name  TEXT NOT NULL,
    sku           TEXT NOT NULL,
    units         BIGINT NOT NULL,
    unit_price    BIGINT NOT NULL,
    region        TEXT NOT NULL,
    channel       TEXT NOT NULL,
    import_id     TEXT NOT NULL,
    PRIMARY KEY (store_id, order_id, line_id)
);
CREATE INDEX kpi_orders_paid ON kpi_orders (store_id, paid_at);

CREATE TABLE kpi_traffic (
    store_id         TEXT NOT NULL REFERENCES stores (id),
    day              TEXT NOT NULL,
    channel          TEXT NOT NULL,
    product_id       TEXT NOT NULL,
    product_name     TEXT NOT NULL,
    visitors         BIGINT NOT NULL,
    page_views       BIGINT NOT NULL,
    item_visitors    BIGINT NOT NULL,
    fav_users        BIGINT NOT NULL,
    cart_users       BIGINT NOT NULL,
    cart_units       BIGINT NOT NULL,
    order_buyers     BIGINT NOT NULL,
    order_amount     BIGINT NOT NULL,
    paid_buyers      BIGINT NOT NULL,
    paid_orders      BIGINT NOT NULL,
    paid_units       BIGINT NOT NULL,
    gmv              BIGINT NOT NULL,
    refund_amount    BIGINT NOT NULL,
    new_buyers       BIGINT NOT NULL,
    returning_buyers BIGINT NOT NULL,
    peer             TEXT NOT NULL, -- JSON of the peer_* fields the file had
    import_id        TEXT NOT NULL,
    PRIMARY KEY (store_id, day, channel, product_id)
);

CREATE TABLE kpi_ads (
    store_id        TEXT NOT NULL REFERENCES stores (id),
    day             TEXT NOT NULL,
    channel         TEXT NOT NULL,
    campaign        TEXT NOT NULL,
    product_id      TEXT NOT NULL,
    spend           BIGINT NOT NULL,
    impressions     BIGINT NOT NULL,
    clicks          BIGINT NOT NULL,
    ad_gmv          BIGINT NOT NULL,
    ad_orders       BIGINT NOT NULL,
    ad_order_amount BIGINT NOT NULL,
    import_id       TEXT NOT NULL,
    PRIMARY KEY (store_id, day, channel, campaign, product_id)
);

-- Customer-service performance per agent and day (or period: day is its
-- first day and day_to its last). person_id links the agent to the
-- person once the manager has matched them, for impact by agent.
CREATE TABLE kpi_cs (
    store_id               TEXT NOT NULL REFERENCES stores (id),
    day                    TEXT NOT NULL,
    day_to                 TEXT NOT NULL,
    agent                  TEXT NOT NULL,
    person_id              TEXT REFERENCES people (id),
    inquiries              BIGINT NOT NULL,
    inquiry_paid           BIGINT NOT NULL,
    inquiry_conversion     DOUBLE PRECISION NOT NULL,
    rounds                 BIGINT NOT NULL,
    rounds_3min            BIGINT NOT NULL,
    response_rate_3min     DOUBLE PRECISION NOT NULL,
    first_response_seconds DOUBLE PRECISION NOT NULL,
    avg_response_seconds   DOUBLE PRECISION NOT NULL,
    cs_sales               BIGINT NOT NULL,
    import_id              TEXT NOT NULL,
    PRIMARY KEY (store_id, day, day_to, agent)
);

-- A behaviour log (浏览/收藏/加购/购买 events), for the funnel.
CREATE TABLE kpi_events (
    store_id    TEXT NOT NULL REFERENCES stores (id),
    user_id     TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    category_id TEXT NOT NULL,
    action      TEXT NOT NULL,
    at          BIGINT NOT NULL,
    import_id   TEXT NOT NULL,
    PRIMARY KEY (store_id, user_id, item_id, action, at)
);

-- A manager's target for a store's metric, or a peer value copied from
-- 生意参谋 (source peer_avg / peer_top), with a note on where it came from.
CREATE TABLE kpi_targets (
    store_id   TEXT NOT NULL REFERENCES stores (id),
    metric     TEXT NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    source     TEXT NOT NULL,
    note       TEXT NOT NULL,
    set_by     TEXT REFERENCES people (id),
    set_at     BIGINT NOT NULL,
    PRIMARY KEY (store_id, metric)
);

-- A generic import's column mapping, saved per store and header shape.
CREATE TABLE kpi_mappings (
    store_id   TEXT NOT NULL REFERENCES stores (id),
    kind       TEXT NOT NULL,
    header_sig TEXT NOT NULL,
    mapping    TEXT NOT NULL, -- JSON
    saved_by   TEXT REFERENCES people (id),
    saved_at   BIGINT NOT NULL,
    PRIMARY KEY (store_id, kind, header_sig)
);

-- +goose Down
SELECT 1;
