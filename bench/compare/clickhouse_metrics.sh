#!/usr/bin/env bash
# ClickHouse peer: the measure catalogue (sessions as a temporary Memory
# table, then clickhouse_metrics.sql) on the table loaded by clickhouse_ingest.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ch() { clickhouse-client --port 19000 --max_threads 2 "$@"; }
ch --query "DROP TABLE IF EXISTS sess"
ch --multiquery < "$here/clickhouse_sessions.sql"
ch --format JSONEachRow < "$here/clickhouse_metrics.sql"
ch --query "DROP TABLE sess"
