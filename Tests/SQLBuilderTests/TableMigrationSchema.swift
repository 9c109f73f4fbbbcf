import Foundation
import PostgresHarness
import Testing

@testable import SQLBuilder

/// The versions of a team's tables the table migration tests go through.
extension TableMigrationTests {
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
      ) { t in
        t.renamed(\.remark, from: "note")
        t.changeType(\.target, from: PG.Integer.self) { old in old.cast(to: PG.Text.self) }
      }
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

  /// A new NOT NULL column without a default.
  struct GoalsWithOwner: Relation {
    static let qualifiedName = QualifiedName("goals", "daily_goals")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let target = Column<PG.Integer, NotNull>("target")
    let owner = Column<PG.UUID, NotNull>("owner")
  }

  /// Version 1 of a table under its first name.
  struct GoalsPerDay: Relation {
    static let qualifiedName = QualifiedName("goals", "goals_per_day")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let target = Column<PG.Integer, NotNull>("target")
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

  /// Version 2's note declared before the target.
  struct GoalsNoteFirst: Relation {
    static let qualifiedName = QualifiedName("goals", "daily_goals")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let note = Column<PG.Text, Nullable>("note")
    let target = Column<PG.Integer, NotNull>("target")
  }

  /// Version 1's target as a bigint.
  struct GoalsWideTarget: Relation {
    static let qualifiedName = QualifiedName("goals", "daily_goals")
    let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
    let locationID = Column<PG.UUID, NotNull>("location_id")
    let day = Column<PG.Date, NotNull>("day")
    let target = Column<PG.BigInt, NotNull>("target")
  }
}
