-- A lineage's first version has the lineage's own id, and most lineages
-- have no other version: the index of lineages holds only the later
-- versions, and a history finds the first by its id (`SqlStore::history`).
-- A load of 5 million facts built the whole index in 0.9 s.
-- Keep in step with ../postgres/0006_lineage_index.sql.
DROP INDEX facts_lineage;
CREATE INDEX facts_lineage ON facts (lineage) WHERE lineage <> id;
