-- +goose Up
-- Training impact: which person a store's customer-service sub-account
-- (千牛/咚咚/飞鸽 agent nick such as 示例家居:吴倩) belongs to. Kept per
-- store and agent, apart from kpi_cs, so a re-import of the same report
-- (an upsert of kpi_cs rows) or a new month's report keeps the link, and
-- unlinking is one row; kpi_cs.person_id stays unused and reads join here.
CREATE TABLE kpi_agent_links (
    store_id   TEXT NOT NULL REFERENCES stores (id),
    agent      TEXT NOT NULL,
    person_id  TEXT NOT NULL REFERENCES people (id),
    linked_by  TEXT REFERENCES people (id),
    linked_at  BIGINT NOT NULL,
    PRIMARY KEY (store_id, agent)
);
CREATE INDEX kpi_agent_links_person ON kpi_agent_links (person_id);

-- The agents of a store's customer-service rows, for the linking page.
CREATE INDEX kpi_cs_agent ON kpi_cs (store_id, agent, day);

-- +goose Down
SELECT 1;
