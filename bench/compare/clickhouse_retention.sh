#!/usr/bin/env bash
# ClickHouse peer: the weekly retention matrix (clickhouse_retention.sql) on
# the table loaded by clickhouse_ingest.sh; one JSONEachRow line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
clickhouse-client --port 19000 --max_threads 2 --output_format_json_quote_64bit_integers 0 \
  --format JSONEachRow < "$here/clickhouse_retention.sql"
