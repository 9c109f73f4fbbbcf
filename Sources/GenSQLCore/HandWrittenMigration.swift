import Foundation
import SQLBuilder

/// A migration written by hand for a change GenSQL cannot generate, such as splitting a table's
/// column; `--record` adds it to the state as the one that brings the database to the definitions.
struct HandWrittenMigration {
  /// Its name in the migrations folder.
  let file: String
  /// Its text, whose checksum the state keeps.
  let text: String

  /// Finds `argument`, a file name or a path inside `folder`, and checks that it can follow
  /// `state`: it exists, is not recorded yet and sorts after every recorded migration.
  init(_ argument: String, in folder: MigrationFolder, after state: SchemaState?)
    throws(GenSQLFailure)
  {
    var name = argument
    if argument.contains("/") {
      let given = URL(fileURLWithPath: argument)
      guard Self.isSameFolder(given.deletingLastPathComponent(), folder.url) else {
        throw GenSQLFailure(
          "\(argument) is not in \(folder.url.relativePath): write the migration there, then record it"
        )
      }
      name = given.lastPathComponent
    }
    let url = folder.url.appendingPathComponent(name)
    let path = url.relativePath
    guard name.hasSuffix(".sql"), MigrationFolder.version(of: name) != nil else {
      throw GenSQLFailure(
        "\(path) is not named <YYYYMMDDHHMMSS>_<name>.sql, so the Supabase CLI would not apply it")
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
      !isFolder.boolValue, let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      throw GenSQLFailure("\(path) does not exist or cannot be read: write the migration first")
    }
    let recorded = (state?.migrations ?? []).map(\.file)
    guard !recorded.contains(name) else {
      throw GenSQLFailure("\(path) is already recorded in \(folder.stateURL.lastPathComponent)")
    }
    if let later = recorded.filter({ $0 > name }).max() {
      throw GenSQLFailure(
        "\(path) sorts before \(later), which is recorded already: give it a later timestamp so it runs after every recorded migration"
      )
    }
    file = name
    self.text = text
  }

  /// What recording it declares done. When GenSQL can plan every change itself, the file is
  /// taken to make them all (`generatable`); when it refuses a table, the file is taken to
  /// make that table's change only, and `rest` plans what GenSQL still writes after it.
  struct Recorded {
    /// The objects after the file.
    var objects: [SchemaObjectState]
    /// The changes it counts as done by the file, and the data those delete.
    var changes: [String]
    var deletions: [String]
    var generatable: Bool
    /// The migration GenSQL writes after the file, for the rest.
    var rest: MigrationPlan?
  }

  static func changes(from state: SchemaState?, to scripts: [SQLScript])
    throws(SQLGenerationError) -> Recorded
  {
    do {
      let plan = try MigrationPlan(from: state, to: scripts)
      return Recorded(
        objects: plan.objects, changes: plan.changes, deletions: plan.deletions,
        generatable: true, rest: nil)
    } catch {
      // With no state nothing is compared, so this throws only for invalid definitions.
      let desired = try MigrationPlan(from: nil, to: scripts).objects
      guard var assumed = state else { throw error }
      let desiredByKey = Dictionary(
        desired.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
      // The tables GenSQL would not migrate are taken as the file leaves them (changed, turned
      // derived, or dropped); their indexes, policies, comments and privileges are not.
      var changes: [String] = []
      var deletions: [String] = []
      assumed.objects = assumed.objects.compactMap { old in
        guard old.kind == .table else { return old }
        guard let new = desiredByKey[old.key] else {
          changes.append("drop \(old.key), deleting its rows")
          deletions.append(changes.last!)
          return nil
        }
        guard new.definition != old.definition || new.kind != old.kind else { return old }
        let table = old.tableChanges(to: new)
        changes += table.changes
        deletions += table.deletions
        return new.keepingMembers(of: old)
      }
      let rest = try MigrationPlan(from: assumed, to: scripts)
      return Recorded(
        objects: rest.objects, changes: changes, deletions: deletions, generatable: false,
        rest: rest.sql == nil ? nil : rest)
    }
  }

  /// Whether two URLs name one folder, after symbolic links.
  private static func isSameFolder(_ a: URL, _ b: URL) -> Bool {
    a.standardizedFileURL.resolvingSymlinksInPath().path
      == b.standardizedFileURL.resolvingSymlinksInPath().path
  }
}
