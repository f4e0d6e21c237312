-- +goose Up
-- Knowledge base (知识库): articles, SOPs, cases, FAQ entries, templates and
-- videos. An item's text lives in the versioning service (a material of
-- kind "knowledge" whose subject is the item id, so every edit is a
-- version with a note, a diff and roll-back); these tables hold what is not
-- versioned: where it is filed, who owns and may read it, when it is due
-- for review. Days are YYYY-MM-DD in the company zone, times Unix
-- milliseconds (0 = none).

-- A category tree; parent_id '' is a top-level category.
CREATE TABLE kb_categories (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL,
    name_en    TEXT NOT NULL DEFAULT '',
    sort       BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX kb_categories_parent ON kb_categories (parent_id, sort);

-- kind: article | sop | case | faq | template | video.
-- visibility: everyone | departments | positions | confidential (only the
-- owner and the people of the access list). title/title_en repeat the
-- latest version's, for lists. status: published | archived.
CREATE TABLE kb_items (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    category_id     TEXT NOT NULL DEFAULT '',
    material_id     TEXT NOT NULL REFERENCES materials (id),
    title           TEXT NOT NULL,
    title_en        TEXT NOT NULL DEFAULT '',
    owner_id        TEXT NOT NULL REFERENCES people (id),
    visibility      TEXT NOT NULL,
    review_days     BIGINT NOT NULL,
    reviewed_on     TEXT NOT NULL,
    next_review_on  TEXT NOT NULL,
    video_url       TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    views           BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX kb_items_status_updated ON kb_items (status, updated_at);
-- The home page's review badge: an owner's items due by today.
CREATE INDEX kb_items_owner_due ON kb_items (owner_id, status, next_review_on);
CREATE INDEX kb_items_due ON kb_items (status, next_review_on);

-- Who may read a departments/positions/confidential item. kind:
-- department (and its sub-departments) | position | person.
CREATE TABLE kb_audience (
    item_id TEXT NOT NULL REFERENCES kb_items (id),
    kind    TEXT NOT NULL,
    ref_id  TEXT NOT NULL,
    PRIMARY KEY (item_id, kind, ref_id)
);

CREATE TABLE kb_tags (
    item_id TEXT NOT NULL REFERENCES kb_items (id),
    tag     TEXT NOT NULL,
    PRIMARY KEY (item_id, tag)
);
CREATE INDEX kb_tags_tag ON kb_tags (tag);

-- Links into the curriculum's graph. kind: module | sop (pack ids).
CREATE TABLE kb_links (
    item_id TEXT NOT NULL REFERENCES kb_items (id),
    kind    TEXT NOT NULL,
    ref_id  TEXT NOT NULL,
    PRIMARY KEY (item_id, kind, ref_id)
);
CREATE INDEX kb_links_ref ON kb_links (kind, ref_id);

-- Platform rules an item depends on (a rule change means a review).
CREATE TABLE kb_rules (
    item_id  TEXT NOT NULL REFERENCES kb_items (id),
    sort     BIGINT NOT NULL,
    platform TEXT NOT NULL,
    name     TEXT NOT NULL,
    url      TEXT NOT NULL,
    PRIMARY KEY (item_id, sort)
);

-- The files of each version (a template's file, a case's attachments), so
-- every earlier version keeps its own downloads.
CREATE TABLE kb_attachments (
    item_id    TEXT NOT NULL REFERENCES kb_items (id),
    version_no BIGINT NOT NULL,
    file_id    TEXT NOT NULL REFERENCES files (id),
    sort       BIGINT NOT NULL,
    PRIMARY KEY (item_id, version_no, file_id)
);
CREATE INDEX kb_attachments_file ON kb_attachments (file_id);

-- A learner's question on a knowledge item (target_kind kb) or a
-- curriculum unit (target_kind unit, target_id the pack id).
-- status: open | answered | promoted (faq_item_id set).
CREATE TABLE kb_questions (
    id          TEXT PRIMARY KEY,
    target_kind TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    asker_id    TEXT NOT NULL REFERENCES people (id),
    body        TEXT NOT NULL,
    answer      TEXT NOT NULL DEFAULT '',
    answered_by TEXT NOT NULL DEFAULT '',
    answered_at BIGINT NOT NULL DEFAULT 0,
    status      TEXT NOT NULL,
    faq_item_id TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);
CREATE INDEX kb_questions_status ON kb_questions (status, created_at);
CREATE INDEX kb_questions_asker ON kb_questions (asker_id, created_at);
CREATE INDEX kb_questions_target ON kb_questions (target_kind, target_id, created_at);

-- +goose Down
SELECT 1;
