#!/usr/bin/env bash
# Cross-checks the measure catalogue against an independent pandas
# computation on generated data (CSV and the same events as NDJSON).
# Usage: run_crosscheck.sh TOUCHPOINT_BINARY EVENTS SEED
set -euo pipefail
tp=$1 events=$2 seed=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tp" generate --events "$events" --seed "$seed" --out "$work/events.csv" 2>/dev/null
"$tp" ingest --db "$work/store" "$work/events.csv" --quiet >/dev/null
"$tp" metrics --db "$work/store" --format json > "$work/touchpoint.json"
/usr/bin/python3 "$here/metrics_pandas.py" "$work/events.csv" > "$work/pandas.json"
/usr/bin/python3 "$here/compare_metrics.py" "$work/touchpoint.json" "$work/pandas.json"
