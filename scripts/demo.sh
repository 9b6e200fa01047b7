#!/usr/bin/env bash
# The main job on the embedded default: set up, build, generate demo data,
# ingest it into a local store, print what the store holds and its
# measures, and write the shareable HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build_web.sh
bash scripts/build.sh release touchpoint
tp=build/release/touchpoint
rm -rf demo && mkdir -p demo
$tp generate --events "${TP_DEMO_EVENTS:-200000}" --seed 7 --out demo/events.csv
$tp ingest --db demo/store demo/events.csv
$tp info --db demo/store
$tp metrics --db demo/store
$tp report --db demo/store -o demo/report.html
echo
echo "The report: demo/report.html (one file, works offline)"
echo "The dashboard: $tp serve --db demo/store   (then open http://127.0.0.1:8080/)"
