import Foundation
import GenSQLCore
import SQLBuilder
import Testing

/// `--record`: a hand-written migration for a change GenSQL cannot generate joins the state as
/// the one that brings the database to the definitions, and is then protected like a generated one.
@Suite struct RecordTests {
  struct GoalsBefore: Relation {
    static let qualifiedName = QualifiedName("small", "goals")
    let id = Column<PG.Integer, NotNull>("id")
    let goal = Column<PG.Integer, NotNull>("goal")
  }

  /// The goal split into a daily and a weekly one: its data needs a hand-written migration.
  struct GoalsAfter: Relation {
    static let qualifiedName = QualifiedName("small", "goals")
    let id = Column<PG.Integer, NotNull>("id")
    let daily = Column<PG.Integer, NotNull>("daily")
    let weekly = Column<PG.Integer, NotNull>("weekly")
  }

  static func goals(split: Bool, commented: Bool = false) -> [SQLScript] {
    [
      SQLScript("goals.sql", header: []) {
        CreateSchema("small")
        if split {
          CreateTable(GoalsAfter.self) { t in t.primaryKey(\.id) }
        } else {
          CreateTable(GoalsBefore.self) { t in t.primaryKey(\.id) }
        }
        if commented { CommentOn.table(GoalsAfter.self, "Daily and weekly goals.") }
      }
    ]
  }

  /// The file is taken to split the table only: the comment the same change adds is GenSQL's
  /// to write, in a migration after it.
  @Test func whatGenSQLCanWriteIsGeneratedAfterTheRecordedFile() throws {
    let folder = try splitByHand()
    let record = GenSQLRun(
      folder.output + ["--record", Self.split], scripts: Self.goals(split: true, commented: true),
      now: Self.later)
    #expect(record.code == .success, "\(record.err)")
    let generated = "20250102040405_metrics_update.sql"
    #expect(folder.migrations == ["20250102030405_metrics_schema.sql", Self.split, generated])
    #expect(try folder.recorded().map(\.file).suffix(2) == [Self.split, generated])
    let text = try String(
      contentsOf: folder.migrationsURL.appendingPathComponent(generated), encoding: .utf8)
    #expect(text.contains("-- After \(Self.split)."))
    #expect(text.contains("COMMENT ON TABLE small.goals IS 'Daily and weekly goals.';"))
    #expect(!text.contains("ALTER TABLE"))
    let check = GenSQLRun(
      ["--check"] + folder.output, scripts: Self.goals(split: true, commented: true))
    #expect(check.code == .success, "\(check.err)")
  }

  static let later = GenSQLRun.now.addingTimeInterval(3600)
  static let split = "20250102040000_split_goal.sql"
  static let splitSQL = """
    ALTER TABLE small.goals ADD COLUMN daily integer, ADD COLUMN weekly integer;
    UPDATE small.goals SET daily = goal, weekly = goal * 7;
    ALTER TABLE small.goals DROP COLUMN goal;

    """

  /// The goals table generated, then split in the definitions and by hand.
  func splitByHand() throws -> SupabaseFolder {
    let folder = try SupabaseFolder()
    _ = GenSQLRun(folder.output, scripts: Self.goals(split: false))
    try folder.addMigration(Self.split, Self.splitSQL)
    return folder
  }

