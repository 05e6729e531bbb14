-- Members of a network as of a date, and the member counts of every
-- network: current accepted memberships and designations only, by network
-- and city, with the valid-time bounds, so that counting the distinct
-- member cities of each network reads this index alone and in order. The
-- store writes the kinds and status of these queries as literals (in this
-- order), which is what lets the planners use a partial index.
-- Keep in step with ../sqlite/0004_member_index.sql.
CREATE INDEX facts_members ON facts (network_key, city_key, lo, hi)
    WHERE superseded_at IS NULL AND status = 'accepted' AND kind IN ('membership', 'designation');
