import SQLBuilder
import Testing

/// A ``Precondition`` runs first in every migration that changes something, and in no other.
@Suite struct PreconditionTests {
  static let check = Precondition {
    If(relationIsMissing(Purchases.self)) {
      Raise.exception("shop.purchases is missing", code: .undefinedTable)
    }
  }

  static func script(comment: String) -> SQLScript {
    SQLScript("shop.sql", header: []) {
      Self.check
      CreateView(MigrationPlanTests.BusyCustomers.self) {
        Select(MigrationPlanTests.BusyCustomers.self) { q, out in
          out.customerID(q.from(Purchases.self, as: "p").customerID)
        }
      }
      CommentOn.view(MigrationPlanTests.BusyCustomers.self, comment)
    }
  }

  @Test func everyMigrationWithChangesChecksFirst() throws {
    let first = try MigrationPlan(from: nil, to: [Self.script(comment: "one")])
    var state = SchemaState()
    state.objects = first.objects
    let second = try MigrationPlan(from: state, to: [Self.script(comment: "two")])
    let unchanged = try MigrationPlan(from: state, to: [Self.script(comment: "one")])
    for sql in [try #require(first.sql), try #require(second.sql)] {
      let check = try #require(sql.range(of: "DO $$"))
      let lockTimeout = try #require(sql.range(of: "SET LOCAL lock_timeout"))
      let change = try #require(sql.range(of: "shop.busy_customers"))
      #expect(lockTimeout.lowerBound < check.lowerBound && check.lowerBound < change.lowerBound)
      #expect(sql.components(separatedBy: "shop.purchases is missing").count == 2)
    }
    #expect(unchanged.sql == nil)
    #expect(!first.objects.contains { $0.definition.contains("DO $$") })
  }
}
