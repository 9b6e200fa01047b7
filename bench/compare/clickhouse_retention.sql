-- ClickHouse 18.16 peer: the weekly retention matrix of docs/retention.md
-- (cohort = ISO week of the first event, return = any event, UTC; impression
-- and email_sent are not the customer's own and count as neither, while the
-- data's end is over every event) on the table loaded by clickhouse_ingest.sh. No window functions in 18.16: one
-- row per (customer, week), then per customer arrays of weeks, then per
-- cohort. Prints one JSONEachRow line: cohorts = [(cohort, size, retained[],
-- percent[], revenue[], complete_periods), ...] and the average curve.
--   retained[0] = size; retained[k] = customers with an event in week cohort + k;
--   revenue[k] = the cohort's purchase revenue less refunds in that week;
--   complete_periods = leading weeks that end by the end of the data;
--   average[k] = sum of retained[k] over cohorts whose week k is complete /
--   sum of their sizes x 100 (nan when none is).
-- Whole seconds: a week is complete when it ends by the last event's second
-- (touchpoint: by the last event + 1 ms; they differ only when the last event
-- is in the last millisecond before a week boundary).
SELECT groupArray((cohort, size, retained, percent, revenue, complete_periods)) AS cohorts,
       arrayMap((n, d) -> if(d > 0, 100 * n / d, nan), sumForEach(done), sumForEach(base)) AS average
FROM (
  SELECT concat(toString(toISOYear(cw)), '-W', if(toISOWeek(cw) < 10, '0', ''), toString(toISOWeek(cw))) AS cohort,
         ns[indexOf(ks, 0)] AS size,
         arrayMap(k -> if(k = 0, size, ns[indexOf(ks, k)]), range(columns)) AS retained,
         arrayMap(r -> 100 * r / size, retained) AS percent,
         arrayMap(k -> revs[indexOf(ks, k)], range(columns)) AS revenue,
         arrayCount(k -> toDateTime(cw + 7 * (k + 1), 'UTC') <= data_end, range(columns)) AS complete_periods,
         arrayMap(k -> if(k < complete_periods, retained[k + 1], 0), range(columns)) AS done,
         arrayMap(k -> if(k < complete_periods, size, 0), range(columns)) AS base
  FROM (
    SELECT cw, groupArray(k) AS ks, groupArray(n) AS ns, groupArray(rev) AS revs,
           any(columns) AS columns, any(data_end) AS data_end
    FROM (
      SELECT cw, intDiv(w - cw, 7) AS k, count() AS n, sum(r) AS rev,
             toUInt32(any(intDiv(last_week - cw, 7) + 1)) AS columns, any(data_end) AS data_end
      FROM (
        SELECT customer_id, min(w) AS cw, groupArray(w) AS ws, groupArray(r) AS rs
        FROM (
          SELECT customer_id, toMonday(timestamp, 'UTC') AS w, sumIf(revenue, event = 'purchase') - sumIf(revenue, event = 'refund') AS r
          FROM events WHERE event NOT IN ('impression', 'email_sent') GROUP BY customer_id, w
        ) GROUP BY customer_id
      ) ARRAY JOIN ws AS w, rs AS r
      CROSS JOIN (SELECT toMonday(max(timestamp), 'UTC') AS last_week, max(timestamp) AS data_end FROM events)
      GROUP BY cw, k
    ) GROUP BY cw
  )
  -- 18.16 drops subquery columns used only inside lambdas: name them here too.
  WHERE notEmpty(revs) AND data_end > 0
  ORDER BY cohort
)
