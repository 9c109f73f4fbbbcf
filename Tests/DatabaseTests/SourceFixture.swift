import Foundation
import MetricsSchema
import PostgresHarness
import SQLBuilder
import Testing

/// A source schema the database tests run on: its declaration, the SQL that builds it, and how
/// the tests write facts to it.
struct SourceFixture: Sendable, Hashable, CustomTestStringConvertible {
  let name: String
  /// The files that create the source relations, from the package's root, in order.
  let relationsFiles: [String]
  /// The generated files of a strategy over this schema.
  let scripts: @Sendable (MetricsStrategy) -> [SQLScript]
  /// The views in `test_facts` that write facts into the base tables.
  let testHelpers: SQLScript
  /// The base tables behind `calls_v`, `orders_v` and `reservations_v`.
  let calls: QualifiedName
  let orders: QualifiedName
  let reservations: QualifiedName
  /// Each fact view's name and its declaration over the base table, rendered.
  let declaredViews: @Sendable () throws -> [(view: String, query: String)]
  /// Whether the tests' `calls`, `orders` and `reservations` are the views in `test_facts`
  /// (first on the database's search_path) rather than the base tables.
  let writesThroughHelpers: Bool

  static func of<S: SourceSchema>(
    _: S.Type, name: String, relationsFiles: [String], writesThroughHelpers: Bool
  ) -> SourceFixture {
    SourceFixture(
      name: name, relationsFiles: relationsFiles,
      scripts: { MetricsScripts.all($0, sources: S.self) },
      testHelpers: MetricsScripts.testHelpers(sources: S.self), calls: S.Calls.qualifiedName,
      orders: S.Orders.qualifiedName, reservations: S.Reservations.qualifiedName,
      declaredViews: {
        [
          ("calls_v", try render(FactSources.view(S.Calls.self))),
          ("orders_v", try render(FactSources.view(S.Orders.self))),
          ("reservations_v", try render(FactSources.view(S.Reservations.self))),
        ]
      },
      writesThroughHelpers: writesThroughHelpers)
  }

  /// The project's own declarations over `supabase/emulation` (its base tables and views
  /// generated from them), written to directly.
  static let story = of(
    SourceTables.self, name: "story",
    relationsFiles: [
      "supabase/emulation/source_relations.sql", "supabase/emulation/fact_sources.sql",
    ], writesThroughHelpers: false)
  /// Another team's tables (`SecondSchema/`), written to through the test helpers.
  static let phoneAgent = of(
    PhoneAgentSources.self, name: "phone agent",
    relationsFiles: ["Tests/DatabaseTests/SecondSchema/phone_agent.sql"],
    writesThroughHelpers: true)

  static let all = [story, phoneAgent]

  var baseTables: [QualifiedName] { [calls, orders, reservations] }
  var testDescription: String { name }
  static func == (l: Self, r: Self) -> Bool { l.name == r.name }
  func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// A strategy over a source schema: what the tests that run on every schema take as argument.
struct Deployment: Sendable, CustomTestStringConvertible {
  let strategy: MetricsStrategy
  let source: SourceFixture

  static let all = SourceFixture.all.flatMap { source in
    MetricsStrategy.allCases.map { Deployment(strategy: $0, source: source) }
  }

  /// The shared database of this deployment.
  func database() throws -> MetricsDatabase { try MetricsDatabase.get(strategy, source) }

  var testDescription: String { "\(strategy) on \(source.name)" }
}
