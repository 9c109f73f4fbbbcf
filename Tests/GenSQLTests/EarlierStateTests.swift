import Foundation
import GenSQLCore
import Testing

@testable import SQLBuilder

/// A `migrations-state.json` an earlier GenSQL wrote (objects known by key and text, functions by
/// name alone) is recorded again in the current form when the definitions have not changed since,
/// and stops generation with what to do when they have.
@Suite struct EarlierStateTests {
  struct Window: FunctionParameters { let from = Parameter<PG.Date>("p_from") }
  static let countNumbers = Function("small", "count_numbers", parameters: Window.self)

  /// A view and a function with its privileges; `version` 2 changes the view.
  static func scripts(version: Int) -> [SQLScript] {
    GenSQLMigrationTests.scripts(version: version) + [
      SQLScript("functions.sql", header: []) {
        CreateFunction(
          countNumbers, returns: PG.BigInt.self,
          sql: { _ in
            scalar { q in
              _ = q.from(GenSQLMigrationTests.Numbers.self, as: "n")
              return count()
            }.assumingNotNull
          })
        Grant(.execute, on: .function(countNumbers), to: .serviceRole)
      }
    ]
  }

  /// The objects of `scripts` as an earlier GenSQL wrote them.
  static func earlierObjects(_ objects: [SchemaObjectState]) -> [[String: Any]] {
    objects.map { object in
      var key = object.key.value
      if case .function(let signature) = object.name { key = "function \(signature.name)" }
      return [
        "key": key, "kind": object.kind.rawValue, "definition": object.definition,
        "dependsOn": [String](), "drop": "",
        "members": object.members.map { ["key": $0.key, "text": $0.text] },
      ]
    }
  }

  /// A folder GenSQL wrote for version 1, its state then written back in the earlier form.
  static func folderWithEarlierState() throws -> SupabaseFolder {
    let folder = try SupabaseFolder()
    _ = GenSQLRun(folder.output, scripts: scripts(version: 1))
    let state = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.stateURL))
    var earlier = try #require(state as? [String: Any])
    let current = try JSONDecoder().decode(
      SchemaState.self, from: Data(contentsOf: folder.stateURL))
    earlier["objects"] = earlierObjects(current.objects)
    try JSONSerialization.data(withJSONObject: earlier).write(to: folder.stateURL)
    return folder
  }

  @Test func unchangedDefinitionsRecordTheStateAgainWithNoMigration() throws {
    let folder = try Self.folderWithEarlierState()
    let state = try JSONDecoder().decode(SchemaState.self, from: Data(contentsOf: folder.stateURL))
    #expect(state.earlierObjects?.count == 3 && state.objects.isEmpty)
    let plan = try MigrationPlan(from: state, to: Self.scripts(version: 1))
    #expect(plan.sql == nil && plan.changes.isEmpty && plan.recordsStateAgain, "\(plan.changes)")
    #expect(
      plan.objects.map(\.key.value) == [
        "schema small", "relation small.numbers", "function small.count_numbers(date)",
      ])
    let check = GenSQLRun(["--check"] + folder.output, scripts: Self.scripts(version: 1))
    #expect(check.code == .stale)
    #expect(check.err.contains("was recorded by an earlier GenSQL and is due to be recorded again"))
    let run = GenSQLRun(folder.output, scripts: Self.scripts(version: 1))
    #expect(run.code == .success, "\(run.err)")
    #expect(run.out.contains("again in this GenSQL's form\nno migration is due"), "\(run.out)")
    #expect(folder.migrations.count == 1)
    let again = try JSONDecoder().decode(SchemaState.self, from: Data(contentsOf: folder.stateURL))
    #expect(again.earlierObjects == nil && again.objects == plan.objects)
    #expect(again.migrations == state.migrations)
    #expect(
      GenSQLRun(["--check"] + folder.output, scripts: Self.scripts(version: 1)).code == .success)
  }

  @Test func changedDefinitionsStopWithWhatToDo() throws {
    let folder = try Self.folderWithEarlierState()
    let run = GenSQLRun(folder.output, scripts: Self.scripts(version: 2))
    #expect(run.code == .failure)
    #expect(
      run.err.contains(
        "the migrations' state: it was recorded by an earlier GenSQL, and the definitions changed since"
      ), "\(run.err)")
    #expect(folder.migrations.count == 1)
  }
}
