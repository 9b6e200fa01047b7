#!/usr/bin/python3
"""Compares a touchpoint JSON report with an independent computation's JSON.

Every value the expected (pandas) side has must be in the touchpoint side:
integers and strings exactly, other numbers within a relative 1e-9 (absolute
1e-9 near zero; touchpoint prints 15 significant digits), null only with null.
Lists must have the same length; lists of objects are matched by their "key"
or "cohort" field when they have one, so --by groups and cohorts may come in
any order. Keys only touchpoint has (range, scanned_events) are not compared.
Exits 1 listing every difference. Usage: compare_json.py TOUCHPOINT.json EXPECTED.json
"""
import json
import math
import sys

REL = ABS = 1e-9


def id_field(items):
    for field in ("key", "cohort"):
        if items and all(isinstance(x, dict) and field in x for x in items):
            return field
    return None


def compare(got, want, path, bad, counter):
    if isinstance(want, dict):
        if not isinstance(got, dict):
            bad.append(f"{path}: touchpoint {got!r}, expected an object")
            return
        for key, value in want.items():
            if key not in got:
                bad.append(f"{path}.{key}: missing in touchpoint")
                continue
            compare(got[key], value, f"{path}.{key}", bad, counter)
        return
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            n = len(got) if isinstance(got, list) else got
            bad.append(f"{path}: touchpoint has {n} entries, expected {len(want)}")
            return
        field = id_field(want)
        if field and id_field(got) == field:
            by_id = {x[field]: x for x in got}
            for w in want:
                g = by_id.get(w[field])
                if g is None:
                    bad.append(f"{path}[{field}={w[field]!r}]: missing in touchpoint")
                else:
                    compare(g, w, f"{path}[{w[field]}]", bad, counter)
            return
        for i, (g, w) in enumerate(zip(got, want)):
            compare(g, w, f"{path}[{i}]", bad, counter)
        return
    counter[0] += 1
    if want is None or got is None:
        ok = want is None and got is None
    elif isinstance(want, (str, bool)) or isinstance(got, (str, bool)):
        ok = got == want
    elif isinstance(want, int) and isinstance(got, int):
        ok = got == want
    else:
        ok = math.isclose(float(got), float(want), rel_tol=REL, abs_tol=ABS)
    if not ok:
        bad.append(f"{path}: touchpoint {got!r}, expected {want!r}")


def main(tp_path, want_path):
    got = json.load(open(tp_path))
    want = json.load(open(want_path))
    bad, counter = [], [0]
    compare(got, want, "", bad, counter)
    for line in bad[:60]:
        print("MISMATCH", line)
    if len(bad) > 60:
        print(f"... and {len(bad) - 60} more")
    print(f"{counter[0]} values compared, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
