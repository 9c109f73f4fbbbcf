import Foundation
import GenSQLCore
import MetricsSchema
import Testing

/// `GenSQL` and the dashboard's TypeScript: written where `--typescript` says (by default
/// `lib/queries/metrics.ts`), checked by `--check` like the SQL, and none for another output
/// folder unless asked.
@Suite struct GenSQLTypeScriptTests {
  @Test func theDefaultPathIsLibQueriesAndAnotherOutputFolderHasNone() throws {
    #expect(try GenSQLOptions(arguments: []).typeScriptPath == "lib/queries/metrics.ts")
    #expect(try GenSQLOptions(arguments: ["--check"]).typeScriptPath == "lib/queries/metrics.ts")
    #expect(try GenSQLOptions(arguments: ["--output", "o"]).typeScriptPath == nil)
    #expect(
      try GenSQLOptions(arguments: ["--output", "o", "--typescript=t/m.ts"]).typeScriptPath
        == "t/m.ts")
    #expect(try GenSQLOptions(arguments: ["--typescript", "m.ts"]).typeScriptPath == "m.ts")
    #expect(GenSQLRun(["--help"]).out.contains("--typescript <file>  Where the dashboard's"))
  }

  @Test(arguments: [
    (["--typescript"], "GenSQL: missing value for '--typescript'"),
    (["--typescript="], "GenSQL: empty value for '--typescript'"),
    (["--typescript", "a", "--typescript", "b"], "GenSQL: '--typescript' is given twice"),
  ])
  func badTypeScriptOptionsAreUsageErrors(arguments: [String], message: String) {
    let result = GenSQLRun(arguments)
    #expect(result.code == .usage)
    #expect(result.err == message + " (see `swift run GenSQL --help`)\n")
  }

  @Test func writesTheTypeScriptThenCheckPasses() throws {
    let supabase = try SupabaseFolder()
    let file = supabase.url.deletingLastPathComponent().appendingPathComponent(
      "lib/queries/metrics.ts")
    let options = supabase.output + ["--typescript", file.path]
    let written = GenSQLRun(options)
    #expect(written.code == .success, "\(written.err)")
    #expect(written.out.contains("wrote \(file.path)\n"))
    #expect(try String(contentsOf: file, encoding: .utf8) == ReadAPI.typeScriptFile.render())
    let checked = GenSQLRun(["--check"] + options)
    #expect(checked.code == .success, "\(checked.err)")
    #expect(checked.err.hasPrefix("GenSQL --check: 5 files are current"))
    #expect(GenSQLRun(options).out.contains("unchanged \(file.path)\n"))
  }

  @Test func anotherOutputFolderGetsNoTypeScript() throws {
    let supabase = try SupabaseFolder()
    let written = GenSQLRun(supabase.output)
    #expect(written.code == .success, "\(written.err)")
    #expect(!written.out.contains(".ts\n"))
    let project = supabase.url.deletingLastPathComponent()
    #expect(try FileManager.default.contentsOfDirectory(atPath: project.path) == ["supabase"])
  }

  @Test func checkShowsTheDiffOfAStaleTypeScriptFile() throws {
    let supabase = try SupabaseFolder()
    let file = supabase.url.appendingPathComponent("metrics.ts")
    let options = supabase.output + ["--typescript", file.path]
    _ = GenSQLRun(options)
    let generated = try String(contentsOf: file, encoding: .utf8)
    try generated.replacingOccurrences(of: "  total_calls: number\n", with: "").write(
      to: file, atomically: true, encoding: .utf8)
    let stale = GenSQLRun(["--check"] + options)
    #expect(stale.code == .stale)
    #expect(stale.out.contains("--- \(file.path) (committed)"))
    #expect(stale.out.contains("\n+  total_calls: number\n"))
    #expect(stale.err.contains("stale: \(file.path);"), "\(stale.err)")
    try FileManager.default.removeItem(at: file)
    let missing = GenSQLRun(["--check"] + options)
    #expect(missing.code == .stale)
    #expect(missing.err.contains("stale: \(file.path) (missing)"), "\(missing.err)")
  }
}
