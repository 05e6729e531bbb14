-- How sure the extractor was that a source's quote states its fact (0 to
-- 1), and the cue it read, for facts it proposed: the review page orders
-- by it and shows it beside the quote. Sources a person or a dataset gave
-- have none. Keep in step with the other backend's 0014_source_confidence.sql.
ALTER TABLE fact_sources ADD COLUMN confidence REAL;
ALTER TABLE fact_sources ADD COLUMN cue TEXT;
