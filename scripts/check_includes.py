#!/usr/bin/env python3
"""Checks that every #include in src/ goes downward in the layering of
STYLE.md section 2 (README, "Architecture"): an area may include itself,
the areas it is allowed, and what those may include in turn. Prints each
upward include with its file and line and exits 1 if there is one.

Usage: check_includes.py [SRC_DIR]   (default: the src/ beside this script)
"""
import os
import re
import sys

# Each area and the areas it may include directly; their own allowances
# come along (a may include b, and b's deps).
ALLOWED = {
    "util": [],
    "event": ["util"],
    "ingest": ["event"],
    "store": ["event"],
    "scan": ["store"],
    "kernels": ["scan"],
    "models": ["kernels"],
    "text": ["kernels"],
    "connect": ["event"],
    "report": ["kernels", "models", "text"],
    "engine": ["ingest", "store", "scan", "kernels", "models", "text", "connect", "report"],
    "demo": ["util"],
    "server": ["engine", "report"],
    "cli": ["engine", "report", "demo", "server"],
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')


def closure(area, seen=None):
    seen = set() if seen is None else seen
    for dep in ALLOWED.get(area, []):
        if dep not in seen:
            seen.add(dep)
            closure(dep, seen)
    return seen


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    problems = []
    for area in sorted(os.listdir(src)):
        root = os.path.join(src, area)
        if not os.path.isdir(root):
            continue
        if area not in ALLOWED:
            problems.append(f"src/{area}/: an area the layering does not know (add it to scripts/check_includes.py)")
            continue
        allowed = closure(area) | {area}
        for dirpath, _, files in os.walk(root):
            for name in sorted(files):
                if not name.endswith((".h", ".cc")):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if m and m.group(1) not in allowed:
                            rel = os.path.relpath(path, os.path.dirname(src))
                            problems.append(f"{rel}:{lineno}: {area}/ includes {m.group(1)}/, which is not below it")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} upward include(s)")
        return 1
    print("includes go downward")
    return 0


if __name__ == "__main__":
    sys.exit(main())
