-- Accounts, sessions and API tokens; who recorded each fact version.
-- Keep in step with ../postgres/0003_accounts.sql.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    -- admin, reviewer, network_editor, city_editor
    role          TEXT NOT NULL,
    -- The network (network_editor) or city (city_editor) the role covers.
    scope         TEXT,
    created_at    TEXT NOT NULL
);

-- Secrets are stored as SHA-256 digests: a stolen table opens nothing.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The account that recorded a version (NULL: bundled data, the CLI without
-- a user, or versions older than accounts).
ALTER TABLE facts ADD COLUMN author TEXT;
