-- Contract §2, Date: each fact is dated in its effective time zone: the location's, else the
-- account's, else UTC. A name not in pg_timezone_names (in any case) counts as NULL and never
-- fails the refresh.
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
-- Only this test's tenants: on a real project the view also holds everyone else's rows. The
-- temporary view shadows public.mv_metrics_daily for the unqualified reads below.
CREATE TEMPORARY VIEW mv_metrics_daily AS
  SELECT * FROM public.mv_metrics_daily
  WHERE account_id::text LIKE 'a0000000-0000-0000-0000-00000000000_';
SELECT plan(14);

INSERT INTO accounts (account_id, default_time_zone) VALUES
  ('a0000000-0000-0000-0000-000000000001', 'Europe/Berlin'),
  ('a0000000-0000-0000-0000-000000000002', 'Not/AZone'),
  ('a0000000-0000-0000-0000-000000000003', ''),
  ('a0000000-0000-0000-0000-000000000004', NULL);
INSERT INTO locations (location_id, account_id, time_zone) VALUES
  ('10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'America/New_York'),
  ('10000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', 'Asia/Tokyo'),
  ('10000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-000000000001', NULL),
  ('10000000-0000-0000-0000-000000000004', 'a0000000-0000-0000-0000-000000000001', 'Mars/Olympus_Mons'),
  ('10000000-0000-0000-0000-000000000005', 'a0000000-0000-0000-0000-000000000001', ''),
  ('10000000-0000-0000-0000-000000000006', 'a0000000-0000-0000-0000-000000000001', 'america/new_york'),
  ('10000000-0000-0000-0000-000000000007', 'a0000000-0000-0000-0000-000000000002', 'garbage'),
  ('10000000-0000-0000-0000-000000000008', 'a0000000-0000-0000-0000-000000000003', ''),
  ('10000000-0000-0000-0000-000000000009', 'a0000000-0000-0000-0000-000000000004', NULL);

-- One call per case; its id names the local date expected.
INSERT INTO calls (id, location_id, status, call_type, started_at) VALUES
  -- New York, spring-forward night 2024-03-10 (EST, UTC-5, until 07:00Z; EDT, UTC-4, after).
  ('ny-before-midnight', '10000000-0000-0000-0000-000000000001', 'completed', 'general', '2024-03-10 04:59Z'),
  ('ny-after-midnight', '10000000-0000-0000-0000-000000000001', 'completed', 'general', '2024-03-10 05:00Z'),
  ('ny-8pm', '10000000-0000-0000-0000-000000000001', 'completed', 'general', '2024-03-11 00:00Z'),
  ('ny-after-dst-midnight', '10000000-0000-0000-0000-000000000001', 'completed', 'general', '2024-03-11 04:30Z'),
  -- Tokyo, one second either side of local midnight.
  ('tokyo-2359', '10000000-0000-0000-0000-000000000002', 'completed', 'general', '2024-06-01 14:59:59Z'),
  ('tokyo-0000', '10000000-0000-0000-0000-000000000002', 'completed', 'general', '2024-06-01 15:00:00Z'),
  -- 22:30Z on 1 June is 00:30 on 2 June in Berlin (CEST).
  ('null-zone', '10000000-0000-0000-0000-000000000003', 'completed', 'general', '2024-06-01 22:30Z'),
  ('invalid-zone', '10000000-0000-0000-0000-000000000004', 'completed', 'general', '2024-06-01 22:30Z'),
  ('empty-zone', '10000000-0000-0000-0000-000000000005', 'completed', 'general', '2024-06-01 22:30Z'),
  ('wrong-case-zone', '10000000-0000-0000-0000-000000000006', 'completed', 'general', '2024-06-01 22:30Z'),
  ('both-invalid', '10000000-0000-0000-0000-000000000007', 'completed', 'general', '2024-06-01 22:30Z'),
  ('both-empty', '10000000-0000-0000-0000-000000000008', 'completed', 'general', '2024-06-01 22:30Z'),
  ('both-null', '10000000-0000-0000-0000-000000000009', 'completed', 'general', '2024-06-01 22:30Z');
INSERT INTO orders (id, account_id, location_id, total_amount, created_at) VALUES
  ('b0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 30, '2024-03-11 01:00Z'),
  -- Without a location (a call without one has no account).
  ('b0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', NULL, 5, '2024-06-01 22:30Z');
INSERT INTO reservations (id, location_id, guest_count, avg_spend_per_head_override, created_at) VALUES
  ('c0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000002', 2, 10, '2024-06-02 15:30Z');

SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'invalid, empty and wrong-case zone names do not fail the refresh');

CREATE TEMP TABLE expected_dates (location_id uuid, date date, total_calls bigint) ON COMMIT DROP;
INSERT INTO expected_dates VALUES
  ('10000000-0000-0000-0000-000000000001', '2024-03-09', 1),
  ('10000000-0000-0000-0000-000000000001', '2024-03-10', 2),
  ('10000000-0000-0000-0000-000000000001', '2024-03-11', 1),
  ('10000000-0000-0000-0000-000000000002', '2024-06-01', 1),
  ('10000000-0000-0000-0000-000000000002', '2024-06-02', 1);

SELECT results_eq(
  $$SELECT date, total_calls FROM mv_metrics_daily
      WHERE location_id = '10000000-0000-0000-0000-000000000001' AND total_calls > 0 ORDER BY date$$,
  $$SELECT date, total_calls FROM expected_dates
      WHERE location_id = '10000000-0000-0000-0000-000000000001' ORDER BY date$$,
  'New York: local midnight in EST, and 00:30 EDT after the DST change, land on their local dates');

SELECT results_eq(
  $$SELECT date, total_calls FROM mv_metrics_daily
      WHERE location_id = '10000000-0000-0000-0000-000000000002' AND total_calls > 0 ORDER BY date$$,
  $$SELECT date, total_calls FROM expected_dates
      WHERE location_id = '10000000-0000-0000-0000-000000000002' ORDER BY date$$,
  'Tokyo: 23:59:59 and 00:00:00 local land on consecutive dates');

SELECT is(
  (SELECT date FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000001' AND total_revenue_orders > 0),
  '2024-03-10'::date, 'an order is dated by its location''s zone (01:00Z is 9 pm EDT the day before)');

SELECT is(
  (SELECT date FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000002' AND total_calls = 0),
  '2024-06-03'::date, 'a reservation is dated by its location''s zone (15:30Z is 00:30 the next day in Tokyo)');

SELECT is((SELECT date FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000003'),
  '2024-06-02'::date, 'NULL location zone: the account''s zone (Berlin) decides');
SELECT is((SELECT date FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000004'),
  '2024-06-02'::date, 'invalid location zone counts as NULL: the account''s zone decides');
SELECT is((SELECT date FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000005'),
  '2024-06-02'::date, 'empty location zone counts as NULL: the account''s zone decides');
SELECT is((SELECT date FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000006'),
  '2024-06-01'::date, 'a zone name in another case is the zone PostgreSQL finds for it: New York');
SELECT is((SELECT date FROM mv_metrics_daily WHERE account_id = 'a0000000-0000-0000-0000-000000000001' AND location_id IS NULL),
  '2024-06-02'::date, 'an order without a location uses its account''s zone');
SELECT is((SELECT date FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000007'),
  '2024-06-01'::date, 'invalid location and account zones: UTC');
SELECT is((SELECT date FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000008'),
  '2024-06-01'::date, 'empty location and account zones: UTC');
SELECT is((SELECT date FROM mv_metrics_daily WHERE location_id = '10000000-0000-0000-0000-000000000009'),
  '2024-06-01'::date, 'no zone at any level: UTC');

SELECT ok(
  EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = 'America/New_York')
    AND NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name IN ('america/new_york', 'Not/AZone', '', 'garbage')),
  'the names used as valid, respelled and invalid are what pg_timezone_names says they are');

SELECT * FROM finish();
ROLLBACK;
