#!/usr/bin/env python3
"""Paired timing of two whole commands on a noisy machine.

Runs touchpoint's command and a peer's alternately (the order flips each
round), N rounds, and prints each side's median wall time and the median of
the per-round ratios peer / touchpoint: drift of the machine's speed hits
both sides of a round alike, where two separate best-of-3 runs minutes
apart can move by 10-20% (bench/RESULTS.md, issue 12).

usage: paired_ratio.py ROUNDS LABEL -- TOUCHPOINT_CMD... -- PEER_CMD...
"""
import statistics
import subprocess
import sys
import time


def wall_ms(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def main():
    args = sys.argv[1:]
    if len(args) < 5 or args.count("--") != 2:
        sys.exit(__doc__)
    rounds, label = int(args[0]), args[1]
    split = args.index("--", 3)
    ours, peer = args[3:split], args[split + 1:]
    wall_ms(ours), wall_ms(peer)  # warm both
    tp, other, ratios = [], [], []
    for r in range(rounds):
        if r % 2 == 0:
            a = wall_ms(ours)
            b = wall_ms(peer)
        else:
            b = wall_ms(peer)
            a = wall_ms(ours)
        tp.append(a)
        other.append(b)
        ratios.append(b / a)
    print(f"| {label} | {statistics.median(tp):.1f} ms | {statistics.median(other):.0f} ms | "
          f"**{statistics.median(ratios):.1f}x** | {min(ratios):.1f}-{max(ratios):.1f}x |")


if __name__ == "__main__":
    main()
