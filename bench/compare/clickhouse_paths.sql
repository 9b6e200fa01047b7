-- ClickHouse 18.16 peer: the top 20 paths within sessions, depth 5, on the
-- table loaded by clickhouse_ingest.sh: a path is the sequence of a
-- session's first 5 events (all of them when fewer; repeats kept). Sessions
-- as in docs/metrics.md (rows with a session_id form (customer, session_id);
-- the others split per customer after MORE than 1800 s without an event;
-- impression and email_sent, not the customer's own, are in no session),
-- built with arrays as in clickhouse_sessions.sql, as 18.16 has no window
-- functions. Whole seconds: events of one customer in the same second keep
-- the table's order. Ranked by sessions, then customers, then the path.
SELECT path, count() AS sessions, uniqExact(customer_id) AS customers
FROM (
  SELECT customer_id, arrayStringConcat(arraySlice(arrayMap(x -> x.2, arraySort(x -> x.1, groupArray((t, event)))), 1, 5), ',') AS path
  FROM (
    SELECT customer_id, t, event, toString(s) AS sid
    FROM (
      SELECT customer_id,
             arraySort(x -> x.1, groupArray((toUInt32(timestamp), event))) AS evs,
             arrayMap(x -> x.1, evs) AS t_arr,
             arrayMap(x -> x.2, evs) AS e_arr,
             arrayCumSum(arrayMap((d, i) -> if(i = 1 OR d > 1800, 1, 0), arrayDifference(t_arr), arrayEnumerate(t_arr))) AS s_arr
      FROM events WHERE session_id = '' AND event NOT IN ('impression', 'email_sent') GROUP BY customer_id
    ) ARRAY JOIN t_arr AS t, e_arr AS event, s_arr AS s
    UNION ALL
    SELECT customer_id, toUInt32(timestamp) AS t, event, concat('s', session_id) AS sid FROM events WHERE session_id != '' AND event NOT IN ('impression', 'email_sent')
  )
  GROUP BY customer_id, sid
)
GROUP BY path
ORDER BY sessions DESC, customers DESC, path
LIMIT 20
