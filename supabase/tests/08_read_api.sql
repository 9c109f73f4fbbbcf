-- Contract §5, the read API: get_metrics_for_range shows a signed-in user the rows of the
-- locations it may see, the account-wide rows only with access to every location, nothing of
-- another account or without a JWT; service_role sees the account's rows; bad ranges raise
-- 22023; and Supabase's rules for exposed code hold (the splinter lints 0010, 0011, 0016, 0028,
-- 0029, checked here by their own queries).
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
SELECT plan(28);

-- Account A has locations L1 and L2, account B has L3; each has an order without a location too.
INSERT INTO accounts (account_id, default_time_zone) VALUES
  ('a0000000-0000-0000-0000-000000000001', 'UTC'), ('a0000000-0000-0000-0000-000000000002', 'UTC');
INSERT INTO locations (location_id, account_id, time_zone) VALUES
  ('10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', NULL),
  ('10000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001', NULL),
  ('10000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-000000000002', NULL);
INSERT INTO calls (id, location_id, status, call_type, started_at) VALUES
  ('l1-a', '10000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-05-01 12:00Z'),
  ('l1-b', '10000000-0000-0000-0000-000000000001', 'completed', 'order', '2024-05-02 12:00Z'),
  ('l2', '10000000-0000-0000-0000-000000000002', 'completed', 'order', '2024-05-01 12:00Z'),
  ('l3', '10000000-0000-0000-0000-000000000003', 'completed', 'order', '2024-05-01 12:00Z');
-- A call without a location has no account; an order keeps its own.
INSERT INTO orders (id, account_id, location_id, total_amount, created_at) VALUES
  ('b0000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001', NULL, 10, '2024-05-01 12:00Z'),
  ('b0000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000002', NULL, 10, '2024-05-01 12:00Z');
-- User 1 sees L1; user 2 every location of A; user 3 nothing; user 4 every location of B.
INSERT INTO user_location_access (user_id, location_id, account_id) VALUES
  ('e0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001'),
  ('e0000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000001', 'a0000000-0000-0000-0000-000000000001'),
  ('e0000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000002', 'a0000000-0000-0000-0000-000000000001'),
  ('e0000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000003', 'a0000000-0000-0000-0000-000000000002');
SELECT public.refresh_metrics_daily();

-- What a caller sees of account A in May 2024, as (location, date, calls); '-' for no location.
CREATE FUNCTION pg_temp.seen(account uuid, location uuid) RETURNS TABLE (seen text) LANGUAGE sql AS $$
  SELECT coalesce(location_id::text, '-') || ' ' || date || ' ' || total_calls
  FROM public.get_metrics_for_range(
    p_account_id => account, p_location_id => location,
    p_from_date => '2024-05-01', p_to_date => '2024-05-31')
  ORDER BY 1
$$;
GRANT EXECUTE ON FUNCTION pg_temp.seen(uuid, uuid) TO anon, authenticated, service_role;

SET LOCAL ROLE authenticated;
SET LOCAL request.jwt.claims = '{"sub": "e0000000-0000-0000-0000-000000000001", "role": "authenticated"}';
SELECT results_eq($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000001', NULL)$$,
  $$VALUES ('10000000-0000-0000-0000-000000000001 2024-05-01 1'), ('10000000-0000-0000-0000-000000000001 2024-05-02 1')$$,
  'a user with one location sees that location''s days, not the account-wide row');
SELECT is_empty($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000002')$$,
  'nor a location it has no access to');
SELECT results_eq(
  $$SELECT coalesce(location_id::text, '-') FROM private.metrics_visible_to_caller('a0000000-0000-0000-0000-000000000001', '2024-05-01', '2024-05-01', NULL)$$,
  $$VALUES ('10000000-0000-0000-0000-000000000001')$$,
  'calling the private function directly shows no more');

SET LOCAL request.jwt.claims = '{"sub": "e0000000-0000-0000-0000-000000000002", "role": "authenticated"}';
SELECT results_eq($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000001', NULL)$$,
  $$VALUES ('- 2024-05-01 0'), ('10000000-0000-0000-0000-000000000001 2024-05-01 1'),
           ('10000000-0000-0000-0000-000000000001 2024-05-02 1'), ('10000000-0000-0000-0000-000000000002 2024-05-01 1')$$,
  'a user with every location of the account also sees the account-wide row');
SELECT results_eq(
  $$SELECT coalesce(location_id::text, '-') || ' ' || date || ' ' || total_calls
    FROM public.get_metrics_for_range(p_account_id => 'a0000000-0000-0000-0000-000000000001',
      p_from_date => '2024-05-01', p_to_date => '2024-05-31')
    ORDER BY 1$$,
  $$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000001', NULL)$$,
  'p_location_id left out is NULL: every location the caller may see');
SELECT results_eq($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000002')$$,
  $$VALUES ('10000000-0000-0000-0000-000000000002 2024-05-01 1')$$,
  'p_location_id narrows to one location');
SELECT is_empty($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000002', NULL)$$,
  'and nothing of another account');

SET LOCAL request.jwt.claims = '{"sub": "e0000000-0000-0000-0000-000000000003", "role": "authenticated"}';
SELECT is_empty($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000001', NULL)$$,
  'a user without access rows sees nothing');

