CREATE TABLE sess ENGINE = Memory AS
SELECT length(ev) AS n, countEqual(ev, 'page_view') AS pv, has(ev, 'purchase') AS buy, has(ev, 'add_to_cart') AS cart,
       arrayReduce('max', ts) - arrayReduce('min', ts) AS dur
FROM (
  SELECT customer_id, sid, groupArray(t) AS ts, groupArray(event) AS ev
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
  )
  GROUP BY customer_id, sid
  UNION ALL
  SELECT customer_id, concat('s', session_id) AS sid, groupArray(toUInt32(timestamp)) AS ts, groupArray(event) AS ev
  FROM events WHERE session_id != '' AND event NOT IN ('impression', 'email_sent') GROUP BY customer_id, session_id
)
