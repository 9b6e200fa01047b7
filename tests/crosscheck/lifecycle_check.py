#!/usr/bin/python3
"""An independent computation of `touchpoint lifecycle`, compared with its JSON.

Written from docs/lifecycle.md (and docs/metrics.md "Activity"), not from the
C++ code, on the raw generated CSV; it never calls touchpoint. The data's
span or --from / --to (from rounded down to its period). Every event is
activity unless --config FILE lists it in `[metrics] inactive_events`
(docs/metrics.md "Activity"; by default impression and email_sent, which the
customer does not do).

Definitions used (docs/lifecycle.md), per customer and period from the period
of its first activity on, the first rule that holds:
  lost        no activity in the last --churn-after periods (this one
              included), or its latest subscription event by the period's end
              is a cancel with no activity at a later millisecond;
  new         its first activity is in this period;
  reactivated active, and lost in the previous period;
  advocate    active, and its latest NPS answer so far scores 9-10, or a
              share / referral event in this period;
  at_risk     not active; or active with days x 2 <= the previous period's
              active days (> 0), in complete periods only;
  loyal       active, and 2+ purchases to date or active in the last 3 periods;
  engaged     any other active customer.
Activity = any event but the inactive ones; active days are distinct local
calendar days. Movements pair each customer's stages in consecutive periods.
Activation: first-activity cohort, an activation event at most
--activation-window after the first activity. DAU = active customer-days /
days of the period (those before --to in a cut period); MAU = active customers
(months only); stickiness = DAU / MAU x 100.
Every number is compared (compare_json.py's rules), periods in order.
Usage: lifecycle_check.py EVENTS.csv TOUCHPOINT.json [lifecycle flags as given to touchpoint]
Exits 1 listing every difference.
"""
import argparse
import json
import sys
import tomllib
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import check_util as cu

STAGES = ["new", "reactivated", "engaged", "loyal", "advocate", "at_risk", "lost"]
DEFAULT_CHURN = {"month": 3, "week": 13, "day": 90}


