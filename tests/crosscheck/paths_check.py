#!/usr/bin/python3
"""An independent computation of `touchpoint paths`, compared with its JSON.

Written from docs/paths.md (and docs/metrics.md "Sessions"), not from the C++
code, on the raw generated CSV; it never calls touchpoint. The whole data or
--from / --to (UTC), the touchpoint, ga4, plausible or umami definitions,
default survey settings (CSAT satisfied >= 4, CES 7 = easiest). impression
and email_sent (what the business shows or sends) are no touchpoint and start
no session unless --with-inactive.

Definitions used (docs/paths.md):
  - A row's touchpoint is its event, `channel:event` (bare event without a
    channel), or its channel / page / campaign (rows without one are skipped
    in paths, but still count for conversion and surveys).
  - Journeys: sessions (session_id, else a gap > timeout) or the customer's
    whole history; events in time order, same millisecond in stored order.
    Immediate repeats fold into one step (--collapse); a journey without a
    touchpoint counts nowhere.
  - Path: the first --depth steps; from the first occurrence of --start; or
    up to and including the first occurrence of --end. It ended when no step
    follows it (never with --end).
  - Conversion after a path: a conversion event stored after the first event
    of the path's last step; a customer counts once, from its earliest
    completion of the path.
  - Transitions over whole journeys, with (start) and (exit); mean time from
    the from-step's last event to the to-step's first event.
  - Touchpoints: events, reach, journeys, entries, exits, conversion after the
    first event on it, CSAT / CES over all answers of the reached customers.
  - Sankey and funnel chart from the top paths only.
Lists whose order the doc fixes (top paths, touchpoints, Sankey nodes, funnel
chart) are compared in order; transitions and exits (ties unordered) are
checked for their documented sort key and compared by name.
Usage: paths_check.py EVENTS.csv TOUCHPOINT.json [paths flags as given to touchpoint]
Exits 1 listing every difference.
"""
import argparse
import json
import sys
from collections import Counter, defaultdict

import check_util as cu


