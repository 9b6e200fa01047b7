#!/usr/bin/python3
"""Compares `touchpoint metrics --format json` with metrics_pandas.py output.

Exits 1 listing every measure that differs by more than a relative 1e-9
(absolute 1e-9 near zero). Usage: compare_metrics.py TOUCHPOINT.json PANDAS.json
"""
import json
import math
import sys


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def main(tp_path, pd_path):
    tp = json.load(open(tp_path))["metrics"]
    pd = json.load(open(pd_path))
    bad = []
    checked = 0
    for name, want in pd.items():
        if name == "feature_adoption":
            for feature, rate in want.items():
                got = tp["feature_adoption"].get(feature, {}).get("adoption_rate")
                checked += 1
                if not close(got, rate):
                    bad.append(f"feature_adoption[{feature}]: touchpoint {got} pandas {rate}")
            continue
        got = tp[name]["value"]
        checked += 1
        if not close(got, want):
            bad.append(f"{name}: touchpoint {got} pandas {want}")
    for line in bad:
        print("MISMATCH", line)
    print(f"{checked - len(bad)} passed, {len(bad)} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
