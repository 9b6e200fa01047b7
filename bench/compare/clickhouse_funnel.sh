#!/usr/bin/env bash
# ClickHouse peer: customers reaching each step of an ordered funnel with
# windowFunnel, on the table loaded by clickhouse_ingest.sh (private server,
# clickhouse/server.sh). ClickHouse 18.16 (Debian 12) has
# windowFunnel(window)(timestamp, cond1, ..., condN): timestamp DateTime or
# UInt32 (whole seconds), window in seconds, at most 32 conditions, a step
# inside start + window inclusive, ties in their stored order. Same
# semantics as docs/funnels.md ordered mode, but in whole seconds.
# Prints {"steps":[{"step":"page_view","customers":N},...]}.
# Usage: clickhouse_funnel.sh STEP,STEP,... WINDOW_SECONDS
set -euo pipefail
IFS=, read -r -a steps <<< "$1"
window=$2
conds=() events=()
for s in "${steps[@]}"; do
  [[ "$s" =~ ^[A-Za-z0-9_.:-]+$ ]] || { echo "clickhouse_funnel.sh: steps are plain event names, not '$s'" >&2; exit 2; }
  conds+=("event = '$s'")
  [[ " ${events[*]} " == *" '$s' "* ]] || events+=("'$s'")
done
in_list=$(IFS=,; echo "${events[*]}")
cond_list=$(printf ', %s' "${conds[@]}")
levels=$(clickhouse-client --port 19000 --max_threads 2 --query "
  SELECT level, count() FROM (
    SELECT customer_id, windowFunnel($window)(timestamp$cond_list) AS level
    FROM events WHERE event IN ($in_list) GROUP BY customer_id
  ) GROUP BY level ORDER BY level FORMAT TabSeparated")
# Customers reaching step i = customers whose level is at least i.
awk -v n="${#steps[@]}" -v names="$1" '
  { count[$1] = $2 }
  END {
    split(names, step, ",")
    printf "{\"steps\":["
    for (i = 1; i <= n; ++i) {
      reached = 0
      for (l in count) if (l + 0 >= i) reached += count[l]
      printf "%s{\"step\":\"%s\",\"customers\":%d}", (i > 1 ? "," : ""), step[i], reached
    }
    print "]}"
  }' <<< "$levels"
