#!/usr/bin/env bash
# Cross-checks `touchpoint paths`, `attribution` or `lifecycle` against the
# independent Python recomputations (paths_check.py, attribution_check.py,
# lifecycle_check.py, written from docs/paths.md, docs/attribution.md and
# docs/lifecycle.md) on generated data: the same flags go to touchpoint and
# to the check, which recomputes the report from the CSV and compares every
# number of touchpoint's JSON (compare_json.py's tolerances).
# A flag value INACTIVE_CONFIG is replaced by a config file that makes
# impression and email_sent inactive ([metrics] inactive_events).
# Usage: run_new_crosschecks.sh TOUCHPOINT_BINARY EVENTS SEED paths|attribution|lifecycle [FLAGS...]
set -euo pipefail
tp=$1 events=$2 seed=$3 analysis=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[metrics]\ninactive_events = ["impression", "email_sent"]\n' > "$work/inactive.toml"
flags=()
for flag in "$@"; do
  if [ "$flag" = INACTIVE_CONFIG ]; then flags+=("$work/inactive.toml"); else flags+=("$flag"); fi
done
"$tp" generate --events "$events" --seed "$seed" --out "$work/events.csv" 2>/dev/null
"$tp" ingest --db "$work/store" "$work/events.csv" --quiet >/dev/null
"$tp" "$analysis" --db "$work/store" "${flags[@]}" --format json > "$work/touchpoint.json"
/usr/bin/python3 "$here/${analysis}_check.py" "$work/events.csv" "$work/touchpoint.json" "${flags[@]}"
