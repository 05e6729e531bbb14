-- The registry: reference entities, documents, and facts with their sources.
-- Keep in step with ../postgres/0001_registry.sql: same tables, same columns.

CREATE TABLE countries (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    names     TEXT NOT NULL DEFAULT '[]',
    region    TEXT,
    subregion TEXT
);

CREATE TABLE cities (
    key          TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    country      TEXT NOT NULL,
    lat          DOUBLE PRECISION,
    lon          DOUBLE PRECISION,
    population   BIGINT,
    geonames_id  BIGINT,
    wikidata_id  TEXT,
    names        TEXT NOT NULL DEFAULT '[]',
    search_names TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cities_country ON cities (country);

CREATE TABLE networks (
    key     TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    parent  TEXT REFERENCES networks (key),
    aliases TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE bodies (
    network  TEXT NOT NULL REFERENCES networks (key),
    key      TEXT NOT NULL,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    aliases  TEXT NOT NULL DEFAULT '[]',
    position BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (network, key)
);

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    title        TEXT,
    url          TEXT,
    language     TEXT,
    published    TEXT,
    text         TEXT,
    content_hash TEXT,
    added_at     TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents (content_hash);

-- One row per version of a fact. A correction or review inserts a new
-- version and closes the old one (superseded_at, successor); rows are never
-- updated otherwise, and never deleted.
CREATE TABLE facts (
    id            INTEGER PRIMARY KEY,
    lineage       BIGINT NOT NULL,
    kind          TEXT NOT NULL,
    body          TEXT NOT NULL,
    status        TEXT NOT NULL,
    identity      TEXT NOT NULL,
    city_key      TEXT REFERENCES cities (key),
    other_key     TEXT REFERENCES cities (key),
    network_key   TEXT REFERENCES networks (key),
    body_key      TEXT,
    lo            BIGINT NOT NULL,
    hi            BIGINT NOT NULL,
    recorded_at   TEXT NOT NULL,
    superseded_at TEXT,
    supersedes    BIGINT REFERENCES facts (id),
    successor     BIGINT REFERENCES facts (id),
    comment       TEXT
);
CREATE INDEX facts_current_network ON facts (network_key, kind, lo, hi) WHERE superseded_at IS NULL;
CREATE INDEX facts_current_city ON facts (city_key, kind) WHERE superseded_at IS NULL;
CREATE INDEX facts_current_other ON facts (other_key) WHERE superseded_at IS NULL;
CREATE INDEX facts_current_identity ON facts (identity) WHERE superseded_at IS NULL;
CREATE INDEX facts_current_status ON facts (status, kind) WHERE superseded_at IS NULL;
CREATE INDEX facts_lineage ON facts (lineage);

CREATE TABLE fact_sources (
    fact_id     BIGINT NOT NULL REFERENCES facts (id),
    document_id BIGINT NOT NULL REFERENCES documents (id),
    quote       TEXT,
    span_start  BIGINT,
    span_end    BIGINT,
    added_at    TEXT NOT NULL,
    PRIMARY KEY (fact_id, document_id)
);
CREATE INDEX fact_sources_document ON fact_sources (document_id);
