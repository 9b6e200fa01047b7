#!/usr/bin/python3
"""An independent computation of `touchpoint attribution`, compared with its JSON.

Written from docs/attribution.md (and docs/metrics.md "Sessions"), not from
the C++ code, on the raw generated CSV; it never calls touchpoint. The whole
data or --from / --to (UTC), default session timeout (30 min).

Definitions used (docs/attribution.md):
  - Sessions over visitor events only (impression and email_sent never start
    or continue one). A touchpoint is a click, an email_click or the first
    event of a session that has a --by value; a conversion event never is.
  - Each touchpoint goes to the first conversion at or after it (same
    millisecond included, whatever the stored order), when no older than the
    --window lookback (inclusive); older ones are dropped. Conversions in one
    millisecond: the first stored takes the touchpoints.
  - A conversion without touchpoints is unattributed ((direct) for channel,
    (none) otherwise). The touchpoints after the last conversion, within one
    window before the last of them, are the customer's non-converting path.
  - first / last / linear / time decay (2^(-age / half-life), normalised) /
    position based (40-20-40) shares; Markov: the removal effect of each
    channel on the absorbing chain of every path's transitions, solved here
    exactly with rational Gaussian elimination (the engine uses floating
    point), 0 for a channel on no converting path, and the attributed total
    split in proportion to the effects.
Channel rows and Markov transitions are compared by name (their sort key is
checked separately); every number within compare_json.py's 1e-9 relative.
Usage: attribution_check.py EVENTS.csv TOUCHPOINT.json [attribution flags as given to touchpoint]
Exits 1 listing every difference.
"""
import argparse
import json
import sys
from collections import Counter, defaultdict
from fractions import Fraction

import check_util as cu

MODELS = ["first_touch", "last_touch", "linear", "time_decay", "position_based"]
START, CONVERSION, NULL = "(start)", "(conversion)", "(null)"


