#!/usr/bin/env bash
# Whole-command benchmarks of Touchpoint against DuckDB, ClickHouse and pandas
# on the same generated files, in one run. A timing is the best wall time of
# 3 runs (warm cache); query timings run on an already ingested store.
# Usage: bench/run_benchmarks.sh [EVENTS...]   (default: 1000000 10000000)
# Writes a markdown report to $BENCH_OUT/report.md (default bench/out).
# Each size is measured on two data shapes (BENCH_SHAPES, default both):
#   default  `touchpoint generate`: many short histories (a tenth of the
#            customers with one event, median 23 at 10M)
#   long     `generate --events-per-customer K` (BENCH_EVENTS_PER_CUSTOMER,
#            default 56): every customer a regular, about K events each;
#            the funnels, retention and paths rows only
#   BENCH_ONLY=queries   skip the ingest timings: reuse (or build once) the
#                        loaded stores of each size in $BENCH_OUT/q_EVENTS/,
#                        then time the catalogue and the analyses
#   BENCH_ONLY=analyses  only the funnels, retention and paths rows
#   BENCH_SKIP_PANDAS=1  leave out the pandas catalogue row (minutes at 10M)
#   BENCH_SHAPES="long"  only one shape (default, long or both)
# The analyses rows time touchpoint, DuckDB and ClickHouse on the same files
# and check that their answers agree (bench/compare/check_funnel_retention_paths.py).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000000 10000000}")
[ $# -eq 0 ] && sizes=(1000000 10000000)
only=${BENCH_ONLY:-}
case "$only" in ""|queries|analyses) ;; *) echo "BENCH_ONLY must be queries or analyses" >&2; exit 2 ;; esac
read -r -a shapes <<< "${BENCH_SHAPES:-default long}"
for shape in "${shapes[@]}"; do
  case "$shape" in default|long) ;; *) echo "BENCH_SHAPES holds default and/or long" >&2; exit 2 ;; esac
done
per_customer=${BENCH_EVENTS_PER_CUSTOMER:-56}
out=${BENCH_OUT:-bench/out}
mkdir -p "$out"
export DEBIAN_FRONTEND=noninteractive
for p in clickhouse-server clickhouse-client time python3-pandas; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || apt-get install -y -qq "$p" >/dev/null
done
npm ci --prefix bench --silent >/dev/null
# Through the build lock, as the build directory may be shared.
# A private copy keeps one binary for the whole run, even if the tree is rebuilt meanwhile.
flock /tmp/tp-build.lock bash -c "bash scripts/build.sh release touchpoint >/dev/null && cp build/release/touchpoint '$out/touchpoint'"
tp=$out/touchpoint
chdir=$(mktemp -d /tmp/tp-bench-ch.XXXXXX)
bench/clickhouse/server.sh start "$chdir"
trap 'bench/clickhouse/server.sh stop "$chdir"; rm -rf "$chdir"' EXIT

