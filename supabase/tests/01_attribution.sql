-- Contract §2, Attribution: a fact without an account is left out; a fact with an account but no
-- location is kept under location_id NULL, in one row per (account_id, date).
BEGIN;
SET LOCAL search_path TO public, extensions;
-- Only this test's tenants: on a real project the view also holds everyone else's rows. The
-- temporary view shadows public.mv_metrics_daily for the unqualified reads below.
CREATE TEMPORARY VIEW mv_metrics_daily AS
  SELECT * FROM public.mv_metrics_daily
  WHERE account_id::text LIKE 'a0000000-0000-0000-0000-00000000000_';
SELECT plan(8);

INSERT INTO accounts VALUES ('a0000000-0000-0000-0000-000000000001', 'UTC');
INSERT INTO locations VALUES ('10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'UTC');

INSERT INTO calls_v (id, account_id, location_id, status, call_type, started_at) VALUES
  ('no-account', NULL, NULL, 'completed', 'order', '2024-05-01 10:00Z'),
  ('no-account-with-location', NULL, '10000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-05-01 10:00Z'),
  ('no-location-1', 'a0000000-0000-0000-0000-000000000001', NULL, 'completed', 'order', '2024-05-01 09:00Z'),
  ('no-location-2', 'a0000000-0000-0000-0000-000000000001', NULL, 'failed', 'general', '2024-05-01 18:00Z'),
  ('no-start', 'a0000000-0000-0000-0000-000000000001', NULL, 'completed', 'order', NULL),
  ('located', 'a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 'completed', 'reservation', '2024-05-01 12:00Z');
INSERT INTO orders_v (id, account_id, location_id, total_amount, created_at) VALUES
  ('b0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', NULL, 12.5, '2024-05-01 11:00Z'),
  ('b0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', NULL, 7.5, '2024-05-02 11:00Z');
INSERT INTO reservations_v (id, account_id, location_id, guest_count, avg_spend_per_head_override, created_at) VALUES
  ('c0000000-0000-0000-0000-000000000001', NULL, '10000000-0000-0000-0000-000000000001', 4, 10, '2024-05-03 11:00Z');

SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'the refresh succeeds');

SELECT is(
  (SELECT count(*) FROM mv_metrics_daily WHERE account_id IS NULL), 0::bigint,
  'no row without an account');

SELECT is(
  (SELECT count(*) FROM mv_metrics_daily WHERE location_id IS NULL AND date = '2024-05-01'), 1::bigint,
  'calls and an order without a location on one day make exactly one row');

SELECT results_eq(
  $$SELECT total_calls, orders_count, completed_calls, total_revenue_orders
      FROM mv_metrics_daily WHERE location_id IS NULL AND date = '2024-05-01'$$,
  $$VALUES (2::bigint, 1::bigint, 1::bigint, 12.5::double precision)$$,
  'the NULL-location row holds both calls and the order; the call without started_at is left out');

SELECT results_eq(
  $$SELECT total_calls, total_revenue_orders FROM mv_metrics_daily
      WHERE location_id IS NULL AND date = '2024-05-02'$$,
  $$VALUES (0::bigint, 7.5::double precision)$$,
  'an order alone makes a NULL-location row');

SELECT results_eq(
  $$SELECT total_calls FROM mv_metrics_daily
      WHERE location_id = '10000000-0000-0000-0000-000000000001'$$,
  $$VALUES (1::bigint)$$,
  'the call without an account is not counted at its location');

SELECT is(
  (SELECT count(*) FROM mv_metrics_daily WHERE date = '2024-05-03'), 0::bigint,
  'a reservation without an account makes no row');

SELECT set_eq(
  $$SELECT account_id, location_id, date FROM mv_metrics_daily$$,
  $$VALUES ('a0000000-0000-0000-0000-000000000001'::uuid, NULL::uuid, '2024-05-01'::date),
           ('a0000000-0000-0000-0000-000000000001', NULL, '2024-05-02'),
           ('a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', '2024-05-01')$$,
  'a row for every key with a counted fact, and no other');

SELECT * FROM finish();
ROLLBACK;
