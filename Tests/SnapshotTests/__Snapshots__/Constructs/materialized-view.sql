CREATE EXTENSION IF NOT EXISTS pg_cron WITH SCHEMA pg_catalog;

DROP MATERIALIZED VIEW IF EXISTS shop.customer_totals;

CREATE MATERIALIZED VIEW shop.customer_totals AS
SELECT
  p.customer_id,
  COUNT(*) AS purchases,
  SUM(p.unit_price) AS revenue
FROM shop.purchases p
GROUP BY p.customer_id
WITH NO DATA;

CREATE UNIQUE INDEX customer_totals_key ON shop.customer_totals (customer_id) NULLS NOT DISTINCT;

CREATE INDEX customer_totals_revenue ON shop.customer_totals (revenue);

CREATE UNIQUE INDEX customer_totals_known ON shop.customer_totals (customer_id) WHERE customer_id IS NOT NULL;

REFRESH MATERIALIZED VIEW CONCURRENTLY shop.customer_totals;

COMMENT ON MATERIALIZED VIEW shop.customer_totals IS 'Totals per customer; it''s refreshed nightly.';
