-- Accounts end, tokens expire, and account changes are recorded.
-- Keep in step with ../sqlite/0015_account_lifecycle.sql.

-- A removed account keeps its row, so that its name stays on the audit
-- trail (fact versions name their author) and is never given to another
-- account; its sessions and tokens are deleted when it is removed.
ALTER TABLE users ADD COLUMN removed_at TEXT;

-- When a token stops opening anything (NULL: a token made before tokens
-- expired, which lasts until it is revoked).
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Who changed which account, when: added, removed, a new password, a new
-- token, tokens revoked. The names are copied, not referred to: the trail
-- outlives the accounts it names. actor is NULL for the operator at the
-- command line, who holds the database itself.
CREATE TABLE account_events (
    id      BIGSERIAL PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT,
    action  TEXT NOT NULL,
    account TEXT NOT NULL,
    detail  TEXT NOT NULL
);