# best CMD... : best wall seconds and peak RSS (MiB) of 3 runs -> "secs mib".
# Wall time to the millisecond from the clock around the run (/usr/bin/time's
# %e has 10 ms steps, too coarse for queries of a few tens of ms); peak RSS
# from /usr/bin/time.
best() {
  local best_s=999999 best_m=0 t0 t1
  for _ in 1 2 3; do
    [ -n "${PREP:-}" ] && eval "$PREP"
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/err.txt" || { cat "$out/err.txt" >&2; return 1; }
    t1=$(date +%s%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    read -r m < "$out/time.txt"
    if awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_m=$((m / 1024)); fi
  done
  echo "$best_s $best_m"
}
mib() { echo $(( $1 / 1048576 )); }
# wait_merge STORE: until a background merge of STORE (if any) is done; it
# holds the store's write lock while it runs.
wait_merge() { if [ -e "$1/LOCK" ]; then flock "$1/LOCK" true; fi; }

report=$out/report.md
echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores${only:+ (BENCH_ONLY=$only)}" > "$report"

# analysis_row LABEL NAME KIND: one row of the analyses table from the arrays
# tp_cmd, duck_cmd and ch_cmd. Each command runs once untimed to keep its
# answer (and warm up), then best of 3; the answers are checked against
# touchpoint's with bench/compare/check_funnel_retention_paths.py KIND.
analysis_row() {
  local label=$1 name=$2 kind=$3 ts tm ds dm cs cm faster ratio
  "${tp_cmd[@]}" > "$ans/$name.touchpoint.json" 2>/dev/null || true
  "${duck_cmd[@]}" > "$ans/$name.duckdb.json" 2>/dev/null || true
  "${ch_cmd[@]}" > "$ans/$name.clickhouse.json" 2>/dev/null || true
  read -r ts tm < <(best "${tp_cmd[@]}" || echo "n/a n/a")
  read -r ds dm < <(best "${duck_cmd[@]}" || echo "n/a n/a")
  read -r cs cm < <(best "${ch_cmd[@]}" || echo "n/a n/a")
  faster=$(awk -v d="$ds" -v c="$cs" 'BEGIN { if (d == "n/a") print c; else if (c == "n/a" || d + 0 < c + 0) print d; else print c }')
  ratio=$(awk -v f="$faster" -v t="$ts" 'BEGIN { if (f == "n/a" || t == "n/a" || t + 0 == 0) print "n/a"; else printf "%.1fx", f / t }')
  echo "| $label | $ts | $ds | $cs | $ratio | $tm / $dm" \
       "| $(/usr/bin/python3 bench/compare/check_funnel_retention_paths.py "$kind" "$ans/$name.touchpoint.json" "$ans/$name.duckdb.json")" \
       "| $(/usr/bin/python3 bench/compare/check_funnel_retention_paths.py "$kind" "$ans/$name.touchpoint.json" "$ans/$name.clickhouse.json") |" >> "$report"
  eval "secs_$name=$ts"
  eval "peer_$name=$faster"
}

ch_loaded=""  # the CSV the ClickHouse table holds, once this run loaded one
for n in "${sizes[@]}"; do
for shape in "${shapes[@]}"; do
  if [ "$shape" = default ]; then
    csv=$out/events_$n.csv
    nd=$out/events_$n.ndjson
    q=$out/q_$n
    gen=()
    { echo; echo "## $n events"; } >> "$report"
  else
    csv=$out/long_$n.csv
    q=$out/q_long_$n
    gen=(--events-per-customer "$per_customer")
    { echo; echo "## $n events, long histories (\`generate --events-per-customer $per_customer\`)"; } >> "$report"
  fi
  [ -f "$csv" ] || $tp generate --events "$n" --seed 1 "${gen[@]}" --out "$csv" 2>/dev/null
  if [ -z "$only" ] && [ "$shape" = default ]; then
    [ -f "$nd" ] || $tp generate --events "$n" --seed 1 --out "$nd" 2>/dev/null
    csv_bytes=$(stat -c %s "$csv"); nd_bytes=$(stat -c %s "$nd")
    {
      echo; echo "### Ingest (CSV $(mib "$csv_bytes") MiB, NDJSON $(mib "$nd_bytes") MiB)"; echo
      echo "| tool | input | best s | MB/s | events/s | peak MiB | on disk MiB | disk / raw CSV |"
      echo "|---|---|---|---|---|---|---|---|"
    } >> "$report"
    for fmt in csv ndjson; do
      f=$csv; bytes=$csv_bytes
      [ $fmt = ndjson ] && { f=$nd; bytes=$nd_bytes; }
      # A load of several parts is merged in the background after ingest
      # returns (docs/store.md); each run waits for the previous run's merge.
      read -r s m < <(PREP="wait_merge $out/tp_store; rm -rf $out/tp_store" best $tp ingest --db "$out/tp_store" "$f" --quiet)
      t0=$(date +%s%N); wait_merge "$out/tp_store"; t1=$(date +%s%N)
      merge_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
      disk=$(du -sb "$out/tp_store" | cut -f1)
      echo "| touchpoint | $fmt | $s | $(awk "BEGIN{printf \"%.0f\", $bytes/1e6/$s}") | $(awk "BEGIN{printf \"%.2fM\", $n/1e6/$s}") | $m | $(mib "$disk") | $(awk "BEGIN{printf \"%.1f%%\", 100*$disk/$csv_bytes}") |" >> "$report"
      read -r s m < <(PREP="rm -f $out/duck.db $out/duck.db.wal" best node bench/compare/duckdb_ingest.mjs "$f" "$out/duck.db")
      disk=$(stat -c %s "$out/duck.db")
      echo "| DuckDB | $fmt | $s | $(awk "BEGIN{printf \"%.0f\", $bytes/1e6/$s}") | $(awk "BEGIN{printf \"%.2fM\", $n/1e6/$s}") | $m | $(mib "$disk") | $(awk "BEGIN{printf \"%.1f%%\", 100*$disk/$csv_bytes}") |" >> "$report"
      echo "| (touchpoint's background merge, after ingest returned) | $fmt | $merge_s | | | | | |" >> "$report"
      if [ $fmt = csv ]; then
        read -r s m < <(best bench/compare/clickhouse_ingest.sh "$f")
        disk=$(clickhouse-client --port 19000 --query "SELECT sum(bytes_on_disk) FROM system.parts WHERE table='events' AND active")
        echo "| ClickHouse 18.16 | $fmt | $s | $(awk "BEGIN{printf \"%.0f\", $bytes/1e6/$s}") | $(awk "BEGIN{printf \"%.2fM\", $n/1e6/$s}") | (server) | $(mib "$disk") | $(awk "BEGIN{printf \"%.1f%%\", 100*$disk/$csv_bytes}") |" >> "$report"
        ch_loaded=$csv
      fi
    done
    rm -rf "$out/tp_store" "$out/duck.db"*
  fi
  # Stores for the queries, loaded once from the CSV and kept per size and
  # shape in $out/q_N and $out/q_long_N (reused by BENCH_ONLY runs; delete
  # the folder to reload). The long shape runs the analyses table only.
  if [ -z "$only" ] || [ ! -f "$q/ready" ]; then
    rm -rf "$q"; mkdir -p "$q"
    $tp ingest --db "$q/tp_store" "$csv" --quiet >/dev/null
    [ "$shape" = default ] && $tp ingest --no-merge --db "$q/tp_unmerged" "$csv" --quiet >/dev/null
    wait_merge "$q/tp_store"
    node bench/compare/duckdb_ingest.mjs "$csv" "$q/duck.db" >/dev/null
    [ "$shape" = default ] && /usr/bin/python3 -c "import sys, pandas as pd; pd.read_csv(sys.argv[1], keep_default_na=False, na_values={'revenue': [''], 'score': ['']}, dtype={'customer_id': str, 'session_id': str, 'event': str, 'channel': str, 'survey': str, 'feature': str, 'campaign': str}).to_pickle(sys.argv[2])" "$csv" "$q/events.pkl"
    touch "$q/ready"
  fi
  # The ClickHouse table holds this CSV after its ingest runs; otherwise
  # (a fresh server, another size or shape) load it, untimed.
  if [ "$ch_loaded" != "$csv" ]; then
    bench/compare/clickhouse_ingest.sh "$csv" --merged >/dev/null
    ch_loaded=$csv
  fi
  if [ "$only" != analyses ] && [ "$shape" = default ]; then
    {
      echo; echo "### The whole measure catalogue (docs/metrics.md), on the loaded data"; echo
      echo "| tool | best s | peak MiB | vs touchpoint |"
      echo "|---|---|---|---|"
    } >> "$report"
    read -r ts tm < <(best $tp metrics --db "$q/tp_store" --format json)
    echo "| touchpoint metrics | $ts | $tm | 1.0x |" >> "$report"
    read -r s m < <(best node bench/compare/duckdb_metrics.mjs "$q/duck.db")
    echo "| DuckDB SQL | $s | $m | $(awk "BEGIN{printf \"%.1fx\", $s/$ts}") |" >> "$report"
    read -r s m < <(best bench/compare/clickhouse_metrics.sh)
    echo "| ClickHouse 18.16 SQL (second precision) | $s | (server) | $(awk "BEGIN{printf \"%.1fx\", $s/$ts}") |" >> "$report"
    if [ -z "${BENCH_SKIP_PANDAS:-}" ]; then  # minutes at 10M; set BENCH_SKIP_PANDAS=1 to leave it out
      read -r s m < <(best /usr/bin/python3 tests/crosscheck/metrics_pandas.py "$q/events.pkl")
      echo "| pandas | $s | $m | $(awk "BEGIN{printf \"%.1fx\", $s/$ts}") |" >> "$report"
    fi
    read -r s m < <(best $tp metrics --db "$q/tp_store" --format json --by channel --interval month)
    echo "| touchpoint metrics --by channel --interval month | $s | $m | $(awk "BEGIN{printf \"%.2fx\", $s/$ts}") |" >> "$report"
    read -r s m < <(best $tp info --db "$q/tp_store")
    echo "| touchpoint info (one scan of two columns) | $s | $m | |" >> "$report"
  fi
  {
    echo; echo "### Funnels, retention and paths: touchpoint vs DuckDB and ClickHouse 18.16, same files"; echo
    echo "Best wall seconds of 3 runs of the whole command. \"faster peer / touchpoint\" is the faster"
    echo "peer's time over touchpoint's (target: at least 10x). The answer columns compare each"
    echo "peer's numbers with touchpoint's (bench/compare/check_funnel_retention_paths.py);"
    echo "all answers are kept in $q/answers/."; echo
    echo "| query | touchpoint s | DuckDB s | ClickHouse s | faster peer / touchpoint | peak MiB touchpoint / DuckDB | DuckDB answer | ClickHouse answer |"
    echo "|---|---|---|---|---|---|---|---|"
  } >> "$report"
  ans=$q/answers
  mkdir -p "$ans"
  s3="page_view,add_to_cart,purchase"
  s4="page_view,add_to_cart,checkout,purchase"
  s16="page_view,page_view,add_to_cart,page_view,checkout,purchase,page_view,page_view,add_to_cart,checkout,purchase,page_view,page_view,add_to_cart,checkout,purchase"
  for steps in "$s3" "$s4" "$s16" "$s16,$s16"; do
    n_steps=$(echo "$steps" | tr ',' '\n' | wc -l)
    tp_cmd=($tp funnel --db "$q/tp_store" --steps "$steps" --window 7d --format json)
    duck_cmd=(node bench/compare/duckdb_funnel.mjs "$q/duck.db" "$steps" 604800)
    ch_cmd=(bash bench/compare/clickhouse_funnel.sh "$steps" 604800)
    analysis_row "funnel, $n_steps steps, 7-day window (ordered; windowFunnel)" "funnel$n_steps" funnel
  done
  tp_cmd=($tp retention --db "$q/tp_store" --period week --format json)
  duck_cmd=(node bench/compare/duckdb_retention.mjs "$q/duck.db")
  ch_cmd=(bash bench/compare/clickhouse_retention.sh)
  analysis_row "weekly retention matrix (ISO weeks, first_seen, any event, with revenue)" retention retention
  # touchpoint paths computes more in the same pass (transitions, touchpoints,
  # exits, Sankey); the peers only the top paths.
  tp_cmd=($tp paths --db "$q/tp_store" --depth 5 --no-collapse --top 20 --format json)
  duck_cmd=(node bench/compare/duckdb_paths.mjs "$q/duck.db")
  ch_cmd=(bash bench/compare/clickhouse_paths.sh)
  analysis_row "top 20 paths within sessions, depth 5, repeats kept" paths paths
  # shellcheck disable=SC2154  # set by analysis_row
  { echo; echo "touchpoint 32-step funnel / 4-step funnel: $(awk -v a="$secs_funnel32" -v b="$secs_funnel4" 'BEGIN { if (a == "n/a" || b == "n/a") print "n/a"; else printf "%.2fx", a / b }') (target: at most 2x)"; } >> "$report"
  [ "$shape" = default ] || continue
  # The same queries on the store as a load leaves it without the background
  # merge (`ingest --no-merge`): one part per million rows, each customer
  # spread over all of them and merged by time at scan time (docs/store.md).
  {
    echo; echo "#### Without the background merge (\`ingest --no-merge\`: one part per 1M rows)"; echo
    echo "| query | touchpoint s | faster peer s (above) | faster peer / touchpoint |"
    echo "|---|---|---|---|"
  } >> "$report"
  unmerged_row() {
    local label=$1 peer=$2 ts tm
    shift 2
    read -r ts tm < <(best "$@" || echo "n/a n/a")
    echo "| $label | $ts | $peer | $(awk -v f="$peer" -v t="$ts" 'BEGIN { if (f == "n/a" || t == "n/a" || t + 0 == 0) print "-"; else printf "%.1fx", f / t }') |" >> "$report"
  }
  for steps in "$s4" "$s16" "$s16,$s16"; do
    n_steps=$(echo "$steps" | tr ',' '\n' | wc -l)
    eval "peer=\$peer_funnel$n_steps"
    unmerged_row "funnel, $n_steps steps" "$peer" $tp funnel --db "$q/tp_unmerged" --steps "$steps" --window 7d --format json
  done
  unmerged_row "weekly retention matrix" "$peer_retention" $tp retention --db "$q/tp_unmerged" --period week --format json
  unmerged_row "top 20 paths" "$peer_paths" $tp paths --db "$q/tp_unmerged" --depth 5 --no-collapse --top 20 --format json
  unmerged_row "metrics (whole catalogue)" "n/a" $tp metrics --db "$q/tp_unmerged" --format json
  {
    echo; echo "#### Analyses without a peer here (touchpoint only)"; echo
    echo "| query | loaded store s | without the merge s |"
    echo "|---|---|---|"
  } >> "$report"
  for cmd in "attribution" "lifecycle --period month" "paths --touchpoint channel:event --by channel" \
             "funnel --steps $s4 --count sessions" "retention --period month --cohort signup --return purchase"; do
    # shellcheck disable=SC2086  # the command's words
    read -r a _ < <(best $tp $cmd --db "$q/tp_store" --format json || echo "n/a n/a")
    # shellcheck disable=SC2086
    read -r b _ < <(best $tp $cmd --db "$q/tp_unmerged" --format json || echo "n/a n/a")
    echo "| $cmd | $a | $b |" >> "$report"
  done
done
done
cat "$report"
