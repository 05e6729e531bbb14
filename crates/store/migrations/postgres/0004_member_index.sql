-- Members of a network as of a date, and the member counts of every
-- network: current accepted memberships and designations only, with the
-- columns those reads filter and count on, so that counting reads the index
-- alone. The store writes the kinds and status of these queries as literals
-- (in this order), which is what lets the planners use a partial index.
-- Keep in step with ../sqlite/0004_member_index.sql.
CREATE INDEX facts_members ON facts (network_key, lo, hi, city_key)
    WHERE superseded_at IS NULL AND status = 'accepted' AND kind IN ('membership', 'designation');
