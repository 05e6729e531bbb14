-- A fact's identity is stored as its key, a 64-bit hash of the identity's
-- text (`identity_key` in src/merge.rs), where it was the text itself,
-- about 45 bytes: every row is smaller, and so is the index of current
-- identities, which a load builds in half the time (see
-- docs/performance.md, session 12). A key finds candidates; the identity,
-- computed again from each candidate, decides.
-- SQL cannot compute the hash: this migration leaves the column empty and
-- the index out, and `SqlStore::open` fills the column and builds the index,
-- in one transaction, before the store is used (`SqlStore::key_identities`;
-- the index missing is what tells it to). Every write sets the key.
-- Keep in step with ../postgres/0009_identity_keys.sql.
DROP INDEX facts_current_identity;
ALTER TABLE facts DROP COLUMN identity;
ALTER TABLE facts ADD COLUMN identity BIGINT;
