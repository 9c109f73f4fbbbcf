-- Contract §3, refresh_metrics_daily() of the refresh strategy: a plain refresh while the view is
-- unpopulated, a concurrent one (the view keeps its storage, readers keep reading) once it is
-- populated; and what metrics_daily_status() says of the last refresh. Returning at once while
-- another session refreshes is tested from Swift with two sessions. With the incremental
-- strategy deployed, 10_catch_up.sql tests the function instead and these tests are skipped.
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
-- Only this test's tenants: on a real project the view also holds everyone else's rows. The
-- temporary view shadows public.mv_metrics_daily for the unqualified reads below.
CREATE TEMPORARY VIEW mv_metrics_daily AS
  SELECT * FROM public.mv_metrics_daily
  WHERE account_id::text LIKE 'a0000000-0000-0000-0000-00000000000_';
SELECT plan(11);

CREATE FUNCTION pg_temp.refresh_strategy_tests() RETURNS SETOF text LANGUAGE plpgsql AS $tests$
DECLARE
  storage_before oid;
BEGIN
  IF (SELECT relkind FROM pg_class WHERE oid = 'public.mv_metrics_daily'::regclass) <> 'm' THEN
    RETURN NEXT skip('the incremental strategy is deployed: 10_catch_up.sql tests its function', 11);
    RETURN;
  END IF;
  INSERT INTO accounts (account_id, default_time_zone) VALUES ('a0000000-0000-0000-0000-000000000001', 'UTC');
  INSERT INTO locations (location_id, account_id, time_zone) VALUES ('10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', 'UTC');
  INSERT INTO calls (id, location_id, status, call_type, started_at) VALUES
    ('1', '10000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-05-01 10:00Z');

  REFRESH MATERIALIZED VIEW public.mv_metrics_daily WITH NO DATA;
  RETURN NEXT throws_ok('REFRESH MATERIALIZED VIEW CONCURRENTLY public.mv_metrics_daily', '0A000', NULL,
    'a concurrent refresh alone fails on an unpopulated view');
  RETURN NEXT is((SELECT refreshed_at FROM public.metrics_daily_status()), NULL,
    'the status gives no refresh time while the view is not populated');
  RETURN NEXT lives_ok('SELECT public.refresh_metrics_daily()', 'the function refreshes an unpopulated view');
  RETURN NEXT ok((SELECT refreshed_at = now() AND refresh_took >= interval '0' FROM public.metrics_daily_status()),
    'the status gives the start of the refresh''s transaction, which precedes its snapshot, and how long it took');
  RETURN NEXT ok((SELECT refresh_running FROM public.metrics_daily_status()),
    'the status says a refresh holds the view (this transaction''s, until it ends)');
  RETURN NEXT ok((SELECT relispopulated FROM pg_class WHERE oid = 'public.mv_metrics_daily'::regclass), 'the view is populated');
  RETURN NEXT is((SELECT sum(total_calls) FROM mv_metrics_daily), 1::numeric, 'with current data');

  storage_before := pg_relation_filenode('public.mv_metrics_daily');
  INSERT INTO calls (id, location_id, status, call_type, started_at) VALUES
    ('2', '10000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-05-01 11:00Z');
  RETURN NEXT lives_ok('SELECT public.refresh_metrics_daily()', 'the function refreshes a populated view');
  RETURN NEXT is((SELECT sum(total_calls) FROM mv_metrics_daily), 2::numeric, 'new data is visible after the refresh');
  RETURN NEXT is(pg_relation_filenode('public.mv_metrics_daily'), storage_before,
    'the populated view was refreshed concurrently: it kept its storage (a plain refresh swaps it)');

  -- Within Supabase's smallest instance (1 GB): a hash table of the refresh holds at most 64 MB
  -- before it spills, so the leader's two aggregates and two workers' hold at most 256 MB.
  RETURN NEXT cmp_ok(
    (SELECT pg_size_bytes(max(split_part(c, '=', 2)) FILTER (WHERE c LIKE 'work_mem=%'))
            * max(split_part(c, '=', 2)::numeric) FILTER (WHERE c LIKE 'hash_mem_multiplier=%')
     FROM pg_proc, unnest(proconfig) c WHERE oid = 'public.refresh_metrics_daily()'::regprocedure),
    '<=', pg_size_bytes('64MB')::numeric,
    'the refresh''s hash memory per table (work_mem x hash_mem_multiplier) is at most 64 MB');
END;
$tests$;

SELECT * FROM pg_temp.refresh_strategy_tests();

SELECT * FROM finish();
ROLLBACK;
