"""Rebuilds data/passwords/common.txt: the common passwords that citynets'
length rule alone would let through.

The source is the list Django ships (django/contrib/auth/common-passwords.txt.gz,
19,640 common passwords, lowercased, compiled by Royce Williams,
https://gist.github.com/roycewilliams/226886fd01572964e1431ac8afc999ce;
BSD-3-Clause). Get it
with

    pip download --no-deps django==5.2 -d /tmp/django
    python3 data/tools/build_common_passwords.py /tmp/django/Django-5.2-py3-none-any.whl

Only the entries of at least 12 characters are kept (citynets refuses
shorter passwords anyway), printable ASCII only (the list has some mangled
non-ASCII entries), sorted, one per line.
"""

import gzip
import io
import sys
import zipfile
from pathlib import Path

MIN_LENGTH = 12
MEMBER = "django/contrib/auth/common-passwords.txt.gz"
OUT = Path(__file__).resolve().parent.parent / "passwords" / "common.txt"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as z:
        raw = gzip.decompress(z.read(MEMBER)).decode("utf-8")
    kept = sorted(
        {
            line.strip()
            for line in io.StringIO(raw)
            if len(line.strip()) >= MIN_LENGTH and line.strip().isascii() and line.strip().isprintable()
        }
    )
    OUT.write_text("".join(p + "\n" for p in kept), encoding="utf-8")
    print(f"{len(kept)} passwords to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
