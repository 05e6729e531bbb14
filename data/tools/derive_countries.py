#!/usr/bin/env python3
"""Derive data/countries/countries.csv from mledoze/countries dist/countries.json.

Standard library only. Usage (from the repository root):

    python3 data/tools/derive_countries.py PATH/TO/mledoze/dist/countries.json \
        > data/countries/countries.csv

Columns: iso_a2,iso_a3,name_en,name_it,name_fr,name_es,name_de,alt_names,
region,subregion,lat,lng. One row per country, sorted by iso_a2, RFC 4180
quoting (CRLF line ends, fields quoted only when needed).

alt_names joins with "|": the official names in English, Italian, French,
Spanish and German, the common names of name.native, and altSpellings, in that
order, without duplicates (exact match, first occurrence kept) and without the
country's own codes (cca2, cca3, ccn3, cioc).

Source data: mledoze/countries, ODbL-1.0. The output is a derived database
under ODbL-1.0 as well (attribution + share-alike).
"""
import csv
import json
import sys

LANGS = [("ita", "it"), ("fra", "fr"), ("spa", "es"), ("deu", "de")]
COLUMNS = ["iso_a2", "iso_a3", "name_en", "name_it", "name_fr", "name_es",
           "name_de", "alt_names", "region", "subregion", "lat", "lng"]


def num(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def row(c):
    name = c["name"]
    tr = c.get("translations", {})
    codes = {c.get(k) for k in ("cca2", "cca3", "ccn3", "cioc")} - {None, ""}
    cands = [name.get("official", "")]
    cands += [tr.get(code, {}).get("official", "") for code, _ in LANGS]
    cands += [v.get("common", "") for v in name.get("native", {}).values()]
    cands += c.get("altSpellings", [])
    alts, seen = [], set()
    for a in cands:
        a = (a or "").strip()
        if not a or a in seen or a in codes:
            continue
        seen.add(a)
        alts.append(a)
    latlng = c.get("latlng") or [None, None]
    out = {
        "iso_a2": c["cca2"],
        "iso_a3": c["cca3"],
        "name_en": name["common"],
        "alt_names": "|".join(alts),
        "region": c.get("region", ""),
        "subregion": c.get("subregion", ""),
        "lat": num(latlng[0]),
        "lng": num(latlng[1]),
    }
    for code, col in LANGS:
        out["name_" + col] = tr.get(code, {}).get("common", "")
    return out


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: derive_countries.py MLEDOZE_COUNTRIES_JSON > countries.csv\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        data = json.load(f)
    rows = sorted((row(c) for c in data), key=lambda r: r["iso_a2"])
    sys.stdout.reconfigure(encoding="utf-8", newline="")
    w = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\r\n",
                       quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    w.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
