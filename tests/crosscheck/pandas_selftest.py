#!/usr/bin/python3
"""Checks the independent pandas implementations themselves on hand-computed
fixtures (the worked examples of docs/funnels.md and docs/retention.md plus
edge cases), so a cross-check failure points at touchpoint, not at them.
Usage: pandas_selftest.py   (exits 1 listing every wrong value)
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FAILED = []

# docs/funnels.md example (A-F) plus I (one event) and H (repeated steps).
FUNNEL_CSV = """timestamp,customer_id,event,channel
2024-03-04T10:00:00.000Z,A,page_view,web
2024-03-04T10:00:10.000Z,A,add_to_cart,web
2024-03-04T10:00:20.000Z,A,purchase,web
2024-03-04T10:00:00.000Z,B,add_to_cart,app
2024-03-04T10:00:05.000Z,B,page_view,app
2024-03-04T10:00:10.000Z,B,purchase,app
2024-03-04T10:00:00.000Z,C,page_view,web
2024-03-12T10:00:00.000Z,C,add_to_cart,web
2024-03-04T10:00:00.000Z,D,page_view,web
2024-03-04T10:00:01.000Z,D,page_view,app
2024-03-04T10:00:02.000Z,D,add_to_cart,web
2024-03-04T10:00:03.000Z,D,purchase,web
2024-03-04T10:00:00.000Z,E,page_view,web
2024-03-04T10:00:01.000Z,E,purchase,web
2024-03-04T10:00:02.000Z,E,add_to_cart,web
2024-03-04T10:00:03.000Z,E,purchase,web
2024-03-04T10:00:00.000Z,F,page_view,app
2024-03-04T10:00:00.000Z,F,add_to_cart,app
2024-03-04T10:00:00.000Z,F,purchase,app
2024-03-04T10:00:00.000Z,I,page_view,web
2024-03-01T00:00:00.000Z,H,page_view,web
2024-03-06T00:00:00.000Z,H,page_view,web
2024-03-09T00:00:00.000Z,H,page_view,web
2024-03-10T00:00:00.000Z,H,add_to_cart,web
"""

# docs/retention.md example: W10 = 2024-03-04 .. 03-11, W13 = 03-25 .. 04-01.
RETENTION_CSV = """timestamp,customer_id,event,revenue,channel
2024-03-04T09:00:00.000Z,A,page_view,,web
2024-03-05T09:00:00.000Z,A,subscription_start,5.00,web
2024-03-12T09:00:00.000Z,A,purchase,10.00,web
2024-03-26T09:00:00.000Z,A,page_view,,web
2024-03-06T09:00:00.000Z,B,page_view,,app
2024-03-19T09:00:00.000Z,B,page_view,,app
2024-03-07T09:00:00.000Z,C,page_view,,web
2024-03-08T09:00:00.000Z,C,page_view,,web
2024-03-13T09:00:00.000Z,D,page_view,,web
2024-03-20T09:00:00.000Z,D,page_view,,web
2024-03-27T09:00:00.000Z,E,page_view,,web
"""


def run(script, csv, *flags):
    out = subprocess.run([sys.executable, os.path.join(HERE, script), csv, *flags],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def expect(what, got, want):
    ok = got == want if not isinstance(want, float) else got is not None and abs(got - want) < 1e-9
    if not ok:
        FAILED.append(f"{what}: got {got!r}, want {want!r}")


def steps_field(report, field):
    return [s[field] for s in report["steps"]]


def check_funnels(csv):
    three = "page_view,add_to_cart,purchase"
    o = run("funnel_pandas.py", csv, "--steps", three)
    # A, D, E, F reach all three; H reaches the cart (from its Mar 6 view, 4 days before;
    # from Mar 1 it is too late); B (cart before the view), C (cart after 8 days), I (one
    # event) stop at 1.
    expect("ordered customers", steps_field(o, "customers"), [8, 5, 4])
    # Cart from the view: A 10 s, D 2 s (from the first view), E 2 s, F 0, H 345600 s ->
    # sorted [0, 2, 2, 10, 345600]: median 2; p90 rank 0.9 * 4 = 3.6 -> 10 + 0.6 * 345590 = 207364.
    expect("ordered median step 2", o["steps"][1]["median_time_to_convert_s"], 2.0)
    expect("ordered p90 step 2", o["steps"][1]["p90_time_to_convert_s"], 207364.0)
    # Purchase from the cart: A 10, D 1, E 1, F 0 -> median 1, p90 1 + 0.7 * 9 = 7.3;
    # from the view: A 20, D 3, E 3, F 0 -> median 3.
    expect("ordered median step 3", o["steps"][2]["median_time_to_convert_s"], 1.0)
    expect("ordered p90 step 3", o["steps"][2]["p90_time_to_convert_s"], 7.3)
    expect("ordered median from first step 3", o["steps"][2]["median_time_from_first_s"], 3.0)
    expect("ordered conversion from first step 3", o["steps"][2]["conversion_from_first"], 100.0 * 4 / 8)
    s = run("funnel_pandas.py", csv, "--steps", three, "--mode", "strict")
    # E: the purchase between its view and its cart breaks the chain; D converts from its second
    # view; H from its third (each earlier view is followed by a view, not the cart).
    expect("strict customers", steps_field(s, "customers"), [8, 4, 3])
    # Step 2 from step 1: A 10, D 1, F 0, H 86400 (Mar 9 -> Mar 10) -> median (1 + 10) / 2 = 5.5.
    expect("strict median step 2", s["steps"][1]["median_time_to_convert_s"], 5.5)
    # Step 3 from step 2: A 10, D 1, F 0 -> p90 rank 1.8 -> 1 + 0.8 * 9 = 8.2.
    expect("strict p90 step 3", s["steps"][2]["p90_time_to_convert_s"], 8.2)
    # From the first step to the purchase: A 20, D 2, F 0 -> median 2.
    expect("strict median from first step 3", s["steps"][2]["median_time_from_first_s"], 2.0)
    r = run("funnel_pandas.py", csv, "--steps", "page_view,page_view,add_to_cart")
    # D: view, view +1 s, cart +2 s. H: views on Mar 1, 6, 9, cart Mar 10: the chain from Mar 6
    # (Mar 9 is 3 days on, the cart 4 days on) is within 7 days; from Mar 1 the cart is too late.
    # A, B, C, E, F, I have one view each: step 1 only (one event fills one step).
    expect("repeated customers", steps_field(r, "customers"), [8, 2, 2])
    # Step 2 from step 1: D 1 s, H 259200 s -> median 129600.5, p90 1 + 0.9 * 259199 = 233280.1.
    expect("repeated median step 2", r["steps"][1]["median_time_to_convert_s"], 129600.5)
    expect("repeated p90 step 2", r["steps"][1]["p90_time_to_convert_s"], 233280.1)
    # Step 3 from step 1: D 2 s, H 345600 s -> median 172801.
    expect("repeated median from first step 3", r["steps"][2]["median_time_from_first_s"], 172801.0)
    b = run("funnel_pandas.py", csv, "--steps", three, "--by", "channel")
    groups = {g["key"]: steps_field(g, "customers") for g in b["groups"]}
    # By the chain's first event: app = B (1), F (3); web = A, C, D, E, H, I (D's deepest chain
    # starts on web): 6 at step 1, A, D, E, H at step 2, A, D, E at step 3.
    expect("by channel", groups, {"app": [2, 1, 1], "web": [6, 4, 3]})


def check_retention(csv):
    w = run("retention_pandas.py", csv, "--period", "week")
    rows = {c["cohort"]: c for c in w["cohorts"]}
    expect("cohorts", sorted(rows), ["2024-W10", "2024-W11", "2024-W13"])
    expect("W10 retained", rows["2024-W10"]["retained"], [3, 1, 1, 1])
    expect("W10 complete", rows["2024-W10"]["complete_periods"], 3)
    expect("W11 retained", rows["2024-W11"]["retained"], [1, 1, 0])
    expect("W11 complete", rows["2024-W11"]["complete_periods"], 2)
    expect("W13 retained", rows["2024-W13"]["retained"], [1])
    expect("W13 complete", rows["2024-W13"]["complete_periods"], 0)
    # Purchase revenue only: A's 10.00 in W11; the subscription_start's 5.00 is not a purchase.
    expect("W10 revenue", rows["2024-W10"]["revenue"], [0.0, 10.0, 0.0, 0.0])
    # k = 0: (3 + 1) / (3 + 1); k = 1: (1 + 1) / (3 + 1); k = 2: W10 only, 1 / 3; k = 3: none complete.
    expect("average", w["average"][:2] + [round(w["average"][2], 9), w["average"][3]],
           [100.0, 50.0, round(100 / 3, 9), None])
    u = run("retention_pandas.py", csv, "--period", "week", "--unbounded")
    expect("W10 unbounded", {c["cohort"]: c["retained"] for c in u["cohorts"]}["2024-W10"], [3, 2, 2, 1])
    m = run("retention_pandas.py", csv, "--period", "month")
    # Everyone arrives and returns in March; the data ends in March: one incomplete entry.
    expect("month", [(c["cohort"], c["retained"], c["complete_periods"]) for c in m["cohorts"]],
           [("2024-03", [5], 0)])
    p = run("retention_pandas.py", csv, "--period", "week", "--cohort", "purchase", "--return", "page_view")
    # Only A purchases (W11); A's page view in W13 is 2 weeks on.
    expect("purchase cohort", [(c["cohort"], c["retained"]) for c in p["cohorts"]], [("2024-W11", [1, 0, 1])])


def main():
    with tempfile.TemporaryDirectory() as work:
        funnel_csv = os.path.join(work, "funnel.csv")
        retention_csv = os.path.join(work, "retention.csv")
        open(funnel_csv, "w").write(FUNNEL_CSV)
        open(retention_csv, "w").write(RETENTION_CSV)
        check_funnels(funnel_csv)
        check_retention(retention_csv)
    for line in FAILED:
        print("WRONG", line)
    print(f"{len(FAILED)} wrong")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
