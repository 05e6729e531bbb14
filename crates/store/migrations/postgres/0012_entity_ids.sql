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
-- Keep in step with ../sqlite/0012_entity_ids.sql.
ALTER TABLE cities ADD COLUMN id BIGINT;
UPDATE cities SET id = n.id FROM (SELECT key, row_number() OVER (ORDER BY key) AS id FROM cities) AS n WHERE n.key = cities.key;
ALTER TABLE cities ADD CONSTRAINT cities_id UNIQUE (id);
ALTER TABLE networks ADD COLUMN id BIGINT;
UPDATE networks SET id = n.id FROM (SELECT key, row_number() OVER (ORDER BY key) AS id FROM networks) AS n WHERE n.key = networks.key;
ALTER TABLE networks ADD CONSTRAINT networks_id UNIQUE (id);
-- The indexes that change go first, and the foreign keys come after the
-- ids: the update then maintains four indexes instead of eight, and checks
-- no reference row by row (at full size it took 406 s so).
DROP INDEX facts_city;
DROP INDEX facts_other;
DROP INDEX facts_current_network;
DROP INDEX facts_members;
ALTER TABLE facts ADD COLUMN city_id BIGINT, ADD COLUMN other_id BIGINT, ADD COLUMN network_id BIGINT;
UPDATE facts SET city_id = x.city, other_id = x.other, network_id = x.network
    FROM (SELECT f.id, c.id AS city, o.id AS other, n.id AS network FROM facts f
          LEFT JOIN cities c ON c.key = f.city_key LEFT JOIN cities o ON o.key = f.other_key
          LEFT JOIN networks n ON n.key = f.network_key
          WHERE f.city_key IS NOT NULL OR f.other_key IS NOT NULL OR f.network_key IS NOT NULL) AS x
    WHERE x.id = facts.id;
ALTER TABLE facts ADD CONSTRAINT facts_city_id_fkey FOREIGN KEY (city_id) REFERENCES cities (id),
    ADD CONSTRAINT facts_other_id_fkey FOREIGN KEY (other_id) REFERENCES cities (id),
    ADD CONSTRAINT facts_network_id_fkey FOREIGN KEY (network_id) REFERENCES networks (id);
CREATE INDEX facts_city ON facts (city_id, kind);
CREATE INDEX facts_other ON facts (other_id) WHERE other_id IS NOT NULL;
CREATE INDEX facts_current_network ON facts (network_id, kind, lo, hi)
    WHERE superseded_at IS NULL AND network_id IS NOT NULL;
CREATE INDEX facts_members ON facts (network_id, city_key, lo, hi)
    WHERE superseded_at IS NULL AND status = 'accepted' AND kind IN ('membership', 'designation');
