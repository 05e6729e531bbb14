-- A counter that every write transaction moves on (`Writer::start`), in the
-- transaction: an answer derived from the whole registry (the member counts
-- of every network) is kept with the counter it was read under, and reused
-- while the counter stays, by every server of a shared database. Derived
-- state: backups leave it out.
-- Keep in step with ../postgres/0008_registry_version.sql.
CREATE TABLE registry_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO registry_version (id, version) VALUES (1, 0);
