import Testing

@testable import SQLBuilder

/// The parts a team adds to a table the scripts do not create (here the shop's purchases):
/// a policy, row level security, an index and a grant are each created, changed and removed
/// by migrations, never left behind.
@Suite struct MemberMigrationTests {
  static func script(version: Int) -> SQLScript {
    SQLScript("purchases.sql", header: []) {
      if version < 3 {
        EnableRowLevelSecurity(Purchases.self, forced: version == 2)
        CreatePolicy("purchases_paid_only", on: Purchases.self, for: .select, to: .authenticated) {
          p in version == 1 ? p.status == "paid" : p.status == "shipped"
        }
        index("purchases_by_status", on: Purchases.self, \.status)
      }
      if version == 1 { Grant(.select, on: .table(Purchases.self), to: .authenticated) }
    }
  }

  @Test func aPolicyAnIndexAndAGrantOnAnotherTableAreMigratedAndRemoved() throws {
    var state = SchemaState()
    var plans: [MigrationPlan] = []
    for version in 1...3 {
      let plan = try MigrationPlan(
        from: version == 1 ? nil : state, to: [Self.script(version: version)])
      state.objects = plan.objects
      plans.append(plan)
    }
    let on = "on relation shop.purchases"
    #expect(
      plans.map(\.changes) == [
        [
          "create row level security \(on)", "create policy purchases_paid_only \(on)",
          "create index purchases_by_status \(on)", "create privileges \(on)",
        ],
        [
          "create forced row level security \(on)", "recreate policy purchases_paid_only \(on)",
          "drop row level security \(on)", "drop privileges \(on)",
        ],
        [
          "drop forced row level security \(on)", "drop policy purchases_paid_only \(on)",
          "drop index purchases_by_status \(on)",
        ],
      ])
    #expect(
      plans.map(\.opensAccess) == [
        [], [],
        [
          "row level security of relation shop.purchases is turned off: its policies no longer apply, and every role with a privilege on it reads every row"
        ],
      ])
    let catalog = """
      SELECT 'policies|' || coalesce(string_agg(qual, ','), '') FROM pg_policies
       WHERE tablename = 'purchases';
      SELECT 'rls|' || relrowsecurity || ',' || relforcerowsecurity
        || '|select|' || has_table_privilege('authenticated', oid, 'SELECT')
        || '|index|' || (to_regclass('shop.purchases_by_status') IS NOT NULL)
        FROM pg_class WHERE oid = 'shop.purchases'::regclass;
      """
    let output = try ShopDatabase.shared.get().run(
      plans.compactMap(\.sql).enumerated().map { "\($1)\n\(catalog)" }.joined(separator: "\n"))
    #expect(
      output.split(separator: "\n") == [
        "policies|(status = 'paid'::text)", "rls|true,false|select|true|index|true",
        "policies|(status = 'shipped'::text)", "rls|true,true|select|false|index|true",
        "policies|", "rls|false,false|select|false|index|false",
      ])
  }
}
