import Foundation
import GenSQLCore
import SQLBuilder
import Testing

/// `GenSQL` writing migrations: one per change, only the changes, never rewritten, and
/// `--check` failing when one is due or was edited by hand.
@Suite struct GenSQLMigrationTests {
  struct Run {
    var code: GenSQLCommand.ExitCode
    var out = ""
    var err = ""
  }

  /// 2025-01-02 03:04:05 UTC.
  static let now = Date(timeIntervalSince1970: 1_735_787_045)

  func run(_ arguments: [String], scripts: [SQLScript]? = nil, now: Date = now) -> Run {
    var out = ""
    var err = ""
    let code =
      scripts.map {
        GenSQLCommand.run(
          arguments: arguments, scripts: $0, now: now, out: { out += $0 }, err: { err += $0 })
      }
      ?? GenSQLCommand.run(
        arguments: arguments, now: now, out: { out += $0 }, err: { err += $0 })
    return Run(code: code, out: out, err: err)
  }

  /// A temporary `supabase` folder: `generated` and `migrations` go inside it.
  func supabaseFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gensql-\(UUID().uuidString)/supabase")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func migrations(_ supabase: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(
      atPath: supabase.appendingPathComponent("migrations").path)) ?? []).sorted()
  }

  /// A small schema whose view's definition depends on `version`.
  static func scripts(version: Int) -> [SQLScript] {
    [
      SQLScript("small.sql", header: []) {
        CreateSchema("small")
        CreateView(Numbers.self) {
          Select(Numbers.self) { q, out in
            let t = q.from(PGClass.self, as: "t")
            if version > 1 { q.where(t.relispopulated) }
            out.oid(t.oid)
          }
        }
      }
    ]
  }

  struct Numbers: Relation {
    static let qualifiedName = QualifiedName("small", "numbers")
    let oid = Column<PG.OID, NotNull>("oid")
  }

  @Test func theFirstRunWritesOneMigrationAndTheStateThenNothingIsDue() throws {
    let supabase = try supabaseFolder()
    let output = supabase.appendingPathComponent("generated").path
    let first = run(["--output", output])
    #expect(first.code == .success)
    #expect(migrations(supabase) == ["20250102030405_metrics_schema.sql"])
    #expect(
      FileManager.default.fileExists(
        atPath: supabase.appendingPathComponent("migrations-state.json").path))
    let again = run(["--output", output], now: Self.now.addingTimeInterval(60))
    #expect(again.code == .success)
    #expect(again.out.contains("no migration is due"))
    #expect(migrations(supabase) == ["20250102030405_metrics_schema.sql"])
    #expect(run(["--check", "--output", output]).code == .success)
  }

  @Test func aChangedDefinitionGetsANewMigrationWithOnlyTheChange() throws {
    let supabase = try supabaseFolder()
    let output = supabase.appendingPathComponent("generated").path
    _ = run(["--output", output], scripts: Self.scripts(version: 1))
    let firstText = try String(
      contentsOf: supabase.appendingPathComponent("migrations/20250102030405_metrics_schema.sql"),
      encoding: .utf8)
    let due = run(["--check", "--output", output], scripts: Self.scripts(version: 2))
    #expect(due.code == .stale)
    #expect(due.err.contains("a migration is due"))
    #expect(due.err.contains("rebuild relation small.numbers"))
    let second = run(
      ["--output", output, "--name", "populated_only"], scripts: Self.scripts(version: 2),
      now: Self.now.addingTimeInterval(3600))
    #expect(second.code == .success)
    #expect(
      migrations(supabase) == [
        "20250102030405_metrics_schema.sql", "20250102040405_populated_only.sql",
      ])
    let secondText = try String(
      contentsOf: supabase.appendingPathComponent("migrations/20250102040405_populated_only.sql"),
      encoding: .utf8)
    #expect(secondText.contains("DROP VIEW IF EXISTS small.numbers;"))
    #expect(secondText.contains("WHERE t.relispopulated"))
    #expect(!secondText.contains("CREATE SCHEMA"), "the schema did not change")
    #expect(
      try String(
        contentsOf: supabase.appendingPathComponent(
          "migrations/20250102030405_metrics_schema.sql"), encoding: .utf8) == firstText)
    #expect(
      run(["--check", "--output", output], scripts: Self.scripts(version: 2)).code == .success)
  }

  @Test func aMigrationEditedOrDeletedByHandFailsTheCheckAndTheNextRun() throws {
    let supabase = try supabaseFolder()
    let output = supabase.appendingPathComponent("generated").path
    _ = run(["--output", output])
    let file = supabase.appendingPathComponent("migrations/20250102030405_metrics_schema.sql")
    try "-- tweaked\n".appending(String(contentsOf: file, encoding: .utf8)).write(
      to: file, atomically: true, encoding: .utf8)
    let check = run(["--check", "--output", output])
    #expect(check.code == .stale)
    #expect(check.err.contains("was edited after GenSQL wrote it"))
    let write = run(["--output", output], scripts: Self.scripts(version: 1))
    #expect(write.code == .failure)
    #expect(write.err.contains("nothing was written"))
    #expect(migrations(supabase).count == 1)
    try FileManager.default.removeItem(at: file)
    #expect(run(["--check", "--output", output]).err.contains("was deleted"))
  }

  @Test func aNewMigrationSortsAfterEveryMigrationInTheFolder() throws {
    let supabase = try supabaseFolder()
    let folder = supabase.appendingPathComponent("migrations")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "SELECT 1;\n".write(
      to: folder.appendingPathComponent("29990101000000_by_hand.sql"), atomically: true,
      encoding: .utf8)
    _ = run(["--output", supabase.appendingPathComponent("generated").path])
    #expect(
      migrations(supabase) == ["29990101000000_by_hand.sql", "29990101000001_metrics_schema.sql"])
  }

  @Test(arguments: [
    (["--name"], "GenSQL: missing value for '--name'"),
    (["--name", "Not Valid"], "GenSQL: invalid migration name 'Not Valid'"),
    (["--migrations"], "GenSQL: missing value for '--migrations'"),
    (
      ["--strategy", "incremental", "--output", "supabase/preview"],
      "GenSQL: --strategy would write its migration into supabase/migrations"
    ),
    (
      ["--strategy=incremental", "--output=/tmp/x", "--migrations=supabase/migrations"],
      "GenSQL: --strategy would write its migration into supabase/migrations"
    ),
  ])
  func badMigrationOptionsAreUsageErrors(arguments: [String], message: String) {
    let result = run(arguments)
    #expect(result.code == .usage)
    #expect(result.err.hasPrefix(message))
  }
}
