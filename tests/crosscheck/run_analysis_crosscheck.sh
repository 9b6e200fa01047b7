#!/usr/bin/env bash
# Cross-checks `touchpoint funnel` or `touchpoint retention` against the
# independent pandas computation (funnel_pandas.py, retention_pandas.py) on
# generated data: the same flags go to both, and compare_json.py compares
# every number of the JSON reports.
# Usage: run_analysis_crosscheck.sh TOUCHPOINT_BINARY EVENTS SEED funnel|retention [FLAGS...]
set -euo pipefail
tp=$1 events=$2 seed=$3 analysis=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tp" generate --events "$events" --seed "$seed" --out "$work/events.csv" 2>/dev/null
"$tp" ingest --db "$work/store" "$work/events.csv" --quiet >/dev/null
"$tp" "$analysis" --db "$work/store" "$@" --format json > "$work/touchpoint.json"
/usr/bin/python3 "$here/${analysis}_pandas.py" "$work/events.csv" "$@" > "$work/pandas.json"
echo "touchpoint $analysis $*"
/usr/bin/python3 "$here/compare_json.py" "$work/touchpoint.json" "$work/pandas.json"
