import Testing

@testable import SQLBuilder

/// Set-returning functions in FROM with typed columns, and the zero-filled calendar a dashboard
/// report needs, written in plain Swift; run on PostgreSQL with their rows checked.
@Suite struct SetReturningFunctionTests {
  struct DayCount: Relation {
    static let qualifiedName = QualifiedName("day_counts")
    let day = Column<PG.Date, NotNull>("day")
    let purchases = Column<PG.BigInt, NotNull>("purchases")
  }

  struct Numbered: Relation {
    static let qualifiedName = QualifiedName("numbered")
    let n = Column<PG.Integer, NotNull>("n")
    let tag = Column<PG.Text, Nullable>("tag")
  }

  /// Every day of the last three, with 0 where there is no purchase.
  static let calendar = Select(DayCount.self) { q, out in
    let d = q.dates(from: currentDate - 2, to: currentDate, as: "d")
    let p = q.leftJoin(Purchases.self, as: "p") { p in
      p.placedAt.cast(to: PG.Date.self) == d.value
    }
    q.groupBy(d.value)
    q.orderBy(d.value)
    out.day(d.value)
    out.purchases(count(p.id))
  }

  @Test func aZeroFilledCalendar() throws {
    assertQuery(
      Self.calendar,
      #"""
      SELECT
        d.value AS day,
        COUNT(p.id) AS purchases
      FROM (
        SELECT
          day.value::date AS value
        FROM generate_series((CURRENT_DATE - 2)::timestamp without time zone, CURRENT_DATE::timestamp without time zone, '1 days'::interval) AS day(value)
      ) d
      LEFT JOIN shop.purchases p ON p.placed_at::date = d.value
      GROUP BY d.value
      ORDER BY d.value
      """#)
    let rows = try ShopDatabase.shared.get().run(
      try renderQuery(Self.calendar) + ";\nSELECT CURRENT_DATE - 2, CURRENT_DATE - 1, CURRENT_DATE;"
    )
    let lines = rows.split(separator: "\n").map(String.init)
    let days = lines[3].split(separator: "|").map(String.init)
    #expect(lines.prefix(3) == ["\(days[0])|0", "\(days[1])|2", "\(days[2])|0"])
  }

  static let numbered = Select(Numbered.self) { q, out in
    let n = q.series(from: 1, to: 3, as: "n")
    let t = q.unnest(array(["a", "b"]), as: "t")
    q.orderBy(n.value, t.value)
    out.n(n.value)
    out.tag(t.value)
  }

  @Test func seriesAndUnnest() throws {
    assertQuery(
      Self.numbered,
      #"""
      SELECT
        n.value AS n,
        t.value AS tag
      FROM generate_series(1, 3, 1) AS n(value)
      CROSS JOIN unnest(ARRAY['a', 'b']) AS t(value)
      ORDER BY n.value, t.value
      """#)
    let rows = try ShopDatabase.shared.get().run(try renderQuery(Self.numbered) + ";")
    #expect(rows == "1|a\n1|b\n2|a\n2|b\n3|a\n3|b\n")
  }

  struct Item: Relation {
    static let qualifiedName = QualifiedName("items")
    let name = Column<PG.Text, Nullable>("name")
    let qty = Column<PG.Integer, Nullable>("qty")
  }

  struct ItemLine: Relation {
    static let qualifiedName = QualifiedName("item_lines")
    let tag = Column<PG.Text, NotNull>("tag")
    let name = Column<PG.Text, Nullable>("name")
    let qty = Column<PG.Integer, Nullable>("qty")
  }

  static func json(_ text: String) -> SQLExpression<PG.JSONB, NotNull> {
    SQLExpression<PG.Text, NotNull>.text(text).cast(to: PG.JSONB.self)
  }

  static let items = Select(ItemLine.self) { q, out in
    let t = q.from(jsonbArrayElementsText, json(#"["x", "y"]"#), as: "t")
    let i = q.jsonbToRecordset(
      json(#"[{"name": "tea", "qty": 2}, {"name": "cake"}]"#), as: Item.self, alias: "i")
    q.orderBy(t.value, i.name)
    out.tag(t.value)
    out.name(i.name)
    out.qty(i.qty)
  }

  @Test func jsonArraysAsRows() throws {
    assertQuery(
      Self.items,
      #"""
      SELECT
        t.value AS tag,
        i.name,
        i.qty
      FROM jsonb_array_elements_text('["x", "y"]'::jsonb) AS t(value)
      CROSS JOIN jsonb_to_recordset('[{"name": "tea", "qty": 2}, {"name": "cake"}]'::jsonb) AS i(name text, qty integer)
      ORDER BY t.value, i.name
      """#)
    let rows = try ShopDatabase.shared.get().run(try renderQuery(Self.items) + ";")
    #expect(rows == "x|cake|\nx|tea|2\ny|cake|\ny|tea|2\n")
  }
}