SET LOCAL request.jwt.claims = '{"sub": "e0000000-0000-0000-0000-000000000004", "role": "authenticated"}';
SELECT is_empty($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000001', NULL)$$,
  'a user of another account sees nothing of this one');
SELECT results_eq($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000002', NULL)$$,
  $$VALUES ('- 2024-05-01 0'), ('10000000-0000-0000-0000-000000000003 2024-05-01 1')$$,
  'and all of its own, where it sees every location');

SET LOCAL request.jwt.claims = '';
SELECT is_empty($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000001', NULL)$$,
  'without a JWT the result is empty');

-- Bad arguments: 22023, naming the parameter; a year of 366 days is allowed.
SET LOCAL request.jwt.claims = '{"sub": "e0000000-0000-0000-0000-000000000002", "role": "authenticated"}';
SELECT throws_ok($$SELECT * FROM public.get_metrics_for_range(NULL, '2024-05-01', '2024-05-31')$$,
  '22023', 'p_account_id must not be NULL', 'a NULL account');
SELECT throws_ok($$SELECT * FROM public.get_metrics_for_range('a0000000-0000-0000-0000-000000000001', NULL, '2024-05-31')$$,
  '22023', 'p_from_date must not be NULL', 'a NULL start');
SELECT throws_ok($$SELECT * FROM public.get_metrics_for_range('a0000000-0000-0000-0000-000000000001', '2024-05-01', NULL)$$,
  '22023', 'p_to_date must not be NULL', 'a NULL end');
SELECT throws_ok($$SELECT * FROM public.get_metrics_for_range('a0000000-0000-0000-0000-000000000001', '2024-05-31', '2024-05-01')$$,
  '22023', 'p_from_date must not be after p_to_date', 'a reversed range');
SELECT throws_ok($$SELECT * FROM public.get_metrics_for_range('a0000000-0000-0000-0000-000000000001', '2024-01-01', '2025-01-01')$$,
  '22023', 'p_to_date is more than 366 days after p_from_date', 'a range over 366 days');
SELECT lives_ok($$SELECT * FROM public.get_metrics_for_range('a0000000-0000-0000-0000-000000000001', '2024-01-01', '2024-12-31')$$,
  'a range of 366 days');
RESET ROLE;

SET LOCAL ROLE service_role;
SELECT results_eq($$SELECT * FROM pg_temp.seen('a0000000-0000-0000-0000-000000000001', NULL)$$,
  $$VALUES ('- 2024-05-01 0'), ('10000000-0000-0000-0000-000000000001 2024-05-01 1'),
           ('10000000-0000-0000-0000-000000000001 2024-05-02 1'), ('10000000-0000-0000-0000-000000000002 2024-05-01 1')$$,
  'service_role sees every row of the account');
RESET ROLE;

SET LOCAL ROLE anon;
SELECT throws_ok($$SELECT * FROM public.get_metrics_for_range('a0000000-0000-0000-0000-000000000001', '2024-05-01', '2024-05-31')$$,
  '42501', NULL, 'anon may not call it');
SELECT throws_ok($$SELECT * FROM private.metrics_visible_to_caller('a0000000-0000-0000-0000-000000000001', '2024-05-01', '2024-05-31', NULL)$$,
  '42501', NULL, 'nor the private function');
RESET ROLE;

SELECT function_privs_are('public', 'get_metrics_for_range', ARRAY['uuid', 'date', 'date', 'uuid'], 'authenticated', ARRAY['EXECUTE'], 'authenticated may execute it');
SELECT function_privs_are('public', 'get_metrics_for_range', ARRAY['uuid', 'date', 'date', 'uuid'], 'anon', ARRAY[]::text[], 'anon may not');
SELECT is(
  (SELECT count(*) FROM aclexplode((SELECT proacl FROM pg_proc WHERE oid = 'public.get_metrics_for_range(uuid, date, date, uuid)'::regprocedure))
    WHERE grantee = 0),
  0::bigint, 'nor PUBLIC');

-- Supabase's lints, as their own queries.
SELECT isnt_definer('public', 'get_metrics_for_range', ARRAY['uuid', 'date', 'date', 'uuid'],
  'the exposed function runs with the caller''s rights');
SELECT is(
  (SELECT count(*) FROM pg_proc p
    WHERE p.pronamespace IN ('public'::regnamespace, 'private'::regnamespace)
      AND p.proname IN ('get_metrics_for_range', 'metrics_visible_to_caller', 'refresh_metrics_daily')
      AND NOT coalesce(EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%'), false)),
  0::bigint, '0011: every function of ours fixes its search_path');
SELECT is(
  (SELECT count(*) FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef
      AND (has_function_privilege('anon', p.oid, 'EXECUTE') OR has_function_privilege('authenticated', p.oid, 'EXECUTE'))),
  0::bigint, '0028, 0029: no SECURITY DEFINER function in public that anon or authenticated may execute');
SELECT is(
  (SELECT count(*) FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'm'
      AND (has_table_privilege('anon', c.oid, 'SELECT') OR has_table_privilege('authenticated', c.oid, 'SELECT'))),
  0::bigint, '0016: no materialized view in public that anon or authenticated may read');
SELECT ok(NOT has_schema_privilege('anon', 'private', 'USAGE'), 'anon may not use the private schema');

SELECT * FROM finish();
ROLLBACK;
