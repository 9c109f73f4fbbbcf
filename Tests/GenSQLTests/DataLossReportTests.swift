import Foundation
import GenSQLCore
import SQLBuilder
import Testing

/// A migration that deletes rows or values says so twice: in its header, and in what GenSQL
/// prints when it writes it.
@Suite struct DataLossReportTests {
  struct Goals: Relation {
    static let qualifiedName = QualifiedName("small", "goals")
    let id = Column<PG.Integer, NotNull>("id")
    let goal = Column<PG.Integer, NotNull>("goal")
  }

  struct GoalsWithoutGoal: Relation {
    static let qualifiedName = QualifiedName("small", "goals")
    let id = Column<PG.Integer, NotNull>("id")
  }

  @Test func aDroppedColumnIsNamedInTheHeaderAndTheOutput() throws {
    let folder = try SupabaseFolder()
    _ = GenSQLRun(
      folder.output,
      scripts: [
        SQLScript("goals.sql", header: []) {
          CreateSchema("small")
          CreateTable(Goals.self) { t in t.primaryKey(\.id) }
        }
      ])
    let run = GenSQLRun(
      folder.output,
      scripts: [
        SQLScript("goals.sql", header: []) {
          CreateSchema("small")
          CreateTable(GoalsWithoutGoal.self) { t in
            t.primaryKey(\.id)
            t.dropColumn("goal")
          }
        }
      ], now: GenSQLRun.now.addingTimeInterval(60))
    let line = "drop column goal of relation small.goals, deleting its values"
    #expect(run.out.contains("the migration deletes data: \(line)\n"), "\(run.out)")
    let migration = try String(
      contentsOf: folder.migrationsURL.appendingPathComponent(try #require(folder.migrations.last)),
      encoding: .utf8)
    #expect(migration.contains("-- Deletes data:\n--   \(line)\n"), "\(migration)")
    #expect(migration.contains("ALTER TABLE small.goals DROP COLUMN goal;"))
  }
}
