-- Contract §2, Minutes saved: completed_calls * COALESCE(location baseline, account baseline, 120) / 60.0.
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
-- Only this test's tenants: on a real project the view also holds everyone else's rows. The
-- temporary view shadows public.mv_metrics_daily for the unqualified reads below.
CREATE TEMPORARY VIEW mv_metrics_daily AS
  SELECT * FROM public.mv_metrics_daily
  WHERE account_id::text LIKE 'a0000000-0000-0000-0000-00000000000_';
SELECT plan(7);

INSERT INTO accounts (account_id, default_time_zone) VALUES
  ('a0000000-0000-0000-0000-000000000001', 'UTC'),  -- baseline 90
  ('a0000000-0000-0000-0000-000000000002', 'UTC');  -- no settings row
INSERT INTO account_settings (account_id, minutes_saved_baseline_seconds) VALUES
  ('a0000000-0000-0000-0000-000000000001', 90);
INSERT INTO locations (location_id, account_id, time_zone) VALUES
  ('10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'UTC'),  -- baseline 30
  ('10000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', 'UTC'),  -- settings, baseline NULL
  ('10000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-000000000001', 'UTC'),  -- no settings row
  ('10000000-0000-0000-0000-000000000004', 'a0000000-0000-0000-0000-000000000002', 'UTC'),  -- baseline 45
  ('10000000-0000-0000-0000-000000000005', 'a0000000-0000-0000-0000-000000000002', 'UTC');  -- nothing anywhere
INSERT INTO location_settings (location_id, minutes_saved_baseline_seconds) VALUES
  ('10000000-0000-0000-0000-000000000001', 30),
  ('10000000-0000-0000-0000-000000000002', NULL),
  ('10000000-0000-0000-0000-000000000004', 45);

-- Three completed calls and one failed call per location, and the same without a location.
INSERT INTO calls (id, location_id, status, call_type, started_at)
SELECT 'call-' || l.location_id || '-' || n, l.location_id,
       CASE WHEN n <= 3 THEN 'completed' ELSE 'failed' END, 'general', '2024-05-01 12:00Z'
FROM locations l, generate_series(1, 4) n;
INSERT INTO calls (id, location_id, status, call_type, started_at)
SELECT 'call-none-' || n, NULL,
       CASE WHEN n <= 3 THEN 'completed' ELSE 'in_progress' END, 'general', '2024-05-01 12:00Z'
FROM generate_series(1, 4) n;

SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'the refresh succeeds');

SELECT results_eq(
  $$SELECT completed_calls, minutes_saved FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000001'$$,
  $$VALUES (3::bigint, 1.5::double precision)$$, 'the location''s baseline wins: 3 x 30 s');
SELECT results_eq(
  $$SELECT minutes_saved FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000002'$$,
  $$VALUES (4.5::double precision)$$, 'a NULL location baseline falls back to the account''s: 3 x 90 s');
SELECT results_eq(
  $$SELECT minutes_saved FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000003'$$,
  $$VALUES (4.5::double precision)$$, 'no location settings row: the account''s baseline');
SELECT results_eq(
  $$SELECT minutes_saved FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000004'$$,
  $$VALUES (2.25::double precision)$$, 'a location baseline without account settings: 3 x 45 s');
SELECT results_eq(
  $$SELECT minutes_saved FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000005'$$,
  $$VALUES (6::double precision)$$, 'no baseline anywhere: 120 s, 3 x 120 s');
SELECT is(
  (SELECT count(*) FROM mv_metrics_daily WHERE location_id IS NULL), 0::bigint,
  'calls without a location have no account (calls_v), so they save no one minutes');

SELECT * FROM finish();
ROLLBACK;
