import Foundation
import SQLBuilder

extension GenSQLCommand {
  /// `--record <file>`: adds a hand-written migration to the state as the one that brings the
  /// database to the definitions, and writes the generated files, instead of generating one.
  static func record(
    _ argument: String, files: [GeneratedFile], migrations: MigrationFolder, state: SchemaState?,
    scripts: [SQLScript], now: Date, out: (String) -> Void, err: (String) -> Void
  ) -> ExitCode {
    let migration: HandWrittenMigration
    do {
      migration = try HandWrittenMigration(argument, in: migrations, after: state)
    } catch {
      err("GenSQL: \(error); nothing was written.\n")
      return .failure
    }
    let problems =
      (state.map(migrations.tampered) ?? [])
      + migrations.conflicts(with: state, recording: migration.file)
    guard problems.isEmpty else {
      err("GenSQL: \(problems.joined(separator: "; ")); nothing was written.\n")
      return .failure
    }
    let recorded: HandWrittenMigration.Recorded
    do {
      recorded = try HandWrittenMigration.changes(from: state, to: scripts)
    } catch {
      err(
        "GenSQL: the schema definitions are invalid; nothing was written.\n\(error.description)\n")
      return .failure
    }
    var next = state ?? SchemaState()
    next.migrations.append(
      MigrationRecord(file: migration.file, checksum: checksum(migration.text)))
    next.objects = recorded.objects
    var others: [(url: URL, text: String)] = []
    if let rest = recorded.rest {
      // What GenSQL writes itself comes after the hand-written file.
      let file = migrations.nextFileName("metrics_update", at: now)
      let text = MigrationFolder.text(rest, after: migration.file)
      next.migrations.append(MigrationRecord(file: file, checksum: checksum(text)))
      next.objects = rest.objects
      others.append((migrations.url.appendingPathComponent(file), text))
    }
    others.append((migrations.stateURL, MigrationFolder.encode(next)))
    guard write(files, and: others, out: out, err: err) else { return .failure }
    let path = migrations.url.appendingPathComponent(migration.file).relativePath
    for change in recorded.changes { out("recorded as done by \(path): \(change)\n") }
    for deletion in recorded.deletions { out("\(path) is taken to delete data: \(deletion)\n") }
    if recorded.generatable && !recorded.changes.isEmpty {
      out(
        "GenSQL could have written these changes itself; they count as done by \(path) only if it makes them (bash scripts/test.sh compares the migrations with the generated files)\n"
      )
    }
    if recorded.changes.isEmpty {
      out(
        "recorded \(path): it changes nothing GenSQL manages, so the state keeps only its checksum\n"
      )
    }
    return .success
  }
}
