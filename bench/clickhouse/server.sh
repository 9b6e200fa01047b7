#!/usr/bin/env bash
# server.sh start|stop DIR : a private clickhouse-server on 127.0.0.1:19000.
set -euo pipefail
cmd=$1 dir=$2
here=$(cd "$(dirname "$0")" && pwd)
case "$cmd" in
  start)
    mkdir -p "$dir"/{data,tmp,user_files,format_schemas}
    sed "s|CH_DIR|$dir|g" "$here/config.xml" > "$dir/config.xml"
    cp "$here/users.xml" "$dir/users.xml"
    (cd "$dir" && nohup clickhouse-server --config-file="$dir/config.xml" > "$dir/server.log" 2>&1 & echo $! > "$dir/pid")
    for _ in $(seq 1 100); do
      clickhouse-client --port 19000 --query "SELECT 1" >/dev/null 2>&1 && exit 0
      sleep 0.2
    done
    echo "clickhouse-server did not start; see $dir/server.log" >&2
    exit 1 ;;
  stop)
    # By config path: the server may run under a watchdog with another pid.
    pkill -f "config-file=$dir/config.xml" 2>/dev/null || true
    sleep 1 ;;
  *) echo "usage: server.sh start|stop DIR" >&2; exit 2 ;;
esac
