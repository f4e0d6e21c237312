-- +goose Up
-- Times are BIGINT Unix milliseconds in UTC; IDs are UUIDv7 text made by the app.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE departments (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT REFERENCES departments (id),
    name       TEXT NOT NULL,
    code       TEXT NOT NULL DEFAULT '',
    sort_order BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX departments_parent_name ON departments (COALESCE(parent_id, ''), name);

CREATE TABLE positions (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    code        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE people (
    id            TEXT PRIMARY KEY,
    employee_no   TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    mobile        TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    dingtalk_id   TEXT NOT NULL DEFAULT '',
    wecom_id      TEXT NOT NULL DEFAULT '',
    feishu_id     TEXT NOT NULL DEFAULT '',
    department_id TEXT REFERENCES departments (id),
    position_id   TEXT REFERENCES positions (id),
    manager_id    TEXT REFERENCES people (id),
    mentor_id     TEXT REFERENCES people (id),
    hire_date     TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'active',
    locale        TEXT NOT NULL DEFAULT '',
    search_text   TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX people_mobile ON people (mobile) WHERE mobile <> '';
CREATE UNIQUE INDEX people_email ON people (email) WHERE email <> '';
CREATE INDEX people_department ON people (department_id);
CREATE INDEX people_position ON people (position_id);
CREATE INDEX people_mentor ON people (mentor_id);
CREATE INDEX people_name_id ON people (name, id);

CREATE TABLE person_roles (
    person_id TEXT NOT NULL REFERENCES people (id),
    role      TEXT NOT NULL,
    PRIMARY KEY (person_id, role)
);

CREATE TABLE stores (
    id         TEXT PRIMARY KEY,
    platform   TEXT NOT NULL,
    name       TEXT NOT NULL,
    owner_id   TEXT REFERENCES people (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (platform, name)
);

CREATE TABLE person_stores (
    person_id TEXT NOT NULL REFERENCES people (id),
    store_id  TEXT NOT NULL REFERENCES stores (id),
    PRIMARY KEY (person_id, store_id)
);

CREATE TABLE people_groups (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE group_members (
    group_id  TEXT NOT NULL REFERENCES people_groups (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (group_id, person_id)
);

CREATE TABLE accounts (
    person_id          TEXT PRIMARY KEY REFERENCES people (id),
    password_hash      TEXT NOT NULL DEFAULT '',
    must_change        BOOLEAN NOT NULL DEFAULT FALSE,
    disabled           BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins      BIGINT NOT NULL DEFAULT 0,
    locked_until       BIGINT NOT NULL DEFAULT 0,
    activation_hash    TEXT NOT NULL DEFAULT '',
    activation_expires BIGINT NOT NULL DEFAULT 0,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
CREATE INDEX accounts_activation ON accounts (activation_hash) WHERE activation_hash <> '';

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL DEFAULT 0,
    expires_at   BIGINT NOT NULL DEFAULT 0,
    revoked_at   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- The audit log: a hash chain ordered by seq plus a tlog Merkle tree whose
-- stored hashes live in audit_tree; signed checkpoints pin its size and root.
CREATE TABLE audit_events (
    seq           BIGINT PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    at            BIGINT NOT NULL,
    actor_id      TEXT NOT NULL DEFAULT '',
    actor_name    TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL,
    object_type   TEXT NOT NULL,
    object_id     TEXT NOT NULL DEFAULT '',
    object_name   TEXT NOT NULL DEFAULT '',
    before_digest TEXT NOT NULL DEFAULT '',
    after_digest  TEXT NOT NULL DEFAULT '',
    changes       TEXT NOT NULL DEFAULT '',
    request_id    TEXT NOT NULL DEFAULT '',
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_object ON audit_events (object_type, object_id);
CREATE INDEX audit_events_actor ON audit_events (actor_id);

CREATE TABLE audit_tree (
    idx  BIGINT PRIMARY KEY,
    hash TEXT NOT NULL
);

CREATE TABLE audit_checkpoints (
    size       BIGINT PRIMARY KEY,
    root_hash  TEXT NOT NULL,
    signature  TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The learning record: statements in xAPI shape.
CREATE TABLE statements (
    id          TEXT PRIMARY KEY,
    actor_id    TEXT NOT NULL,
    verb        TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    object_name TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT '',
    context     TEXT NOT NULL DEFAULT '',
    ts          BIGINT NOT NULL,
    stored      BIGINT NOT NULL,
    authority   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX statements_actor ON statements (actor_id, ts);
CREATE INDEX statements_object ON statements (object_type, object_id);

-- +goose Down
SELECT 1;
