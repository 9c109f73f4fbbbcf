-- Contract §3: the unique index, pg_cron and its job, the refresh function's security, and who
-- may read the view. The setup applied both generated files twice before this runs.
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
SELECT plan(36);

-- The key (account_id, location_id, date) is unique, NULL locations as equal keys: the
-- materialized view's unique index REFRESH ... CONCURRENTLY needs (refresh strategy), or the
-- constraint of the totals behind the view (incremental strategy, contract section 6).
CREATE TEMPORARY VIEW key_index AS
  SELECT i.* FROM pg_index i
  WHERE i.indisunique
    AND i.indrelid = CASE WHEN (SELECT relkind FROM pg_class WHERE oid = 'public.mv_metrics_daily'::regclass) = 'm'
                          THEN 'public.mv_metrics_daily'::regclass
                          ELSE to_regclass('private.metrics_daily_totals') END;
SELECT is((SELECT count(*) FROM key_index), 1::bigint, 'one unique index holds the key');
SELECT is(
  (SELECT array_agg(a.attname::text ORDER BY k.ord)
     FROM key_index i, unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord), pg_attribute a
     WHERE a.attrelid = i.indrelid AND a.attnum = k.attnum),
  ARRAY['account_id', 'location_id', 'date'], 'it covers (account_id, location_id, date)');
SELECT ok(
  (SELECT indnullsnotdistinct AND indpred IS NULL AND indexprs IS NULL FROM key_index),
  'it treats NULLs as equal and is on plain columns without WHERE');

