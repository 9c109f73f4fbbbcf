import Foundation
import Testing

@testable import SQLBuilder

/// A one-line function declaration is what PostgreSQL has: every declaration in the package is
/// checked against the catalog, and a wrong one is caught.
@Suite struct FunctionDeclarationTests {
  /// Every `SQLFunction` and `NullableSQLFunction` the DSL declares, by its Swift name.
  static let declared: [String: FunctionDeclaration] = [
    "genRandomUUID": genRandomUUID.declaration, "now": now.declaration,
    "dateTrunc": dateTrunc.declaration, "dateTruncLocal": dateTruncLocal.declaration,
    "lower": lower.declaration, "authUID": authUID.declaration, "authRole": authRole.declaration,
    "upper": upper.declaration, "trim": trim.declaration,
    "trimCharacters": trimCharacters.declaration, "trimLeading": trimLeading.declaration,
    "trimTrailing": trimTrailing.declaration, "replace": replace.declaration,
    "splitPart": splitPart.declaration, "substring": substring.declaration,
    "position": position.declaration, "characterCount": characterCount.declaration,
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
      pattern: #"let (\w+) = (?:Nullable)?SQLFunction<"#)
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
