-- Contract §2, Revenue: the spend hierarchy override > location > account, NULL estimates as 0,
-- and revenue_mode deciding whether estimates count (orders_only when there is no settings row).
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
-- Only this test's tenants: on a real project the view also holds everyone else's rows. The
-- temporary view shadows public.mv_metrics_daily for the unqualified reads below.
CREATE TEMPORARY VIEW mv_metrics_daily AS
  SELECT * FROM public.mv_metrics_daily
  WHERE account_id::text LIKE 'a0000000-0000-0000-0000-00000000000_';
SELECT plan(9);

INSERT INTO accounts (account_id, default_time_zone) VALUES
  ('a0000000-0000-0000-0000-000000000001', 'UTC'),  -- orders_plus_res_estimate, spends 10
  ('a0000000-0000-0000-0000-000000000002', 'UTC'),  -- orders_only, spends 10
  ('a0000000-0000-0000-0000-000000000003', 'UTC'),  -- no settings row
  ('a0000000-0000-0000-0000-000000000004', 'UTC');  -- orders_plus_res_estimate, no spend anywhere
INSERT INTO account_settings (account_id, revenue_mode, avg_spend_per_head) VALUES
  ('a0000000-0000-0000-0000-000000000001', 'orders_plus_res_estimate', 10),
  ('a0000000-0000-0000-0000-000000000002', 'orders_only', 10),
  ('a0000000-0000-0000-0000-000000000004', 'orders_plus_res_estimate', NULL);
INSERT INTO locations (location_id, account_id, time_zone) VALUES
  ('10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'UTC'),  -- spends 20
  ('10000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', 'UTC'),  -- settings, spend NULL
  ('10000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-000000000001', 'UTC'),  -- no settings row
  ('10000000-0000-0000-0000-000000000004', 'a0000000-0000-0000-0000-000000000002', 'UTC'),
  ('10000000-0000-0000-0000-000000000005', 'a0000000-0000-0000-0000-000000000003', 'UTC'),
  ('10000000-0000-0000-0000-000000000006', 'a0000000-0000-0000-0000-000000000004', 'UTC');
INSERT INTO location_settings (location_id, avg_spend_per_head) VALUES
  ('10000000-0000-0000-0000-000000000001', 20),
  ('10000000-0000-0000-0000-000000000002', NULL);

INSERT INTO reservations (id, location_id, guest_count, avg_spend_per_head_override, created_at) VALUES
  -- Location 1: the override (2 x 50) and the location's spend (3 x 20): 160.
  ('c0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 2, 50, '2024-05-01 10:00Z'),
  ('c0000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000001', 3, NULL, '2024-05-01 11:00Z'),
  -- Location 2: settings row with NULL spend, so the account's (4 x 10); no guest count adds 0: 40.
  ('c0000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000002', 4, NULL, '2024-05-01 12:00Z'),
  ('c0000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000002', NULL, 99, '2024-05-01 13:00Z'),
  -- Location 3: no settings row, so the account's (1 x 10): 10.
  ('c0000000-0000-0000-0000-000000000005', '10000000-0000-0000-0000-000000000003', 1, NULL, '2024-05-01 14:00Z'),
  -- orders_only, and no settings at all: estimates exist but count 0.
  ('c0000000-0000-0000-0000-000000000006', '10000000-0000-0000-0000-000000000004', 5, 30, '2024-05-01 10:00Z'),
  ('c0000000-0000-0000-0000-000000000007', '10000000-0000-0000-0000-000000000005', 5, 30, '2024-05-01 10:00Z'),
  -- Estimate mode but no spend at any level: NULL estimate counts 0.
  ('c0000000-0000-0000-0000-000000000008', '10000000-0000-0000-0000-000000000006', 6, NULL, '2024-05-01 10:00Z');
INSERT INTO orders (id, account_id, location_id, total_amount, created_at) VALUES
  ('b0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 25.25, '2024-05-01 09:00Z'),
  ('b0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 4.75, '2024-05-01 19:00Z'),
  ('b0000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000004', 80, '2024-05-01 09:00Z'),
  ('b0000000-0000-0000-0000-000000000004', 'a0000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000005', 0, '2024-05-01 09:00Z');

SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'the refresh succeeds');

CREATE TEMP VIEW revenue AS
  SELECT location_id, total_revenue_orders, total_revenue_res_estimate, total_revenue
  FROM mv_metrics_daily;

SELECT results_eq(
  $$SELECT total_revenue_orders, total_revenue_res_estimate, total_revenue FROM revenue WHERE location_id = '10000000-0000-0000-0000-000000000001'$$,
  $$VALUES (30::double precision, 160::double precision, 190::double precision)$$,
  'override, then the location''s spend; orders summed; total = orders + estimate');
SELECT results_eq(
  $$SELECT total_revenue_res_estimate FROM revenue WHERE location_id = '10000000-0000-0000-0000-000000000002'$$,
  $$VALUES (40::double precision)$$,
  'a NULL location spend falls back to the account''s; a NULL guest count adds 0');
SELECT results_eq(
  $$SELECT total_revenue_res_estimate, total_revenue FROM revenue WHERE location_id = '10000000-0000-0000-0000-000000000003'$$,
  $$VALUES (10::double precision, 10::double precision)$$,
  'no location settings row: the account''s spend');
SELECT results_eq(
  $$SELECT total_revenue_orders, total_revenue_res_estimate, total_revenue FROM revenue WHERE location_id = '10000000-0000-0000-0000-000000000004'$$,
  $$VALUES (80::double precision, 0::double precision, 80::double precision)$$,
  'orders_only: the estimate is 0 and revenue is the orders');
SELECT results_eq(
  $$SELECT total_revenue_res_estimate, total_revenue FROM revenue WHERE location_id = '10000000-0000-0000-0000-000000000005'$$,
  $$VALUES (0::double precision, 0::double precision)$$,
  'no account settings row means orders_only');
SELECT results_eq(
  $$SELECT total_revenue_res_estimate FROM revenue WHERE location_id = '10000000-0000-0000-0000-000000000006'$$,
  $$VALUES (0::double precision)$$,
  'no spend at any level: the estimate counts 0 and the row still exists');

UPDATE account_settings SET revenue_mode = 'orders_plus_res_estimate' WHERE account_id = 'a0000000-0000-0000-0000-000000000002';
SELECT public.refresh_metrics_daily();
SELECT results_eq(
  $$SELECT total_revenue_res_estimate, total_revenue FROM revenue WHERE location_id = '10000000-0000-0000-0000-000000000004'$$,
  $$VALUES (150::double precision, 230::double precision)$$,
  'switching the mode to orders_plus_res_estimate counts the estimate after a refresh');

SELECT is(
  (SELECT count(*) FROM mv_metrics_daily WHERE total_revenue <> total_revenue_orders + total_revenue_res_estimate),
  0::bigint, 'total_revenue is always orders plus estimate');

SELECT * FROM finish();
ROLLBACK;
