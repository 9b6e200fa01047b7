-- DuckDB peer: an ordered funnel with ClickHouse windowFunnel semantics
-- (docs/funnels.md), on the `events` table of duckdb_ingest.mjs.
-- duckdb_funnel.mjs fills in the placeholders: {{EVENTS}} (the distinct step
-- events, a SQL list), {{WINDOW_MS}}, and the {{CHAIN}} / {{COUNTS}} parts,
-- built by repeating the two templates at the end once per step.
--
-- How: the step events of each customer are numbered in stored order (time,
-- then load order). Every occurrence of step 1 starts a chain; step i is then
-- filled by the first event of step i after the one that filled step i-1
-- (an ASOF JOIN on the row number), while it is within start + window.
-- For a fixed start this leftmost fill is the deepest possible, and one event
-- fills one step (the row number strictly grows), so a customer reaches
-- step i when any of their chains does.
WITH fe AS MATERIALIZED (
  SELECT customer_id, event, epoch_ms(timestamp) AS ms,
         row_number() OVER (PARTITION BY customer_id ORDER BY timestamp, rowid) AS rn
  FROM events
  WHERE event IN {{EVENTS}}
),
c1 AS MATERIALIZED (
  SELECT customer_id, ms + {{WINDOW_MS}} AS deadline, rn FROM fe WHERE event = {{STEP1}}
){{CHAIN}}
SELECT * FROM ({{COUNTS}}) ORDER BY step;

-- template CHAIN (step {{I}} from step {{P}}):
-- ,
-- c{{I}} AS MATERIALIZED (
--   SELECT c.customer_id, c.deadline, e.rn
--   FROM c{{P}} c ASOF JOIN (SELECT customer_id, rn, ms FROM fe WHERE event = {{STEP}}) e
--     ON c.customer_id = e.customer_id AND c.rn < e.rn
--   WHERE e.ms <= c.deadline
-- )
-- template COUNTS:
-- SELECT {{I}} AS step, count(DISTINCT customer_id) AS customers FROM c{{I}}