  @Test func aChangedTableIsRecordedAsDoneByTheHandWrittenMigration() throws {
    let folder = try splitByHand()
    let refused = GenSQLRun(folder.output, scripts: Self.goals(split: true), now: Self.later)
    #expect(refused.code == .failure)
    #expect(refused.err.contains("column goal is no longer declared"), "\(refused.err)")
    let record = GenSQLRun(
      folder.output + ["--record", Self.split], scripts: Self.goals(split: true), now: Self.later)
    #expect(record.code == .success, "\(record.err)")
    let path = "\(folder.migrationsURL.path)/\(Self.split)"
    #expect(
      record.out.contains(
        """
        recorded as done by \(path): add column daily to relation small.goals
        recorded as done by \(path): add column weekly to relation small.goals
        recorded as done by \(path): drop column goal of relation small.goals, deleting its values
        \(path) is taken to delete data: drop column goal of relation small.goals, deleting its values

        """), "\(record.out)")
    #expect(!record.out.contains("could have written"))
    #expect(record.out.contains("wrote \(folder.stateURL.path)"))
    #expect(folder.migrations == ["20250102030405_metrics_schema.sql", Self.split])
    #expect(
      try folder.recorded()
        == [
          try folder.recorded()[0],
          MigrationRecord(file: Self.split, checksum: checksum(Self.splitSQL)),
        ])
    let check = GenSQLRun(["--check"] + folder.output, scripts: Self.goals(split: true))
    #expect(check.code == .success, "\(check.err)")
    let next = GenSQLRun(
      folder.output, scripts: Self.goals(split: true), now: Self.later.addingTimeInterval(60))
    #expect(next.out.contains("no migration is due"))
  }

  @Test func aRecordedMigrationEditedLaterFailsTheCheck() throws {
    let folder = try splitByHand()
    _ = GenSQLRun(folder.output + ["--record=\(Self.split)"], scripts: Self.goals(split: true))
    try folder.addMigration(Self.split, Self.splitSQL + "DROP TABLE small.goals;\n")
    let check = GenSQLRun(["--check"] + folder.output, scripts: Self.goals(split: true))
    #expect(check.code == .stale)
    #expect(check.err.contains("\(Self.split) was edited after GenSQL wrote it"))
  }

  @Test func aPathInsideTheMigrationsFolderIsAccepted() throws {
    let folder = try splitByHand()
    let path = folder.migrationsURL.appendingPathComponent(Self.split).path
    let record = GenSQLRun(folder.output + ["--record=\(path)"], scripts: Self.goals(split: true))
    #expect(record.code == .success, "\(record.err)")
    #expect(try folder.recorded().last?.file == Self.split)
  }

  @Test func aMigrationOfThingsGenSQLDoesNotManageIsRecordedToo() throws {
    let folder = try SupabaseFolder()
    let scripts = GenSQLMigrationTests.scripts(version: 1)
    _ = GenSQLRun(folder.output, scripts: scripts)
    try folder.addMigration("20250102050000_seed.sql", "INSERT INTO t VALUES (1);\n")
    let record = GenSQLRun(
      folder.output + ["--record", "20250102050000_seed.sql"], scripts: scripts)
    #expect(record.code == .success, "\(record.err)")
    #expect(record.out.contains("it changes nothing GenSQL manages"))
    #expect(try folder.recorded().map(\.file).last == "20250102050000_seed.sql")
    #expect(GenSQLRun(["--check"] + folder.output, scripts: scripts).code == .success)
  }

  /// A migration a merge left out of the state can be recorded when it does what the state lacks.
  @Test func aGeneratedMigrationTheStateLostCanBeRecorded() throws {
    let folder = try MigrationConflictTests().revertedState()
    let lost = "20250102040405_metrics_update.sql"
    let scripts = GenSQLMigrationTests.scripts(version: 2)
    let record = GenSQLRun(folder.output + ["--record", lost], scripts: scripts)
    #expect(record.code == .success, "\(record.err)")
    #expect(record.out.contains("\(lost): rebuild relation small.numbers"))
    #expect(record.out.contains("GenSQL could have written these changes itself"))
    #expect(GenSQLRun(["--check"] + folder.output, scripts: scripts).code == .success)
  }

  @Test(arguments: [
    ("20250102040000_missing.sql", "migrations/20250102040000_missing.sql does not exist"),
    ("20250102030405_metrics_schema.sql", "20250102030405_metrics_schema.sql is already recorded"),
    (
      "20250101000000_early.sql",
      "migrations/20250101000000_early.sql sorts before 20250102030405_metrics_schema.sql, which is recorded already"
    ),
    ("notes.sql", "migrations/notes.sql is not named <YYYYMMDDHHMMSS>_<name>.sql"),
    ("/elsewhere/20250102040000_split_goal.sql", "is not in "),
  ])
  func aFileThatCannotBeRecordedWritesNothing(file: String, message: String) throws {
    let folder = try splitByHand()
    try folder.addMigration("20250101000000_early.sql", "SELECT 1;\n")
    try folder.addMigration("notes.sql", "SELECT 1;\n")
    let state = try Data(contentsOf: folder.stateURL)
    let record = GenSQLRun(folder.output + ["--record", file], scripts: Self.goals(split: true))
    #expect(record.code == .failure)
    #expect(record.err.hasPrefix("GenSQL: "))
    #expect(record.err.contains(message), "\(record.err)")
    #expect(record.err.hasSuffix("; nothing was written.\n"))
    #expect(record.err.split(separator: "\n").count == 1)
    #expect(try Data(contentsOf: folder.stateURL) == state)
  }

  @Test(arguments: [
    (["--record"], "GenSQL: missing value for '--record'"),
    (["--record="], "GenSQL: empty value for '--record'"),
    (["--record", "x.sql", "--check"], "GenSQL: --record writes the state; it cannot be combined"),
    (["--record", "x.sql", "--name", "n"], "GenSQL: --name names a generated migration"),
  ])
  func recordUsageErrorsExitTwo(arguments: [String], message: String) {
    let result = GenSQLRun(arguments, scripts: GenSQLMigrationTests.scripts(version: 1))
    #expect(result.code == .usage)
    #expect(result.err.hasPrefix(message), "\(result.err)")
  }

  @Test func helpListsRecord() {
    let help = GenSQLRun(["--help"], scripts: [])
    #expect(help.out.contains("[--record <file>]"))
    #expect(help.out.contains("  --record <file>  "))
  }
}
