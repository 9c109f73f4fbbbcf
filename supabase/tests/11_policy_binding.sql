-- A team's own table beside the metrics, protected by the row level security policy a team
-- writes first: a signed-in user sees and writes the goals of the locations they may access,
-- and no others. The statements between the markers are what the Swift definitions in
-- Tests/SQLBuilderTests/BindingTests.swift render (a test checks this file holds them). Every
-- column is qualified, so the subquery's goal_access.location_id cannot capture the policy
-- table's own location_id.
BEGIN;
SET LOCAL search_path TO test_facts, public, extensions;
SELECT plan(6);

-- rendered from Swift: begin
CREATE SCHEMA IF NOT EXISTS policy_example;

CREATE TABLE policy_example.daily_goals (
  location_id uuid NOT NULL,
  goal integer NOT NULL,
  PRIMARY KEY (location_id)
);

CREATE TABLE policy_example.goal_access (
  user_id uuid NOT NULL,
  location_id uuid NOT NULL,
  PRIMARY KEY (user_id, location_id)
);

GRANT USAGE ON SCHEMA policy_example TO authenticated;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE policy_example.daily_goals TO authenticated;

GRANT SELECT ON TABLE policy_example.goal_access TO authenticated;

ALTER TABLE policy_example.daily_goals ENABLE ROW LEVEL SECURITY;

CREATE POLICY daily_goals_own_locations ON policy_example.daily_goals
  FOR ALL
  TO authenticated
  USING (EXISTS (
    SELECT 1
    FROM policy_example.goal_access a
    WHERE a.location_id = daily_goals.location_id AND a.user_id = auth.uid()
  ))
  WITH CHECK (EXISTS (
    SELECT 1
    FROM policy_example.goal_access a
    WHERE a.location_id = daily_goals.location_id AND a.user_id = auth.uid()
  ));
-- rendered from Swift: end

INSERT INTO policy_example.goal_access VALUES
  ('f0000000-0000-0000-0000-00000000000a', 'f1000000-0000-0000-0000-00000000000a'),
  ('f0000000-0000-0000-0000-00000000000b', 'f1000000-0000-0000-0000-00000000000b');
INSERT INTO policy_example.daily_goals VALUES
  ('f1000000-0000-0000-0000-00000000000a', 10),
  ('f1000000-0000-0000-0000-00000000000b', 20);

SET LOCAL ROLE authenticated;
SET LOCAL request.jwt.claims = '{"sub": "f0000000-0000-0000-0000-00000000000a", "role": "authenticated"}';
SELECT results_eq('SELECT goal FROM policy_example.daily_goals', ARRAY[10],
  'a user sees the goal of their own location only');
SELECT is(
  (SELECT count(*) FROM policy_example.daily_goals WHERE location_id = 'f1000000-0000-0000-0000-00000000000b'),
  0::bigint, 'not the goal of another user''s location');
SELECT lives_ok('UPDATE policy_example.daily_goals SET goal = goal + 1', 'they update what they see');
SELECT throws_ok(
  $$INSERT INTO policy_example.daily_goals VALUES ('f1000000-0000-0000-0000-00000000000c', 99)$$,
  '42501', NULL, 'they cannot write a goal for a location they may not access');

SET LOCAL request.jwt.claims = '{"sub": "f0000000-0000-0000-0000-00000000000b", "role": "authenticated"}';
SELECT results_eq('SELECT goal FROM policy_example.daily_goals', ARRAY[20],
  'the other user sees their own goal, unchanged by the first user''s update');

RESET ROLE;
SELECT results_eq('SELECT goal FROM policy_example.daily_goals ORDER BY goal', ARRAY[11, 20],
  'the update changed the first user''s goal only');

SELECT * FROM finish();
ROLLBACK;
