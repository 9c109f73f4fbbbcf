-- Contract §6, the incremental strategy: writes are logged by triggers and counted by the next
-- catch-up; settings show at once; a zone change re-dates a location's history; status and
-- drift say how the totals stand. With the refresh strategy deployed these tests are skipped
-- (07_refresh_function.sql tests its function).
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
CREATE TEMPORARY VIEW mv_metrics_daily AS
  SELECT * FROM public.mv_metrics_daily
  WHERE account_id::text LIKE 'a0000000-0000-0000-0000-00000000000_';
SELECT plan(16);

-- Turns a capture trigger off or on, on whichever base table the declarations name.
CREATE FUNCTION pg_temp.capture(trigger_name text, enabled boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s %s TRIGGER %I',
    (SELECT tgrelid::regclass FROM pg_trigger WHERE tgname = trigger_name),
    CASE WHEN enabled THEN 'ENABLE' ELSE 'DISABLE' END, trigger_name);
END $$;

CREATE FUNCTION pg_temp.incremental_strategy_tests() RETURNS SETOF text LANGUAGE plpgsql AS $tests$
BEGIN
  IF (SELECT relkind FROM pg_class WHERE oid = 'public.mv_metrics_daily'::regclass) <> 'v' THEN
    RETURN NEXT skip('the refresh strategy is deployed: 07_refresh_function.sql tests its function', 16);
    RETURN;
  END IF;
  RETURN NEXT is(
    (SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE t.tgname LIKE 'metrics_capture_%' AND t.tgenabled = 'O'),
    20::bigint, 'every base table has its four capture triggers, enabled');
  RETURN NEXT is(
    (SELECT array_agg(DISTINCT relpersistence::text) FROM pg_class
      WHERE relnamespace = 'private'::regnamespace AND relname LIKE 'metrics_%_changes'),
    ARRAY['u'], 'the change logs are unlogged');
  PERFORM public.refresh_metrics_daily();

  INSERT INTO accounts (account_id, default_time_zone) VALUES ('a0000000-0000-0000-0000-000000000001', 'America/New_York');
  INSERT INTO locations (location_id, account_id, time_zone) VALUES ('10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'America/New_York');
  INSERT INTO account_settings (account_id, minutes_saved_baseline_seconds, revenue_mode, avg_spend_per_head) VALUES ('a0000000-0000-0000-0000-000000000001', 60, 'orders_only', 10);
  -- 02:00 UTC on 1 May: 30 April in New York, 1 May in Tokyo.
  INSERT INTO calls VALUES ('1', '10000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-05-01 02:00Z');
  INSERT INTO reservations VALUES ('c0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 3, NULL, '2024-05-01 02:00Z');
  RETURN NEXT ok((SELECT pending_changes >= 4 AND oldest_pending_change IS NOT NULL FROM public.metrics_daily_status()),
    'the writes wait in the logs');
  RETURN NEXT is((SELECT count(*) FROM mv_metrics_daily), 0::bigint, 'and count only after a catch-up');
  RETURN NEXT lives_ok('SELECT public.refresh_metrics_daily()', 'the catch-up runs');
  RETURN NEXT results_eq(
    $$SELECT date, total_calls, total_revenue_res_estimate FROM mv_metrics_daily$$,
    $$VALUES ('2024-04-30'::date, 1::bigint, 0::double precision)$$,
    'the call and the reservation count on their New York date');
  RETURN NEXT is((SELECT pending_changes FROM public.metrics_daily_status()), 0::bigint, 'nothing is pending');

  UPDATE account_settings SET revenue_mode = 'orders_plus_res_estimate';
  RETURN NEXT is((SELECT total_revenue_res_estimate FROM mv_metrics_daily), 30::double precision,
    'a revenue-mode change shows at once, without a catch-up: 3 guests x 10');

  UPDATE locations SET time_zone = 'Asia/Tokyo';
  PERFORM public.refresh_metrics_daily();
  RETURN NEXT results_eq($$SELECT date, total_calls FROM mv_metrics_daily$$,
    $$VALUES ('2024-05-01'::date, 1::bigint)$$, 'a zone change re-dates the location''s history');

  RETURN NEXT is(public.metrics_daily_drift(), 0::bigint, 'the totals equal a recomputation');
  PERFORM pg_temp.capture('metrics_capture_call_inserts', false);
  INSERT INTO calls VALUES ('uncaptured', '10000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-05-01 03:00Z');
  PERFORM pg_temp.capture('metrics_capture_call_inserts', true);
  PERFORM public.refresh_metrics_daily();
  RETURN NEXT ok(public.metrics_daily_drift() > 0, 'a write made with a trigger disabled shows as drift');
  PERFORM public.rebuild_metrics_daily();
  RETURN NEXT results_eq($$SELECT total_calls FROM mv_metrics_daily$$, $$VALUES (2::bigint)$$,
    'and a rebuild counts it');

  -- A key missing from the totals: an uncaptured call on a day with no other fact.
  PERFORM pg_temp.capture('metrics_capture_call_inserts', false);
  INSERT INTO calls VALUES ('uncaptured on a new day', '10000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-06-01 03:00Z');
  PERFORM pg_temp.capture('metrics_capture_call_inserts', true);
  PERFORM public.refresh_metrics_daily();
  RETURN NEXT is(public.metrics_daily_drift(), 1::bigint,
    'a key missing from the totals counts as one key of drift');
  PERFORM public.rebuild_metrics_daily();
  RETURN NEXT is(public.metrics_daily_drift(), 0::bigint, 'none after a rebuild');
  -- A key only the totals have: that call deleted uncaptured.
  PERFORM pg_temp.capture('metrics_capture_call_deletes', false);
  DELETE FROM calls WHERE id = 'uncaptured on a new day';
  PERFORM pg_temp.capture('metrics_capture_call_deletes', true);
  PERFORM public.refresh_metrics_daily();
  RETURN NEXT is(public.metrics_daily_drift(), 1::bigint,
    'a key only the totals have counts as one key of drift');
  PERFORM public.rebuild_metrics_daily();
  RETURN NEXT is(public.metrics_daily_drift(), 0::bigint, 'none after a rebuild');
END;
$tests$;

SELECT * FROM pg_temp.incremental_strategy_tests();

SELECT * FROM finish();
ROLLBACK;
