-- Contract §2, Bad facts: an amount, a guest count or an instant no sale can have never fails
-- the refresh, counts as documented, and leaves every other tenant's rows as they were.
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
-- Only this test's tenants: on a real project the view also holds everyone else's rows.
CREATE TEMPORARY VIEW mv_metrics_daily AS
  SELECT * FROM public.mv_metrics_daily
  WHERE account_id::text LIKE 'a9000000-0000-0000-0000-00000000000_';
SELECT plan(15);

INSERT INTO accounts (account_id, default_time_zone) VALUES
  ('a9000000-0000-0000-0000-000000000001', 'UTC'),  -- receives the bad facts
  ('a9000000-0000-0000-0000-000000000002', 'UTC');  -- another tenant
INSERT INTO account_settings (account_id, revenue_mode, avg_spend_per_head) VALUES
  ('a9000000-0000-0000-0000-000000000001', 'orders_plus_res_estimate', 10),
  ('a9000000-0000-0000-0000-000000000002', 'orders_plus_res_estimate', 10);
INSERT INTO locations (location_id, account_id, time_zone) VALUES
  ('19000000-0000-0000-0000-000000000001', 'a9000000-0000-0000-0000-000000000001', 'UTC'),
  ('19000000-0000-0000-0000-000000000002', 'a9000000-0000-0000-0000-000000000002', 'UTC');
INSERT INTO orders (id, account_id, location_id, total_amount, created_at) VALUES
  ('b9000000-0000-0000-0000-000000000001', 'a9000000-0000-0000-0000-000000000001', '19000000-0000-0000-0000-000000000001', 10.5, '2024-05-01 09:00Z'),
  ('b9000000-0000-0000-0000-000000000002', 'a9000000-0000-0000-0000-000000000002', '19000000-0000-0000-0000-000000000002', 0.1, '2024-05-01 09:00Z'),
  ('b9000000-0000-0000-0000-000000000003', 'a9000000-0000-0000-0000-000000000002', '19000000-0000-0000-0000-000000000002', 0.2, '2024-05-01 10:00Z');
INSERT INTO reservations (id, location_id, guest_count, avg_spend_per_head_override, created_at) VALUES
  ('c9000000-0000-0000-0000-000000000001', '19000000-0000-0000-0000-000000000001', 2, NULL, '2024-05-01 12:00Z'),
  ('c9000000-0000-0000-0000-000000000002', '19000000-0000-0000-0000-000000000002', 3, NULL, '2024-05-01 12:00Z');
SELECT public.refresh_metrics_daily();
CREATE TEMP TABLE other_tenant_before AS
  SELECT * FROM mv_metrics_daily WHERE account_id = 'a9000000-0000-0000-0000-000000000002';

-- The bad facts, all on the first tenant's day: amounts that are NaN, infinite, beyond 1e12,
-- or two that together leave double precision's range; a negative guest count.
INSERT INTO orders (id, account_id, location_id, total_amount, created_at) VALUES
  ('b9000000-0000-0000-0000-000000000011', 'a9000000-0000-0000-0000-000000000001', '19000000-0000-0000-0000-000000000001', 'NaN', '2024-05-01 10:00Z'),
  ('b9000000-0000-0000-0000-000000000012', 'a9000000-0000-0000-0000-000000000001', '19000000-0000-0000-0000-000000000001', 'Infinity', '2024-05-01 10:00Z'),
  ('b9000000-0000-0000-0000-000000000013', 'a9000000-0000-0000-0000-000000000001', '19000000-0000-0000-0000-000000000001', '-Infinity', '2024-05-01 10:00Z'),
  ('b9000000-0000-0000-0000-000000000014', 'a9000000-0000-0000-0000-000000000001', '19000000-0000-0000-0000-000000000001', 1e308, '2024-05-01 10:00Z'),
  ('b9000000-0000-0000-0000-000000000015', 'a9000000-0000-0000-0000-000000000001', '19000000-0000-0000-0000-000000000001', 1e308, '2024-05-01 11:00Z'),
  ('b9000000-0000-0000-0000-000000000016', 'a9000000-0000-0000-0000-000000000001', '19000000-0000-0000-0000-000000000001', -2e12, '2024-05-01 11:00Z');
INSERT INTO reservations (id, location_id, guest_count, avg_spend_per_head_override, created_at) VALUES
  ('c9000000-0000-0000-0000-000000000011', '19000000-0000-0000-0000-000000000001', -4, NULL, '2024-05-01 13:00Z');

SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'the refresh succeeds with bad facts');

SELECT results_eq(
  $$SELECT total_revenue_orders, total_revenue_res_estimate, total_revenue FROM mv_metrics_daily WHERE account_id = 'a9000000-0000-0000-0000-000000000001'$$,
  $$VALUES (10.5::double precision, 20::double precision, 30.5::double precision)$$,
  'NaN, infinite and implausible amounts count 0; a negative guest count estimates nothing');

SELECT is(
  (SELECT count(*) FROM mv_metrics_daily
   WHERE account_id IS NULL OR date IS NULL OR total_calls IS NULL OR orders_count IS NULL
      OR reservations_count IS NULL OR completed_calls IS NULL OR total_revenue_orders IS NULL
      OR total_revenue_res_estimate IS NULL OR total_revenue IS NULL OR minutes_saved IS NULL),
  0::bigint, 'no column but location_id is NULL');

