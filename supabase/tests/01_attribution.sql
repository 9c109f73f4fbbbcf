-- Contract §2, Attribution: a fact without an account is left out; a fact with an account but no
-- location is kept under location_id NULL, in one row per (account_id, date). Through the source
-- views (§1): a call or a reservation has its location's account, so without a location, or with
-- a deleted one, it has none; an order keeps its own account, and its location reads NULL once
-- the location is deleted.
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
-- Only this test's tenants: on a real project the view also holds everyone else's rows. The
-- temporary view shadows public.mv_metrics_daily for the unqualified reads below.
CREATE TEMPORARY VIEW mv_metrics_daily AS
  SELECT * FROM public.mv_metrics_daily
  WHERE account_id::text LIKE 'a0000000-0000-0000-0000-00000000000_';
SELECT plan(8);

INSERT INTO accounts (account_id, default_time_zone) VALUES ('a0000000-0000-0000-0000-000000000001', 'UTC');
INSERT INTO locations (location_id, account_id, time_zone) VALUES ('10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'UTC');
-- Location ...09 is referenced below but does not exist: it was deleted.

INSERT INTO calls (id, location_id, status, call_type, started_at) VALUES
  ('no-location', NULL, 'completed', 'order', '2024-05-01 10:00Z'),
  ('deleted-location', '10000000-0000-0000-0000-000000000009', 'completed', 'order', '2024-05-01 10:00Z'),
  ('no-start', '10000000-0000-0000-0000-000000000001', 'completed', 'order', NULL),
  ('located-1', '10000000-0000-0000-0000-000000000001', 'completed', 'reservation', '2024-05-01 12:00Z'),
  ('located-2', '10000000-0000-0000-0000-000000000001', 'failed', 'general', '2024-05-01 18:00Z');
INSERT INTO orders (id, account_id, location_id, total_amount, created_at) VALUES
  ('b0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', NULL, 12.5, '2024-05-01 11:00Z'),
  ('b0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', NULL, 7.5, '2024-05-02 11:00Z'),
  ('b0000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000009', 2.5, '2024-05-01 13:00Z');
INSERT INTO reservations (id, location_id, guest_count, avg_spend_per_head_override, created_at) VALUES
  ('c0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000009', 4, 10, '2024-05-03 11:00Z');

SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'the refresh succeeds');

SELECT is(
  (SELECT count(*) FROM public.mv_metrics_daily WHERE account_id IS NULL), 0::bigint,
  'no row without an account');

SELECT is(
  (SELECT count(*) FROM mv_metrics_daily WHERE location_id IS NULL AND date = '2024-05-01'), 1::bigint,
  'orders without a location on one day make exactly one row');

SELECT results_eq(
  $$SELECT total_calls, orders_count, completed_calls, total_revenue_orders
      FROM mv_metrics_daily WHERE location_id IS NULL AND date = '2024-05-01'$$,
  $$VALUES (0::bigint, 0::bigint, 0::bigint, 15::double precision)$$,
  'the NULL-location row holds the order without a location and the one whose location was deleted; calls without a location have no account');

SELECT results_eq(
  $$SELECT total_calls, total_revenue_orders FROM mv_metrics_daily
      WHERE location_id IS NULL AND date = '2024-05-02'$$,
  $$VALUES (0::bigint, 7.5::double precision)$$,
  'an order alone makes a NULL-location row');

SELECT results_eq(
  $$SELECT total_calls, completed_calls, reservations_count FROM mv_metrics_daily
      WHERE location_id = '10000000-0000-0000-0000-000000000001'$$,
  $$VALUES (2::bigint, 1::bigint, 1::bigint)$$,
  'calls at a location count for its account; the call without started_at is left out');

SELECT is(
  (SELECT count(*) FROM mv_metrics_daily WHERE date = '2024-05-03'), 0::bigint,
  'a reservation at a deleted location has no account and makes no row');

SELECT set_eq(
  $$SELECT account_id, location_id, date FROM mv_metrics_daily$$,
  $$VALUES ('a0000000-0000-0000-0000-000000000001'::uuid, NULL::uuid, '2024-05-01'::date),
           ('a0000000-0000-0000-0000-000000000001', NULL, '2024-05-02'),
           ('a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', '2024-05-01')$$,
  'a row for every key with a counted fact, and no other');

SELECT * FROM finish();
ROLLBACK;