def parse_flags(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--touchpoint", default="event")
    ap.add_argument("--scope", default="session")
    ap.add_argument("--depth", type=int, default=5)
    ap.add_argument("--start")
    ap.add_argument("--end")
    ap.add_argument("--collapse", dest="collapse", action="store_true", default=True)
    ap.add_argument("--no-collapse", dest="collapse", action="store_false")
    ap.add_argument("--conversion")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--session-timeout", default="30m")
    ap.add_argument("--by")
    # posthog's 24 h cap and matomo's midnight / campaign splits are not modelled.
    ap.add_argument("--with-inactive", action="store_true")
    ap.add_argument("--definitions", default="touchpoint", choices=["touchpoint", "ga4", "plausible", "umami"])
    ap.add_argument("--from", dest="from_")
    ap.add_argument("--to")
    return ap.parse_args(argv)


def range_ms(text):
    """A --from / --to value: a date (UTC midnight) or a timestamp."""
    return cu.parse_ms(text + "T00:00:00Z" if len(text) == 10 else text)


def label(row, kind):
    if kind == "event":
        return row["event"]
    if kind == "channel:event":
        return f"{row['channel']}:{row['event']}" if row["channel"] else row["event"]
    return row[kind] or None


def matches(step_label, anchor, kind):
    if step_label == anchor:
        return True
    # With channel:event a bare event name matches that event on any channel.
    return kind == "channel:event" and ":" not in anchor and step_label.endswith(":" + anchor)


class Step:
    """One (folded) step of a journey: its label and first / last rows."""

    def __init__(self, name, index, ts):
        self.name, self.first, self.last, self.first_ts, self.last_ts = name, index, index, ts, ts
        self.events = 1  # rows folded into it


def inactive_of(args):
    """Events that are no touchpoint and start no session (docs/paths.md)."""
    return () if args.with_inactive else ("impression", "email_sent")


def journeys_of(rows, args, timeout_ms):
    """The customer's journeys as lists of Steps (only those with a step)."""
    if args.scope == "customer":
        groups = [list(range(len(rows)))]
    else:
        session = cu.sessions(rows, timeout_ms, inactive_of(args))
        by_session = defaultdict(list)
        for i, s in enumerate(session):
            if s is not None:
                by_session[s].append(i)
        groups = list(by_session.values())
    out = []
    for idx in groups:
        steps = []
        for i in idx:
            if rows[i]["event"] in inactive_of(args):
                continue
            name = label(rows[i], args.touchpoint)
            if name is None:
                continue
            if args.collapse and steps and steps[-1].name == name:
                steps[-1].last, steps[-1].last_ts = i, rows[i]["ts"]
                steps[-1].events += 1
                continue
            steps.append(Step(name, i, rows[i]["ts"]))
        if steps:
            out.append(steps)
    return out


def path_of(steps, args):
    """(path steps, ended) or None when the anchor is missing."""
    n, depth = len(steps), args.depth
    if args.start:
        at = next((i for i, s in enumerate(steps) if matches(s.name, args.start, args.touchpoint)), None)
        if at is None:
            return None
        return steps[at:at + depth], at + depth >= n
    if args.end:
        at = next((i for i, s in enumerate(steps) if matches(s.name, args.end, args.touchpoint)), None)
        if at is None:
            return None
        return steps[max(0, at - depth + 1):at + 1], False
    return steps[:depth], depth >= n


def new_paths_table():
    return {"paths": Counter(), "ended": Counter(), "completion": defaultdict(dict)}


def top_paths(table, conv_after, top):
    customers = {p: len(c) for p, c in table["completion"].items()}
    with_path = len({c for cs in table["completion"].values() for c in cs})
    ranked = sorted(table["paths"], key=lambda p: (-table["paths"][p], -customers[p], list(p)))[:top]
    out = []
    for p in ranked:
        conv = sum(1 for c, at in table["completion"][p].items() if conv_after(c, at))
        out.append({"path": list(p), "paths": table["paths"][p], "ended": table["ended"][p],
                    "customers": customers[p], "share_of_customers": cu.pct(customers[p], with_path),
                    "converted": conv, "conversion_after": cu.pct(conv, customers[p]),
                    "conversion_after_ci95": cu.wilson(conv, customers[p])})
    return out, with_path, sum(table["paths"].values()), ranked


def sankey_and_funnel(top, ranked, table, args):
    names, index, links = [], {}, Counter()

    def node(name):
        if name not in index:
            index[name] = len(names)
            names.append(name)
        return name

    for p, row in zip(ranked, top):
        offset = args.depth - len(p) if args.end else 0
        labels = [node(f"{offset + k + 1}: {s}") for k, s in enumerate(p)]
        for a, b in zip(labels, labels[1:]):
            links[(a, b)] += row["paths"]
        if row["ended"]:
            links[(labels[-1], node(f"{offset + len(p) + 1}: (exit)"))] += row["ended"]
    funnel = []
    if ranked:
        best = ranked[0]
        for k in range(1, len(best) + 1):
            who = {c for p, cs in table["completion"].items() if p[:k] == best[:k] for c in cs}
            funnel.append({"step": best[k - 1], "customers": len(who)})
    return {"nodes": [{"name": n} for n in names]}, dict(links), funnel


def expected(events_csv, args):
    """The report docs/paths.md defines for the events of `events_csv`."""
    timeout_ms = cu.duration_ms(args.session_timeout)
    conversions = {args.conversion or "purchase"}
    customers = cu.load_customers(events_csv)
    # Only events in [--from, --to) take part: the others are as if absent.
    lo = range_ms(args.from_) if args.from_ else -2**63
    hi = range_ms(args.to) if args.to else 2**63
    customers = {c: [r for r in rows if lo <= r["ts"] < hi] for c, rows in customers.items()}

    table = new_paths_table()
    groups = defaultdict(new_paths_table)
    trans, trans_time = Counter(), defaultdict(float)
    tp = defaultdict(lambda: {"events": 0, "customers": 0, "journeys": 0, "entries": 0, "exits": 0,
                              "converted_after": 0, "csat": [], "ces": []})
    last_conv = {}
    n_customers = n_journeys = 0
    for cid, rows in customers.items():
        conv_idx = [i for i, r in enumerate(rows) if r["event"] in conversions]
        last_conv[cid] = conv_idx[-1] if conv_idx else -1
        journeys = journeys_of(rows, args, timeout_ms)
        if not journeys:
            continue
        n_customers += 1
        n_journeys += len(journeys)
        csat = [float(r["score"]) for r in rows
                if r["event"] == "survey_response" and r["survey"] == "csat" and r["score"] != ""]
        ces = [float(r["score"]) for r in rows
               if r["event"] == "survey_response" and r["survey"] == "ces" and r["score"] != ""]
        first_on = {}
        for steps in journeys:
            for s in steps:
                first_on[s.name] = min(first_on.get(s.name, s.first), s.first)
            for s in set(x.name for x in steps):
                tp[s]["journeys"] += 1
            tp[steps[0].name]["entries"] += 1
            tp[steps[-1].name]["exits"] += 1
            trans[("(start)", steps[0].name)] += 1
            trans[(steps[-1].name, "(exit)")] += 1
            for a, b in zip(steps, steps[1:]):
                trans[(a.name, b.name)] += 1
                trans_time[(a.name, b.name)] += (b.first_ts - a.last_ts) / 1000
            got = path_of(steps, args)
            if got is None:
                continue
            path, ended = got
            key = tuple(s.name for s in path)
            done_at = path[-1].first
            targets = [table]
            if args.by:
                targets.append(groups[rows[path[0].first][args.by]])
            for t in targets:
                t["paths"][key] += 1
                t["ended"][key] += ended
                prev = t["completion"][key].get(cid)
                t["completion"][key][cid] = done_at if prev is None else min(prev, done_at)
        for steps in journeys:
            for s in steps:
                tp[s.name]["events"] += s.events
        for name, at in first_on.items():
            t = tp[name]
            t["customers"] += 1
            t["converted_after"] += last_conv[cid] > at
            t["csat"] += csat
            t["ces"] += ces

    def conv_after(cid, at):
        return last_conv[cid] > at

    top, with_path, counted, ranked = top_paths(table, conv_after, args.top)
    sankey, links, funnel = sankey_and_funnel(top, ranked, table, args)
    out_of = Counter()
    for (a, _), n in trans.items():
        out_of[a] += n
    want = {"touchpoint": args.touchpoint, "scope": args.scope, "collapse": args.collapse,
            "depth": args.depth, "start": args.start, "end": args.end,
            "conversion": sorted(conversions), "session_timeout_s": timeout_ms // 1000,
            "customers": n_customers, "journeys": n_journeys,
            "customers_with_path": with_path, "paths_counted": counted, "top_paths": top,
            "sankey": sankey, "funnel_chart": funnel}
    touchpoints = []
    for name, t in tp.items():
        csat_ok = sum(1 for s in t["csat"] if s >= 4)
        touchpoints.append({
            "touchpoint": name, "events": t["events"], "customers": t["customers"],
            "journeys": t["journeys"], "entries": t["entries"], "exits": t["exits"],
            "exit_rate": cu.pct(t["exits"], t["journeys"]), "converted_after": t["converted_after"],
            "conversion_after": cu.pct(t["converted_after"], t["customers"]),
            "conversion_after_ci95": cu.wilson(t["converted_after"], t["customers"]),
            "csat": cu.pct(csat_ok, len(t["csat"])), "csat_answers": len(t["csat"]),
            "ces": sum(t["ces"]) / len(t["ces"]) if t["ces"] else None, "ces_answers": len(t["ces"])})
        # Without answers the doc gives no interval (touchpoint prints
        # [0, 100] and [0, 0] there; not compared).
        if t["csat"]:
            touchpoints[-1]["csat_ci95"] = cu.wilson(csat_ok, len(t["csat"]))
        if t["ces"]:
            touchpoints[-1]["ces_ci95"] = cu.mean_interval(t["ces"])
    touchpoints.sort(key=lambda t: (-t["customers"], -t["events"], t["touchpoint"]))
    want["touchpoints"] = touchpoints
    if args.by:
        want["by"] = [args.by]
        want["groups"] = []
        for key, g in groups.items():
            gtop, gwith, gcount, _ = top_paths(g, conv_after, args.top)
            want["groups"].append({"key": key, "customers_with_path": gwith, "paths_counted": gcount,
                                   "top_paths": gtop})

    # Transitions and exits by name (their ties have no documented order),
    # Sankey links by their nodes' names.
    want["transitions"] = {f"{a} -> {b}": {"count": n, "share": cu.pct(n, out_of[a]),
                                           "mean_time_s": trans_time[(a, b)] / n
                                           if a != "(start)" and b != "(exit)" else None}
                           for (a, b), n in trans.items()}
    want["exits"] = {t["touchpoint"]: {"exits": t["exits"], "journeys": t["journeys"], "exit_rate": t["exit_rate"]}
                     for t in touchpoints if t["exits"] > 0}
    want["sankey_links"] = {f"{a} -> {b}": v for (a, b), v in links.items()}
    return want


def compare(got, want, title):
    """Compares touchpoint's report `got` with `want`; prints and returns the
    exit status (0: every value agrees)."""
    # The documented sort keys, then the same keying as the expected side.
    problems = [cu.check_sorted(got["transitions"], lambda t: -t["count"], "transitions"),
                cu.check_sorted(got["exits"], lambda t: -t["exits"], "exits"),
                cu.check_sorted(got.get("groups", []), lambda g: -g["customers_with_path"], "groups")]
    got["transitions"] = {f"{t['from']} -> {t['to']}": t for t in got["transitions"]}
    got["exits"] = {t["touchpoint"]: t for t in got["exits"]}
    nodes = [n["name"] for n in got["sankey"]["nodes"]]
    got["sankey_links"] = {f"{nodes[x['source']]} -> {nodes[x['target']]}": x["value"]
                           for x in got["sankey"]["links"]}
    status = cu.compare_and_report(got, want, title)
    for p in problems:
        if p:
            print("MISMATCH", p)
            status = 1
    return status


def main():
    events_csv, tp_json = sys.argv[1], sys.argv[2]
    want = expected(events_csv, parse_flags(sys.argv[3:]))
    return compare(json.load(open(tp_json)), want, "touchpoint paths " + " ".join(sys.argv[3:]))


if __name__ == "__main__":
    sys.exit(main())
