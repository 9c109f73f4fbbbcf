import Testing

@testable import SQLBuilder

/// JSON built from typed values, aggregates whose input is ordered in the call, and ordered-set
/// aggregates, beside their SQL, run on PostgreSQL with their results checked.
@Suite struct JSONAggregateTests {
  struct CustomerSummary: Relation {
    static let qualifiedName = QualifiedName("customer_summary")
    let summary = Column<PG.JSONB, NotNull>("summary")
    let statuses = Column<PG.Text, Nullable>("statuses")
    let quantities = Column<PG.Array<PG.Integer>, Nullable>("quantities")
    let pair = Column<PG.JSONB, NotNull>("pair")
  }

  static let query = Select(CustomerSummary.self) { q, out in
    let c = q.from(Customers.self, as: "c")
    let p = q.join(Purchases.self, as: "p") { $0.customerID == c.id }
    q.groupBy(c.id, c.name, c.region)
    q.orderBy(c.name)
    out.summary(
      jsonbBuildObject(
        ("name", c.name), ("region", c.region),
        ("purchases", jsonbAgg(p.quantity, orderBy: p.placedAt.descending(), p.id))))
    out.statuses(stringAgg(p.status, separator: ", ", orderBy: p.status))
    out.quantities(arrayAgg(p.quantity, orderBy: p.quantity))
    out.pair(jsonbBuildArray(c.name, count()))
  }

  @Test func jsonOfTypedValuesAndOrderedAggregates() throws {
    assertQuery(
      Self.query,
      #"""
      SELECT
        jsonb_build_object('name', c.name, 'region', c.region, 'purchases', jsonb_agg(p.quantity ORDER BY p.placed_at DESC, p.id)) AS summary,
        string_agg(p.status, ', ' ORDER BY p.status) AS statuses,
        array_agg(p.quantity ORDER BY p.quantity) AS quantities,
        jsonb_build_array(c.name, COUNT(*)) AS pair
      FROM shop.customers c
      JOIN shop.purchases p ON p.customer_id = c.id
      GROUP BY c.id, c.name, c.region
      ORDER BY c.name
      """#)
    let rows = try ShopDatabase.shared.get().run(
      try renderQuery(Self.query) + ";"
    )
    #expect(
      rows
        == """
        {"name": "Ada", "region": "EU", "purchases": [2]}|paid|{2}|["Ada", 1]
        {"name": "Bob", "region": null, "purchases": [2]}|paid|{2}|["Bob", 1]

        """)
  }

  @Test func anOrderedAggregateIsAnAggregate() {
    let misplaced = Select(CustomerSummary.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.where(stringAgg(c.name, separator: ",", orderBy: c.name).isNotNull)
      out.summary(jsonbBuildObject(("n", c.name)))
      out.statuses(c.name)
      out.quantities(.null)
      out.pair(jsonbBuildArray(c.name))
    }
    #expect(
      validate([SQLScript("x.sql", header: []) { CreateView(CustomerSummary.self) { misplaced } }])
        .map(\.message).contains {
          $0.hasPrefix("aggregate string_agg(c.name, ',' ORDER BY c.name) is not allowed in WHERE")
        })
  }

  struct Percentiles: Relation {
    static let qualifiedName = QualifiedName("percentiles")
    let median = Column<PG.DoublePrecision, Nullable>("median")
    let lowest = Column<PG.Integer, Nullable>("lowest")
    let usual = Column<PG.Text, Nullable>("usual")
  }

  static func percentiles(_ fraction: Double) -> Select<Percentiles> {
    Select(Percentiles.self) { q, out in
      let n = q.series(from: 1, to: 4, as: "n")
      out.median(percentileCont(fraction, orderedBy: n.value.cast(to: PG.DoublePrecision.self)))
      out.lowest(percentileDisc(0, orderedBy: n.value))
      out.usual(mode(of: n.value.cast(to: PG.Text.self)))
    }
  }

  @Test func orderedSetAggregates() throws {
    assertQuery(
      Self.percentiles(0.5),
      #"""
      SELECT
        percentile_cont(0.5) WITHIN GROUP (ORDER BY n.value::double precision) AS median,
        percentile_disc(0.0) WITHIN GROUP (ORDER BY n.value) AS lowest,
        mode() WITHIN GROUP (ORDER BY n.value::text) AS usual
      FROM generate_series(1, 4, 1) AS n(value)
      """#)
    let rows = try ShopDatabase.shared.get().run(try renderQuery(Self.percentiles(0.5)) + ";")
    #expect(rows == "2.5|1|1\n")
    #expect(
      validate([
        SQLScript("x.sql", header: []) {
          CreateView(Percentiles.self) { Self.percentiles(1.5) }
        }
      ]).map(\.message) == ["percentile_cont(1.5) asks for a fraction outside 0 to 1"])
  }
}
