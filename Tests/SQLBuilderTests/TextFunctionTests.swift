import Testing

@testable import SQLBuilder

/// The text functions a view needs to clean raw values, beside their SQL, run on PostgreSQL with
/// their results checked.
@Suite struct TextFunctionTests {
  struct Cleaned: Relation {
    static let qualifiedName = QualifiedName("cleaned")
    let value = Column<PG.Text, NotNull>("value")
  }

  struct Number: Relation {
    static let qualifiedName = QualifiedName("number")
    let value = Column<PG.Integer, NotNull>("value")
  }

  static func run(_ value: SQLExpression<PG.Text, NotNull>) throws -> String {
    let sql = try renderQuery(Select(Cleaned.self) { _, out in out.value(value) })
    return try ShopDatabase.shared.get().run(sql + ";").trimmingCharacters(in: .newlines)
  }

  static func run(_ value: SQLExpression<PG.Integer, NotNull>) throws -> String {
    let sql = try renderQuery(Select(Number.self) { _, out in out.value(value) })
    return try ShopDatabase.shared.get().run(sql + ";").trimmingCharacters(in: .newlines)
  }

  @Test func textFunctions() throws {
    let raw: SQLExpression<PG.Text, NotNull> = "  Call-Back / Missed  "
    var writer = SQLWriter()
    #expect(
      writer.expression(lower(trim(raw)).node) == "lower(btrim('  Call-Back / Missed  '))")
    #expect(try Self.run(lower(trim(raw))) == "call-back / missed")
    #expect(try Self.run(upper(trimLeading(raw))) == "CALL-BACK / MISSED  ")
    #expect(try Self.run(trimTrailing(raw)) == "  Call-Back / Missed")
    #expect(try Self.run(trimCharacters("xxabcxx", "x")) == "abc")
    #expect(try Self.run(replace(trim(raw), "-", " ")) == "Call Back / Missed")
    #expect(try Self.run(trim(splitPart(raw, "/", 2))) == "Missed")
    #expect(try Self.run(substring("reservation", 1, 7)) == "reserva")
    #expect(try Self.run(position("reservation", "vat")) == "6")
    #expect(try Self.run(characterCount(trim(raw))) == "18")
  }

  @Test func patternMatching() throws {
    let q = Select(RegionNames.self) { q, out in
      let c = q.from(Customers.self, as: "c")
      q.where(c.name.similar(to: "(A|B)%") && !c.name.ilike("%z%"))
      out.region(c.name)
    }
    assertQuery(
      q,
      #"""
      SELECT
        c.name AS region
      FROM shop.customers c
      WHERE c.name SIMILAR TO '(A|B)%' AND NOT c.name ILIKE '%z%'
      """#)
  }
}
