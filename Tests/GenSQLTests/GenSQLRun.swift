import Foundation
import GenSQLCore
import SQLBuilder

/// One run of `GenSQL` in the tests, with what it printed.
struct GenSQLRun {
  var code: GenSQLCommand.ExitCode
  var out = ""
  var err = ""

  /// 2025-01-02 03:04:05 UTC.
  static let now = Date(timeIntervalSince1970: 1_735_787_045)

  /// Runs the command on `scripts`, by default the metrics schema.
  init(_ arguments: [String], scripts: [SQLScript]? = nil, now: Date = now) {
    var out = ""
    var err = ""
    code =
      scripts.map {
        GenSQLCommand.run(
          arguments: arguments, scripts: $0, now: now, out: { out += $0 }, err: { err += $0 })
      }
      ?? GenSQLCommand.run(arguments: arguments, now: now, out: { out += $0 }, err: { err += $0 })
    self.out = out
    self.err = err
  }
}

/// A temporary `supabase` folder with `generated`, `migrations` and the state inside.
struct SupabaseFolder {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "gensql-\(UUID().uuidString)/supabase")

  init() throws {
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// `--output` to the `generated` folder inside.
  var output: [String] { ["--output", url.appendingPathComponent("generated").path] }
  var migrationsURL: URL { url.appendingPathComponent("migrations") }
  var stateURL: URL { url.appendingPathComponent("migrations-state.json") }

  /// The names in the migrations folder, sorted.
  var migrations: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: migrationsURL.path)) ?? []).sorted()
  }

  /// The migrations the state records, in order.
  func recorded() throws -> [MigrationRecord] {
    try JSONDecoder().decode(SchemaState.self, from: Data(contentsOf: stateURL)).migrations
  }

  /// Writes `text` to the migrations folder as `name`.
  func addMigration(_ name: String, _ text: String) throws {
    try FileManager.default.createDirectory(at: migrationsURL, withIntermediateDirectories: true)
    try text.write(
      to: migrationsURL.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }
}
