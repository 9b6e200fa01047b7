-- The measure catalogue of docs/metrics.md in DuckDB SQL (whole data range,
-- UTC, default definitions), over the table loaded by duckdb_ingest.mjs.
-- Sessions: (customer, session_id) when given, else 30-minute gaps. Activity
-- (a: sessions, customers, first seen, churn, active days) leaves out
-- impression and email_sent (docs/metrics.md "Activity").
WITH e AS (
  SELECT customer_id, event, channel, survey, score, revenue, feature, session_id, epoch_ms(timestamp) AS ms
  FROM events
),
a AS (SELECT * FROM e WHERE event NOT IN ('impression', 'email_sent')),
g AS (
  SELECT customer_id, ms, event,
         ms - lag(ms) OVER (PARTITION BY customer_id ORDER BY ms) AS gap
  FROM a WHERE session_id IS NULL
),
s AS (
  SELECT customer_id || '|g' || sum(CASE WHEN gap IS NULL OR gap > 1800000 THEN 1 ELSE 0 END)
           OVER (PARTITION BY customer_id ORDER BY ms ROWS UNBOUNDED PRECEDING) AS sid, ms, event
  FROM g
  UNION ALL
  SELECT customer_id || '|s' || session_id, ms, event FROM a WHERE session_id IS NOT NULL
),
sess AS (
  SELECT count(*) AS n, count(*) FILTER (WHERE event = 'page_view') AS pv,
         bool_or(event = 'purchase') AS buy, bool_or(event = 'add_to_cart') AS cart,
         (max(ms) - min(ms)) / 1000.0 AS dur
  FROM s GROUP BY sid
),
first_seen AS (SELECT customer_id, min(ms) AS first_ms FROM a GROUP BY customer_id),
range AS (SELECT min(ms) AS lo, max(ms) + 1 AS hi FROM e),
months AS (
  SELECT DISTINCT customer_id, date_trunc('month', make_timestamp(ms * 1000)) AS m FROM a
),
churn AS (
  SELECT count(*) AS base, count(*) FILTER (WHERE cur.customer_id IS NULL) AS churned
  FROM months prev
  LEFT JOIN months cur ON cur.customer_id = prev.customer_id AND cur.m = prev.m + INTERVAL 1 MONTH
  WHERE prev.m + INTERVAL 1 MONTH <= (SELECT date_trunc('month', make_timestamp((hi - 1) * 1000)) FROM range)
),
days AS (SELECT count(*) AS pairs FROM (SELECT DISTINCT customer_id, ms // 86400000 FROM a)),
mau AS (SELECT avg(c) AS mau FROM (SELECT m, count(*) AS c FROM months GROUP BY m)),
activated AS (
  SELECT count(DISTINCT a.customer_id) AS n FROM e a JOIN first_seen f USING (customer_id)
  WHERE a.event = 'activation' AND a.ms BETWEEN f.first_ms AND f.first_ms + 7 * 86400000
)
SELECT
  (SELECT count(*) FROM e) AS events,
  (SELECT count(DISTINCT customer_id) FROM a) AS customers,
  (SELECT count(*) FROM sess) AS sessions,
  (SELECT count(DISTINCT customer_id) FROM e WHERE event = 'page_view') AS visitors,
  100.0 * (SELECT count(*) FROM e WHERE event = 'click') / (SELECT count(*) FROM e WHERE event = 'impression') AS ctr,
  100.0 * (SELECT count(*) FROM sess WHERE n = 1 AND pv = 1) / (SELECT count(*) FROM sess WHERE pv >= 1) AS bounce_rate,
  100.0 * (SELECT count(DISTINCT customer_id) FROM e WHERE event = 'purchase') / (SELECT count(DISTINCT customer_id) FROM a) AS conversion_rate,
  100.0 * (SELECT count(*) FROM sess WHERE buy) / (SELECT count(*) FROM sess) AS session_conversion_rate,
  (SELECT avg(dur) FROM sess) AS avg_session_duration_s,
  100.0 * (SELECT count(*) FROM sess WHERE cart AND NOT buy) / (SELECT count(*) FROM sess WHERE cart) AS cart_abandonment_rate,
  (SELECT 100.0 * count(*) FILTER (WHERE score >= 4) / count(*) FROM e WHERE event = 'survey_response' AND survey = 'csat' AND score IS NOT NULL) AS csat,
  (SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) FROM e WHERE event = 'survey_response' AND survey = 'nps' AND score IS NOT NULL) AS nps,
  (SELECT avg(score) FROM e WHERE event = 'survey_response' AND survey = 'ces') AS ces,
  (SELECT coalesce(sum(revenue) FILTER (WHERE event = 'purchase'), 0) - coalesce(sum(revenue) FILTER (WHERE event = 'refund'), 0) FROM e) AS revenue,
  100.0 * (SELECT n FROM activated) / (SELECT count(*) FROM first_seen) AS activation_rate,
  (SELECT count(*) FROM first_seen) AS new_customers,
  100.0 * (SELECT count(*) FROM e WHERE event IN ('like', 'comment', 'share')) / (SELECT count(*) FROM e WHERE event = 'impression' AND channel = 'social') AS social_engagement_rate,
  (SELECT pairs FROM days) * 1.0 / (SELECT count(DISTINCT customer_id) FROM a) AS active_days,
  (SELECT pairs FROM days) / round((SELECT (hi - lo) / 86400000.0 FROM range)) AS dau,
  (SELECT mau FROM mau) AS mau,
  100.0 * (SELECT churned FROM churn) / (SELECT base FROM churn) AS churn_rate;
