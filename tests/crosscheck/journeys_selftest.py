#!/usr/bin/python3
"""Checks paths_check.py, attribution_check.py and lifecycle_check.py on the
worked examples of docs/paths.md, docs/attribution.md and docs/lifecycle.md:
the fixtures are written from the docs' tables, and the expected values are
the docs' hand-computed numbers, so a failure of the generated-data
cross-checks points at touchpoint, not at the Python. The fixtures hold the
edge cases generated data rarely has (events in the same millisecond, a touch
exactly at the window's edge, a cancel and a view at one instant, an
activation exactly 7 x 24 h later).
With a touchpoint binary as argument, each fixture is also ingested and
touchpoint's JSON compared with the Python, value for value.
Usage: journeys_selftest.py [TOUCHPOINT_BINARY]
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

import attribution_check
import lifecycle_check
import paths_check

S, MIN, H, D = 1000, 60_000, 3_600_000, 86_400_000
COLUMNS = ["timestamp", "customer_id", "event", "session_id", "channel", "campaign", "page", "revenue",
           "survey", "score", "device"]
failures = []


def iso(ms):
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def ms_of(text):
    return round(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def write_csv(path, events):
    """events: (customer, ms, event, {column: value}) in stored order."""
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, COLUMNS)
        w.writeheader()
        for cid, ts, event, extra in events:
            w.writerow({"timestamp": iso(ts), "customer_id": cid, "event": event, **extra})


def expect(what, got, want, tol=1e-9):
    ok = (math.isclose(got, want, rel_tol=tol, abs_tol=tol)
          if isinstance(want, float) and isinstance(got, (int, float)) else got == want)
    if not ok:
        failures.append(f"{what}: got {got!r}, doc says {want!r}")


def versus_touchpoint(tp, module, command, csv_path, flags, want, work):
    """Ingests the fixture and compares touchpoint's JSON with the Python."""
    store = os.path.join(work, command + "_store")
    if not os.path.exists(store):
        subprocess.run([tp, "ingest", "--db", store, csv_path, "--quiet"], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([tp, command, "--db", store, *flags, "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    if module.compare(json.loads(out), want, f"touchpoint {command} {' '.join(flags)} (worked example)"):
        failures.append(f"touchpoint {command} {' '.join(flags)} differs from the Python on the worked example")


def paths_example(work, tp):
    t0 = ms_of("2024-03-01T00:00:00Z")
    web, email, ads = {"channel": "web"}, {"channel": "email"}, {"channel": "ads"}
    ev = [("A", t0, "page_view", web), ("A", t0 + 10 * S, "page_view", web),
          ("A", t0 + 20 * S, "add_to_cart", web), ("A", t0 + 30 * S, "purchase", web),
          ("A", t0 + 2 * H, "page_view", email),
          ("A", t0 + 2 * H + MIN, "survey_response", {"survey": "csat", "score": "5"}),
          ("B", t0, "page_view", ads), ("B", t0, "add_to_cart", ads), ("B", t0, "purchase", ads),
          ("C", t0, "page_view", web),
          ("D", t0, "page_view", web), ("D", t0 + MIN, "add_to_cart", web), ("D", t0 + 2 * MIN, "page_view", web),
          ("D", t0 + 3 * MIN, "add_to_cart", web), ("D", t0 + D, "purchase", web),
          ("D", t0 + D + MIN, "survey_response", {"survey": "ces", "score": "6"}),
          ("E", t0, "page_view", email), ("E", t0 + MIN, "survey_response", {"survey": "csat", "score": "2"})]
    path = os.path.join(work, "paths.csv")
    write_csv(path, ev)

    def run(*flags):
        want = paths_check.expected(path, paths_check.parse_flags(list(flags)))
        if tp:
            versus_touchpoint(tp, paths_check, "paths", path, list(flags), json.loads(json.dumps(want)), work)
        return want

    w = run()
    for key, value in {"customers": 5, "journeys": 7, "customers_with_path": 5, "paths_counted": 7}.items():
        expect(f"paths {key}", w[key], value)
    table = [(p["path"], p["paths"], p["customers"], p["share_of_customers"], p["converted"]) for p in w["top_paths"]]
    expect("paths top paths", table, [
        (["page_view", "add_to_cart", "purchase"], 2, 2, 40.0, 0), (["page_view", "survey_response"], 2, 2, 40.0, 0),
        (["page_view"], 1, 1, 20.0, 0), (["page_view", "add_to_cart", "page_view", "add_to_cart"], 1, 1, 20.0, 1),
        (["purchase", "survey_response"], 1, 1, 20.0, 0)])
    expect("paths Wilson of 1/1, low", round(w["top_paths"][3]["conversion_after_ci95"][0], 1), 20.7)
    tr = w["transitions"]
    expect("paths page_view -> add_to_cart", (tr["page_view -> add_to_cart"]["count"],
                                             round(tr["page_view -> add_to_cart"]["share"], 1)), (4, 57.1))
    expect("paths page_view -> survey_response", tr["page_view -> survey_response"]["count"], 2)
    expect("paths page_view -> (exit)", tr["page_view -> (exit)"]["count"], 1)
    expect("paths mean time page_view -> add_to_cart", tr["page_view -> add_to_cart"]["mean_time_s"], 32.5)
    expect("paths (start) rows", (tr["(start) -> page_view"]["count"], tr["(start) -> purchase"]["count"]), (6, 1))
    tps = {t["touchpoint"]: t for t in w["touchpoints"]}
    pv, cart = tps["page_view"], tps["add_to_cart"]
    expect("paths page_view row", [pv[k] for k in ("events", "customers", "journeys", "entries", "exits",
                                                   "converted_after", "conversion_after", "csat", "csat_answers",
                                                   "ces", "ces_answers", "ces_ci95")],
           [8, 5, 6, 6, 1, 3, 60.0, 50.0, 2, 6.0, 1, [6.0, 6.0]])
    expect("paths page_view exit rate", round(pv["exit_rate"], 1), 16.7)
    expect("paths add_to_cart row", (cart["events"], cart["customers"], cart["conversion_after"],
                                     cart["exit_rate"]), (4, 3, 100.0, 100 / 3))
    expect("paths exits", {k: (v["exits"], v["journeys"]) for k, v in w["exits"].items()},
           {"survey_response": (3, 3), "purchase": (2, 3), "page_view": (1, 6), "add_to_cart": (1, 3)})
    expect("paths sankey nodes", [n["name"] for n in w["sankey"]["nodes"]],
           ["1: page_view", "2: add_to_cart", "3: purchase", "4: (exit)", "2: survey_response", "3: (exit)",
            "2: (exit)", "3: page_view", "4: add_to_cart", "5: (exit)", "1: purchase"])
    expect("paths sankey 1 -> 2 link", w["sankey_links"]["1: page_view -> 2: add_to_cart"], 3)
    expect("paths funnel chart", [s["customers"] for s in w["funnel_chart"]], [5, 3, 2])

    w = run("--start", "add_to_cart")
    top = {tuple(p["path"]): p for p in w["top_paths"]}
    expect("paths --start add_to_cart > purchase",
           (top[("add_to_cart", "purchase")]["customers"], round(top[("add_to_cart", "purchase")]["share_of_customers"], 1)),
           (2, 66.7))
    expect("paths --start D converted", top[("add_to_cart", "page_view", "add_to_cart")]["converted"], 1)
    w = run("--end", "purchase", "--depth", "2")
    expect("paths --end purchase", [(p["path"], p["paths"]) for p in w["top_paths"]],
           [(["add_to_cart", "purchase"], 2), (["purchase"], 1)])
    expect("paths --end aligned", "2: purchase" in [n["name"] for n in w["sankey"]["nodes"]], True)
    w = run("--scope", "customer")
    ended = {tuple(p["path"]): p["ended"] for p in w["top_paths"]}
    expect("paths --scope customer", (w["journeys"], ended.get(("page_view", "add_to_cart", "page_view",
                                                                "add_to_cart", "purchase"))), (5, 0))
    w = run("--touchpoint", "channel", "--scope", "customer")
    expect("paths --touchpoint channel", sorted((tuple(p["path"]), p["paths"]) for p in w["top_paths"]),
           [(("ads",), 1), (("email",), 1), (("web",), 2), (("web", "email"), 1)])
    w = run("--session-timeout", "3h")
    expect("paths --session-timeout 3h journeys", w["journeys"], 6)


def attribution_example(work, tp):
    t = ms_of("2024-03-01T00:00:00Z")

    def ch(name, revenue=None):
        out = {"channel": name} if name else {}
        if revenue is not None:
            out["revenue"] = str(revenue)
        return out

    ev = [("A", t - 7 * D, "click", ch("ads")), ("A", t - 7 * D + S, "page_view", ch("web")),
          ("A", t, "purchase", ch(None, 100)), ("A", t, "email_click", ch("email")),
          ("B", t - 28 * D - 1, "page_view", ch("social")), ("B", t - 28 * D, "click", ch("search")),
          ("B", t - 14 * D, "page_view", ch("web")), ("B", t, "purchase", ch(None, 50)),
          ("B", t + 30 * MIN, "page_view", ch("email")), ("B", t + 59 * MIN, "click", ch("ads")),
          ("B", t + H, "purchase", ch(None, 30)), ("B", t + 2 * H, "purchase", ch(None, 20)),
          ("B", t + 5 * D, "page_view", ch("social")),
          ("C", t, "purchase", ch(None)),
          ("D", t - D - MIN, "impression", ch("ads")), ("D", t - D, "page_view", ch("web")),
          ("E", t - 3 * D, "click", ch("ads")), ("E", t - 2 * D, "email_click", ch("email")),
          ("E", t - D, "click", ch("ads")),
          ("F", t - 14 * D, "page_view", ch("search")), ("F", t - 7 * D, "click", ch("ads")),
          ("F", t, "email_click", ch("email")), ("F", t, "purchase", ch(None, 10))]
    path = os.path.join(work, "attribution.csv")
    write_csv(path, ev)
    flags = ["--window", "28d"]
    w = attribution_check.expected(path, attribution_check.parse_flags(flags))
    if tp:
        versus_touchpoint(tp, attribution_check, "attribution", path, flags, json.loads(json.dumps(w)), work)
    expect("attribution totals", (w["conversions"], w["revenue"]), (6, 210.0))
    expect("attribution unattributed", (w["unattributed"]["conversions"], w["unattributed"]["revenue"]), (2, 20.0))
    expect("attribution attributed", (w["attributed"]["conversions"], w["attributed"]["revenue"]), (4, 190.0))
    doc = {"ads": [130, 30, 50 + 30 + 10 / 3, 100 / 3 + 30 + 20 / 7, 82, 190 * 60 / 149, 3 / 4],
           "email": [0, 110, 50 + 10 / 3, 200 / 3 + 40 / 7, 54, 190 * 44 / 149, 11 / 20],
           "search": [60, 0, 25 + 10 / 3, 10 + 10 / 7, 29, 190 * 25 / 149, 5 / 16],
           "web": [0, 50, 25, 40, 25, 190 * 20 / 149, 1 / 4],
           "social": [0, 0, 0, 0, 0, 0, 0]}
    keys = attribution_check.MODELS + ["markov", "removal_effect"]
    for channel, values in doc.items():
        row = w["channels"].get(channel)
        if row is None:
            failures.append(f"attribution: no {channel} row")
            continue
        for key, value in zip(keys, values):
            expect(f"attribution {channel} {key}", row[key], float(value))
    expect("attribution P", w["markov"]["conversion_probability"], 4 / 7)


def lifecycle_example(work, tp):
    def at(text):
        return ms_of(text if "T" in text else text + "T12:00:00Z")

    pv = "page_view"
    ev = []
    for day in ["01-05", "01-06", "01-07", "02-05", "02-06", "02-07", "02-08", "03-05", "03-06", "03-07", "03-08",
                "04-05", "04-06"]:
        ev.append(("A", at("2024-" + day), pv, {}))
    ev.append(("A", at("2024-05-05"), "impression", {}))
    ev += [("B", at("2024-01-10"), "purchase", {}), ("B", at("2024-01-10"), "purchase", {}),
           ("B", at("2024-02-10"), pv, {}),
           ("B", at("2024-03-10"), "survey_response", {"survey": "nps", "score": "10"}),
           ("B", at("2024-04-10"), pv, {}),
           ("B", at("2024-05-10"), "survey_response", {"survey": "nps", "score": "3"}),
           ("C", at("2024-02-20"), pv, {}),
           ("D", at("2024-01-02"), pv, {}), ("D", at("2024-05-10"), pv, {}), ("D", at("2024-06-10"), "share", {}),
           ("D", at("2024-07-01"), pv, {}),
           # The view is stored after the cancel, at the same instant: not "after" it.
           ("E", at("2024-03-01"), "subscription_start", {}), ("E", at("2024-04-05"), "subscription_cancel", {}),
           ("E", at("2024-04-05"), pv, {}), ("E", at("2024-06-02"), pv, {}),
           ("F", at("2024-01-20T00:00:00Z"), "signup", {}), ("F", at("2024-01-27T00:00:00Z"), "activation", {}),
           ("G", at("2024-01-21T00:00:00Z"), "signup", {}),
           ("G", at("2024-01-28T00:00:00.001Z"), "activation", {}),
           ("H", at("2023-12-15"), pv, {}), ("H", at("2024-01-03"), pv, {}), ("H", at("2024-02-03"), pv, {}),
           ("I", at("2024-01-15"), "impression", {}), ("I", at("2024-02-15"), "impression", {})]
    path = os.path.join(work, "lifecycle.csv")
    write_csv(path, ev)
    config = os.path.join(work, "inactive.toml")
    with open(config, "w") as f:
        f.write('[metrics]\ninactive_events = ["impression"]\n')
    flags = ["--from", "2024-01-01", "--to", "2024-09-01", "--config", config]
    w = lifecycle_check.expected(path, lifecycle_check.parse_flags(flags))
    if tp:
        versus_touchpoint(tp, lifecycle_check, "lifecycle", path, flags, json.loads(json.dumps(w)), work)
    doc = {"2024-01": [5, 0, 1, 0, 0, 0, 0], "2024-02": [1, 0, 1, 2, 0, 3, 0], "2024-03": [1, 0, 0, 1, 1, 5, 0],
           "2024-04": [0, 0, 0, 0, 1, 3, 4], "2024-05": [0, 1, 0, 1, 0, 1, 5], "2024-06": [0, 1, 0, 0, 1, 2, 4],
           "2024-07": [0, 0, 0, 1, 0, 2, 5], "2024-08": [0, 0, 0, 0, 0, 2, 6]}
    got = {p["period"]: [p["counts"][s] for s in lifecycle_check.STAGES] for p in w["periods"]}
    expect("lifecycle stage counts", got, doc)
    total = w["movements_total"]
    expect("lifecycle movements", [total["lost"]["lost"], total["at_risk"]["lost"], total["loyal"]["at_risk"],
                                   total["lost"]["reactivated"], total["advocate"]["loyal"]], [16, 7, 4, 2, 2])
    jan = w["periods"][0]
    expect("lifecycle January activation", (jan["activation"]["signups"], jan["activation"]["activated"],
                                            jan["activation"]["rate"]), (5, 1, 20.0))
    expect("lifecycle January Wilson", [round(x, 2) for x in jan["activation"]["ci95"]], [3.62, 62.45])
    expect("lifecycle January stickiness", (jan["active"], jan["dau"] * 31, round(jan["stickiness"], 2)),
           (6, 10.0, 5.38))
    expect("lifecycle April lost share", w["periods"][3]["percent"]["lost"], 50.0)


def main():
    tp = sys.argv[1] if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as work:
        paths_example(work, tp)
        attribution_example(work, tp)
        lifecycle_example(work, tp)
    for f in failures:
        print("FAIL", f)
    print(f"worked examples: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