-- pg_cron, installed the Supabase way, and exactly one job.
SELECT has_extension('pg_cron', 'pg_cron is installed');
SELECT is(
  (SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_cron'),
  'pg_catalog', 'pg_cron is created WITH SCHEMA pg_catalog, as Supabase does');
SELECT is(
  (SELECT count(*) FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
    WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pg_cron')
      AND p.pronamespace = 'public'::regnamespace),
  0::bigint, 'no pg_cron function is in public');
SELECT is((SELECT count(*) FROM cron.job WHERE jobname = 'refresh-metrics-daily'), 1::bigint,
  'exactly one refresh-metrics-daily job after applying both files twice');
SELECT is((SELECT count(*) FROM cron.job WHERE jobname LIKE 'refresh-metrics-daily%'), 2::bigint,
  'and one other job of ours, which keeps its history short');
SELECT results_eq(
  $$SELECT schedule, command, active FROM cron.job WHERE jobname = 'refresh-metrics-daily'$$,
  $$VALUES ('*/5 * * * *'::text, 'SELECT public.refresh_metrics_daily();'::text, true)$$,
  'the job runs the refresh function every 5 minutes');
SELECT ok((SELECT database = current_database() FROM cron.job WHERE jobname = 'refresh-metrics-daily'),
  'in this database');
SELECT lives_ok((SELECT command FROM cron.job WHERE jobname = 'refresh-metrics-daily'), 'the job''s command runs');

-- The refresh job's run history is kept for 7 days; other jobs' history is not touched.
SELECT is((SELECT schedule FROM cron.job WHERE jobname = 'refresh-metrics-daily-history'),
  '27 3 * * *'::text, 'the history job runs daily');
INSERT INTO cron.job_run_details (jobid, runid, status, start_time, end_time) VALUES
  ((SELECT jobid FROM cron.job WHERE jobname = 'refresh-metrics-daily'), 900001, 'succeeded', now() - interval '8 days', now() - interval '8 days'),
  ((SELECT jobid FROM cron.job WHERE jobname = 'refresh-metrics-daily'), 900002, 'succeeded', now() - interval '6 days', now() - interval '6 days'),
  (999999, 900003, 'succeeded', now() - interval '30 days', now() - interval '30 days');
SELECT lives_ok((SELECT command FROM cron.job WHERE jobname = 'refresh-metrics-daily-history'),
  'the history job''s command runs');
SELECT results_eq(
  $$SELECT runid FROM cron.job_run_details WHERE runid >= 900001 ORDER BY runid$$,
  $$VALUES (900002::bigint), (900003::bigint)$$,
  'it deletes the refresh job''s runs older than 7 days, and nothing else');

-- The refresh function: SECURITY DEFINER, fixed empty search_path, service role only.
SELECT is_definer('public', 'refresh_metrics_daily', ARRAY[]::name[], 'the function is SECURITY DEFINER');
SELECT ok(
  (SELECT 'search_path=""' = ANY (proconfig) FROM pg_proc WHERE oid = 'public.refresh_metrics_daily()'::regprocedure),
  'the function fixes search_path to empty');
SELECT is(
  (SELECT count(*) FROM aclexplode((SELECT proacl FROM pg_proc WHERE oid = 'public.refresh_metrics_daily()'::regprocedure))
    WHERE grantee = 0),
  0::bigint, 'PUBLIC may not execute the function');
SELECT function_privs_are('public', 'refresh_metrics_daily', ARRAY[]::name[], 'anon', ARRAY[]::text[], 'anon may not execute it');
SELECT function_privs_are('public', 'refresh_metrics_daily', ARRAY[]::name[], 'authenticated', ARRAY[]::text[], 'authenticated may not execute it');
SELECT function_privs_are('public', 'refresh_metrics_daily', ARRAY[]::name[], 'service_role', ARRAY['EXECUTE'], 'service_role may execute it');

-- The status, on both strategies: SECURITY DEFINER, for the service role only.
SELECT is_definer('public', 'metrics_daily_status', ARRAY[]::name[], 'metrics_daily_status() is SECURITY DEFINER');
SELECT function_privs_are('public', 'metrics_daily_status', ARRAY[]::name[], 'anon', ARRAY[]::text[], 'anon may not read the status');
SELECT function_privs_are('public', 'metrics_daily_status', ARRAY[]::name[], 'authenticated', ARRAY[]::text[], 'authenticated may not read the status');
SELECT function_privs_are('public', 'metrics_daily_status', ARRAY[]::name[], 'service_role', ARRAY['EXECUTE'], 'service_role may read the status');

SET LOCAL ROLE anon;
SELECT throws_ok('SELECT public.refresh_metrics_daily()', '42501', NULL, 'anon gets permission denied running the refresh');
SELECT throws_ok('SELECT * FROM public.mv_metrics_daily', '42501', NULL, 'anon gets permission denied reading the view');
RESET ROLE;
SET LOCAL ROLE authenticated;
SELECT throws_ok('SELECT public.refresh_metrics_daily()', '42501', NULL, 'authenticated gets permission denied running the refresh');
SELECT throws_ok('SELECT * FROM public.mv_metrics_daily', '42501', NULL, 'authenticated gets permission denied reading the view');
RESET ROLE;
SET LOCAL ROLE service_role;
SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'service_role runs the refresh');
SELECT lives_ok('SELECT count(*) FROM public.mv_metrics_daily', 'service_role reads the view');
SELECT is((SELECT count(*) FROM public.metrics_daily_status()), 1::bigint, 'service_role reads the status: one row');
RESET ROLE;

SELECT table_privs_are('public', 'mv_metrics_daily', 'anon', ARRAY[]::text[], 'anon has no privilege on the view');
SELECT table_privs_are('public', 'mv_metrics_daily', 'authenticated', ARRAY[]::text[], 'authenticated has no privilege on the view');
SELECT table_privs_are('public', 'mv_metrics_daily', 'service_role', ARRAY['SELECT'], 'service_role may only read the view');

-- A hostile search_path in the caller's session does not redirect the function.
CREATE SCHEMA hijack;
CREATE TABLE hijack.mv_metrics_daily (x int);
SET LOCAL search_path TO hijack, public, extensions;
SELECT lives_ok('SELECT public.refresh_metrics_daily()', 'the refresh works under a hostile search_path');
SET LOCAL search_path TO test_facts, public, extensions;
SELECT is((SELECT count(*) FROM hijack.mv_metrics_daily), 0::bigint, 'and leaves the decoy alone');

SELECT * FROM finish();
ROLLBACK;
