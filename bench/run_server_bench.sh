#!/usr/bin/env bash
# Load benchmark of `touchpoint serve` with wrk on loopback, bounded in
# time: single PostHog events to /capture and batches of 100 to /batch,
# each on a fresh store. Prints requests/s, events/s, p50/p90/p99 latency,
# and proves afterwards that every acknowledged event is in the store
# (stored >= acknowledged, and at most the requests still in flight more).
#
# wrk is closed-loop: each connection waits for its answer, so the mean
# latency is connections / requests per second. Single events need many
# connections for throughput (each waits for an fsync); batches reach it
# with fewer, and more would only queue.
#
# usage: bash bench/run_server_bench.sh [TOUCHPOINT] [SECONDS] [SINGLE_CONNS] [BATCH_CONNS]
set -euo pipefail
cd "$(dirname "$0")/.."
tp=${1:-build/release/touchpoint}
secs=${2:-15}
single_conns=${3:-64}
batch_conns=${4:-16}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

run() {
  local name=$1 lua=$2 per_request=$3 conns=$4
  local db=$work/${name%% *}
  "$tp" serve --db "$db" --listen 127.0.0.1:0 >"$db.log" 2>&1 &
  server=$!
  local port=""
  for _ in $(seq 100); do
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$db.log" | head -1 | sed 's/.*://') || true
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$db.log"; exit 1; }
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s "bench/server/$lua" "http://127.0.0.1:$port")
  local result
  result=$(echo "$out" | grep '^RESULT')
  kill -TERM "$server"
  wait "$server" || { echo "serve exited with an error"; cat "$db.log"; exit 1; }
  server=
  local stored
  stored=$("$tp" info --db "$db" --format json | sed -n 's/^{"events":\([0-9]*\),.*/\1/p')
  eval "$(echo "$result" | sed 's/^RESULT //')"
  local acked=$(( (requests - non2xx) * per_request ))
  local max_possible=$(( (requests + conns) * per_request ))
  awk -v name="$name" -v req="$requests" -v bad="$non2xx" -v errs="$errors" -v us="$duration_us" -v acked="$acked" \
      -v stored="$stored" -v p50="$p50_us" -v p90="$p90_us" -v p99="$p99_us" -v mx="$max_us" -v maxp="$max_possible" 'BEGIN {
    s = us / 1e6
    verdict = (stored >= acked && stored <= maxp) ? "ok" : "LOST OR EXTRA"
    printf "| %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %s |\n", name, req / s, acked / s,
      p50 / 1000, p90 / 1000, p99 / 1000, mx / 1000, bad + errs, acked, stored, verdict
  }'
}

echo "| load | requests/s | events/s | p50 ms | p90 ms | p99 ms | max ms | refused+errors | acknowledged | stored | check |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
run "single (${single_conns} conns)" capture_single.lua 1 "$single_conns"
run "batch of 100 (${batch_conns} conns)" batch_100.lua 100 "$batch_conns"
