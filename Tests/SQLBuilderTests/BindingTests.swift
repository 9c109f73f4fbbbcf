import Foundation
import Testing

@testable import SQLBuilder

/// A team's own table beside the metrics: one goal per location and day.
struct DailyGoals: Relation {
  static let qualifiedName = QualifiedName("policy_example", "daily_goals")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let goal = Column<PG.Integer, NotNull>("goal")
}

/// Which user may see which location; it has a `location_id` too, the column a nested query
/// could capture.
struct GoalAccess: Relation {
  static let qualifiedName = QualifiedName("policy_example", "goal_access")
  let userID = Column<PG.UUID, NotNull>("user_id")
  let locationID = Column<PG.UUID, NotNull>("location_id")
}

/// A column handle means one column of one source, whatever a nested query reads: every
/// construct whose own relation has no alias (a policy's table, an UPDATE or DELETE target, a
/// view's FROM) is run on PostgreSQL with a subquery over a relation with a same-named column,
/// and checked by the rows it returns.
@Suite struct BindingTests {
  static let ada = ShopSchema.ada
  static let bob = ShopSchema.bob
  static let adasLocation = "00000000-0000-0000-0000-0000000000a1"
  static let bobsLocation = "00000000-0000-0000-0000-0000000000b1"

  static func uuid(_ text: String) -> SQLExpression<PG.UUID, NotNull> {
    SQLExpression<PG.Text, NotNull>.text(text).cast(to: PG.UUID.self)
  }

  /// The schema and its tables, as a team writes them beside the metrics.
  static let schema: [any SQLStatement] = [
    CreateSchema("policy_example"),
    CreateTable(DailyGoals.self) { t in t.primaryKey(\.locationID) },
    CreateTable(GoalAccess.self) { t in t.primaryKey(\.userID, \.locationID) },
    Grant(.usage, on: .schema("policy_example"), to: .authenticated),
    Grant(.select, .insert, .update, .delete, on: .table(DailyGoals.self), to: .authenticated),
    Grant(.select, on: .table(GoalAccess.self), to: .authenticated),
  ]

  /// The policy written the natural way.
  static let policy: [any SQLStatement] = [
    EnableRowLevelSecurity(DailyGoals.self),
    CreatePolicy(
      "daily_goals_own_locations", on: DailyGoals.self, for: .all, to: .authenticated,
      using: mayAccess, withCheck: mayAccess),
  ]

  /// The tables, and Ada's and Bob's access to one location each, with a goal there.
  static let tables: [any SQLStatement] =
    schema + [
      Insert(into: GoalAccess.self) { row in
        row.userID(uuid(ada))
        row.locationID(uuid(adasLocation))
      }
      .values { row in
        row.userID(uuid(bob))
        row.locationID(uuid(bobsLocation))
      },
      Insert(into: DailyGoals.self) { row in
        row.locationID(uuid(adasLocation))
        row.goal(10)
      }
      .values { row in
        row.locationID(uuid(bobsLocation))
        row.goal(20)
      },
    ]

  static func signIn(_ user: String) -> String {
    """
    SET LOCAL ROLE authenticated;
    SET LOCAL request.jwt.claims = '{"sub": "\(user)", "role": "authenticated"}';
    """
  }

  /// `EXISTS (SELECT 1 FROM policy_example.goal_access a WHERE a.location_id = g.location_id AND …)`.
  static func mayAccess(_ g: Source<DailyGoals>) -> SQLExpression<PG.Boolean, NotNull> {
    exists { q in
      let a = q.from(GoalAccess.self, as: "a")
      q.where(a.locationID == g.locationID && a.userID == authUID())
    }
  }

