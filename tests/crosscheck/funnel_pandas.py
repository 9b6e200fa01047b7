#!/usr/bin/python3
"""An independent computation of `touchpoint funnel` with pandas.

Written from docs/funnels.md, not from the C++ code, to cross-check the funnel
value for value on generated data. Whole data range, steps are plain event
names (repeats allowed: an event may match several steps).

Definitions used (docs/funnels.md):
  - A chain starts at an event of step 1 and fills steps 2, 3, ... with later
    events (stored order: time, then file order), each no later than
    start + window; one event fills one step.
  - ordered: the customer's depth is the longest chain. For a fixed start the
    leftmost fill of each step is optimal (subsequence matching), so each start
    is tried with a greedy fill.
  - strict: as ordered, but between two filled steps (step j and step j+1)
    every funnel event must be one that could fill step j+1. Searched
    exhaustively (a depth-first search over which occurrence fills each
    step), not greedily.
  - Times: from the chain that starts earliest among those reaching the
    customer's depth, each step filled by the first event that can (for
    strict: the first event from which the depth is still reachable).
  - Percentiles interpolate linearly between order statistics; Wilson 95%
    intervals; --by groups by the column of the chain's first event.
Usage: funnel_pandas.py EVENTS.csv|EVENTS.pkl --steps A,B,C [--window 7d]
       [--mode ordered|strict] [--by COLUMN] > expected.json
"""
import argparse
import json
import sys

import numpy as np
import pandas as pd

from check_util import duration_ms, wilson  # same folder


def load(path):
    if path.endswith(".pkl"):
        return pd.read_pickle(path)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def percentile(values, p):
    if not values:
        return None
    return float(np.percentile(np.asarray(values, dtype=float), p))  # linear interpolation


def greedy_chain(ts, masks, s, k, window):
    """Ordered: steps filled from start s, leftmost each; returns fill times."""
    deadline = ts[s] + window
    times = [ts[s]]
    for e in range(s + 1, len(ts)):
        if ts[e] > deadline or len(times) == k:
            break
        if masks[e] >> len(times) & 1:
            times.append(ts[e])
    return times


def strict_chain(ts, masks, s, k, window, want):
    """Strict: the first chain (in fill order) from start s reaching `want`
    steps, or the deepest one when none does. Returns fill times."""
    deadline = ts[s] + window
    memo = {}

    def candidates(p, j):  # events that may fill step j (0-based) after event p
        for q in range(p + 1, len(ts)):
            if ts[q] > deadline:
                return
            if masks[q] >> j & 1:
                yield q
            elif masks[q]:
                return  # q is a funnel event that cannot fill step j: the chain breaks

    def deepest(p, j):  # steps reachable when event p filled the j-th step
        if (p, j) not in memo:
            memo[(p, j)] = max([j] + [deepest(q, j + 1) for q in candidates(p, j)] if j < k else [j])
        return memo[(p, j)]

    reach = min(want, deepest(s, 1))
    times, p, j = [ts[s]], s, 1
    while j < reach:  # the first fill from which `reach` is still reachable
        p = next(q for q in candidates(p, j) if deepest(q, j + 1) >= reach)
        times.append(ts[p])
        j += 1
    return times


def customer_funnel(ts, masks, k, window, mode):
    """(depth, fill times, index of the chain's first event) of one customer."""
    starts = [i for i in range(len(ts)) if masks[i] & 1]
    if not starts:
        return 0, [], -1
    if mode == "ordered":
        depth = 0
        for s in starts:
            depth = max(depth, len(greedy_chain(ts, masks, s, k, window)))
            if depth == k:
                break
        for s in starts:
            times = greedy_chain(ts, masks, s, k, window)
            if len(times) == depth:
                return depth, times, s
    depth = 0
    for s in starts:
        depth = max(depth, len(strict_chain(ts, masks, s, k, window, k)))
        if depth == k:
            break
    for s in starts:
        times = strict_chain(ts, masks, s, k, window, depth)
        if len(times) == depth:
            return depth, times, s
    raise AssertionError("unreachable")


def summarize(labels, reached, prev_s, first_s):
    out = []
    first = reached[0]
    for i, label in enumerate(labels):
        prev = reached[0] if i == 0 else reached[i - 1]
        out.append({
            "step": label,
            "customers": reached[i],
            "dropped": prev - reached[i],
            "conversion_from_previous": 100.0 * reached[i] / prev if prev else None,
            "conversion_from_previous_ci95": wilson(reached[i], prev),
            "conversion_from_first": 100.0 * reached[i] / first if first else None,
            "conversion_from_first_ci95": wilson(reached[i], first),
            "median_time_to_convert_s": percentile(prev_s[i], 50),
            "p90_time_to_convert_s": percentile(prev_s[i], 90),
            "median_time_from_first_s": percentile(first_s[i], 50),
        })
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("events")
    ap.add_argument("--steps", required=True)
    ap.add_argument("--window", default="7d")
    ap.add_argument("--mode", default="ordered", choices=["ordered", "strict"])
    ap.add_argument("--by", default="")
    a = ap.parse_args()
    labels = a.steps.split(",")
    k, window = len(labels), duration_ms(a.window)
    df = load(a.events)
    ts = pd.to_datetime(df["timestamp"], utc=True, format="%Y-%m-%dT%H:%M:%S.%fZ")
    df["ms"] = (ts - pd.Timestamp("1970-01-01", tz="UTC")) // pd.Timedelta(milliseconds=1)
    df["row"] = np.arange(len(df))
    mask = np.zeros(len(df), dtype=np.int64)
    for i, name in enumerate(labels):
        mask |= np.where(df["event"].to_numpy() == name, 1 << i, 0)
    df["mask"] = mask
    df = df[df["mask"] != 0].sort_values(["customer_id", "ms", "row"], kind="mergesort")
    by_values = df[a.by].tolist() if a.by else None
    ms, masks = df["ms"].tolist(), df["mask"].tolist()
    bounds = np.flatnonzero(df["customer_id"].to_numpy()[1:] != df["customer_id"].to_numpy()[:-1]) + 1
    bounds = [0] + bounds.tolist() + [len(df)]
    groups = {}  # key -> (reached, from previous, from first)

    def cell(key):
        if key not in groups:
            groups[key] = ([0] * k, [[] for _ in range(k)], [[] for _ in range(k)])
        return groups[key]

    for b in range(len(bounds) - 1):
        lo, hi = bounds[b], bounds[b + 1]
        depth, times, s = customer_funnel(ms[lo:hi], masks[lo:hi], k, window, a.mode)
        if depth == 0:
            continue
        keys = [None] + ([by_values[lo + s]] if by_values is not None else [])
        for key in keys:
            reached, prev_s, first_s = cell(key)
            for i in range(depth):
                reached[i] += 1
                if i > 0:
                    prev_s[i].append((times[i] - times[i - 1]) / 1000.0)
                    first_s[i].append((times[i] - times[0]) / 1000.0)
    out = {"mode": a.mode, "window_s": window / 1000.0, "steps": summarize(labels, *cell(None))}
    if a.by:
        out["by"] = [a.by]
        out["groups"] = [{"key": key, "steps": summarize(labels, *g)}
                         for key, g in sorted((kk, g) for kk, g in groups.items() if kk is not None)]
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    sys.setrecursionlimit(100000)
    main()
