import Testing

@testable import SQLBuilder

/// Rules record what is wrong as values, the object named, and only the message turns one into
/// a sentence: a caller can tell findings apart without reading text.
@Suite struct TypedFindingTests {
  @Test func insertAndPolicyRulesRecordTypedFindings() {
    let found = validate([
      SQLScript("x.sql", header: []) {
        Insert(into: Purchases.self) { row in row.quantity(1) }
        CreatePolicy("paid", on: Purchases.self, for: .insert, to: .authenticated) { p in
          p.status == "paid"
        }
      }
    ])
    #expect(
      found.compactMap { $0.finding as? InsertRules.Finding } == [
        .requiredColumnNotSet("unit_price")
      ])
    #expect(found.compactMap { $0.finding as? PolicyRules.Finding } == [.usingOnInsert])
    #expect(
      found.map(\.description) == [
        "INSERT INTO shop.purchases: column \"unit_price\" is NOT NULL and has no default, but the INSERT does not set it",
        "policy paid: an INSERT policy has no USING",
      ])
  }

  @Test func queryRulesRecordTypedFindings() {
    let view = CreateView(RegionNames.self) {
      Select(RegionNames.self) { q, out in
        let c = q.from(Customers.self, as: "c")
        q.where(count() > SQLExpression<PG.BigInt, NotNull>.constant(1))
        out.region(c.region)
      }
    }
    let found = validate([SQLScript("x.sql", header: []) { view }])
    #expect(
      found.compactMap { $0.finding as? QueryRules.Finding } == [
        .aggregateNotAllowed(aggregate: "COUNT(*)", clause: "WHERE")
      ])
  }
}
