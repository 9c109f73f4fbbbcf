-- Contract §2, columns: the catalog type of every column, no NULL anywhere but location_id, and
-- counts by call_type and status, on data with every NULL the contract allows.
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
-- Only this test's tenants: on a real project the view also holds everyone else's rows. The
-- temporary view shadows public.mv_metrics_daily for the unqualified reads below.
CREATE TEMPORARY VIEW mv_metrics_daily AS
  SELECT * FROM public.mv_metrics_daily
  WHERE account_id::text LIKE 'a0000000-0000-0000-0000-00000000000_';
SELECT plan(9);

-- The columns as Sources/MetricsSchema declares them (test_facts.mv_metrics_daily_columns, from
-- 00_test_facts.sql): a column declared there is checked here with no edit to this file.
SELECT columns_are('public', 'mv_metrics_daily',
  ARRAY(SELECT column_name FROM test_facts.mv_metrics_daily_columns ORDER BY ordinal),
  'the view has exactly the declared columns');
SELECT is(
  ARRAY(SELECT a.attname || ' ' || format_type(a.atttypid, NULL) FROM pg_attribute a
        WHERE a.attrelid = 'public.mv_metrics_daily'::regclass AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum),
  ARRAY(SELECT column_name || ' ' || type_name FROM test_facts.mv_metrics_daily_columns ORDER BY ordinal),
  'each column, in order, has its declared type');
SELECT ok((SELECT count(*) >= 11 FROM test_facts.mv_metrics_daily_columns),
  'the contract''s columns are declared');

INSERT INTO accounts (account_id, default_time_zone) VALUES ('a0000000-0000-0000-0000-000000000001', NULL), ('a0000000-0000-0000-0000-000000000002', 'UTC');
INSERT INTO account_settings (account_id, revenue_mode, avg_spend_per_head) VALUES
  ('a0000000-0000-0000-0000-000000000002', 'orders_plus_res_estimate', NULL);
INSERT INTO locations (location_id, account_id, time_zone) VALUES
  ('10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', NULL),
  ('10000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000002', NULL);
INSERT INTO calls (id, location_id, status, call_type, started_at) VALUES
  ('1', '10000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-05-01 10:00Z'),
  ('2', '10000000-0000-0000-0000-000000000001', 'missed', 'order', '2024-05-01 10:00Z'),
  ('3', '10000000-0000-0000-0000-000000000001', 'completed', 'reservation', '2024-05-01 10:00Z'),
  ('4', '10000000-0000-0000-0000-000000000001', 'in_progress', 'catering', '2024-05-01 10:00Z'),
  ('5', '10000000-0000-0000-0000-000000000001', 'failed', 'general', '2024-05-02 10:00Z'),
  ('6', '10000000-0000-0000-0000-000000000001', 'completed', 'order', NULL);
INSERT INTO orders (id, account_id, location_id, total_amount, created_at) VALUES
  ('b0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000002', NULL, 0, '2024-05-03 10:00Z');
INSERT INTO reservations (id, location_id, guest_count, avg_spend_per_head_override, created_at) VALUES
  ('c0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000002', NULL, NULL, '2024-05-04 10:00Z');
SELECT public.refresh_metrics_daily();

SELECT is((SELECT count(*) FROM mv_metrics_daily), 4::bigint, 'one row per key with facts');
SELECT is(
  (SELECT count(*) FROM mv_metrics_daily m, test_facts.mv_metrics_daily_columns c
    WHERE c.not_null AND to_jsonb(m) ->> c.column_name IS NULL),
  0::bigint, 'no column declared NOT NULL is ever NULL');
SELECT is(
  ARRAY(SELECT column_name FROM test_facts.mv_metrics_daily_columns WHERE NOT not_null),
  ARRAY['location_id'], 'only location_id may be NULL');
SELECT results_eq(
  $$SELECT total_calls, orders_count, reservations_count, completed_calls FROM mv_metrics_daily
      WHERE location_id = '10000000-0000-0000-0000-000000000001' AND date = '2024-05-01'$$,
  $$VALUES (4::bigint, 2::bigint, 1::bigint, 2::bigint)$$,
  'counts by call_type and by status');
SELECT results_eq(
  $$SELECT total_calls, completed_calls, minutes_saved FROM mv_metrics_daily
      WHERE location_id = '10000000-0000-0000-0000-000000000001' AND date = '2024-05-02'$$,
  $$VALUES (1::bigint, 0::bigint, 0::double precision)$$,
  'a day with only a failed call saves no minutes');
SELECT is(
  (SELECT count(*) FROM mv_metrics_daily WHERE account_id = 'a0000000-0000-0000-0000-000000000002'),
  2::bigint, 'a zero order and a reservation without an estimate still make rows');

SELECT * FROM finish();
ROLLBACK;
