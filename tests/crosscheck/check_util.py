#!/usr/bin/python3
"""Small helpers shared by paths_check.py, attribution_check.py and
lifecycle_check.py: reading the generated CSV, the statistics the reports
print (Wilson and Student-t 95% intervals, written here from their textbook
formulas), durations as the CLI spells them, and the final comparison (which
reuses compare_json.py's value-for-value comparison and tolerances).

Nothing here calls touchpoint: the checks recompute everything from the CSV.
"""
import csv
import math
import os
import sys
from collections import defaultdict
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_json  # noqa: E402  (same folder)

Z95 = 1.959963984540054
DAY_MS = 86_400_000
UNITS_MS = {"ms": 1, "s": 1000, "m": 60_000, "min": 60_000, "h": 3_600_000, "d": DAY_MS, "w": 7 * DAY_MS}


def parse_ms(text):
    """ISO-8601 with offset (the generator writes ...Z) to Unix milliseconds."""
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return round(dt.timestamp() * 1000)


def duration_ms(text):
    """`30m`, `7d`, `1800` (seconds) as milliseconds."""
    num = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    return round(float(num) * UNITS_MS[text[len(num):] or "s"])


def load_customers(path):
    """customer_id -> its rows (dicts of the CSV columns, plus `ts` in ms and
    `seq`, the file position), in time order, same-millisecond rows in file
    order: the order the store keeps them in (docs/paths.md, "Journeys")."""
    by_customer = defaultdict(list)
    with open(path, newline="") as f:
        for seq, row in enumerate(csv.DictReader(f)):
            row["ts"] = parse_ms(row["timestamp"])
            row["seq"] = seq
            by_customer[row["customer_id"]].append(row)
    for rows in by_customer.values():
        rows.sort(key=lambda r: (r["ts"], r["seq"]))
    return by_customer


def sessions(rows, timeout_ms, skip=()):
    """Session number per row index (None for rows whose event is in `skip`),
    as docs/metrics.md "Sessions" defines them: rows with a session_id form the
    session (customer, session_id); the other rows are split in time order when
    the gap to the previous such row is more than the timeout."""
    out = [None] * len(rows)
    by_id = {}
    count = 0
    last_ts = None
    current = None
    for i, r in enumerate(rows):
        if r["event"] in skip:
            continue
        sid = r.get("session_id", "")
        if sid:
            if sid not in by_id:
                by_id[sid] = count
                count += 1
            out[i] = by_id[sid]
            continue
        if last_ts is None or r["ts"] - last_ts > timeout_ms:
            current = count
            count += 1
        out[i] = current
        last_ts = r["ts"]
    return out


def wilson(k, n):
    """Wilson score 95% interval of k / n, in percent; n = 0: [0, 100]."""
    if n == 0:
        return [0.0, 100.0]
    p = k / n
    denom = 1 + Z95 * Z95 / n
    center = (p + Z95 * Z95 / (2 * n)) / denom
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95 * Z95 / (4 * n * n)) / denom
    return [100 * max(0.0, center - half), 100 * min(1.0, center + half)]


def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + num * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-16:
            break
    return h


def _betainc(a, b, x):
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1 - front * _betacf(b, a, 1 - x) / b


def t_quantile_975(df):
    """The 0.975 quantile of Student's t with df degrees of freedom, by
    bisection on its CDF: P(T > t) = I_{df/(df+t^2)}(df/2, 1/2) / 2."""
    lo, hi = 0.0, 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        upper = 0.5 * _betainc(df / 2, 0.5, df / (df + mid * mid))
        if upper > 0.025:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def mean_interval(values):
    """Student-t 95% interval of the mean; [x, x] for one value."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return [mean, mean]
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    half = t_quantile_975(n - 1) * math.sqrt(var / n)
    return [mean - half, mean + half]


def pct(k, n):
    """k / n x 100, None when n = 0."""
    return None if n == 0 else 100.0 * k / n


def compare_and_report(got, want, title):
    """Compares every value of `want` with `got` (compare_json.py's rules:
    integers and strings exactly, other numbers within 1e-9 relative), prints
    the differences and returns the exit status (0: all agree)."""
    bad, counter = [], [0]
    compare_json.compare(got, want, "", bad, counter)
    print(title)
    for line in bad[:60]:
        print("MISMATCH", line)
    if len(bad) > 60:
        print(f"... and {len(bad) - 60} more")
    print(f"{counter[0]} values compared, {len(bad)} differ")
    return 1 if bad else 0


def check_sorted(items, key, what):
    """Asserts a documented order on touchpoint's side (returns a message or None)."""
    keys = [key(x) for x in items]
    if keys != sorted(keys):
        return f"{what} are not in the documented order"
    return None
