#!/usr/bin/python3
"""Whether a peer's answer agrees with touchpoint's, for the benchmark report.

  check_funnel_retention_paths.py funnel TOUCHPOINT.json PEER.json
      customers per step (touchpoint funnel --format json vs duckdb_funnel.mjs /
      clickhouse_funnel.sh)
  check_funnel_retention_paths.py retention TOUCHPOINT.json PEER.json
      every cohort's size, retained[], complete_periods exactly; percent[],
      revenue[] and average[] within 1e-9 relative (duckdb_retention.mjs prints
      touchpoint's shape; clickhouse_retention.sh's one JSONEachRow line is
      converted)
  check_funnel_retention_paths.py paths TOUCHPOINT.json PEER.json
      the top paths with their sessions and customers (touchpoint paths
      --no-collapse --format json vs duckdb_paths.mjs / clickhouse_paths.sh)
Prints one line: "agree (N values)" or "differ in K of N values: first few".
Always exits 0 (a disagreement is a finding for the report, not a crash).
"""
import json
import math
import sys


def close(a, b):
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        na = a is None or (isinstance(a, float) and math.isnan(a))
        nb = b is None or (isinstance(b, float) and math.isnan(b))
        return na and nb
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def funnel(tp, peer):
    got = [s["customers"] for s in tp["steps"]]
    want = [s["customers"] for s in peer["steps"]]
    out = []
    if len(got) != len(want):
        return [f"{len(got)} steps vs {len(want)}"], 1
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            out.append(f"steps[{i + 1}].customers: touchpoint {g}, peer {w}")
    return out, len(want)


def peer_cohorts(peer):
    if "cohorts" in peer and peer["cohorts"] and isinstance(peer["cohorts"][0], list):  # ClickHouse tuples
        names = ["cohort", "size", "retained", "percent", "revenue", "complete_periods"]
        peer = {"cohorts": [dict(zip(names, c)) for c in peer["cohorts"]], "average": peer["average"]}
    return peer


def retention(tp, peer):
    peer = peer_cohorts(peer)
    out, n = [], 0
    mine = {c["cohort"]: c for c in tp["cohorts"]}
    if len(mine) != len(peer["cohorts"]):
        out.append(f"{len(mine)} cohorts vs {len(peer['cohorts'])}")
    for c in peer["cohorts"]:
        t = mine.get(c["cohort"])
        if t is None:
            out.append(f"cohort {c['cohort']} missing")
            continue
        for field in ("size", "complete_periods"):
            n += 1
            if t[field] != c[field]:
                out.append(f"{c['cohort']}.{field}: touchpoint {t[field]}, peer {c[field]}")
        for field in ("retained", "percent", "revenue"):
            if len(t[field]) != len(c[field]):
                out.append(f"{c['cohort']}.{field}: {len(t[field])} entries vs {len(c[field])}")
                continue
            for k, (a, b) in enumerate(zip(t[field], c[field])):
                n += 1
                if not (a == b if field == "retained" else close(a, b)):
                    out.append(f"{c['cohort']}.{field}[{k}]: touchpoint {a}, peer {b}")
    for k, (a, b) in enumerate(zip(tp["average"], peer["average"])):
        n += 1
        if not close(a, b):
            out.append(f"average[{k}]: touchpoint {a}, peer {b}")
    return out, n


def paths(tp, peer):
    got = {",".join(p["path"]): (p["paths"], p["customers"]) for p in tp["top_paths"]}
    out, n = [], 0
    for p in peer["paths"]:
        n += 2
        g = got.get(p["path"])
        if g is None:
            out.append(f"{p['path']}: not in touchpoint's top {len(got)}")
        elif g != (p["sessions"], p["customers"]):
            out.append(f"{p['path']}: touchpoint {g[0]} sessions / {g[1]} customers, peer {p['sessions']} / {p['customers']}")
    return out, n


def main(kind, tp_path, peer_path):
    try:
        tp = json.load(open(tp_path))
        peer = json.load(open(peer_path))
    except (OSError, ValueError) as e:
        print(f"no answer to compare ({e.__class__.__name__})")
        return 0
    bad, n = {"funnel": funnel, "retention": retention, "paths": paths}[kind](tp, peer)
    if not bad:
        print(f"agree ({n} values)")
    else:
        more = f"; ... {len(bad) - 2} more" if len(bad) > 2 else ""
        fields = {}
        for line in bad:  # "2024-W01.revenue[3]: ..." -> revenue
            head = line.split(":")[0]
            field = head.split(".")[-1].split("[")[0] if "." in head else kind
            fields[field] = fields.get(field, 0) + 1
        which = ", ".join(f"{f} {c}" for f, c in sorted(fields.items()))
        print(f"differ in {len(bad)} of {n} values ({which}): " + "; ".join(bad[:2]) + more)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
