import Foundation
import PostgresHarness
import Testing

@testable import SQLBuilder

/// A team's own table beside the metrics, through the changes a team makes: created with a
/// primary key, a foreign key, row level security, a policy and grants; then a column added,
/// renamed and retyped, the policy changed, the column dropped, and the Swift rolled back. Each
/// migration is applied as the Supabase CLI does (one transaction per file, in order) on a
/// database with rows, and compared with a database built fresh from that version.
@Suite struct TableMigrationTests {
  @Test func everyTableChangeKeepsTheRowsAndMatchesAFreshDatabase() throws {
    let cluster = try ShopDatabase.shared.get().cluster
    let versions = [1, 2, 3, 4, 5, 4]
    let plans = try Self.plans(versions)
    try Self.freshDatabase("goals_migrated", cluster)
    var seen: [String] = []
    for (step, plan) in plans.enumerated() {
      let sql = try #require(plan.sql, "step \(step + 1) plans nothing")
      try cluster.psql(sql, database: "goals_migrated", options: ["--single-transaction"])
      if step == 0 { try cluster.psql(Self.rows, database: "goals_migrated") }
      if step == 1 {
        try cluster.psql("UPDATE goals.daily_goals SET note = 'kept';", database: "goals_migrated")
      }
      try Self.freshDatabase("goals_fresh", cluster)
      var writer = SQLWriter()
      writer.statements(Self.scripts(versions[step])[0].statements)
      try cluster.psql(writer.text, database: "goals_fresh", options: ["--single-transaction"])
      let migrated = try cluster.psql(Self.catalogQuery, database: "goals_migrated")
      let fresh = try cluster.psql(Self.catalogQuery, database: "goals_fresh")
      #expect(migrated == fresh, "step \(step + 1): the migrated catalog differs from a fresh one")
      let data = try cluster.psql(
        """
        SELECT 'rows|' || count(*) FROM goals.daily_goals;
        SELECT 'targets|' || string_agg(target::text, ',' ORDER BY target::text) FROM goals.daily_goals;
        SELECT 'columns|' || string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
         WHERE attrelid = 'goals.daily_goals'::regclass AND attnum > 0 AND NOT attisdropped;
        """, database: "goals_migrated")
      seen.append(data + (try Self.adaSees(cluster)))
    }
    // A note typed in version 2 keeps its value through the rename; the target through two
    // type changes; the rollback brings back the column (empty) and the grant.
    let remarks = try cluster.psql(
      "SELECT count(remark) FROM goals.daily_goals;", database: "goals_migrated")
    #expect(remarks == "0\n")
    #expect(
      seen == [
        "rows|2\ntargets|10,20\ncolumns|id,location_id,day,target\nada sees|1",
        "rows|2\ntargets|10,20\ncolumns|id,location_id,day,target,note\nada sees|1",
        "rows|2\ntargets|10,20\ncolumns|id,location_id,day,target,remark\nada sees|1",
        "rows|2\ntargets|10,20\ncolumns|id,location_id,day,target,remark\nada sees|2",
        "rows|2\ntargets|10,20\ncolumns|id,location_id,day,target\nada sees|denied",
        "rows|2\ntargets|10,20\ncolumns|id,location_id,day,target,remark\nada sees|2",
      ])
    #expect(
      plans.map(\.changes) == [
        plans[0].changes,
        ["add column note to relation goals.daily_goals"],
        [
          "change column target of relation goals.daily_goals from integer to text",
          "rename column note of relation goals.daily_goals to remark",
        ],
        ["update policy daily_goals_own_locations of relation goals.daily_goals"],
        [
          "change column target of relation goals.daily_goals from text to integer",
          "drop column remark of relation goals.daily_goals, deleting its values",
          "remove privileges of relation goals.daily_goals",
        ],
        [
          "change column target of relation goals.daily_goals from integer to text",
          "add column remark to relation goals.daily_goals",
          "update privileges of relation goals.daily_goals",
        ],
      ])
    #expect(
      plans[4].deletions == [
        "drop column remark of relation goals.daily_goals, deleting its values"
      ])
    expectInline(
      plans[2].sql ?? "",
      #"""
      -- Fail within 5 seconds rather than queue others behind a lock.
      SET LOCAL lock_timeout = '5s';

      ALTER TABLE goals.daily_goals RENAME COLUMN note TO remark;

      ALTER TABLE goals.daily_goals ALTER COLUMN target TYPE text USING (daily_goals.target::text);
      """#, #_sourceLocation)
    expectInline(
      plans[4].sql ?? "",
      #"""
      -- Fail within 5 seconds rather than queue others behind a lock.
      SET LOCAL lock_timeout = '5s';

      REVOKE ALL ON TABLE goals.daily_goals FROM authenticated;

      ALTER TABLE goals.daily_goals
        DROP COLUMN remark,
        ALTER COLUMN target TYPE integer USING (daily_goals.target::integer);
      """#, #_sourceLocation)
  }

  /// The message generation stops with, going from `version`'s state to `statements`.
  static func refusal(from version: Int, to statements: [any SQLStatement]) -> String {
    do {
      let state = try plans([version]).last!.objects
      var previous = SchemaState()
      previous.objects = state
      let plan = try MigrationPlan(
        from: previous, to: [SQLScript("goals.sql", header: []) { common() + statements }])
      return "planned: \(plan.changes)"
    } catch {
      return "\(error)"
    }
  }

  @Test func changesThatWouldLoseDataOrGuessStopWithTheTableAndColumnNamed() {
    let goals = "relation goals.daily_goals"
    // Version 2's note, no longer declared: neither dropped nor renamed.
    #expect(
      Self.refusal(
        from: 2,
        to: Self.goals(
          GoalsV1.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true))
        == "\(goals): column note is no longer declared, and the migration would delete its values; to drop it, declare `t.dropColumn(\"note\")` in the table's CreateTable; to rename it, `t.renamed(\\.newName, from: \"note\")`"
    )
    #expect(
      Self.refusal(
        from: 1,
        to: Self.goals(
          GoalsWithOwner.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true)
      ).hasPrefix(
        "\(goals): column owner is NOT NULL without a default, which PostgreSQL cannot add"))
    // Text to integer, and integer to text, say how; integer to bigint keeps every value.
    #expect(
      Self.refusal(
        from: 3,
        to: Self.goals(
          GoalsV5.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true
        ) { t in t.dropColumn("remark") }
      ).hasPrefix(
        "\(goals): column target changes from text to integer, which keeps its values only"))
    #expect(
      Self.refusal(
        from: 1,
        to: Self.goals(
          GoalsV3.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true
        ) { t in t.renamed(\.remark, from: "note") }
      ).hasPrefix("\(goals): column target changes from integer to text"))
    #expect(
      Self.refusal(
        from: 1,
        to: Self.goals(
          GoalsWideTarget.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true)
      )
        == "planned: [\"change column target of relation goals.daily_goals from integer to bigint\"]"
    )
    // A column added anywhere but last: PostgreSQL appends it.
    #expect(
      Self.refusal(
        from: 1,
        to: Self.goals(
          GoalsNoteFirst.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true))
        == "\(goals): PostgreSQL keeps existing columns in place and adds new ones last, so after the migration the columns are id, location_id, day, target, note; declare them in that order, so a database built fresh from the definitions has the same columns"
    )
    // A table with rows turned derived, and a table no longer defined.
    #expect(
      Self.refusal(
        from: 1,
        to: [CreateTable(GoalsV1.self, derived: .rebuiltBy("nothing")) { t in t.primaryKey(\.id) }]
      ).hasPrefix("\(goals): the table held rows of its own and is now declared derived"))
    #expect(
      Self.refusal(from: 1, to: []).hasPrefix(
        "\(goals): the table is no longer defined, and the migration would delete its rows"))
    #expect(
      Self.refusal(from: 1, to: [Drop.table(GoalsV1.qualifiedName)])
        == "planned: [\"drop \(goals), deleting its rows\"]")
  }

  /// The conversions GenSQL makes without USING are ones PostgreSQL makes without USING: every
  /// pair of the DSL's types is tried on an empty column.
  @Test func typeChangesWithoutUsingAreOnesPostgreSQLAccepts() throws {
    let types = Set(LosslessConversions.widenings.keys)
      .union(LosslessConversions.widenings.values.joined())
      .union(["uuid", "jsonb", "text", "boolean", "name", "timestamp with time zone"]).sorted()
    let list = types.map { "'\($0)'" }.joined(separator: ", ")
    let output = try ShopDatabase.shared.get().run(
      """
      CREATE TEMPORARY TABLE cast_results (source text, target text);
      DO $$
      DECLARE
        a text;
        b text;
      BEGIN
        FOREACH a IN ARRAY ARRAY[\(list)] LOOP
          FOREACH b IN ARRAY ARRAY[\(list)] LOOP
            CONTINUE WHEN a = b;
            BEGIN
              EXECUTE format('CREATE TEMPORARY TABLE cast_probe (c %s)', a);
              EXECUTE format('ALTER TABLE cast_probe ALTER COLUMN c TYPE %s', b);
              DROP TABLE cast_probe;
              INSERT INTO cast_results VALUES (a, b);
            EXCEPTION WHEN others THEN
              NULL;
            END;
          END LOOP;
        END LOOP;
      END;
      $$;
      SELECT source || ' -> ' || target FROM cast_results ORDER BY 1;
      """)
    let accepted = Set(output.split(separator: "\n").map(String.init))
    let ours = Set(
      types.flatMap { a in
        types.filter { b in a != b && LosslessConversions.keepsEveryValue(a, to: b) }.map {
          "\(a) -> \($0)"
        }
      })
    #expect(accepted.count > 20 && ours.count == 9)
    #expect(ours.subtracting(accepted).sorted() == [], "GenSQL allows, PostgreSQL refuses")
    // Modifiers: only growing ones keep every value.
    #expect(LosslessConversions.keepsEveryValue("numeric(10,2)", to: "numeric(12,3)"))
    #expect(!LosslessConversions.keepsEveryValue("numeric(12,3)", to: "numeric(12,2)"))
    #expect(LosslessConversions.keepsEveryValue("character varying(10)", to: "text"))
    #expect(!LosslessConversions.keepsEveryValue("integer", to: "numeric(5,0)"))
  }

  @Test func aRenamedTableKeepsItsRowsAndItsConstraintsTakeTheNewName() throws {
    let before = try MigrationPlan(
      from: nil,
      to: [
        SQLScript("goals.sql", header: []) {
          Self.common()
            + Self.goals(
              GoalsPerDay.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true)
        }
      ])
    var state = SchemaState()
    state.objects = before.objects
    let renamed = [
      SQLScript("goals.sql", header: []) {
        Self.common()
          + Self.goals(
            GoalsV1.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true,
            renamedFrom: "goals_per_day")
      }
    ]
    let after = try MigrationPlan(from: state, to: renamed)
    #expect(after.deletions == [])
    expectInline(
      after.sql ?? "",
      #"""
      -- Fail within 5 seconds rather than queue others behind a lock.
      SET LOCAL lock_timeout = '5s';

      ALTER TABLE goals.goals_per_day DISABLE ROW LEVEL SECURITY;
      ALTER TABLE goals.goals_per_day NO FORCE ROW LEVEL SECURITY;

      DROP POLICY IF EXISTS daily_goals_own_locations ON goals.goals_per_day;

      REVOKE ALL ON TABLE goals.goals_per_day FROM authenticated;

      ALTER TABLE goals.goals_per_day RENAME TO daily_goals;

      ALTER TABLE goals.daily_goals RENAME CONSTRAINT goals_per_day_pkey TO daily_goals_pkey;

      ALTER TABLE goals.daily_goals RENAME CONSTRAINT goals_per_day_location_id_fkey TO daily_goals_location_id_fkey;

      ALTER TABLE goals.daily_goals RENAME CONSTRAINT goals_per_day_location_id_day_key TO daily_goals_location_id_day_key;

      ALTER TABLE goals.daily_goals ENABLE ROW LEVEL SECURITY;

      CREATE POLICY daily_goals_own_locations ON goals.daily_goals
        FOR ALL
        TO authenticated
        USING (EXISTS (
          SELECT 1
          FROM goals.user_location_access a
          WHERE a.location_id = daily_goals.location_id AND a.user_id = auth.uid()
        ));

      GRANT SELECT, INSERT, UPDATE ON TABLE goals.daily_goals TO authenticated;
      """#, #_sourceLocation)
    let output = try ShopDatabase.shared.get().run(
      (before.sql ?? "")
        + Self.rows.replacingOccurrences(of: "daily_goals", with: "goals_per_day")
        + (after.sql ?? "")
          + """
          SELECT count(*) FROM goals.daily_goals;
          SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint
           WHERE conrelid = 'goals.daily_goals'::regclass;
          """)
    #expect(
      output == "2\ndaily_goals_location_id_day_key,daily_goals_location_id_fkey,daily_goals_pkey\n"
    )
  }

  @Test func constraintsNullabilityAndDefaultsChangeInPlace() throws {
    let v1 = [
      SQLScript("targets.sql", header: []) {
        Self.common()
          + [
            CreateTable(TargetsV1.self) { t in
              t.primaryKey(\.id)
              t.unique(\.locationID)
            }
          ]
      }
    ]
    let v2 = [
      SQLScript("targets.sql", header: []) {
        Self.common()
          + [
            CreateTable(TargetsV2.self) { t in
              t.primaryKey(\.id)
              t.foreignKey(\.locationID, references: \Locations.id)
              t.check("targets_amount_not_negative") { $0.amount >= 0 }
            }
          ]
      }
    ]
    let first = try MigrationPlan(from: nil, to: v1)
    var state = SchemaState()
    state.objects = first.objects
    let second = try MigrationPlan(from: state, to: v2)
    expectInline(
      second.sql ?? "",
      #"""
      -- Fail within 5 seconds rather than queue others behind a lock.
      SET LOCAL lock_timeout = '5s';

      ALTER TABLE goals.targets
        DROP CONSTRAINT targets_location_id_key,
        ALTER COLUMN amount SET NOT NULL,
        ALTER COLUMN amount SET DEFAULT 0,
        ADD CONSTRAINT targets_location_id_fkey FOREIGN KEY (location_id) REFERENCES goals.locations (id),
        ADD CONSTRAINT targets_amount_not_negative CHECK (targets.amount >= 0);
      """#, #_sourceLocation)
    let cluster = try ShopDatabase.shared.get().cluster
    try Self.freshDatabase("targets_migrated", cluster)
    for plan in [first, second] {
      try cluster.psql(
        try #require(plan.sql), database: "targets_migrated", options: ["--single-transaction"])
      if plan.sql == first.sql {
        try cluster.psql(
          """
          INSERT INTO goals.locations VALUES ('00000000-0000-0000-0000-0000000000a1'),
            ('00000000-0000-0000-0000-0000000000b1');
          INSERT INTO goals.targets VALUES
            (gen_random_uuid(), '00000000-0000-0000-0000-0000000000a1', 5),
            (gen_random_uuid(), '00000000-0000-0000-0000-0000000000b1', 7);
          """, database: "targets_migrated")
      }
    }
    try Self.freshDatabase("targets_fresh", cluster)
    var writer = SQLWriter()
    writer.statements(v2[0].statements)
    try cluster.psql(writer.text, database: "targets_fresh", options: ["--single-transaction"])
    #expect(
      try cluster.psql(Self.catalogQuery, database: "targets_migrated")
        == cluster.psql(Self.catalogQuery, database: "targets_fresh"))
    #expect(
      try cluster.psql("SELECT sum(amount) FROM goals.targets;", database: "targets_migrated")
        == "12\n")
  }

  /// Turning off a table's row level security says what it opens.
  @Test func turningRowLevelSecurityOffOpensAccess() throws {
    var state = SchemaState()
    state.objects = try Self.plans([1]).last!.objects
    let plan = try MigrationPlan(
      from: state,
      to: [
        SQLScript("goals.sql", header: []) {
          Self.common() + [
            CreateTable(GoalsV1.self) { t in
              t.primaryKey(\.id)
              t.foreignKey(\.locationID, references: \Locations.id, onDelete: .cascade)
              t.unique(\.locationID, \.day)
            },
            Revoke(.all, on: .table(GoalsV1.self), from: .anon, .authenticated),
          ]
        }
      ])
    #expect(
      plan.opensAccess == [
        "row level security of relation goals.daily_goals is turned off: its policies no longer apply, and every role with a privilege on it reads every row"
      ])
  }
}