SELECT is(
  (SELECT count(*) FROM mv_metrics_daily
   WHERE total_revenue_orders IN ('NaN', 'Infinity', '-Infinity')
      OR total_revenue IN ('NaN', 'Infinity', '-Infinity')),
  0::bigint, 'no revenue is NaN or infinite');

SELECT results_eq(
  $$SELECT * FROM mv_metrics_daily WHERE account_id = 'a9000000-0000-0000-0000-000000000002'$$,
  $$SELECT * FROM other_tenant_before$$,
  'the other tenant''s rows are unchanged');

SELECT is(
  (SELECT total_revenue_orders FROM mv_metrics_daily WHERE account_id = 'a9000000-0000-0000-0000-000000000002'),
  0.3::double precision, 'amounts are summed exactly and rounded once: 0.1 + 0.2 is 0.3');

SELECT lives_ok(
  $$UPDATE orders SET total_amount = 1e12 WHERE id = 'b9000000-0000-0000-0000-000000000016';
    SELECT public.refresh_metrics_daily()$$,
  'an amount of exactly 1e12 still counts');
SELECT is(
  (SELECT total_revenue_orders FROM mv_metrics_daily WHERE account_id = 'a9000000-0000-0000-0000-000000000001'),
  1000000000010.5::double precision, 'the largest plausible amount is summed');

-- Instants outside 1900-01-01 00:00 UTC .. 9999-01-01 00:00 UTC (excluded) are left out.
INSERT INTO locations (location_id, account_id, time_zone) VALUES
  ('19000000-0000-0000-0000-000000000003', 'a9000000-0000-0000-0000-000000000001', 'Asia/Tokyo');
INSERT INTO calls (id, location_id, status, call_type, started_at) VALUES
  ('bad-time-1', '19000000-0000-0000-0000-000000000003', 'completed', 'general', '294276-12-31 20:00Z'),
  ('bad-time-2', '19000000-0000-0000-0000-000000000003', 'completed', 'general', 'infinity'),
  ('bad-time-3', '19000000-0000-0000-0000-000000000003', 'completed', 'general', '-infinity'),
  ('bad-time-4', '19000000-0000-0000-0000-000000000003', 'completed', 'general', '0001-01-01 00:00Z'),
  ('bad-time-5', '19000000-0000-0000-0000-000000000003', 'completed', 'general', '1899-12-31 23:59:59Z'),
  ('bad-time-6', '19000000-0000-0000-0000-000000000003', 'completed', 'general', '9999-01-01 00:00Z'),
  ('edge-time-1', '19000000-0000-0000-0000-000000000003', 'completed', 'general', '1900-01-01 00:00Z'),
  ('edge-time-2', '19000000-0000-0000-0000-000000000003', 'completed', 'general', '9998-12-31 23:59:59Z');
INSERT INTO orders (id, account_id, location_id, total_amount, created_at) VALUES
  ('b9000000-0000-0000-0000-000000000021', 'a9000000-0000-0000-0000-000000000001', '19000000-0000-0000-0000-000000000003', 7, 'infinity');
INSERT INTO reservations (id, location_id, guest_count, avg_spend_per_head_override, created_at) VALUES
  ('c9000000-0000-0000-0000-000000000021', '19000000-0000-0000-0000-000000000003', 2, NULL, '-infinity');

SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'the refresh succeeds with instants out of range');
SELECT results_eq(
  $$SELECT date, total_calls FROM mv_metrics_daily WHERE location_id = '19000000-0000-0000-0000-000000000003' ORDER BY date$$,
  $$VALUES ('1900-01-01'::date, 1::bigint), ('9999-01-01'::date, 1::bigint)$$,
  'only the calls inside the window count, dated in the location''s zone');
SELECT is(
  (SELECT count(*) FROM mv_metrics_daily WHERE date < '1899-12-31' OR date > '9999-12-31'),
  0::bigint, 'no row is dated outside the window''s local dates');
SELECT is(
  (SELECT sum(total_revenue) FROM mv_metrics_daily WHERE location_id = '19000000-0000-0000-0000-000000000003'),
  0::double precision, 'an order or reservation at an infinite instant counts nowhere');

-- An orders_v that breaks the contract and gives an order no account (reading it through a
-- join, say): the order is left out, never a row without an account.
DO $$
BEGIN
  EXECUTE format(
    'CREATE OR REPLACE VIEW public.orders_v AS SELECT v.id, '
    'CASE WHEN v.total_amount = 10.5 THEN NULL ELSE v.account_id END AS account_id, '
    'v.location_id, v.total_amount, v.created_at FROM (%s) v',
    rtrim(pg_get_viewdef('public.orders_v'::regclass), ';'));
END $$;
SELECT ok((SELECT count(*) > 0 FROM public.orders_v WHERE account_id IS NULL), 'an order has no account');
SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'the refresh succeeds with an order without an account');
SELECT is((SELECT count(*) FROM public.mv_metrics_daily WHERE account_id IS NULL), 0::bigint,
  'no row is without an account');

SELECT * FROM finish();
ROLLBACK;
