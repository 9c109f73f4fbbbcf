import Testing

@testable import SQLBuilder

/// A long WHERE or HAVING is laid out one conjunct a line, each parenthesized as it was inside
/// the chain, so the lines mean what the one line meant; a conjunct still too wide puts its
/// comparison's operator on the next line, and a wide CASE in a select list takes a line a
/// WHEN.
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

  @Test func aWideComparisonPutsItsOperatorOnTheNextLine() throws {
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      func folded(_ x: SQLExpression<PG.Text, NotNull>) -> SQLExpression<PG.Text, NotNull> {
        replace(replace(upper(trim(x)), "A", "4"), "E", "3")
      }
      q.where(c.region.isNotNull && folded(c.name) == folded("ada "))
      out.region(c.region)
    }
    assertQuery(
      q,
      #"""
      SELECT
        c.region
      FROM shop.customers c
      WHERE c.region IS NOT NULL
        AND replace(replace(upper(btrim(c.name)), 'A', '4'), 'E', '3')
          = replace(replace(upper(btrim('ada ')), 'A', '4'), 'E', '3')
      """#)
    let rows = try ShopDatabase.shared.get().run(try renderQuery(q) + ";")
    #expect(rows == "EU\n")
  }

  @Test func aWideCaseOneWhenALine() throws {
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.where(c.name == "Ada")
      out.region(
        Case(else: SQLExpression<PG.Text, NotNull>.text("elsewhere").nullable) {
          When<PG.Text, Nullable>(c.region.isNull, then: SQLExpression.text("nowhere").nullable)
          When<PG.Text, Nullable>(
            c.region == "EU" && c.createdAt >= now() - interval(days: 36500),
            then: c.region ++ " since " ++ c.createdAt.cast(to: PG.Date.self).cast(to: PG.Text.self)
          )
        })
    }
    assertQuery(
      q,
      #"""
      SELECT
        CASE
          WHEN c.region IS NULL THEN 'nowhere'
          WHEN c.region = 'EU' AND c.created_at >= now() - '36500 days'::interval
            THEN c.region || ' since ' || c.created_at::date::text
          ELSE 'elsewhere'
        END AS region
      FROM shop.customers c
      WHERE c.name = 'Ada'
      """#)
    let rows = try ShopDatabase.shared.get().run(try renderQuery(q) + ";")
    #expect(rows.hasPrefix("EU since "))
  }
}
