-- The index of statuses holds only what a reviewer works on: current facts
-- proposed or rejected. Accepted facts, nearly all of a registry, are found
-- by the other indexes (a network's, a city's, the members') and counted in
-- the index of current identities; a load built their entries for nothing
-- (1.7-1.9 s of a full-size load on SQLite). SQLite uses a partial index
-- only for a query that states its condition: queries of proposed or
-- rejected facts state `status <> 'accepted'` too (`UNSETTLED` in
-- src/sql.rs).
-- Keep in step with ../postgres/0010_unsettled_index.sql.
DROP INDEX facts_current_status;
CREATE INDEX facts_unsettled ON facts (status, kind) WHERE superseded_at IS NULL AND status <> 'accepted';
