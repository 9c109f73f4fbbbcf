import Foundation

/// What a new migration must do to take the database from a ``SchemaState`` to the state the
/// scripts define: only what changed, object by object, in dependency order.
///
/// - A view or materialized view whose definition changed is dropped and created again, with the
///   views that read it (which a plain DROP would refuse to leave behind).
/// - A function is replaced in place, or dropped and created when its parameters or result changed.
/// - A cron job is scheduled again by name; objects no longer defined are dropped (extensions and
///   schemas are left alone). A table that changed is an error: its data needs a hand-written
///   migration.
/// - Dropping a relation waits at most 5 seconds for its lock (`lock_timeout`).
///
/// With no state yet, the plan creates everything, first dropping relations of the same names
/// with CASCADE, so it replaces a hand-written version of the same objects.
package struct MigrationPlan: Sendable {
  /// The migration's SQL, or nil when nothing changed.
  package let sql: String?
  /// The objects after it.
  package let objects: [SchemaObjectState]
  /// One line per change, for the file's header and the command's output.
  package let changes: [String]

  package init(from state: SchemaState?, to scripts: [SQLScript]) throws(SQLGenerationError) {
    let desired = try DesiredObjects(scripts)
    objects = desired.states
    let old = state?.objects ?? []
    let oldByKey = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let newByKey = Dictionary(objects.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

    var diagnostics: [SQLDiagnostic] = []
    var rebuild = Set<ObjectKey>()
    var replace = Set<ObjectKey>()
    var dropFirst = Set<ObjectKey>()
    var changes: [String] = []
    for object in objects {
      guard let before = oldByKey[object.key] else {
        changes.append("create \(object.key)")
        continue
      }
      guard before.definition != object.definition else { continue }
      switch object.kind {
      case .view, .materializedView:
        rebuild.insert(object.key)
        changes.append("rebuild \(object.key)")
      case .table:
        diagnostics.append(
          SQLDiagnostic(
            object: "\(object.key)",
            message: "the table changed; its data needs a hand-written migration"))
      case .function:
        if before.head != object.head {
          dropFirst.insert(object.key)
          changes.append("recreate \(object.key), whose parameters or result changed")
        } else {
          replace.insert(object.key)
          changes.append("replace \(object.key)")
        }
      case .cronJob, .extension, .schema:
        replace.insert(object.key)
        changes.append("update \(object.key)")
      }
    }
    guard diagnostics.isEmpty else { throw SQLGenerationError(diagnostics: diagnostics) }

    // The views that read a rebuilt view are rebuilt too, whether or not they changed.
    let readers = Self.readers(old + objects)
    var pending = Array(rebuild)
    while let key = pending.popLast() {
      for reader in readers[key, default: []] where !rebuild.contains(reader) {
        rebuild.insert(reader)
        if newByKey[reader] != nil, oldByKey[reader]?.definition == newByKey[reader]?.definition {
          changes.append("rebuild \(reader), which reads \(key)")
        }
        pending.append(reader)
      }
    }
    let removed = old.filter {
      newByKey[$0.key] == nil && $0.kind != .extension && $0.kind != .schema
    }
    changes += removed.map { "drop \($0.key)" }
    self.changes = changes

    var statements: [String] = []
    let firstMigration = state == nil
    // Drops, dependents first: removed objects, rebuilt relations, functions whose head changed.
    let dropping = old.filter {
      rebuild.contains($0.key) || dropFirst.contains($0.key)
        || newByKey[$0.key] == nil
          && $0.kind != .extension && $0.kind != .schema
    }
    let dropsRelations =
      dropping.contains { $0.kind == .view || $0.kind == .materializedView || $0.kind == .table }
      || firstMigration
    if dropsRelations && (firstMigration || !dropping.isEmpty) {
      statements.append(
        "-- Fail within 5 seconds rather than queue readers behind a view's lock.\nSET LOCAL lock_timeout = '5s';"
      )
    }
    if firstMigration {
      for object in objects.reversed()
      where object.kind == .view || object.kind == .materializedView {
        statements.append(object.drop.replacingOccurrences(of: ";", with: " CASCADE;"))
      }
    }
    for object in Self.dependentsFirst(dropping) { statements.append(object.drop) }
    // Creates, in the order the scripts define them.
    for object in objects {
      let isNew = oldByKey[object.key] == nil
      if isNew || rebuild.contains(object.key) || replace.contains(object.key)
        || dropFirst.contains(object.key)
      {
        statements.append(object.definition)
      }
    }
    let changed = !changes.isEmpty
    sql = changed ? statements.joined(separator: "\n\n") + "\n" : nil
  }

  /// For each object, the objects that read it.
  private static func readers(_ objects: [SchemaObjectState]) -> [ObjectKey: Set<ObjectKey>] {
    var readers: [ObjectKey: Set<ObjectKey>] = [:]
    for object in objects {
      for dependency in object.dependsOn { readers[dependency, default: []].insert(object.key) }
    }
    return readers
  }

  /// `objects` ordered so each comes before what it depends on.
  private static func dependentsFirst(_ objects: [SchemaObjectState]) -> [SchemaObjectState] {
    var ordered: [SchemaObjectState] = []
    var remaining = objects
    while !remaining.isEmpty {
      let keys = Set(remaining.map(\.key))
      let next =
        remaining.firstIndex { candidate in
          !remaining.contains { $0.key != candidate.key && $0.dependsOn.contains(candidate.key) }
            || !keys.contains(candidate.key)
        } ?? 0
      ordered.append(remaining.remove(at: next))
    }
    return ordered
  }
}

/// The objects the scripts define, with the statements that belong to each.
struct DesiredObjects {
  var states: [SchemaObjectState] = []

  init(_ scripts: [SQLScript]) throws(SQLGenerationError) {
    let diagnostics = validate(scripts)
    guard diagnostics.isEmpty else { throw SQLGenerationError(diagnostics: diagnostics) }
    var order: [ObjectKey] = []
    var defined: [ObjectKey: (kind: ObjectKind, dependsOn: [ObjectKey], drop: String)] = [:]
    var members: [ObjectKey: [any SQLStatement]] = [:]
    var loose = 0
    func visit(_ statement: any SQLStatement) {
      if let transaction = statement as? Transaction {
        transaction.statements.forEach(visit)
        return
      }
      guard let member = statement as? any SchemaMember else { return }
      switch member.schemaRole {
      case .defines(let key, let kind, let dependsOn, let drop):
        if defined[key] == nil { order.append(key) }
        defined[key] = (kind, dependsOn, drop)
        members[key, default: []].insert(statement, at: 0)
      case .belongs(let key):
        if defined[key] == nil && members[key] == nil {
          // Belongs to an object these scripts do not create: kept as a statement of its own.
          loose += 1
          let own = ObjectKey("statement \(loose)")
          order.append(own)
          defined[own] = (.schema, [], "")
          members[own] = [statement]
        } else {
          members[key, default: []].append(statement)
        }
      case .none:
        break
      }
    }
    for script in scripts { script.statements.forEach(visit) }
    let managed = Set(order)
    for key in order {
      guard let definition = defined[key] else { continue }
      var writer = SQLWriter()
      writer.statements(members[key] ?? [])
      let text = writer.text.trimmingCharacters(in: .newlines)
      states.append(
        SchemaObjectState(
          key: key, kind: definition.kind,
          dependsOn: definition.dependsOn.filter(managed.contains), drop: definition.drop,
          definition: text, head: Self.head(text, definition.kind)))
    }
  }

  /// A function's text up to its body: what CREATE OR REPLACE cannot change.
  private static func head(_ text: String, _ kind: ObjectKind) -> String? {
    guard kind == .function, let body = text.range(of: "\nAS ") else { return nil }
    return String(text[..<body.lowerBound])
  }
}
