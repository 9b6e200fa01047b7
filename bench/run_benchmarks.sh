#!/usr/bin/env bash
# Whole-command benchmarks of Touchpoint against DuckDB, ClickHouse and pandas
# on the same generated files, in one run. A timing is the best wall time of
# 3 runs (warm cache); query timings run on an already ingested store.
# Usage: bench/run_benchmarks.sh [EVENTS...]   (default: 1000000 10000000)
# Writes a markdown report to bench/out/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000000 10000000}")
[ $# -eq 0 ] && sizes=(1000000 10000000)
out=bench/out
mkdir -p "$out"
export DEBIAN_FRONTEND=noninteractive
for p in clickhouse-server clickhouse-client time python3-pandas; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || apt-get install -y -qq "$p" >/dev/null
done
npm ci --prefix bench --silent >/dev/null
bash scripts/build.sh release touchpoint >/dev/null
tp=build/release/touchpoint
chdir=$(mktemp -d /tmp/tp-bench-ch.XXXXXX)
bench/clickhouse/server.sh start "$chdir"
trap 'bench/clickhouse/server.sh stop "$chdir"; rm -rf "$chdir"' EXIT

# best CMD... : best wall seconds and peak RSS (MiB) of 3 runs -> "secs mib"
best() {
  local best_s=999999 best_m=0
  for _ in 1 2 3; do
    [ -n "${PREP:-}" ] && eval "$PREP"
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/err.txt" || { cat "$out/err.txt" >&2; return 1; }
    read -r s m < "$out/time.txt"
    if awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_m=$((m / 1024)); fi
  done
  echo "$best_s $best_m"
}
mib() { echo $(( $1 / 1048576 )); }

report=$out/report.md
echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores" > "$report"
for n in "${sizes[@]}"; do
  csv=$out/events_$n.csv
  nd=$out/events_$n.ndjson
  [ -f "$csv" ] || $tp generate --events "$n" --seed 1 --out "$csv" 2>/dev/null
  [ -f "$nd" ] || $tp generate --events "$n" --seed 1 --out "$nd" 2>/dev/null
  csv_bytes=$(stat -c %s "$csv"); nd_bytes=$(stat -c %s "$nd")
  {
    echo; echo "## $n events"; echo
    echo "### Ingest (CSV $(mib "$csv_bytes") MiB, NDJSON $(mib "$nd_bytes") MiB)"; echo
    echo "| tool | input | best s | MB/s | events/s | peak MiB | on disk MiB | disk / raw CSV |"
    echo "|---|---|---|---|---|---|---|---|"
  } >> "$report"
  for fmt in csv ndjson; do
    f=$csv; bytes=$csv_bytes
    [ $fmt = ndjson ] && { f=$nd; bytes=$nd_bytes; }
    read -r s m < <(PREP="rm -rf $out/tp_store" best $tp ingest --db "$out/tp_store" "$f" --quiet)
    disk=$(du -sb "$out/tp_store" | cut -f1)
    echo "| touchpoint | $fmt | $s | $(awk "BEGIN{printf \"%.0f\", $bytes/1e6/$s}") | $(awk "BEGIN{printf \"%.2fM\", $n/1e6/$s}") | $m | $(mib "$disk") | $(awk "BEGIN{printf \"%.1f%%\", 100*$disk/$csv_bytes}") |" >> "$report"
    read -r s m < <(PREP="rm -f $out/duck.db $out/duck.db.wal" best node bench/compare/duckdb_ingest.mjs "$f" "$out/duck.db")
    disk=$(stat -c %s "$out/duck.db")
    echo "| DuckDB | $fmt | $s | $(awk "BEGIN{printf \"%.0f\", $bytes/1e6/$s}") | $(awk "BEGIN{printf \"%.2fM\", $n/1e6/$s}") | $m | $(mib "$disk") | $(awk "BEGIN{printf \"%.1f%%\", 100*$disk/$csv_bytes}") |" >> "$report"
    if [ $fmt = csv ]; then
      read -r s m < <(best bench/compare/clickhouse_ingest.sh "$f")
      disk=$(clickhouse-client --port 19000 --query "SELECT sum(bytes_on_disk) FROM system.parts WHERE table='events' AND active")
      echo "| ClickHouse 18.16 | $fmt | $s | $(awk "BEGIN{printf \"%.0f\", $bytes/1e6/$s}") | $(awk "BEGIN{printf \"%.2fM\", $n/1e6/$s}") | (server) | $(mib "$disk") | $(awk "BEGIN{printf \"%.1f%%\", 100*$disk/$csv_bytes}") |" >> "$report"
    fi
  done
  # Stores for the queries, loaded once from the CSV.
  rm -rf "$out/tp_store" "$out/duck.db"*
  $tp ingest --db "$out/tp_store" "$csv" --quiet >/dev/null
  node bench/compare/duckdb_ingest.mjs "$csv" "$out/duck.db" >/dev/null
  /usr/bin/python3 -c "import sys, pandas as pd; pd.read_csv(sys.argv[1], keep_default_na=False, na_values={'revenue': [''], 'score': ['']}, dtype={'customer_id': str, 'session_id': str, 'event': str, 'channel': str, 'survey': str, 'feature': str, 'campaign': str}).to_pickle(sys.argv[2])" "$csv" "$out/events.pkl"
  {
    echo; echo "### The whole measure catalogue (docs/metrics.md), on the loaded data"; echo
    echo "| tool | best s | peak MiB | vs touchpoint |"
    echo "|---|---|---|---|"
  } >> "$report"
  read -r ts tm < <(best $tp metrics --db "$out/tp_store" --format json)
  echo "| touchpoint metrics | $ts | $tm | 1.0x |" >> "$report"
  read -r s m < <(best node bench/compare/duckdb_metrics.mjs "$out/duck.db")
  echo "| DuckDB SQL | $s | $m | $(awk "BEGIN{printf \"%.1fx\", $s/$ts}") |" >> "$report"
  # The ClickHouse table still holds this size's CSV from the ingest runs.
  read -r s m < <(best bench/compare/clickhouse_metrics.sh)
  echo "| ClickHouse 18.16 SQL (second precision) | $s | (server) | $(awk "BEGIN{printf \"%.1fx\", $s/$ts}") |" >> "$report"
  read -r s m < <(best /usr/bin/python3 tests/crosscheck/metrics_pandas.py "$out/events.pkl")
  echo "| pandas | $s | $m | $(awk "BEGIN{printf \"%.1fx\", $s/$ts}") |" >> "$report"
  read -r s m < <(best $tp metrics --db "$out/tp_store" --format json --by channel --interval month)
  echo "| touchpoint metrics --by channel --interval month | $s | $m | $(awk "BEGIN{printf \"%.2fx\", $s/$ts}") |" >> "$report"
  read -r s m < <(best $tp info --db "$out/tp_store")
  echo "| touchpoint info (one scan of two columns) | $s | $m | |" >> "$report"
  {
    echo; echo "### Funnels and retention (touchpoint only in this run)"; echo
    echo "| query | best s | peak MiB |"
    echo "|---|---|---|"
  } >> "$report"
  s4="page_view,add_to_cart,checkout,purchase"
  s16="page_view,page_view,add_to_cart,page_view,checkout,purchase,page_view,page_view,add_to_cart,checkout,purchase,page_view,page_view,add_to_cart,checkout,purchase"
  for steps in "$s4" "$s16" "$s16,$s16"; do
    n_steps=$(echo "$steps" | tr ',' '\n' | wc -l)
    read -r s m < <(best $tp funnel --db "$out/tp_store" --steps "$steps" --window 7d --format json)
    echo "| funnel, $n_steps steps, 7-day window | $s | $m |" >> "$report"
  done
  read -r s m < <(best $tp retention --db "$out/tp_store" --period week --format json)
  echo "| weekly retention matrix | $s | $m |" >> "$report"
done
cat "$report"
