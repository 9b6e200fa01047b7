-- DuckDB peer: the weekly retention matrix of docs/retention.md (cohort =
-- ISO week of the first event, return = any event, UTC; impression and
-- email_sent are not the customer's own and count as neither, while the
-- data's end is over every event) on the `events` table of duckdb_ingest.mjs. One row per cohort, then an '(average)' row.
--   retained[0] = size; retained[k] = customers with an event in week cohort + k;
--   revenue[k] = purchase revenue less refunds of the cohort in that week;
--   complete_periods = leading weeks that end by the end of the data
--     (last event + 1 ms); average[k] = sum of retained[k] over the cohorts
--     whose week k is complete / sum of their sizes x 100.
-- duckdb_retention.mjs runs it with TimeZone = 'UTC' (date_trunc on TIMESTAMPTZ
-- follows the session time zone).
WITH
b AS (
  SELECT date_trunc('week', max(timestamp)) AS last_week, max(timestamp) + INTERVAL 1 millisecond AS data_end
  FROM events
),
cohort AS (
  SELECT customer_id, date_trunc('week', min(timestamp)) AS cw FROM events
  WHERE event NOT IN ('impression', 'email_sent') GROUP BY customer_id
),
active AS (
  SELECT DISTINCT customer_id, date_trunc('week', timestamp) AS w FROM events
  WHERE event NOT IN ('impression', 'email_sent')
),
ret AS (
  SELECT c.cw, date_diff('day', c.cw, a.w) // 7 AS k, count(*) AS n
  FROM active a JOIN cohort c USING (customer_id) WHERE a.w > c.cw GROUP BY ALL
),
rev AS (
  SELECT c.cw, date_diff('day', c.cw, date_trunc('week', e.timestamp)) // 7 AS k,
         sum(CASE WHEN e.event = 'refund' THEN -e.revenue ELSE e.revenue END) AS r
  FROM events e JOIN cohort c USING (customer_id)
  WHERE e.event IN ('purchase', 'refund') AND e.revenue IS NOT NULL GROUP BY ALL
),
grid AS (
  SELECT s.cw, s.size, unnest(range(0, date_diff('day', s.cw, b.last_week) // 7 + 1)) AS k
  FROM (SELECT cw, count(*) AS size FROM cohort GROUP BY cw) s, b
),
cells AS (
  SELECT g.cw, g.size, g.k, if(g.k = 0, g.size, coalesce(ret.n, 0)) AS retained, coalesce(rev.r, 0) AS revenue,
         g.cw + to_weeks(g.k + 1) <= b.data_end AS complete
  FROM grid g CROSS JOIN b
  LEFT JOIN ret ON ret.cw = g.cw AND ret.k = g.k
  LEFT JOIN rev ON rev.cw = g.cw AND rev.k = g.k
),
average AS (
  SELECT k, if(sum(size) FILTER (WHERE complete) > 0,
               100.0 * sum(retained) FILTER (WHERE complete) / sum(size) FILTER (WHERE complete), NULL) AS a
  FROM cells GROUP BY k
)
SELECT strftime(cw, '%G-W%V') AS cohort, any_value(size) AS size,
       list(retained ORDER BY k) AS retained,
       list(100.0 * retained / size ORDER BY k) AS percent,
       list(revenue ORDER BY k) AS revenue,
       count(*) FILTER (WHERE complete) AS complete_periods,
       NULL AS average, cw AS sort_key
FROM cells GROUP BY cw
UNION ALL
SELECT '(average)', NULL, NULL, NULL, NULL, NULL, list(a ORDER BY k), NULL FROM average
ORDER BY sort_key NULLS LAST;
