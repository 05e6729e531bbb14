-- Nothing changes on PostgreSQL, which has no rowid tables: SQLite's
-- migration 0007 makes the sources of facts a table clustered on its key
-- (../sqlite/0007_sources_without_rowid.sql). This one keeps the two
-- schemas' versions in step: a backup names its schema's version, and a
-- restore takes no newer one.
SELECT 1;
