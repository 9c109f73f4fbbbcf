import Foundation

/// What a new migration must do to take the database from a ``SchemaState`` to the state the
/// scripts define: only what changed, object by object, in dependency order.
///
/// - A view or materialized view whose query changed is dropped and created again, with the
///   views that read it (which a plain DROP would refuse to leave behind).
/// - A change to what belongs to an object (an index, its comment, its privileges) is applied
///   on its own: an index is dropped and created, a comment or the privileges applied again.
/// - A function is replaced in place, or dropped and created when its parameters or result changed.
/// - A trigger is replaced in place, and dropped and created again with its function.
/// - A cron job is scheduled again by name; objects no longer defined are dropped (extensions and
///   schemas are left alone). A table that changed is an error: its data needs a hand-written
///   migration.
/// - A materialized view that is rebuilt reads fresh data: the materialized views it reads are
///   refreshed first.
/// - Dropping a relation or an index, and creating, replacing or dropping a trigger or an index
///   on a table, waits at most 5 seconds for its lock (`lock_timeout`).
///
/// With no state yet, the plan creates everything, first dropping materialized views of the same
/// names with CASCADE, so it replaces a hand-written version of the same objects.
package struct MigrationPlan: Sendable {
  /// The migration's SQL, or nil when nothing changed.
  package let sql: String?
  /// The objects after it.
  package let objects: [SchemaObjectState]
  /// One line per change, for the file's header and the command's output.
  package let changes: [String]

  package init(from state: SchemaState?, to scripts: [SQLScript]) throws(SQLGenerationError) {
    objects = try DesiredObjects(scripts).states
    let old = state?.objects ?? []
    let oldByKey = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let newByKey = Dictionary(objects.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

    var diagnostics: [SQLDiagnostic] = []
    var rebuild = Set<ObjectKey>()
    var replace = Set<ObjectKey>()
    var recreate = Set<ObjectKey>()
    var memberChanges: [ObjectKey: [(old: SchemaMemberState?, new: SchemaMemberState?)]] = [:]
    var changes: [String] = []
    for object in objects {
      guard let before = oldByKey[object.key] else {
        changes.append("create \(object.key)")
        continue
      }
      if before.definition != object.definition {
        switch object.kind {
        case .view, .materializedView, .derivedTable:
          rebuild.insert(object.key)
          changes.append("rebuild \(object.key)")
        case .table:
          diagnostics.append(
            SQLDiagnostic(
              object: "\(object.key)",
              message: "the table changed; its data needs a hand-written migration"))
        case .function where before.head != object.head:
          recreate.insert(object.key)
          changes.append("recreate \(object.key), whose parameters or result changed")
        case .function, .trigger:
          replace.insert(object.key)
          changes.append("replace \(object.key)")
        case .index:
          recreate.insert(object.key)
          changes.append("recreate \(object.key)")
        case .cronJob, .extension, .schema:
          replace.insert(object.key)
          changes.append("update \(object.key)")
        }
        continue
      }
      let pairs = Self.memberPairs(before.members, object.members).filter { $0.old != $0.new }
      if !pairs.isEmpty {
        memberChanges[object.key] = pairs
        changes += pairs.map { "update \(($0.new ?? $0.old)!.key) of \(object.key)" }
      }
    }
    guard diagnostics.isEmpty else { throw SQLGenerationError(diagnostics: diagnostics) }

    // The views that read a rebuilt view are rebuilt too, whether or not they changed, and so
    // are the triggers of a function that is dropped and created again.
    let readers = Self.readers(old + objects)
    var pending = Array(rebuild.union(recreate)).sorted()
    while let key = pending.popLast() {
      for reader in readers[key, default: []].sorted() where !rebuild.contains(reader) {
        rebuild.insert(reader)
        memberChanges[reader] = nil
        if let now = newByKey[reader], oldByKey[reader]?.definition == now.definition {
          changes.append("rebuild \(reader), which reads \(key)")
        }
        pending.append(reader)
      }
    }
    // A materialized view is rebuilt from fresh data: the materialized views it reads that this
    // migration does not create are refreshed before it.
    var refreshFirst: [ObjectKey: [SchemaObjectState]] = [:]
    for object in objects where object.kind == .materializedView && rebuild.contains(object.key) {
      for dependency in object.dependsOn {
        guard let read = newByKey[dependency], read.kind == .materializedView,
          oldByKey[dependency] != nil, !rebuild.contains(dependency),
          !refreshFirst.values.joined().contains(where: { $0.key == dependency })
        else { continue }
        refreshFirst[object.key, default: []].append(read)
        changes.append("refresh \(dependency), which \(object.key) reads")
      }
    }
    let removed = old.filter {
      newByKey[$0.key] == nil && $0.kind != .extension && $0.kind != .schema
    }
    changes += removed.map { "drop \($0.key)" }
    self.changes = changes

    var statements: [String] = []
    let firstMigration = state == nil
    let dropping = old.filter {
      rebuild.contains($0.key) || recreate.contains($0.key)
        || newByKey[$0.key] == nil
          && $0.kind != .extension && $0.kind != .schema
    }
    let dropsIndexes = memberChanges.values.joined().contains { $0.old?.drop != nil }
    let locks =
      firstMigration || dropsIndexes
      || dropping.contains { [.view, .materializedView, .table, .derivedTable].contains($0.kind) }
    // Creating, replacing or dropping a trigger or an index locks its table against writers
    // (SHARE for CREATE INDEX, SHARE ROW EXCLUSIVE for CREATE TRIGGER, ACCESS EXCLUSIVE to drop).
    let lockedKinds: [ObjectKind] = [.trigger, .index]
    let locksWriters =
      objects.contains {
        lockedKinds.contains($0.kind)
          && (oldByKey[$0.key] == nil || rebuild.contains($0.key) || replace.contains($0.key)
            || recreate.contains($0.key))
      } || dropping.contains { lockedKinds.contains($0.kind) }
    if locks && !changes.isEmpty {
      statements.append(
        "-- Fail within 5 seconds rather than queue readers behind a view's lock.\nSET LOCAL lock_timeout = '5s';"
      )
    } else if locksWriters {
      statements.append(
        "-- Fail within 5 seconds rather than queue writers behind a lock on their table.\nSET LOCAL lock_timeout = '5s';"
      )
    }
    if firstMigration {
      for object in objects.reversed() where object.kind == .materializedView {
        statements.append(object.drop.replacingOccurrences(of: ";", with: " CASCADE;"))
      }
    }
    for object in Self.dependentsFirst(dropping) { statements.append(object.drop) }
    // Creates and member changes, in the order the scripts define the objects.
    for object in objects {
      if oldByKey[object.key] == nil || rebuild.contains(object.key)
        || replace.contains(object.key) || recreate.contains(object.key)
      {
        statements += (refreshFirst[object.key] ?? []).compactMap(\.refresh)
        statements.append(object.fullText)
        continue
      }
      for change in memberChanges[object.key] ?? [] {
        if let drop = change.old?.drop, change.new?.text != change.old?.text {
          statements.append(drop)
        }
        if let new = change.new { statements.append(new.text) }
      }
    }
    sql = changes.isEmpty ? nil : statements.joined(separator: "\n\n") + "\n"
  }

  /// Members of the old and new versions of an object, paired by key, in the new order.
  private static func memberPairs(_ old: [SchemaMemberState], _ new: [SchemaMemberState])
    -> [(old: SchemaMemberState?, new: SchemaMemberState?)]
  {
    let oldByKey = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let newKeys = Set(new.map(\.key))
    return new.map { (oldByKey[$0.key], $0) }
      + old.filter { !newKeys.contains($0.key) }.map { ($0, nil) }
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
      let next =
        remaining.firstIndex { candidate in
          !remaining.contains { $0.key != candidate.key && $0.dependsOn.contains(candidate.key) }
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
    var primary: [ObjectKey: any SQLStatement] = [:]
    var members: [ObjectKey: [(key: String, drop: String?, statements: [any SQLStatement])]] = [:]
    func define(
      _ key: ObjectKey, _ kind: ObjectKind, _ dependsOn: [ObjectKey], _ drop: String,
      by statement: any SQLStatement
    ) {
      if defined[key] == nil { order.append(key) }
      defined[key] = (kind, dependsOn, drop)
      primary[key] = statement
    }
    func visit(_ statement: any SQLStatement) {
      if let transaction = statement as? Transaction {
        transaction.statements.forEach(visit)
        return
      }
      guard let member = statement as? any SchemaMember else { return }
      switch member.schemaRole {
      case .defines(let key, let kind, let dependsOn, let drop):
        define(key, kind, dependsOn, drop, by: statement)
      case .belongs(let key, let name, let drop):
        guard defined[key] != nil else {
          // Belongs to an object these scripts do not create. An index on another's table is
          // an object of its own, dropped when no longer defined; anything else (a grant, a
          // comment) is created once and known by its text.
          if let drop, name.hasPrefix("index ") {
            return define(ObjectKey("\(name) on \(key)"), .index, [key], drop, by: statement)
          }
          var writer = SQLWriter()
          statement.render(into: &writer)
          let own = ObjectKey("statement \(writer.text.trimmingCharacters(in: .newlines))")
          return define(own, .schema, [], "", by: statement)
        }
        if let index = members[key]?.firstIndex(where: { $0.key == name }) {
          members[key]?[index].statements.append(statement)
        } else {
          members[key, default: []].append((name, drop, [statement]))
        }
      case .none:
        break
      }
    }
    for script in scripts { script.statements.forEach(visit) }
    let managed = Set(order)
    func text(_ statements: [any SQLStatement]) -> String {
      var writer = SQLWriter()
      writer.statements(statements)
      return writer.text.trimmingCharacters(in: .newlines)
    }
    for key in order {
      guard let definition = defined[key], let statement = primary[key] else { continue }
      let primaryText = text([statement])
      states.append(
        SchemaObjectState(
          key: key, kind: definition.kind,
          dependsOn: definition.dependsOn.filter(managed.contains), drop: definition.drop,
          definition: primaryText,
          members: (members[key] ?? []).map {
            SchemaMemberState(key: $0.key, text: text($0.statements), drop: $0.drop)
          },
          head: Self.head(primaryText, definition.kind)))
    }
  }

  /// A function's text up to its body: what CREATE OR REPLACE cannot change.
  private static func head(_ text: String, _ kind: ObjectKind) -> String? {
    guard kind == .function, let body = text.range(of: "\nAS ") else { return nil }
    return String(text[..<body.lowerBound])
  }
}
