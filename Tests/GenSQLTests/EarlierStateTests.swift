import Foundation
import GenSQLCore
import MetricsSchema
import Testing

@testable import SQLBuilder

/// A `migrations-state.json` an earlier GenSQL wrote (objects known by key and text, functions by
/// name alone) is recorded again in the current form when the definitions have not changed since,
/// and stops generation with what to do when they have.
@Suite struct EarlierStateTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/earlier-migrations-state.json")

  static func earlierState() throws -> SchemaState {
    try JSONDecoder().decode(SchemaState.self, from: Data(contentsOf: fixture))
  }

  @Test func unchangedDefinitionsRecordTheStateAgainWithNoMigration() throws {
    let state = try Self.earlierState()
    #expect(state.earlierObjects?.count == 9 && state.objects.isEmpty)
    #expect(state.migrations.count == 11)
    let plan = try MigrationPlan(from: state, to: MetricsScripts.all)
    #expect(plan.sql == nil && plan.changes.isEmpty)
    #expect(plan.recordsStateAgain)
    #expect(
      plan.objects.map(\.key.value).filter { $0.hasPrefix("function") } == [
        "function public.refresh_metrics_daily()",
        "function private.metrics_visible_to_caller(uuid, uuid, date, date)",
        "function public.get_metrics_for_range(uuid, uuid, date, date)",
      ])
    // Recorded again, it reads back in the current form.
    var again = state
    again.objects = plan.objects
    let decoded = try JSONDecoder().decode(
      SchemaState.self, from: JSONEncoder().encode(again))
    #expect(decoded.earlierObjects == nil && decoded.objects == plan.objects)
  }

  @Test func changedDefinitionsStopWithWhatToDo() throws {
    let state = try Self.earlierState()
    let changed = MetricsScripts.all(.incremental)
    #expect {
      try MigrationPlan(from: state, to: changed)
    } throws: { error in
      "\(error)".hasPrefix(
        "the migrations' state: it was recorded by an earlier GenSQL, and the definitions changed since"
      )
    }
  }

  /// The project's own migrations with the earlier state beside them, as a team upgrading
  /// GenSQL has them: `--check` asks for a run, the run records the state again and writes no
  /// migration, and `--check` then passes.
  @Test func gensqlRecordsTheStateAgainAndTheCheckPassesAfter() throws {
    let folder = try SupabaseFolder()
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    for name in try FileManager.default.contentsOfDirectory(
      atPath: root.appendingPathComponent("supabase/migrations").path)
    {
      try folder.addMigration(
        name,
        String(
          contentsOf: root.appendingPathComponent("supabase/migrations/\(name)"), encoding: .utf8))
    }
    try FileManager.default.copyItem(at: Self.fixture, to: folder.stateURL)
    let before = GenSQLRun(["--check"] + folder.output)
    #expect(before.code == .stale)
    #expect(
      before.err.contains("was recorded by an earlier GenSQL and is due to be recorded again"))
    let run = GenSQLRun(folder.output)
    #expect(run.code == .success, "\(run.err)")
    #expect(run.out.contains("again in this GenSQL's form\nno migration is due"), "\(run.out)")
    #expect(folder.migrations.count == 11)
    let state = try JSONDecoder().decode(SchemaState.self, from: Data(contentsOf: folder.stateURL))
    #expect(state.earlierObjects == nil && state.objects.count == 9 && state.migrations.count == 11)
    #expect(GenSQLRun(["--check"] + folder.output).code == .success)
  }
}
