import SQLBuilder
import Testing

/// A shape's columns defined once and set in a relation that has them among its own
/// (`Projection.columns(setBy:)`), with what the shape's definition gets wrong reported.
@Suite struct ShapeProjectionTests {
  /// The totals of one customer's purchases, into `out`: the shape's definition.
  static func totals(_ q: SelectBuilder, _ p: Source<Purchases>, _ out: Projection<CustomerTotals>)
  {
    q.groupBy(p.customerID)
    out.customerID(p.customerID)
    out.purchases(count())
    out.revenue(sum(p.unitPrice))
  }

  /// The same totals with the largest quantity beside them.
  static func ranked(
    _ define: @escaping (SelectBuilder, Source<Purchases>, Projection<CustomerTotals>) -> Void,
    also: @escaping (Source<Purchases>, Projection<RankedTotals>) -> Void = { _, _ in }
  ) -> Select<RankedTotals> {
    Select(RankedTotals.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      let shape = Projection<CustomerTotals>()
      define(q, p, shape)
      out.columns(setBy: shape)
      out.largest(coalesce(max(p.quantity), .constant(0)))
      also(p, out)
    }
  }

  func problems(_ select: Select<RankedTotals>) -> [String] {
    do {
      _ = try generate([
        SQLScript("test.sql", header: []) { CreateView(RankedTotals.self) { select } }
      ])
      return []
    } catch {
      return error.diagnostics.map(\.message)
    }
  }

  @Test func theShapesColumnsComeOutWhereTheRelationDeclaresThem() throws {
    #expect(
      try render(Self.ranked(Self.totals)) == """
        SELECT
          p.customer_id,
          COUNT(*) AS purchases,
          SUM(p.unit_price) AS revenue,
          COALESCE(MAX(p.quantity), 0) AS largest
        FROM shop.purchases p
        GROUP BY p.customer_id;

        """)
  }

  @Test func aColumnTheShapeLeavesUnsetIsReportedOnce() {
    let found = problems(
      Self.ranked { q, p, out in
        q.groupBy(p.customerID)
        out.customerID(p.customerID)
        out.purchases(count())
      })
    #expect(found == ["output column \"revenue\" is not set"])
  }

  @Test func aColumnSetByTheShapeAndAgainIsReported() {
    let twice = problems(Self.ranked(Self.totals) { _, out in out.purchases(count()) })
    #expect(twice == ["output column \"purchases\" is set more than once"])
    let twiceInShape = problems(
      Self.ranked { q, p, out in
        Self.totals(q, p, out)
        out.revenue(sum(p.unitPrice))
      })
    #expect(twiceInShape == ["output column \"revenue\" is set more than once"])
  }

  @Test func aDistinctShapeStaysDistinct() throws {
    let select = Self.ranked { q, p, out in
      Self.totals(q, p, out)
      out.distinct()
    }
    #expect(try render(select).hasPrefix("SELECT DISTINCT\n"))
  }
}

struct RankedTotals: ShapedRelation {
  typealias Shape = CustomerTotals
  static let qualifiedName = QualifiedName("shop", "ranked_totals")
  let totals = ShapeColumns()
  let largest = Column<PG.Integer, NotNull>("largest")
}