def parse_flags(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--window", default="30d")
    ap.add_argument("--half-life", default="7d")
    ap.add_argument("--value", default="revenue")
    ap.add_argument("--by", default="channel")
    ap.add_argument("--conversion", default="purchase")
    ap.add_argument("--from", dest="from_")
    ap.add_argument("--to")
    return ap.parse_args(argv)


def range_ms(text):
    """A --from / --to value: a date (UTC midnight) or a timestamp."""
    return cu.parse_ms(text + "T00:00:00Z" if len(text) == 10 else text)


def shares(ages, half_life_ms):
    """Per model, the share of each touchpoint of one path (oldest first)."""
    n = len(ages)
    decay = [2 ** (-a / half_life_ms) for a in ages]
    total = sum(decay)
    if n == 1:
        position = [1.0]
    elif n == 2:
        position = [0.5, 0.5]
    else:
        position = [0.4] + [0.2 / (n - 2)] * (n - 2) + [0.4]
    return {"first_touch": [1.0] + [0.0] * (n - 1), "last_touch": [0.0] * (n - 1) + [1.0],
            "linear": [1 / n] * n, "time_decay": [d / total for d in decay], "position_based": position}


def absorption(trans, removed=None):
    """P(absorbed in (conversion) from (start)) as a Fraction: solves
    x_s = sum_t p(s, t) x_t with x_conversion = 1, x_null = 0 and the removed
    state's x = 0 (every transition into it goes to (null))."""
    out = Counter()
    for (a, _), n in trans.items():
        out[a] += n
    states = sorted(s for s in out if s != removed)
    pos = {s: i for i, s in enumerate(states)}
    size = len(states)
    # Rows of (I - Q) x = r.
    m = [[Fraction(0)] * (size + 1) for _ in range(size)]
    for s in states:
        i = pos[s]
        m[i][i] += 1
        for (a, b), n in trans.items():
            if a != s:
                continue
            p = Fraction(n, out[s])
            if b == CONVERSION:
                m[i][size] += p
            elif b in pos:
                m[i][pos[b]] -= p
    for col in range(size):
        pivot = next(r for r in range(col, size) if m[r][col] != 0)
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(size):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return m[pos[START]][size] / m[pos[START]][pos[START]]


def expected(events_csv, args):
    """The report docs/attribution.md defines for the events of `events_csv`;
    channel rows and Markov transitions keyed by name."""
    window, half_life = cu.duration_ms(args.window), cu.duration_ms(args.half_life)
    timeout = 1800 * 1000
    direct_key = "(direct)" if args.by == "channel" else "(none)"

    credit = defaultdict(lambda: {v: Counter() for v in ("conversions", "revenue")})
    touches, null_touches, on_paths = Counter(), Counter(), Counter()
    trans = Counter()
    conversions, revenue, direct, direct_revenue = 0, 0.0, 0, 0.0
    converting_paths = null_paths = 0

    def add_path(channels, converted):
        prev = START
        for c in channels:
            trans[(prev, c)] += 1
            prev = c
        trans[(prev, CONVERSION if converted else NULL)] += 1

    customers = cu.load_customers(events_csv)
    # Conversions in [--from, --to) count (default: everything); the scan
    # reads from one window before --from, so earlier events are unseen.
    from_ms = range_ms(args.from_) if args.from_ else None
    to_ms = range_ms(args.to) if args.to else None
    for rows in customers.values():
        if from_ms is not None:
            rows = [r for r in rows if r["ts"] >= from_ms - window]
        if to_ms is not None:
            rows = [r for r in rows if r["ts"] < to_ms]
        session = cu.sessions(rows, timeout, skip=("impression", "email_sent"))
        seen_sessions = set()
        tps, convs = [], []
        for i, r in enumerate(rows):
            opens = session[i] is not None and session[i] not in seen_sessions
            if opens:
                seen_sessions.add(session[i])
            if r["event"] == args.conversion:
                convs.append(r)
                continue
            if (r["event"] in ("click", "email_click") or opens) and r[args.by]:
                tps.append((r["ts"], r[args.by]))
        nxt = 0
        for conv in convs:
            t = conv["ts"]
            path = []
            while nxt < len(tps) and tps[nxt][0] <= t:
                if tps[nxt][0] >= t - window:
                    path.append(tps[nxt])
                nxt += 1
            if from_ms is not None and t < from_ms:
                continue  # it took its touchpoints but is not counted
            value = {"conversions": 1.0, "revenue": float(conv["revenue"] or 0)}
            conversions += 1
            revenue += value["revenue"]
            if not path:
                direct += 1
                direct_revenue += value["revenue"]
                continue
            converting_paths += 1
            share = shares([t - pt for pt, _ in path], half_life)
            for model in MODELS:
                for (_, ch), w in zip(path, share[model]):
                    for v in value:
                        credit[ch][v][model] += w * value[v]
            for _, ch in path:
                touches[ch] += 1
            for ch in {ch for _, ch in path}:
                on_paths[ch] += 1
            add_path([ch for _, ch in path], True)
        if nxt < len(tps) and (from_ms is None or tps[-1][0] >= from_ms):
            last = tps[-1][0]
            path = [ch for pt, ch in tps[nxt:] if pt >= last - window]
            null_paths += 1
            for ch in path:
                null_touches[ch] += 1
            add_path(path, False)

    attributed = {"conversions": conversions - direct, "revenue": revenue - direct_revenue}
    p_all = absorption(trans)
    channels = sorted({c for c in touches} | {c for c in null_touches})
    effects = {c: 1 - absorption(trans, c) / p_all for c in channels} if p_all else {c: Fraction(0) for c in channels}
    # A channel on no converting path gets no removal effect: no conversion
    # was lost without it (the chain alone would credit it through its successors).
    effects = {c: (e if on_paths[c] else Fraction(0)) for c, e in effects.items()}
    effect_sum = sum(effects.values())
    rows = []
    for c in channels:
        for v in ("conversions", "revenue"):
            credit[c][v]["markov"] = (attributed[v] * float(effects[c] / effect_sum)) if effect_sum else 0.0
        shown = credit[c][args.value]
        row = {"channel": c, "touchpoints": touches[c], "null_touchpoints": null_touches[c], "paths": on_paths[c],
               "removal_effect": float(effects[c]),
               "attributed_conversions": {m: credit[c]["conversions"][m] for m in MODELS + ["markov"]},
               "attributed_revenue": {m: credit[c]["revenue"][m] for m in MODELS + ["markov"]},
               "share_pct": {m: cu.pct(shown[m], attributed[args.value]) if attributed[args.value] else None
                             for m in MODELS + ["markov"]}}
        row.update({m: shown[m] for m in MODELS + ["markov"]})
        rows.append(row)
    out_of = Counter()
    for (a, _), n in trans.items():
        out_of[a] += n
    want = {"conversion": [args.conversion], "window_s": window // 1000, "half_life_s": half_life // 1000,
            "value": args.value, "by": [args.by], "conversions": conversions, "revenue": revenue,
            "attributed": attributed,
            "unattributed": {"key": direct_key, "conversions": direct, "revenue": direct_revenue},
            "channels": {r["channel"]: r for r in rows},
            "markov": {"conversion_probability": float(p_all), "converting_paths": converting_paths,
                       "null_paths": null_paths,
                       "transitions": {f"{a} -> {b}": {"count": n, "probability": n / out_of[a]}
                                       for (a, b), n in trans.items()}}}
    return want


def compare(got, want, title):
    """Compares touchpoint's report `got` with `want`; prints and returns the
    exit status (0: every value agrees)."""
    problems = [cu.check_sorted(got["channels"], lambda r: -r["markov"], "channel rows (by Markov value)"),
                cu.check_sorted(got["markov"]["transitions"], lambda t: -t["count"], "Markov transitions")]
    got["channels"] = {r["channel"]: r for r in got["channels"]}
    got["markov"]["transitions"] = {f"{t['from']} -> {t['to']}": t for t in got["markov"]["transitions"]}
    status = cu.compare_and_report(got, want, title)
    for p in problems:
        if p:
            print("MISMATCH", p)
            status = 1
    return status


def main():
    events_csv, tp_json = sys.argv[1], sys.argv[2]
    want = expected(events_csv, parse_flags(sys.argv[3:]))
    return compare(json.load(open(tp_json)), want, "touchpoint attribution " + " ".join(sys.argv[3:]))


if __name__ == "__main__":
    sys.exit(main())
