#!/usr/bin/env bash
# Cross-checks the measure catalogue against an independent pandas
# computation on generated data. With FORMAT=ndjson the store is loaded from
# the NDJSON rendering of the same events (the generator writes the same
# events in both formats for a seed), which checks that reader too.
# Usage: run_crosscheck.sh TOUCHPOINT_BINARY EVENTS SEED [csv|ndjson]
set -euo pipefail
tp=$1 events=$2 seed=$3 format=${4:-csv}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tp" generate --events "$events" --seed "$seed" --out "$work/events.csv" 2>/dev/null
if [ "$format" = ndjson ]; then
  "$tp" generate --events "$events" --seed "$seed" --out "$work/events.ndjson.zst" 2>/dev/null
  "$tp" ingest --db "$work/store" "$work/events.ndjson.zst" --quiet >/dev/null
else
  "$tp" ingest --db "$work/store" "$work/events.csv" --quiet >/dev/null
fi
"$tp" metrics --db "$work/store" --format json > "$work/touchpoint.json"
/usr/bin/python3 "$here/metrics_pandas.py" "$work/events.csv" > "$work/pandas.json"
/usr/bin/python3 "$here/compare_metrics.py" "$work/touchpoint.json" "$work/pandas.json"
