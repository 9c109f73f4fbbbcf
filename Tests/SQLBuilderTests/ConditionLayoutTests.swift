import Testing

@testable import SQLBuilder

/// A long WHERE or HAVING is laid out one conjunct a line, each parenthesized as it was inside
/// the chain, so the lines mean what the one line meant.
@Suite struct ConditionLayoutTests {
  @Test func aLongConditionOneConjunctALine() throws {
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.where(
        c.name.ilike("a%") && (c.region == "EU" || c.region.isNull)
          && c.createdAt >= now() - interval(days: 30) && c.discount.isNull)
      out.region(c.region)
    }
    assertQuery(
      q,
      #"""
      SELECT
        c.region
      FROM shop.customers c
      WHERE c.name ILIKE 'a%'
        AND (c.region = 'EU' OR c.region IS NULL)
        AND c.created_at >= now() - '30 days'::interval
        AND c.discount IS NULL
      """#)
    // The same rows as the condition on one line would give: Ada only.
    let rows = try ShopDatabase.shared.get().run(try renderQuery(q) + ";")
    #expect(rows == "EU\n")
  }
}
