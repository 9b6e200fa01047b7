-- The measure catalogue of docs/metrics.md in ClickHouse 18.16 SQL (Debian
-- 12's version: no window functions, so sessions are split with arrays), on
-- the table loaded by clickhouse_ingest.sh. Timestamps are whole seconds
-- there (no DateTime64), so durations and gaps are at second precision.
-- Activity (customers, conversion base, new customers, active days) leaves
-- out impression and email_sent, as sessions do (docs/metrics.md "Activity").
SELECT
  (SELECT count() FROM events) AS events,
  (SELECT uniqExactIf(customer_id, (event NOT IN ('impression', 'email_sent'))) FROM events) AS customers,
  (SELECT count() FROM sess) AS sessions,
  (SELECT uniqExact(customer_id) FROM events WHERE event = 'page_view') AS visitors,
  100 * (SELECT countIf(event = 'click') FROM events) / (SELECT countIf(event = 'impression') FROM events) AS ctr,
  100 * (SELECT countIf(n = 1 AND pv = 1) FROM sess) / (SELECT countIf(pv >= 1) FROM sess) AS bounce_rate,
  100 * (SELECT uniqExactIf(customer_id, event = 'purchase') FROM events) / (SELECT uniqExactIf(customer_id, (event NOT IN ('impression', 'email_sent'))) FROM events) AS conversion_rate,
  100 * (SELECT countIf(buy) FROM sess) / (SELECT count() FROM sess) AS session_conversion_rate,
  (SELECT avg(dur) FROM sess) AS avg_session_duration_s,
  100 * (SELECT countIf(cart AND NOT buy) FROM sess) / (SELECT countIf(cart) FROM sess) AS cart_abandonment_rate,
  (SELECT 100 * countIf(score >= 4) / count() FROM events WHERE event = 'survey_response' AND survey = 'csat' AND isNotNull(score)) AS csat,
  (SELECT 100 * (countIf(score >= 9) - countIf(score <= 6)) / count() FROM events WHERE event = 'survey_response' AND survey = 'nps' AND isNotNull(score)) AS nps,
  (SELECT avg(score) FROM events WHERE event = 'survey_response' AND survey = 'ces' AND isNotNull(score)) AS ces,
  (SELECT sumIf(revenue, event = 'purchase') - sumIf(revenue, event = 'refund') FROM events) AS revenue,
  (SELECT uniqExactIf(customer_id, (event NOT IN ('impression', 'email_sent'))) FROM events) AS new_customers,
  100 * (SELECT countIf(event IN ('like', 'comment', 'share')) FROM events) / (SELECT countIf(event = 'impression' AND channel = 'social') FROM events) AS social_engagement_rate,
  (SELECT count() FROM (SELECT DISTINCT customer_id, toDate(timestamp) FROM events WHERE (event NOT IN ('impression', 'email_sent')))) / (SELECT uniqExactIf(customer_id, (event NOT IN ('impression', 'email_sent'))) FROM events) AS active_days
FROM system.one

