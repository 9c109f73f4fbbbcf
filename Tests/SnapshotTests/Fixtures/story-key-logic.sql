CREATE MATERIALIZED VIEW mv_metrics_daily AS
WITH calls AS (
  SELECT
    account_id,
    location_id,
    DATE(started_at) AS date,
    COUNT(*) AS total_calls,
    SUM(CASE WHEN call_type = 'order' THEN 1 ELSE 0 END) AS orders_count,
    SUM(CASE WHEN call_type = 'reservation' THEN 1 ELSE 0 END) AS reservations_count,
    SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed_calls
  FROM calls_v
  GROUP BY account_id, location_id, DATE(started_at)
),
orders AS (
  SELECT
    account_id,
    location_id,
    DATE(created_at) AS date,
    SUM(total_amount) AS total_revenue_orders
  FROM orders_v
  GROUP BY account_id, location_id, DATE(created_at)
),
res_est AS (
  SELECT
    r.account_id,
    r.location_id,
    DATE(r.created_at) AS date,
    SUM(
      r.guest_count *
      COALESCE(
        r.avg_spend_per_head_override,
        ls.avg_spend_per_head,
        acs.avg_spend_per_head
      )
    ) AS total_revenue_res_estimate
  FROM reservations_v r
  LEFT JOIN location_settings ls ON r.location_id = ls.location_id
  LEFT JOIN account_settings acs ON r.account_id = acs.account_id
  GROUP BY r.account_id, r.location_id, DATE(r.created_at)
),
minutes AS (
  SELECT
    c.account_id,
    c.location_id,
    c.date,
    (c.completed_calls * COALESCE(ls.minutes_saved_baseline_seconds, acs.minutes_saved_baseline_seconds, 120) / 60.0) AS minutes_saved
  FROM calls c
  LEFT JOIN location_settings ls ON c.location_id = ls.location_id
  LEFT JOIN account_settings acs ON c.account_id = acs.account_id
)
SELECT
  COALESCE(c.account_id, o.account_id, r.account_id, m.account_id) AS account_id,
  COALESCE(c.location_id, o.location_id, r.location_id, m.location_id) AS location_id,
  COALESCE(c.date, o.date, r.date, m.date) AS date,
  COALESCE(c.total_calls, 0) AS total_calls,
  COALESCE(c.orders_count, 0) AS orders_count,
  COALESCE(c.reservations_count, 0) AS reservations_count,
  COALESCE(o.total_revenue_orders, 0) AS total_revenue_orders,
  COALESCE(r.total_revenue_res_estimate, 0) AS total_revenue_res_estimate,
  COALESCE(m.minutes_saved, 0) AS minutes_saved
FROM calls c
FULL OUTER JOIN orders o USING (account_id, location_id, date)
FULL OUTER JOIN res_est r USING (account_id, location_id, date)
FULL OUTER JOIN minutes m USING (account_id, location_id, date);

-- Index for fast lookups
CREATE INDEX idx_mv_metrics_daily_account_location_date
ON mv_metrics_daily (account_id, location_id, date);

-- pg_cron refresh job
SELECT cron.schedule(
  'refresh-metrics-daily',
  '*/5 * * * *',  -- Every 5 minutes
  'REFRESH MATERIALIZED VIEW CONCURRENTLY mv_metrics_daily;'
);
