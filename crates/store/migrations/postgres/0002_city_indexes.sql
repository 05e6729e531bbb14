-- "Facts about a city" filters on either of a fact's two city columns, for
-- current facts and for facts as known on a past date. The planners do not
-- combine partial indexes under an OR, so the city indexes become plain ones.
DROP INDEX facts_current_city;
DROP INDEX facts_current_other;
CREATE INDEX facts_city ON facts (city_key, kind);
CREATE INDEX facts_other ON facts (other_key);
