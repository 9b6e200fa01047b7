#!/usr/bin/env bash
# ClickHouse peer: the top 20 paths within sessions, depth 5
# (clickhouse_paths.sql), on the table loaded by clickhouse_ingest.sh.
# Prints {"paths":[{"path":"page_view,page_view","sessions":N,"customers":M},...]}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
clickhouse-client --port 19000 --max_threads 2 --format TabSeparated < "$here/clickhouse_paths.sql" |
  awk -F'\t' 'BEGIN { printf "{\"paths\":[" }
              { printf "%s{\"path\":\"%s\",\"sessions\":%d,\"customers\":%d}", (NR > 1 ? "," : ""), $1, $2, $3 }
              END { print "]}" }'
