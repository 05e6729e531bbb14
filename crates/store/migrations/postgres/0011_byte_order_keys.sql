-- Keys and the words of the vocabularies (a fact's kind and status) are
-- compared byte by byte, in the "C" collation, as SQLite compares every
-- text. A database created with a locale (here C.UTF-8) compares text
-- through the C library's strcoll, and sorts it without abbreviated keys:
-- a full-size load built the index of a city's facts in 8.1 s, and builds
-- it in 3.2 s now (docs/performance.md, session 13). Keys are identifiers,
-- never shown sorted to a reader; names keep the database's collation.
-- Lists ordered by key (a network's member cities) now come out in the
-- same order on both databases.
-- The columns keep their type, so no table is rewritten; the indexes on
-- them are built again (12 s for a full-size registry).
-- SQLite needs no counterpart: its texts compare byte by byte already.
ALTER TABLE countries ALTER COLUMN code TYPE TEXT COLLATE "C";
ALTER TABLE cities
    ALTER COLUMN key TYPE TEXT COLLATE "C",
    ALTER COLUMN country TYPE TEXT COLLATE "C";
ALTER TABLE networks
    ALTER COLUMN key TYPE TEXT COLLATE "C",
    ALTER COLUMN parent TYPE TEXT COLLATE "C";
ALTER TABLE bodies
    ALTER COLUMN network TYPE TEXT COLLATE "C",
    ALTER COLUMN key TYPE TEXT COLLATE "C";
ALTER TABLE facts
    ALTER COLUMN kind TYPE TEXT COLLATE "C",
    ALTER COLUMN status TYPE TEXT COLLATE "C",
    ALTER COLUMN city_key TYPE TEXT COLLATE "C",
    ALTER COLUMN other_key TYPE TEXT COLLATE "C",
    ALTER COLUMN network_key TYPE TEXT COLLATE "C",
    ALTER COLUMN body_key TYPE TEXT COLLATE "C";
