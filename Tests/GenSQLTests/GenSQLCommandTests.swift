import Foundation
import GenSQLCore
import MetricsSchema
import SQLBuilder
import Testing

/// The `GenSQL` command line: writing, `--check`, usage errors and failures that write nothing.
@Suite struct GenSQLCommandTests {
  struct Run {
    var code: GenSQLCommand.ExitCode
    var out = ""
    var err = ""
  }

  func run(_ arguments: [String], scripts: [SQLScript]? = nil) -> Run {
    var out = ""
    var err = ""
    let code =
      scripts.map {
        GenSQLCommand.run(arguments: arguments, scripts: $0, out: { out += $0 }, err: { err += $0 })
      }
      ?? GenSQLCommand.run(arguments: arguments, out: { out += $0 }, err: { err += $0 })
    return Run(code: code, out: out, err: err)
  }

  /// `<temporary>/generated`, so the migrations go to `<temporary>/migrations`.
  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gensql-\(UUID().uuidString)/generated")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func contents(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  @Test func versionPrintsOneLineAndSucceeds() {
    let result = run(["--version"])
    #expect(result.code == .success)
    #expect(result.out == "GenSQL \(GenSQLOptions.currentVersion)\n")
    #expect(result.err.isEmpty)
    #expect(GenSQLOptions.usage.contains("--version"))
    #expect(run(["--version=1"]).code == .usage)
  }

  @Test func helpPrintsUsageAndSucceeds() {
    let result = run(["--help"])
    #expect(result.code == .success)
    #expect(result.out.contains("USAGE: GenSQL [--check] [--output <dir>]"))
    #expect(run(["-h"]).code == .success)
  }

  /// The README shows the help as `--help` prints it.
  @Test func theREADMEShowsTheHelpAsPrinted() throws {
    let readme = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
          "README.md"), encoding: .utf8)
    let help = run(["--help"]).out
    #expect(readme.contains("### GenSQL\n\n```\n" + help + "```"))
  }

  @Test(arguments: [
    (["--frobnicate"], "GenSQL: unknown option '--frobnicate'"),
    (["--output"], "GenSQL: missing value for '--output'"),
    (["--output", "--check"], "GenSQL: missing value for '--output'"),
    (["--output="], "GenSQL: empty value for '--output'"),
    (["--output", ""], "GenSQL: empty value for '--output'"),
    (["--migrations", ""], "GenSQL: empty value for '--migrations'"),
    (["--name", ""], "GenSQL: empty value for '--name'"),
    (["extra"], "GenSQL: unexpected argument 'extra'"),
    (
      ["--strategy", "incremental"],
      "GenSQL: --strategy needs --output: the committed files follow the strategy the definitions choose"
    ),
    (
      ["--strategy", "lazy", "--output", "x"],
      "GenSQL: unknown strategy 'lazy': use refresh or incremental"
    ),
    (["--strategy"], "GenSQL: missing value for '--strategy'"),
    (["--check", "--check"], "GenSQL: '--check' is given twice"),
    (["--output", "a", "-o", "b"], "GenSQL: '--output' is given twice"),
    (["--name=a", "--name", "b"], "GenSQL: '--name' is given twice"),
    (["--check=yes"], "GenSQL: '--check' takes no value"),
    (
      ["--strategy=lazy", "--output=x"],
      "GenSQL: unknown strategy 'lazy': use refresh or incremental"
    ),
    (["--nmae=x"], "GenSQL: unknown option '--nmae'"),
    (
      ["--name", String(repeating: "a", count: 237)],
      "GenSQL: migration name of 237 characters: at most 236 fit a file name"
    ),
  ])
  func usageErrorsExitTwoInOneLine(arguments: [String], message: String) {
    let result = run(arguments)
    #expect(result.code == .usage)
    #expect(result.code.rawValue == 2)
    #expect(result.err == message + " (see `swift run GenSQL --help`)\n")
    #expect(result.out.isEmpty)
  }

  @Test func everyValueOptionTakesItsValueAfterAnEqualsSign() throws {
    let options = try GenSQLOptions(arguments: [
      "--output=o", "--migrations=m", "--name=n_1", "--strategy=incremental", "--check",
    ])
    #expect(options.outputDirectory == "o" && options.migrationsDirectory == "m")
    #expect(options.migrationName == "n_1" && options.strategy == .incremental && options.check)
  }

  @Test func writesEveryFileThenCheckPasses() throws {
    let folder = try temporaryFolder().appendingPathComponent("nested/generated")
    let written = run(["--output", folder.path])
    #expect(written.code == .success)
    #expect(contents(folder) == ["read_api.sql", "refresh_metrics.sql", "schema.sql", "team.sql"])
    let checked = run(["--check", "--output=\(folder.path)"])
    #expect(checked.code == .success)
    #expect(checked.out.isEmpty)
  }

  /// `--strategy` writes the other strategy's files and migrations beside them, leaving the
  /// committed ones alone; `--check` with the same options then passes.
  @Test func strategyOverridesTheChoiceForOneRun() throws {
    let folder = try temporaryFolder()
    let written = run(["--strategy", "incremental", "--output", folder.path])
    #expect(written.code == .success, "\(written.err)")
    let schema = try String(
      contentsOf: folder.appendingPathComponent("schema.sql"), encoding: .utf8)
    #expect(
      schema.contains("CREATE VIEW public.mv_metrics_daily WITH (security_invoker = true) AS"))
    #expect(!schema.contains("CREATE MATERIALIZED VIEW public.mv_metrics_daily"))
    let migrations = folder.deletingLastPathComponent().appendingPathComponent("migrations")
    #expect(contents(migrations).count == 1)
    #expect(
      run(["--check", "--strategy", "incremental", "--output", folder.path]).code == .success)
    // The same folder holds the incremental strategy: checking it as the refresh strategy fails.
    #expect(run(["--check", "--output", folder.path]).code == .stale)
  }

  @Test func checkWritesNothingAndReportsMissingFiles() throws {
    let folder = try temporaryFolder()
    let result = run(["--check", "--output", folder.path])
    #expect(result.code == .stale)
    #expect(result.code.rawValue == 1)
    #expect(contents(folder).isEmpty)
    #expect(result.out.contains("+++ \(folder.path)/schema.sql (generated)"))
    #expect(result.err.contains("stale"))
  }

  @Test func checkFromAnotherFolderSaysWhereToRunIt() throws {
    let folder = try temporaryFolder().appendingPathComponent("supabase/generated")
    let result = run(["--check", "--output", folder.path])
    #expect(result.code == .stale)
    #expect(result.out.isEmpty)
    #expect(
      result.err
        == "GenSQL --check: \(folder.path) does not exist; run GenSQL from the package's folder (where Package.swift is), or pass --output\n"
    )
  }

  @Test func aRunThatChangesNothingSaysSo() throws {
    let folder = try temporaryFolder().appendingPathComponent("generated")
    _ = run(["--output", folder.path])
    let again = run(["--output", folder.path])
    #expect(again.code == .success)
    #expect(again.out.contains("unchanged \(folder.path)/schema.sql\n"))
    #expect(!again.out.contains("wrote \(folder.path)"))
  }

  @Test func checkShowsAUnifiedDiffOfAStaleFile() throws {
    let folder = try temporaryFolder()
    _ = run(["--output", folder.path])
    let schema = folder.appendingPathComponent("schema.sql")
    let original = try String(contentsOf: schema, encoding: .utf8)
    try original.replacingOccurrences(of: "NULLS NOT DISTINCT", with: "").write(
      to: schema, atomically: true, encoding: .utf8)
    let result = run(["--check", "--output", folder.path])
    #expect(result.code == .stale)
    #expect(result.out.contains("--- \(schema.path) (committed)"))
    #expect(
      result.out.contains(
        "\n+CREATE UNIQUE INDEX mv_metrics_daily_account_location_date_key ON public.mv_metrics_daily (account_id, location_id, date) NULLS NOT DISTINCT;\n"
      ))
    #expect(result.out.contains("@@ -"))
    #expect(!result.out.contains("refresh_metrics.sql"))
    #expect(try String(contentsOf: schema, encoding: .utf8) != original, "--check must not rewrite")
  }

  @Test func checkReportsAnUnreadableFileAsStaleWithTheWholeFile() throws {
    let folder = try temporaryFolder()
    _ = run(["--output", folder.path])
    let schema = folder.appendingPathComponent("schema.sql")
    let generated = try String(contentsOf: schema, encoding: .utf8)
    try FileManager.default.removeItem(at: schema)
    try FileManager.default.createDirectory(at: schema, withIntermediateDirectories: false)
    let result = run(["--check", "--output", folder.path])
    #expect(result.code == .stale)
    #expect(result.err.contains("stale: \(schema.path) (unreadable: "), "\(result.err)")
    #expect(result.err.split(separator: "\n").count == 1)
    let added = generated.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(result.out.contains("@@ -0,0 +1,\(added.count) @@"), "the diff adds every line")
    #expect(
      FileManager.default.fileExists(atPath: schema.appendingPathComponent(".").path),
      "--check leaves the folder in place")
  }

  @Test func unwritableOutputFolderFailsInOneLineAndWritesNothing() throws {
    let folder = try temporaryFolder()
    let blocker = folder.appendingPathComponent("not-a-folder")
    try Data("x".utf8).write(to: blocker)
    let result = run(["--output", blocker.appendingPathComponent("generated").path])
    #expect(result.code == .failure)
    #expect(result.err.hasPrefix("GenSQL: cannot create output folder"))
    #expect(result.err.split(separator: "\n").count == 1)
    #expect(result.err.hasSuffix(": \(blocker.path) is a file; nothing was written\n"))
    #expect(contents(folder) == ["not-a-folder"])
  }

  @Test func aFailedReplaceLeavesEveryFileAsItWas() throws {
    let folder = try temporaryFolder()
    try Data("old schema\n".utf8).write(to: folder.appendingPathComponent("schema.sql"))
    // A folder where refresh_metrics.sql should go makes the second rename fail.
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("refresh_metrics.sql/blocker"),
      withIntermediateDirectories: true)
    let result = run(["--output", folder.path])
    #expect(result.code == .failure)
    #expect(result.err.contains("nothing was written"))
    #expect(!result.err.contains(".;"), "\(result.err)")
    #expect(
      try String(contentsOf: folder.appendingPathComponent("schema.sql"), encoding: .utf8)
        == "old schema\n")
    #expect(
      contents(folder) == ["refresh_metrics.sql", "schema.sql"], "no temporary files are left")
  }

  @Test func invalidSchemaDefinitionsWriteNothing() throws {
    let folder = try temporaryFolder()
    let bad = SQLScript("bad.sql", header: []) {
      CronSchedule(
        "job", schedule: "every minute", command: SelectFunction(Function("public", "f")))
    }
    let result = run(["--output", folder.path], scripts: [bad])
    #expect(result.code == .failure)
    #expect(result.err.contains("cron job job: invalid cron schedule 'every minute'"))
    #expect(contents(folder).isEmpty)
  }

  /// The strategy the definitions do not choose is generated too: a change that breaks it fails
  /// the check and writes nothing, naming the strategy and the problem.
  @Test(arguments: [["--check"], []])
  func theStrategyNotChosenMustGenerateToo(arguments: [String]) throws {
    let folder = try temporaryFolder()
    let bad = SQLScript("bad.sql", header: []) {
      CronSchedule(
        "job", schedule: "every minute", command: SelectFunction(Function("public", "f")))
    }
    let other = MetricsStrategy.allCases.first { $0 != MetricsStrategy.chosen }!
    var err = ""
    let code = GenSQLCommand.run(
      arguments: arguments + ["--output", folder.path],
      strategies: { $0 == other ? [bad] : MetricsScripts.all($0) }, out: { _ in },
      err: { err += $0 })
    #expect(code == .failure)
    #expect(
      err.contains(
        "the \(other) strategy's files, which the definitions do not choose, are invalid"))
    #expect(err.contains("cron job job: invalid cron schedule 'every minute'"))
    #expect(contents(folder).isEmpty)
  }

  struct UnsetColumn: SQLFinding {
    var message: String { #"output column "call_type" is not set"# }
  }

  /// A mistake in the base tables' declarations stops the run before any strategy is
  /// generated: it is named once, by its table and declaration, and nothing is written.
  @Test(arguments: [["--check"], []])
  func aDeclarationsMistakeStopsTheRunNamedOnce(arguments: [String]) throws {
    let folder = try temporaryFolder()
    let mistake = SQLDiagnostic(
      object: "base table public.calls, Calls.fact", finding: UnsetColumn())
    var err = ""
    let code = GenSQLCommand.run(
      arguments: arguments + ["--output", folder.path],
      checkDeclarations: { () throws(SQLGenerationError) in
        throw SQLGenerationError(diagnostics: [mistake])
      }, out: { _ in }, err: { err += $0 })
    #expect(code == .failure)
    #expect(
      err
        == """
        GenSQL: the base tables' declarations are invalid; nothing was written.
        base table public.calls, Calls.fact: output column "call_type" is not set

        """)
    #expect(contents(folder).isEmpty)
  }
}
