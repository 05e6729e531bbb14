-- A fact's identity is stored as its key, a 64-bit hash of the identity's
-- text (`identity_key` in src/merge.rs), where it was the text itself,
-- about 45 bytes: every row is smaller, and so is the index of current
-- identities, which a load builds in half the time (see
-- docs/performance.md, session 12). A key finds candidates; the identity,
-- computed again from each candidate, decides.
-- SQL cannot compute the hash: this migration leaves the column empty and
-- `SqlStore::open` fills it, in one transaction, before the store is used
-- (`SqlStore::key_identities`). Every write sets it.
-- Keep in step with ../postgres/0009_identity_keys.sql.
DROP INDEX facts_current_identity;
ALTER TABLE facts DROP COLUMN identity;
ALTER TABLE facts ADD COLUMN identity BIGINT;
CREATE INDEX facts_current_identity ON facts (identity) WHERE superseded_at IS NULL;
