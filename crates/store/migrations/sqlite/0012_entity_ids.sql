-- Cities and networks get integer ids, and a fact names its cities and
-- network by id beside their keys: the indexes that find a city's or a
-- network's facts lead with the id. PostgreSQL sorts an integer by its
-- integer sort where it compared keys as whole texts (the synthetic
-- world's network keys share their first 8 bytes, which is what it sorts
-- a text by first): a full-size load built the city's, network's and
-- members' indexes in 6.9 s instead of 10.3 (see docs/performance.md,
-- session 14). The keys stay in facts, and are what a fact is read with;
-- the writer sets both from one lookup (an id names the key's row). The
-- members' index keeps the city's key after the network's id: the member
-- cities of a network are read from it alone, by key (a page of members
-- took twice as long when they were read from the table), for 0.2 s more
-- of a full-size load.
-- Ids are kept by the writer under its lock, as fact ids are.
-- Keep in step with ../postgres/0012_entity_ids.sql. (SQLite adds a unique
-- index where PostgreSQL adds a constraint: a column added to a table
-- cannot be declared unique.)
ALTER TABLE cities ADD COLUMN id BIGINT;
UPDATE cities SET id = n.id FROM (SELECT key, row_number() OVER (ORDER BY key) AS id FROM cities) AS n WHERE n.key = cities.key;
CREATE UNIQUE INDEX cities_id ON cities (id);
ALTER TABLE networks ADD COLUMN id BIGINT;
UPDATE networks SET id = n.id FROM (SELECT key, row_number() OVER (ORDER BY key) AS id FROM networks) AS n WHERE n.key = networks.key;
CREATE UNIQUE INDEX networks_id ON networks (id);
ALTER TABLE facts ADD COLUMN city_id BIGINT REFERENCES cities (id);
ALTER TABLE facts ADD COLUMN other_id BIGINT REFERENCES cities (id);
ALTER TABLE facts ADD COLUMN network_id BIGINT REFERENCES networks (id);
UPDATE facts SET city_id = (SELECT id FROM cities WHERE key = facts.city_key),
    other_id = (SELECT id FROM cities WHERE key = facts.other_key),
    network_id = (SELECT id FROM networks WHERE key = facts.network_key)
    WHERE city_key IS NOT NULL OR other_key IS NOT NULL OR network_key IS NOT NULL;
DROP INDEX facts_city;
CREATE INDEX facts_city ON facts (city_id, kind);
DROP INDEX facts_other;
CREATE INDEX facts_other ON facts (other_id) WHERE other_id IS NOT NULL;
DROP INDEX facts_current_network;
CREATE INDEX facts_current_network ON facts (network_id, kind, lo, hi)
    WHERE superseded_at IS NULL AND network_id IS NOT NULL;
DROP INDEX facts_members;
CREATE INDEX facts_members ON facts (network_id, city_key, lo, hi)
    WHERE superseded_at IS NULL AND status = 'accepted' AND kind IN ('membership', 'designation');
