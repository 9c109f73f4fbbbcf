import Foundation
import Testing

@testable import SQLBuilder

/// A one-line function declaration is what PostgreSQL has: every declaration in the package is
/// checked against the catalog, and a wrong one is caught.
@Suite struct FunctionDeclarationTests {
  /// Every `SQLFunction` and `NullableSQLFunction` the DSL declares, by its Swift name.
  static let declared: [String: FunctionDeclaration] = [
    "genRandomUUID": genRandomUUID.declaration, "now": now.declaration,
    "dateBin": dateBin.declaration, "dateTrunc": dateTrunc.declaration,
    "dateTruncLocal": dateTruncLocal.declaration,
    "lower": lower.declaration, "authUID": authUID.declaration, "authRole": authRole.declaration,
    "upper": upper.declaration, "trim": trim.declaration,
    "trimCharacters": trimCharacters.declaration, "trimLeading": trimLeading.declaration,
    "trimTrailing": trimTrailing.declaration, "replace": replace.declaration,
    "splitPart": splitPart.declaration, "substring": substring.declaration,
    "position": position.declaration, "characterCount": characterCount.declaration,
    "jsonbArrayElements": jsonbArrayElements.declaration,
    "jsonbArrayElementsText": jsonbArrayElementsText.declaration,
    "toRegclass": toRegclass.declaration, "formatType": formatType.declaration,
    "indexColumnDefinition": indexColumnDefinition.declaration,
    "statementTimestamp": statementTimestamp.declaration,
    "clockTimestamp": clockTimestamp.declaration, "pgIsInRecovery": pgIsInRecovery.declaration,
    "postmasterStartTime": postmasterStartTime.declaration,
  ]

  @Test func everyDeclarationIsInTheCatalog() throws {
    let cluster = try ShopDatabase.shared.get().cluster
    let problems = try cluster.functionDeclarationProblems(
      Self.declared.values.sorted { $0.regprocedure < $1.regprocedure }.map {
        ($0.regprocedure, $0.result)
      })
    #expect(problems == [])
    #expect(
      dateTrunc.declaration.description
        == "date_trunc(text, timestamp with time zone) returns timestamp with time zone")
  }

  @Test func aWrongDeclarationIsNamed() throws {
    let series = SQLFunction<PG.Date, PG.Date, PG.Integer, PG.Date>("generate_series")
    let upper = SQLFunction<PG.Text, PG.Integer>("upper")
    let cluster = try ShopDatabase.shared.get().cluster
    let problems = try cluster.functionDeclarationProblems(
      [series.declaration, upper.declaration, lower.declaration].map {
        ($0.regprocedure, $0.result)
      })
    #expect(
      problems == [
        "generate_series(date, date, integer): PostgreSQL has no function with these argument types",
        "upper(text): PostgreSQL's returns text, not integer",
      ])
  }

  /// The list above names every declaration in Sources/SQLBuilder.
  @Test func theListHasEveryDeclarationOfTheDSL() throws {
    let folder = ShopDatabase.root.appendingPathComponent("Sources/SQLBuilder")
    let files =
      FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }
      .filter { $0.hasSuffix(".swift") } ?? []
    let pattern = try NSRegularExpression(
      pattern: #"let (\w+) = (?:Nullable)?(?:SQLFunction|SetReturningFunction)<"#)
    var names: Set<String> = []
    for file in files {
      let text = try String(
        contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        names.insert(String(text[Range(match.range(at: 1), in: text)!]))
      }
    }
    #expect(names.count >= 7)
    #expect(names == Set(Self.declared.keys))
  }
}

/// An aggregate declared in one line is an aggregate to the grouping rules, and its declaration
/// is checked like a function's.
@Suite struct AggregateDeclarationTests {
  static let bitOr = SQLAggregate<PG.Integer, PG.Integer>("bit_or")
  static let everyone = SQLAggregate<PG.Boolean, PG.Boolean>("every")

  struct Flags: Relation {
    static let qualifiedName = QualifiedName("flags")
    let bits = Column<PG.Integer, Nullable>("bits")
    let allPaid = Column<PG.Boolean, Nullable>("all_paid")
  }

  static let query = Select(Flags.self) { q, out in
    let p = q.from(Purchases.self, as: "p")
    out.bits(bitOr(p.quantity, filter: p.status == "paid"))
    out.allPaid(everyone(p.status == "paid"))
  }

  @Test func aDeclaredAggregate() throws {
    assertQuery(
      Self.query,
      #"""
      SELECT
        bit_or(p.quantity) FILTER (WHERE p.status = 'paid') AS bits,
        every(p.status = 'paid') AS all_paid
      FROM shop.purchases p
      """#)
    let cluster = try ShopDatabase.shared.get().cluster
    #expect(
      try cluster.functionDeclarationProblems(
        [Self.bitOr.declaration, Self.everyone.declaration].map { ($0.regprocedure, $0.result) })
        == [])
    let misplaced = Select(Flags.self) { q, out in
      let p = q.from(Purchases.self, as: "p")
      q.where(Self.everyone(p.status == "paid").isNotNull)
      out.bits(p.quantity)
      out.allPaid(.null)
    }
    #expect(
      validate([SQLScript("x.sql", header: []) { CreateView(Flags.self) { misplaced } }])
        .map(\.message).contains {
          $0.hasPrefix("aggregate every(p.status = 'paid') is not allowed in WHERE")
        })
  }
}