def parse_flags(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--period", default="month")
    ap.add_argument("--tz", default="UTC")
    ap.add_argument("--churn-after", type=int)
    ap.add_argument("--activation", default="activation")
    ap.add_argument("--activation-window", default="7d")
    ap.add_argument("--by")
    ap.add_argument("--config")
    ap.add_argument("--from", dest="from_")
    ap.add_argument("--to")
    return ap.parse_args(argv)


DEFAULT_INACTIVE = ("impression", "email_sent")


def inactive_events(config_path):
    """`[metrics] inactive_events` of the config file (impression and email_sent without one)."""
    if not config_path:
        return frozenset(DEFAULT_INACTIVE)
    with open(config_path, "rb") as f:
        return frozenset(tomllib.load(f).get("metrics", {}).get("inactive_events", DEFAULT_INACTIVE))


class Calendar:
    """Period numbers, labels and boundaries in one time zone."""

    def __init__(self, period, tz):
        self.period, self.tz = period, ZoneInfo(tz)
        self.period_complete = True  # whether the last period ends before --to; set by main

    def parse(self, text):
        """A --from / --to value: a date (local midnight) or a timestamp."""
        if len(text) == 10:
            d = date.fromisoformat(text)
            return round(datetime(d.year, d.month, d.day, tzinfo=self.tz).timestamp() * 1000)
        return cu.parse_ms(text)

    def local_day(self, ts):
        return datetime.fromtimestamp(ts / 1000, self.tz).date()

    def index(self, day):
        if self.period == "month":
            return day.year * 12 + day.month - 1
        if self.period == "week":
            return (day.toordinal() - 1) // 7  # ordinal 1 (0001-01-01) is a Monday
        return day.toordinal()

    def first_day(self, index):
        if self.period == "month":
            return date(index // 12, index % 12 + 1, 1)
        if self.period == "week":
            return date.fromordinal(index * 7 + 1)
        return date.fromordinal(index)

    def label(self, index):
        d = self.first_day(index)
        if self.period == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.period == "week":
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}"
        return d.isoformat()

    def start_ms(self, index):
        d = self.first_day(index)
        return round(datetime(d.year, d.month, d.day, tzinfo=self.tz).timestamp() * 1000)


def stages_of(rows, cal, first_p, last_p, churn_after, inactive):
    """The customer's stage per period first_p..last_p (None before its first
    activity), its active days per period, and its first activity row."""
    activity = [r for r in rows if r["event"] not in inactive]
    if not activity:
        return None
    per = defaultdict(list)
    for r in rows:
        per[cal.index(cal.local_day(r["ts"]))].append(r)
    first = activity[0]
    first_period = cal.index(cal.local_day(first["ts"]))
    out, days_of = {}, {}
    purchases, nps = 0, None
    cancel_ts = None  # set while the latest subscription event is a cancel
    prev_stage, prev_days, last_active = None, 0, None
    streak = 0
    for p in range(min(first_period, first_p), last_p + 1):
        share = False
        days = set()
        for r in per.get(p, []):
            ev = r["event"]
            if ev in inactive:
                continue
            days.add(cal.local_day(r["ts"]))
            if cancel_ts is not None and r["ts"] > cancel_ts:
                cancel_ts = None  # activity after the cancel ends the contractual churn
            if ev == "subscription_cancel":
                cancel_ts = r["ts"]
            elif ev == "subscription_start":
                cancel_ts = None
            elif ev == "purchase":
                purchases += 1
            elif ev in ("share", "referral"):
                share = True
            elif ev == "survey_response" and r["survey"] == "nps" and r["score"] != "":
                nps = float(r["score"])
        if p < first_period:
            continue
        active = bool(days)
        streak = streak + 1 if active else 0
        if active:
            last_active = p
        complete = p < last_p or cal.period_complete
        if cancel_ts is not None or p - last_active >= churn_after:
            stage = "lost"
        elif p == first_period:
            stage = "new"
        elif active and prev_stage == "lost":
            stage = "reactivated"
        elif active and (share or (nps is not None and nps >= 9)):
            stage = "advocate"
        elif not active or (complete and prev_days > 0 and len(days) * 2 <= prev_days):
            stage = "at_risk"
        elif purchases >= 2 or streak >= 3:
            stage = "loyal"
        else:
            stage = "engaged"
        if p >= first_p:
            out[p] = stage
            days_of[p] = days
        prev_stage, prev_days = stage, len(days)
    return out, days_of, first


def empty_matrix():
    return {a: {b: 0 for b in STAGES} for a in STAGES}


def report(customers, cal, first_p, last_p, to_ms):
    """The periods, movements and total movements of a set of customers."""
    periods, movements, total = [], [], empty_matrix()
    for p in range(first_p, last_p + 1):
        counts = {s: 0 for s in STAGES}
        active = signups = activated = active_days = 0
        for c in customers:
            stage = c["stages"].get(p)
            if stage is None:
                continue
            counts[stage] += 1
            active += bool(c["days"][p])
            active_days += len(c["days"][p])
            if c["first_period"] == p:
                signups += 1
                activated += c["activated"]
        n = sum(counts.values())
        activation = {"signups": signups, "activated": activated, "rate": cu.pct(activated, signups)}
        if signups:  # without signups the doc defines no interval (touchpoint: [null, null])
            activation["ci95"] = cu.wilson(activated, signups)
        # Local calendar days of the period before --to (a DST day is one day).
        last_day = cal.first_day(p + 1) - timedelta(days=1)
        if cal.start_ms(p + 1) > to_ms:
            last_day = cal.local_day(to_ms - 1)
        days_in = (last_day - cal.first_day(p)).days + 1
        dau = active_days / days_in
        mau = active if cal.period == "month" else None
        periods.append({
            "period": cal.label(p), "complete": cal.start_ms(p + 1) <= to_ms, "customers": n,
            "counts": counts, "percent": {s: cu.pct(counts[s], n) for s in STAGES}, "active": active,
            "activation": activation,
            "dau": dau, "mau": mau, "stickiness": cu.pct(dau, mau) if mau else None})
        if p > first_p:
            m = empty_matrix()
            for c in customers:
                a, b = c["stages"].get(p - 1), c["stages"].get(p)
                if a is not None:
                    m[a][b] += 1
                    total[a][b] += 1
            movements.append({"from": cal.label(p - 1), "to": cal.label(p), "matrix": m})
    return {"periods": periods, "movements": movements, "movements_total": total}


def expected(events_csv, args):
    """The report docs/lifecycle.md defines for the events of `events_csv`."""
    churn_after = args.churn_after or DEFAULT_CHURN[args.period]
    cal = Calendar(args.period, args.tz)
    by_customer = cu.load_customers(events_csv)
    all_ts = [r["ts"] for rows in by_customer.values() for r in rows]
    # Without --from / --to the range is the data's span; --from is rounded
    # down to its period, --to is exclusive.
    from_ms = cal.parse(args.from_) if args.from_ else min(all_ts)
    to_ms = cal.parse(args.to) if args.to else max(all_ts) + 1
    first_p = cal.index(cal.local_day(from_ms))
    last_p = cal.index(cal.local_day(to_ms - 1))
    cal.period_complete = cal.start_ms(last_p + 1) <= to_ms
    window_ms = cu.duration_ms(args.activation_window)
    inactive = inactive_events(args.config)

    customers, groups = [], defaultdict(list)
    for all_rows in by_customer.values():
        # Stages read all history before --to; activation also the window after it.
        rows = [r for r in all_rows if r["ts"] < to_ms]
        got = stages_of(rows, cal, first_p, last_p, churn_after, inactive)
        if got is None:
            continue
        stages, days, first = got
        c = {"stages": stages, "days": days, "first_period": cal.index(cal.local_day(first["ts"])),
             "activated": any(r["event"] == args.activation and first["ts"] <= r["ts"] <= first["ts"] + window_ms
                              for r in all_rows)}
        customers.append(c)
        if args.by:
            groups[first[args.by]].append(c)

    want = {"period": args.period, "churn_after": churn_after, "stages": STAGES,
            "activation": {"event": args.activation, "window_s": window_ms // 1000}}
    want.update(report(customers, cal, first_p, last_p, to_ms))
    if args.by:
        want["by"] = [args.by]
        want["groups"] = [dict(key=k, **report(v, cal, first_p, last_p, to_ms))
                          for k, v in sorted(groups.items())]
    return want


def compare(got, want, title):
    """Compares touchpoint's report `got` with `want`; prints and returns the
    exit status (0: every value agrees)."""
    status = cu.compare_and_report(got, want, title)
    keys = [g["key"] for g in got.get("groups", [])]
    if keys != sorted(keys):
        print("MISMATCH groups are not sorted by key")
        status = 1
    return status


def main():
    events_csv, tp_json = sys.argv[1], sys.argv[2]
    want = expected(events_csv, parse_flags(sys.argv[3:]))
    return compare(json.load(open(tp_json)), want, "touchpoint lifecycle " + " ".join(sys.argv[3:]))


if __name__ == "__main__":
    sys.exit(main())
