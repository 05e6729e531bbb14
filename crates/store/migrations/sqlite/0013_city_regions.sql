-- A city's first-level division (GeoNames' admin1 name: a region, state or
-- province), which tells namesakes apart: "Córdoba, Andalusia, ES". Cities
-- stored before have none; a write of the city again fills it (the
-- bundled data's upgrade writes every stored city the gazetteer knows).
-- Keep in step with the other backend's 0013_city_regions.sql.
ALTER TABLE cities ADD COLUMN region TEXT;

-- Which version of the bundled data the registry holds (no row: none, or
-- the data of a build before versions): a build with newer bundled data
-- loads it again on open, and the merge adds what the registry lacks.
CREATE TABLE bundled_data (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
