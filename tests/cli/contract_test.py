#!/usr/bin/env python3
"""The analysis contract (issue 10), tried on every analysis through the CLI
as a user would: a typo in each kind of name is exit 2 with a suggestion;
table, json and csv all work, the CSV loads in pandas as a tidy table with
the --by columns named; the same --from/--to/--tz are the same instants in
every analysis; every JSON answer starts with the complete header; and
`lifecycle --save stage` then `metrics --by derived:stage` partitions the
customers.

Usage: contract_test.py TOUCHPOINT_BINARY
"""
import io
import json
import subprocess
import sys
import tempfile

import pandas as pd

TP = sys.argv[1]
FAILURES = []

# Each analysis with the arguments it needs, a parameter that names an event
# (None when it has none), whether it takes a --by cut, and whether the
# demo data can answer it (recommend needs a product or item property).
ANALYSES = {
    "metrics": ([], "--conversion", True, True),
    "funnel": (["--steps", "page_view,add_to_cart,purchase"], "--steps", True, True),
    "retention": (["--period", "month"], "--return", True, True),
    "paths": (["--depth", "3"], "--conversion", True, True),
    "attribution": ([], "--conversion", True, True),
    "lifecycle": ([], "--activation", True, True),
    "clv": ([], None, False, True),
    "churn": ([], None, False, True),
    "segments": ([], None, False, True),
    "recommend": ([], None, False, False),
    "feedback": ([], None, False, True),
}
HEADER = ["analysis", "range", "definitions", "inactive_events", "by", "where", "scanned_events", "stale_derived", "notes", "seconds"]


def run(*args):
    p = subprocess.run([TP, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what)


def expect_usage(args, needle, what):
    code, _, err = run(*args)
    check(code == 2, f"{what}: exit 2, got {code} ({err.strip()})")
    check(needle in err, f"{what}: message has {needle!r}: {err.strip()}")


def main():
    work = tempfile.mkdtemp()
    store = f"{work}/s"
    code, _, err = run("generate", "--events", "30000", "--seed", "4", "--out", f"{work}/e.csv")
    assert code == 0, err
    code, _, err = run("ingest", "--db", store, f"{work}/e.csv", "--quiet")
    assert code == 0, err

    for name, (args, event_param, cuts, answers) in ANALYSES.items():
        base = [name, "--db", store, *args]
        # A typo in each kind of name: event, column, property, derived
        # column; each names the parameter and the nearest known name.
        if name == "funnel":
            expect_usage([name, "--db", store, "--steps", "page_veiw,purchase"], "did you mean 'page_view'",
                         f"{name}: event typo in --steps")
        elif event_param:
            typo = "purchse" if event_param != "--activation" else "activaton"
            right = "purchase" if event_param != "--activation" else "activation"
            expect_usage(base + [event_param, typo], f"did you mean '{right}'", f"{name}: event typo in {event_param}")
        expect_usage(base + ["--where", "chanel = 'web'"], "did you mean 'channel'", f"{name}: column typo in --where")
        expect_usage(base + ["--where", "event = 'purchse'"], "did you mean 'purchase'", f"{name}: event typo in --where")
        expect_usage(base + ["--where", "devce = 'mobile'"], "did you mean 'device'", f"{name}: property typo")
        if cuts:
            expect_usage(base + ["--by", "chanel"], "did you mean 'channel'", f"{name}: column typo in --by")
            expect_usage(base + ["--by", "derived:segmnt"], "unknown derived column", f"{name}: derived column typo")
        else:
            expect_usage(base + ["--by", "channel"], "--by is not supported", f"{name}: --by refused")
        expect_usage(base + ["--wher", "x = 1"], "did you mean '--where'", f"{name}: flag typo")
        expect_usage(base + ["--from", "2024-02-31"], "--from", f"{name}: bad date")
        expect_usage(base + ["--format", "xml"], "--format", f"{name}: bad format")

        if not answers:
            continue
        # Every format; the same range in the same zone.
        rng = ["--from", "2024-03", "--to", "2024-09", "--tz", "Europe/Berlin"]
        code, out, err = run(*base, *rng, "--format", "json")
        check(code == 0, f"{name} --format json: {err.strip()}")
        d = json.loads(out)
        check(list(d)[:len(HEADER)] == HEADER, f"{name}: the JSON starts with the header, got {list(d)[:9]}")
        check(d["analysis"] == name, f"{name}: header names the analysis")
        check(d["range"] == {"from": "2024-02-29T23:00:00.000Z", "to": "2024-08-31T22:00:00.000Z",
                             "tz": "Europe/Berlin"} or name == "lifecycle" and d["range"]["to"] == "2024-08-31T22:00:00.000Z",
              f"{name}: the same --from/--to/--tz are the same instants: {d['range']}")
        code, out, err = run(*base, *rng, "--format", "csv", *(["--by", "channel"] if cuts else []))
        check(code == 0, f"{name} --format csv: {err.strip()}")
        df = pd.read_csv(io.StringIO(out))
        check(len(df) > 0 and {"measure", "value", "unit"} <= set(df.columns), f"{name}: tidy CSV columns {list(df.columns)}")
        if cuts and name != "attribution":  # its --by is the dimension of its rows, not a cut
            check("channel" in df.columns, f"{name}: the --by column is named by its real name")
        check(pd.api.types.is_numeric_dtype(df["value"]) or name in ("paths",),
              f"{name}: values load as numbers ({df['value'].dtype})")
        code, out, err = run(*base, *rng)
        check(code == 0 and out.count("\n") > 3, f"{name} --format table: {err.strip()}")
        check(max(len(line) for line in out.splitlines()) <= 100, f"{name}: the table fits 100 columns")

    # --save: each customer in exactly one group of the saved column.
    code, _, err = run("lifecycle", "--db", store, "--save", "stage")
    check(code == 0, f"lifecycle --save: {err.strip()}")
    code, out, err = run("metrics", "--db", store, "--by", "derived:stage", "--format", "json")
    check(code == 0, f"metrics --by derived:stage: {err.strip()}")
    d = json.loads(out)
    total = d["metrics"]["customers"]["value"]
    parts = sum(g["metrics"]["customers"]["value"] for g in d["groups"])
    check(total > 0 and parts == total, f"--by derived:stage partitions the customers: {parts} vs {total}")
    # Customers known only by impressions (inactive events) have no stage:
    # their events form the "" group, with no active customer in it.
    check(all(g["key"] in ("new", "reactivated", "engaged", "loyal", "advocate", "at_risk", "lost")
              or (g["key"] == "" and g["metrics"]["customers"]["value"] == 0)
              for g in d["groups"]), f"the groups are stages: {[g['key'] for g in d['groups']]}")
    code, out, _ = run("derived", "--db", store)
    check("lifecycle" in out and "fresh" in out, f"derived lists what wrote the column: {out}")

    # Predictions saved per customer cut the other analyses too.
    code, _, err = run("segments", "--db", store, "--save", "rfm")
    check(code == 0, f"segments --save: {err.strip()}")
    code, out, err = run("metrics", "--db", store, "--by", "derived:rfm", "--format", "json")
    d = json.loads(out) if code == 0 else {"metrics": {"customers": {"value": 0}}, "groups": []}
    segmented = sum(g["metrics"]["customers"]["value"] for g in d["groups"] if g["key"])
    check(code == 0 and segmented > 0, f"metrics --by derived:rfm: {err.strip()}")

    # A mistyped command.
    code, _, err = run("metrcs", "--db", store)
    check(code == 2 and "did you mean 'metrics'" in err, f"a mistyped command: {code} {err.strip()}")

    print(f"contract: {len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
