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
  struct Locations: Relation {
    static let qualifiedName = QualifiedName("goals", "locations")
    let id = Column<PG.UUID, NotNull>("id")
  }

  struct Access: Relation {
    static let qualifiedName = QualifiedName("goals", "user_location_access")
    let userID = Column<PG.UUID, NotNull>("user_id")
    let locationID = Column<PG.UUID, NotNull>("location_id")
  }

  /// Version 1: a goal per location and day.
  struct GoalsV1: Relation {
    static let qualifiedName = QualifiedName("goals", "daily_goals")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let target = Column<PG.Integer, NotNull>("target")
  }

  /// Version 2: a note.
  struct GoalsV2: Relation {
    static let qualifiedName = QualifiedName("goals", "daily_goals")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let target = Column<PG.Integer, NotNull>("target")
    let note = Column<PG.Text, Nullable>("note")
  }

  /// Version 3 (and 4, with another policy): the note renamed, the target a text.
  struct GoalsV3: Relation {
    static let qualifiedName = QualifiedName("goals", "daily_goals")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let target = Column<PG.Text, NotNull>("target")
    let remark = Column<PG.Text, Nullable>("remark")
  }

  /// Version 5: the remark dropped, the target a number again.
  struct GoalsV5: Relation {
    static let qualifiedName = QualifiedName("goals", "daily_goals")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let target = Column<PG.Integer, NotNull>("target")
  }

  static func common() -> [any SQLStatement] {
    [
      CreateSchema("goals"),
      Grant(.usage, on: .schema("goals"), to: .authenticated),
      CreateTable(Locations.self) { t in t.primaryKey(\.id) },
      CreateTable(Access.self) { t in t.primaryKey(\.userID, \.locationID) },
      Grant(.select, on: .table(Access.self), to: .authenticated),
    ]
  }

  /// The table, its row level security, policy and grants, for a version's relation.
  static func goals<G: Relation>(
    _: G.Type, id: KeyPath<G, Column<PG.UUID, NotNull>>,
    location: KeyPath<G, Column<PG.UUID, NotNull>>, day: KeyPath<G, Column<PG.Date, NotNull>>,
    ownRowsOnly: Bool, grants: Bool = true, renamedFrom: String? = nil,
    _ constraints: @escaping (TableConstraints<G>) -> Void = { _ in }
  ) -> [any SQLStatement] {
    var statements: [any SQLStatement] = [
      CreateTable(G.self, renamedFrom: renamedFrom) { t in
        t.primaryKey(id)
        t.foreignKey(location, references: \Locations.id, onDelete: .cascade)
        t.unique(location, day)
        constraints(t)
      },
      EnableRowLevelSecurity(G.self),
    ]
    statements.append(
      ownRowsOnly
        ? CreatePolicy("daily_goals_own_locations", on: G.self, to: .authenticated) { g in
          exists { q in
            let a = q.from(Access.self, as: "a")
            q.where(a.locationID == g[dynamicMember: location] && a.userID == authUID())
          }
        }
        : CreatePolicy("daily_goals_own_locations", on: G.self, for: .select, to: .authenticated) {
          _ in true
        })
    if grants {
      statements.append(Grant(.select, .insert, .update, on: .table(G.self), to: .authenticated))
    }
    return statements
  }

  static func scripts(_ version: Int) -> [SQLScript] {
    let goals: [any SQLStatement]
    switch version {
    case 1:
      goals = Self.goals(
        GoalsV1.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true)
    case 2:
      goals = Self.goals(
        GoalsV2.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true)
    case 3, 4:
      goals = Self.goals(
        GoalsV3.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: version == 3
      ) { t in t.renamed(\.remark, from: "note") }
    case 5:
      goals = Self.goals(
        GoalsV5.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: false,
        grants: false
      ) { t in
        t.dropColumn("remark")
        t.changeType(\.target, from: PG.Text.self) { old in old.cast(to: PG.Integer.self) }
      }
    default:
      return scripts(4)
    }
    return [SQLScript("goals.sql", header: []) { Self.common() + goals }]
  }

  /// Each version planned after the one before, as `swift run GenSQL` does.
  static func plans(_ versions: [Int]) throws -> [MigrationPlan] {
    var state: SchemaState? = nil
    var plans: [MigrationPlan] = []
    for version in versions {
      let plan = try MigrationPlan(from: state, to: scripts(version))
      var next = state ?? SchemaState()
      next.objects = plan.objects
      state = next
      plans.append(plan)
    }
    return plans
  }

  static let catalogQuery = """
    SELECT line FROM (
      SELECT format('column %s.%s #%s %s notnull=%s default=%s', c.relname, a.attname,
                    row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
                    format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)) AS line
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE c.relnamespace = 'goals'::regnamespace AND c.relkind = 'r' AND a.attnum > 0
         AND NOT a.attisdropped
      UNION ALL
      SELECT format('constraint %s on %s: %s', conname, conrelid::regclass, pg_get_constraintdef(oid))
        FROM pg_constraint WHERE connamespace = 'goals'::regnamespace
      UNION ALL
      SELECT format('policy %s on %s: %s %s %s %s', policyname, tablename, cmd, roles, qual, with_check)
        FROM pg_policies WHERE schemaname = 'goals'
      UNION ALL
      SELECT format('relation %s kind=%s rls=%s forced=%s acl=%s', relname, relkind,
                    relrowsecurity, relforcerowsecurity,
                    coalesce(relacl, acldefault('r'::"char", relowner)))
        FROM pg_class WHERE relnamespace = 'goals'::regnamespace
      UNION ALL
      SELECT format('schema %s acl=%s', nspname, nspacl) FROM pg_namespace WHERE nspname = 'goals'
    ) objects ORDER BY line;
    """

  static let ada = ShopSchema.ada
  static let bob = ShopSchema.bob

  /// Ada and Bob each see one location; a goal for each location.
  static let rows = """
    INSERT INTO goals.locations VALUES ('00000000-0000-0000-0000-0000000000a1'),
      ('00000000-0000-0000-0000-0000000000b1');
    INSERT INTO goals.user_location_access VALUES
      ('\(ada)', '00000000-0000-0000-0000-0000000000a1'),
      ('\(bob)', '00000000-0000-0000-0000-0000000000b1');
    INSERT INTO goals.daily_goals (location_id, day, target) VALUES
      ('00000000-0000-0000-0000-0000000000a1', '2026-12-01', 10),
      ('00000000-0000-0000-0000-0000000000b1', '2026-12-01', 20);
    """

  /// How many goals Ada sees, signed in, or `denied` without the privilege.
  static func adaSees(_ cluster: PostgresCluster) throws -> String {
    let granted = try cluster.psql(
      "SELECT has_table_privilege('authenticated', 'goals.daily_goals', 'SELECT');",
      database: "goals_migrated")
    guard granted == "t\n" else { return "ada sees|denied" }
    return try cluster.psql(
      """
      BEGIN;
      SET LOCAL ROLE authenticated;
      SET LOCAL request.jwt.claims = '{"sub": "\(ada)", "role": "authenticated"}';
      SELECT 'ada sees|' || count(*) FROM goals.daily_goals;
      ROLLBACK;
      """, database: "goals_migrated"
    ).trimmingCharacters(in: .newlines)
  }

  /// A database of its own on the shop's cluster, with Supabase's `auth` stand-ins.
  static func freshDatabase(_ name: String, _ cluster: PostgresCluster) throws {
    try cluster.psql("DROP DATABASE IF EXISTS \(name);\nCREATE DATABASE \(name);")
    let auth = ShopDatabase.root.appendingPathComponent("supabase/emulation/auth.sql")
    try cluster.psql(try String(contentsOf: auth, encoding: .utf8), database: name)
  }

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

      ALTER TABLE goals.daily_goals ALTER COLUMN target TYPE text;
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

  /// A new NOT NULL column without a default.
  struct GoalsWithOwner: Relation {
    static let qualifiedName = QualifiedName("goals", "daily_goals")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let target = Column<PG.Integer, NotNull>("target")
    let owner = Column<PG.UUID, NotNull>("owner")
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
    // Text to integer needs USING.
    #expect(
      Self.refusal(
        from: 3,
        to: Self.goals(
          GoalsV5.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true
        ) { t in t.dropColumn("remark") }
      ).hasPrefix(
        "\(goals): column target changes from text to integer, which PostgreSQL converts only with USING"
      ))
    // Integer to text needs none.
    #expect(
      Self.refusal(
        from: 1,
        to: Self.goals(
          GoalsV3.self, id: \.id, location: \.locationID, day: \.day, ownRowsOnly: true
        ) { t in t.renamed(\.remark, from: "note") }
      ).hasPrefix("planned: "))
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

  /// The conversions GenSQL lets `ALTER COLUMN … TYPE` do without USING are exactly those
  /// PostgreSQL does: every pair of the DSL's types is tried on an empty column.
  @Test func typeChangesWithoutUsingAreTheOnesPostgreSQLAccepts() throws {
    let types = Set(AssignmentCasts.table.keys).union(AssignmentCasts.table.values.joined())
      .union(["uuid", "jsonb", "text", "boolean", "name"]).sorted()
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
        types.filter { b in a != b && AssignmentCasts.converts(a, to: b) }.map { "\(a) -> \($0)" }
      })
    #expect(accepted.count > 20)
    #expect(ours.subtracting(accepted).sorted() == [], "GenSQL allows, PostgreSQL refuses")
    #expect(accepted.subtracting(ours).sorted() == [], "PostgreSQL allows, GenSQL refuses")
  }

  /// Version 1 of a table under its first name.
  struct GoalsPerDay: Relation {
    static let qualifiedName = QualifiedName("goals", "goals_per_day")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let target = Column<PG.Integer, NotNull>("target")
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

  struct TargetsV1: Relation {
    static let qualifiedName = QualifiedName("goals", "targets")
    let id = Column<PG.UUID, NotNull>("id")
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let amount = Column<PG.Integer, Nullable>("amount")
  }

  /// The amount NOT NULL with a default; a CHECK and a foreign key instead of the unique key.
  struct TargetsV2: Relation {
    static let qualifiedName = QualifiedName("goals", "targets")
    let id = Column<PG.UUID, NotNull>("id")
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let amount = Column<PG.Integer, NotNull>("amount", default: 0)
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
}
