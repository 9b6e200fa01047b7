-- DuckDB peer: the top 20 paths within sessions, depth 5, on the `events`
-- table of duckdb_ingest.mjs: a path is the sequence of a session's first 5
-- events (all of them when it has fewer; repeats kept), in stored order (time,
-- then load order). Sessions as in docs/metrics.md: rows with a session_id
-- form (customer, session_id); the others split per customer after MORE than
-- 30 minutes without an event; impression and email_sent (not the customer's
-- own, docs/metrics.md "Activity") are in no session. Ranked by sessions, then customers, then the
-- path's text; with the sessions and distinct customers of each path.
WITH
numbered AS (
  SELECT customer_id, event, timestamp, rowid AS r, coalesce(session_id, '') AS sid FROM events
  WHERE event NOT IN ('impression', 'email_sent')
),
gaps AS (
  SELECT customer_id, event, timestamp, r,
         'g' || sum(if(prev IS NULL OR timestamp - prev > INTERVAL 1800 SECOND, 1, 0))
                  OVER (PARTITION BY customer_id ORDER BY timestamp, r) AS sess
  FROM (SELECT *, lag(timestamp) OVER (PARTITION BY customer_id ORDER BY timestamp, r) AS prev
        FROM numbered WHERE sid = '')
),
sessions AS (
  SELECT customer_id, event, timestamp, r, sess FROM gaps
  UNION ALL
  SELECT customer_id, event, timestamp, r, 's' || sid FROM numbered WHERE sid <> ''
),
paths AS (
  SELECT customer_id, string_agg(event, ',' ORDER BY timestamp, r) AS path
  FROM (SELECT *, row_number() OVER (PARTITION BY customer_id, sess ORDER BY timestamp, r) AS k FROM sessions)
  WHERE k <= 5
  GROUP BY customer_id, sess
)
SELECT path, count(*) AS sessions, count(DISTINCT customer_id) AS customers
FROM paths GROUP BY path
ORDER BY sessions DESC, customers DESC, path
LIMIT 20;
