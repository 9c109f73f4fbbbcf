import Foundation
import PostgresHarness
import SQLBuilder
import Testing

/// A throwaway PostgreSQL with Supabase's roles, a stand-in for its `auth` functions and the
/// shop schema, created by the DSL. Each construct runs in a transaction that is rolled back.
final class ShopDatabase: Sendable {
  let cluster: PostgresCluster

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The shared database, started on first use and stopped when the test process exits.
  static let shared: Result<ShopDatabase, any Error> = {
    let result = Result { try ShopDatabase() }
    atexit { if case .success(let database) = ShopDatabase.shared { database.cluster.stop() } }
    return result
  }()

  private init() throws {
    cluster = try PostgresCluster()
    for support in ["supabase.sql", "auth.sql"] {
      let path = Self.root.appendingPathComponent("supabase/emulation/\(support)")
      try cluster.psql(try String(contentsOf: path, encoding: .utf8))
    }
    try cluster.psql(try Self.rendered(ShopSchema.statements + ShopSchema.rows))
  }

  static func rendered(_ statements: [any SQLStatement]) throws -> String {
    try statements.map { try render($0) }.joined(separator: "\n")
  }

  /// Runs `sql` in a transaction that is rolled back, and returns what it printed.
  @discardableResult
  func run(_ sql: String) throws -> String {
    try cluster.psql("BEGIN;\n\(sql)\nROLLBACK;\n")
  }
}

/// Renders `statements`, expects exactly `expected` (the SQL beside the Swift that produced it),
/// then runs them on PostgreSQL, followed by `then`, in a transaction that is rolled back.
/// Returns what `then` printed.
@discardableResult
func assertSQL(
  _ statements: [any SQLStatement], _ expected: String, given: [any SQLStatement] = [],
  then: String = "", sourceLocation: SourceLocation = #_sourceLocation
) -> String? {
  let sql: String
  let setup: String
  do {
    sql = try ShopDatabase.rendered(statements)
    setup = try ShopDatabase.rendered(given)
  } catch {
    Issue.record("\(error)", sourceLocation: sourceLocation)
    return nil
  }
  expectInline(sql, expected, sourceLocation)
  do {
    return try ShopDatabase.shared.get().run(setup + "\n" + sql + "\n" + then)
  } catch {
    Issue.record("PostgreSQL rejected it: \(error)", sourceLocation: sourceLocation)
    return nil
  }
}

/// Renders `query`, expects exactly `expected`, then runs it on PostgreSQL as a view and
/// checks that PostgreSQL gives each output column the type the DSL declared.
func assertQuery<R: Relation>(
  _ query: Select<R>, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let sql: String
  do {
    sql = try renderQuery(query)
  } catch {
    Issue.record("\(error)", sourceLocation: sourceLocation)
    return
  }
  expectInline(sql, expected, sourceLocation)
  do {
    let types = try ShopDatabase.shared.get().run(
      """
      CREATE TEMPORARY VIEW construct_check AS
      \(sql);
      SELECT count(*) >= 0 FROM construct_check;
      SELECT attname || ': ' || format_type(atttypid, atttypmod) FROM pg_attribute
      WHERE attrelid = 'construct_check'::regclass AND attnum > 0 ORDER BY attnum;
      """
    ).split(separator: "\n").dropFirst().map(String.init)
    let declared = R.columns.map { "\($0.name): \($0.typeInfo.name)" }
    #expect(
      types == declared, "PostgreSQL's types differ from the DSL's", sourceLocation: sourceLocation)
  } catch {
    Issue.record("PostgreSQL rejected it: \(error)", sourceLocation: sourceLocation)
  }
}

/// Compares rendered SQL with the expected text written beside the Swift. With
/// `INLINE_RECORD=<folder>` in the environment it also writes the rendered text to
/// `<folder>/<file>:<line>.sql`, to review and copy in after a deliberate change.
func expectInline(_ sql: String, _ expected: String, _ sourceLocation: SourceLocation) {
  if let folder = ProcessInfo.processInfo.environment["INLINE_RECORD"] {
    let name = "\(sourceLocation.fileName):\(sourceLocation.line).sql"
    try? sql.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
  }
  #expect(sql == expected + "\n", sourceLocation: sourceLocation)
}