  @Test func aPolicyWrittenTheNaturalWayLetsEachUserSeeAndWriteOnlyTheirOwnRows() {
    let output = assertSQL(
      Self.policy,
      #"""
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
      """#,
      given: Self.tables,
      then: Self.signIn(Self.ada)
        + """
        SELECT 'ada sees|' || string_agg(goal::text, ',' ORDER BY goal) FROM policy_example.daily_goals;
        UPDATE policy_example.daily_goals SET goal = goal + 1;
        DO $$
        BEGIN
          INSERT INTO policy_example.daily_goals VALUES ('\(Self.bobsLocation)'::uuid, 99)
            ON CONFLICT (location_id) DO UPDATE SET goal = 99;
          PERFORM set_config('goals.outcome', 'written', true);
        EXCEPTION WHEN insufficient_privilege THEN
          PERFORM set_config('goals.outcome', 'refused', true);
        END $$;
        SELECT 'ada writes into bob''s location|' || current_setting('goals.outcome');
        \(Self.signIn(Self.bob))
        SELECT 'bob sees|' || string_agg(goal::text, ',' ORDER BY goal) FROM policy_example.daily_goals;
        RESET ROLE;
        SELECT 'all|' || string_agg(goal::text, ',' ORDER BY goal) FROM policy_example.daily_goals;
        """)
    #expect(
      output == """
        ada sees|10
        ada writes into bob's location|refused
        bob sees|20
        all|11,20

        """)
  }

  @Test func anUnaliasedUpdateOrDeleteTargetIsNotCapturedBySubqueries() {
    let adasOnly = { (g: Source<DailyGoals>) in
      exists { q in
        let a = q.from(GoalAccess.self, as: "a")
        q.where(a.locationID == g.locationID && a.userID == Self.uuid(Self.ada))
      }
    }
    let output = assertSQL(
      [
        Update(DailyGoals.self) { q, g, set in
          set.goal(g.goal + 100)
          q.where(adasOnly(g))
        },
        Delete(from: DailyGoals.self) { q, g in q.where(!adasOnly(g)) },
      ],
      #"""
      UPDATE policy_example.daily_goals
      SET
        goal = daily_goals.goal + 100
      WHERE EXISTS (
        SELECT 1
        FROM policy_example.goal_access a
        WHERE a.location_id = daily_goals.location_id
          AND a.user_id = '00000000-0000-0000-0000-00000000000a'::uuid
      );

      DELETE FROM policy_example.daily_goals
      WHERE NOT EXISTS (
        SELECT 1
        FROM policy_example.goal_access a
        WHERE a.location_id = daily_goals.location_id
          AND a.user_id = '00000000-0000-0000-0000-00000000000a'::uuid
      );
      """#,
      given: Self.tables,
      then: """
        SELECT string_agg(goal::text, ',' ORDER BY goal) FROM policy_example.daily_goals;
        """)
    #expect(output == "110\n")
  }

  @Test func anUnaliasedViewSourceIsNotCapturedBySubqueries() {
    struct AdasGoals: Relation {
      static let qualifiedName = QualifiedName("policy_example", "adas_goals")
      let goal = Column<PG.Integer, NotNull>("goal")
    }
    let output = assertSQL(
      [
        CreateView(AdasGoals.self) {
          Select(AdasGoals.self) { q, out in
            let g = q.from(DailyGoals.self)
            q.where(
              exists { q in
                let a = q.from(GoalAccess.self, as: "a")
                q.where(a.locationID == g.locationID && a.userID == Self.uuid(Self.ada))
              })
            out.goal(g.goal)
          }
        }
      ],
      #"""
      CREATE VIEW policy_example.adas_goals AS
      SELECT
        daily_goals.goal
      FROM policy_example.daily_goals
      WHERE EXISTS (
        SELECT 1
        FROM policy_example.goal_access a
        WHERE a.location_id = daily_goals.location_id
          AND a.user_id = '00000000-0000-0000-0000-00000000000a'::uuid
      );
      """#,
      given: Self.tables,
      then: "SELECT string_agg(goal::text, ',') FROM policy_example.adas_goals;")
    #expect(output == "10\n")
  }

  @Test func aNestedSourceNamedLikeAnEnclosingOneIsAGenerationError() {
    let policy = CreatePolicy(
      "goals_with_a_sibling", on: DailyGoals.self, for: .select, to: .authenticated
    ) { g in
      exists { q in
        let other = q.from(DailyGoals.self)
        q.where(other.goal > g.goal)
      }
    }
    #expect(
      findingsOf(policy) == [
        .shadowedSource(name: "daily_goals", relation: DailyGoals.qualifiedName)
      ])
  }

  @Test func aParameterNamedLikeAColumnTheQueryReadsIsAGenerationError() {
    struct GoalOf: FunctionParameters {
      let locationID = Parameter<PG.UUID>("location_id")
    }
    let goalOf = Function("shop", "goal_of", parameters: GoalOf.self)
    let function = CreateFunction(goalOf, returns: PG.Integer.self, volatility: .stable) { args in
      scalar { q in
        let g = q.from(DailyGoals.self, as: "g")
        q.where(g.locationID == args.locationID)
        return g.goal
      }
    }
    #expect(
      findingsOf(function) == [.variableNamedLikeColumn(name: "location_id", source: "g")])
  }

  /// `supabase/tests/11_policy_binding.sql` shows the same case to `supabase test db`: it holds
  /// exactly the SQL these Swift definitions render.
  @Test func thePgTAPExampleHoldsTheRenderedPolicy() throws {
    let path = ShopDatabase.root.appendingPathComponent("supabase/tests/11_policy_binding.sql")
    let file = try String(contentsOf: path, encoding: .utf8)
    let rendered = try ShopDatabase.rendered(Self.schema + Self.policy)
    let block = "-- rendered from Swift: begin\n\(rendered)-- rendered from Swift: end\n"
    if let folder = ProcessInfo.processInfo.environment["INLINE_RECORD"] {
      try block.write(toFile: folder + "/11_policy_binding.sql", atomically: true, encoding: .utf8)
    }
    #expect(
      file.contains(block),
      "re-render it with INLINE_RECORD=<folder> and paste <folder>/11_policy_binding.sql in")
  }

  private func findingsOf(_ statement: any SQLStatement) -> [BindingRules.Finding] {
    do {
      _ = try render(statement)
      return []
    } catch {
      return error.diagnostics.compactMap { $0.finding as? BindingRules.Finding }
    }
  }
}
