#!/usr/bin/python3
"""An independent computation of `touchpoint retention` with pandas.

Written from docs/retention.md, not from the C++ code, to cross-check the
retention matrix value for value on generated data. Whole data range
([first event, last event + 1 ms)), UTC.

Definitions used (docs/retention.md):
  - Periods: days, ISO weeks (Monday start, labelled YYYY-Www) or calendar
    months (YYYY-MM), from the one holding the first event to the one
    holding the last.
  - Cohort: the period of the customer's first qualifying event (first
    event but impression and email_sent, or first EVENT); entries run from
    the cohort's period to the last.
  - retained[0] = cohort size; retained[k] (k >= 1) = customers with a return
    event (any event but impression and email_sent, or EVENT) in period
    cohort + k (--unbounded: in that
    period or a later one).
  - complete_periods: leading entries whose calendar period ends by the end of
    the data; average[k] = sum of retained[k] over cohorts whose entry k is
    complete / sum of their sizes x 100 (null when none is).
  - revenue[k]: the cohort's purchase revenue less refunded amounts in entry
    k's period, from the cohort event on (the catalogue's `revenue`).
  - --by: one matrix per value of the column on the cohort event.
Usage: retention_pandas.py EVENTS.csv|EVENTS.pkl [--period day|week|month]
       [--cohort first_seen|EVENT] [--return any|EVENT] [--unbounded] [--by COLUMN]
"""
import argparse
import json
import sys

import numpy as np
import pandas as pd


# What the business shows or sends: neither a first activity nor a return.
INACTIVE = ("impression", "email_sent")


def load(path):
    if path.endswith(".pkl"):
        return pd.read_pickle(path)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def period_start(t, period):
    """Start (naive UTC Timestamp) of the period holding each time in t."""
    day = t.dt.floor("D")
    if period == "day":
        return day
    if period == "week":
        return day - pd.to_timedelta(day.dt.dayofweek, unit="D")  # Monday = 0
    return day - pd.to_timedelta(day.dt.day - 1, unit="D")


def next_start(start, period):
    if period == "day":
        return start + pd.Timedelta(days=1)
    if period == "week":
        return start + pd.Timedelta(days=7)
    return start + pd.offsets.MonthBegin(1)


def label(start, period):
    if period == "week":
        iso = start.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if period == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return start.strftime("%Y-%m-%d")


def matrix(df, grid, period, end, unbounded):
    """Cohort rows and the average curve for the customers in df (cohort event rows marked)."""
    cohorts = []
    num, den = {}, {}
    for cohort, members in df[df["is_cohort_event"]].groupby("p"):
        size = len(members)
        columns = len(grid) - cohort
        mine = df[df["customer_id"].isin(members["customer_id"])]
        ret = mine[mine["is_return"] & (mine["p"] > cohort)]
        k_of = (ret["p"] - cohort)
        retained = [size] + [0] * (columns - 1)
        if unbounded:
            last = k_of.groupby(ret["customer_id"]).max()
            for k in range(1, columns):
                retained[k] = int((last >= k).sum())
        else:
            pairs = pd.DataFrame({"c": ret["customer_id"], "k": k_of}).drop_duplicates()
            for k, n in pairs["k"].value_counts().items():
                retained[int(k)] = int(n)
        buys = mine[(mine["is_purchase"] | mine["is_refund"]) & mine["after_cohort_event"]]
        revenue = [0.0] * columns
        for k, r in buys.groupby(buys["p"] - cohort)["rev"].sum().items():
            revenue[int(k)] = float(r)
        complete = 0
        while complete < columns and next_start(grid[cohort + complete], period) <= end:
            complete += 1
        for k in range(complete):
            num[k] = num.get(k, 0) + retained[k]
            den[k] = den.get(k, 0) + size
        cohorts.append({"cohort": label(grid[cohort], period), "size": size, "retained": retained,
                        "percent": [100.0 * r / size for r in retained], "revenue": revenue,
                        "complete_periods": complete})
    width = max((len(c["retained"]) for c in cohorts), default=0)
    average = [100.0 * num[k] / den[k] if den.get(k) else None for k in range(width)]
    return {"cohorts": cohorts, "average": average}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("events")
    ap.add_argument("--period", default="week", choices=["day", "week", "month"])
    ap.add_argument("--cohort", default="first_seen")
    ap.add_argument("--return", dest="ret", default="any")
    ap.add_argument("--unbounded", action="store_true")
    ap.add_argument("--by", default="")
    a = ap.parse_args()
    df = load(a.events)
    t = pd.to_datetime(df["timestamp"], utc=True, format="%Y-%m-%dT%H:%M:%S.%fZ").dt.tz_localize(None)
    df["t"] = t
    df["row"] = np.arange(len(df))
    df = df.sort_values(["customer_id", "t", "row"], kind="mergesort").reset_index(drop=True)
    end = df["t"].max() + pd.Timedelta(milliseconds=1)
    first_start = period_start(df["t"].iloc[[int(df["t"].values.argmin())]], a.period).iloc[0]
    grid = [first_start]
    while next_start(grid[-1], a.period) < end:
        grid.append(next_start(grid[-1], a.period))
    starts = pd.Series(grid)
    df["p"] = np.searchsorted(starts.values, df["t"].values, side="right") - 1
    active = ~df["event"].isin(INACTIVE)
    qual = df[active] if a.cohort == "first_seen" else df[df["event"] == a.cohort]
    # The first qualifying row of each customer (df is in stored order).
    first_idx = qual.index.to_series().groupby(qual["customer_id"], sort=False).min()
    df["is_cohort_event"] = False
    df.loc[first_idx.values, "is_cohort_event"] = True
    cohort_pos = pd.Series(first_idx.values, index=first_idx.index)
    df["after_cohort_event"] = df.index.values >= df["customer_id"].map(cohort_pos).fillna(len(df) + 1).values
    df["is_return"] = active if a.ret == "any" else (df["event"] == a.ret)
    df["is_purchase"] = df["event"] == "purchase"
    df["is_refund"] = df["event"] == "refund"
    df["rev"] = pd.to_numeric(df["revenue"], errors="coerce").fillna(0.0) if "revenue" in df else 0.0
    df.loc[df["is_refund"], "rev"] = -df.loc[df["is_refund"], "rev"]  # refunds carry positive amounts
    out = {"period": a.period, "cohort": a.cohort, "return": a.ret, "unbounded": a.unbounded}
    out.update(matrix(df, grid, a.period, end, a.unbounded))
    if a.by:
        groups = []
        keys = df.loc[df["is_cohort_event"], ["customer_id", a.by]]
        for key, members in keys.groupby(a.by):
            sub = df[df["customer_id"].isin(members["customer_id"])]
            groups.append({"key": key, **matrix(sub, grid, a.period, end, a.unbounded)})
        out["groups"] = groups
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
