#!/usr/bin/env bash
# ClickHouse peer: load one CSV file into a fresh MergeTree table ordered by
# (customer_id, timestamp) on the private server (clickhouse/server.sh).
# Debian 12 ships ClickHouse 18.16: no DateTime64, so timestamps keep whole
# seconds (best_effort parsing), which flatters its size a little.
# Usage: clickhouse_ingest.sh FILE [--merged]
#   --merged: merge the table's parts before returning (for the query
#   timings; the ingest timings leave the merge to the background, as
#   touchpoint's do).
set -euo pipefail
file=$1
merged=${2:-}
ch() { clickhouse-client --port 19000 "$@"; }
ch --query "DROP TABLE IF EXISTS events"
ch --query "CREATE TABLE events (
  timestamp DateTime, customer_id String, event String, event_id String, session_id String, channel String,
  campaign String, page String, revenue Nullable(Float64), survey String, score Nullable(Float64),
  comment String, feature String, device String, country String
) ENGINE = MergeTree ORDER BY (customer_id, timestamp)"
ch --date_time_input_format=best_effort \
   --query "INSERT INTO events FORMAT CSVWithNames" < "$file"
# The insert leaves parts that the server merges in the background for a
# while; timed queries must not share the CPU with those merges (nor run on
# unmerged parts), so merge now, in the foreground.
[ "$merged" = --merged ] && ch --query "OPTIMIZE TABLE events FINAL"
ch --query "SELECT count() FROM events"
