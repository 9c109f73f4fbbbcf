import Foundation

/// What a new migration must do to take the database from a ``SchemaState`` to the state the
/// scripts define: only what changed, object by object, in dependency order.
///
/// - A view or materialized view whose query changed is dropped and created again, with the
///   views that read it (which a plain DROP would refuse to leave behind).
/// - A table is altered in place, keeping its rows (``TableDiff``): columns added, renamed,
///   retyped or dropped as declared, constraints added and dropped. What would lose data
///   without a declaration (a column or a table no longer declared, a table turned derived)
///   stops generation with a message naming it.
/// - A change to what belongs to an object (an index, a policy, row level security, its
///   comment, its privileges) is applied on its own: the old one removed, the new one created.
/// - A function is replaced in place, or dropped and created when its parameters or result
///   changed; a trigger is replaced in place, and dropped and created again with its function.
/// - A cron job is scheduled again by name; objects no longer defined are dropped (extensions
///   and schemas are left alone).
/// - A materialized view that is rebuilt reads fresh data: the materialized views it reads are
///   refreshed first.
/// - Every lock waits at most 5 seconds (`lock_timeout`).
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
  /// The changes that delete rows or values, also in ``changes``.
  package let deletions: [String]
  /// The changes that let roles see rows they did not: row level security turned off, or no
  /// longer forced on the table's owner.
  package let opensAccess: [String]

  /// Whether the state was recorded by an earlier GenSQL and is recorded again as it is now.
  package let recordsStateAgain: Bool

  package init(from state: SchemaState?, to scripts: [SQLScript]) throws(SQLGenerationError) {
    let desired = try DesiredObjects(scripts)
    objects = desired.states
    recordsStateAgain = state?.earlierObjects != nil
    let old =
      try state?.earlierObjects.map { earlier throws(SQLGenerationError) in
        try Self.upgraded(earlier, to: desired.states)
      } ?? state?.objects ?? []
    let oldByKey = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let newByKey = Dictionary(objects.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

    // Each object's previous version: by key, or by the name a rename declares.
    var previous: [ObjectKey: SchemaObjectState] = [:]
    var renamedAway = Set<ObjectKey>()
    for object in objects {
      if let before = oldByKey[object.key] {
        previous[object.key] = before
      } else if let from = desired.definitions[object.key]?.previousKey,
        let before = oldByKey[from], newByKey[from] == nil
      {
        previous[object.key] = before
        renamedAway.insert(from)
      }
    }

    var diagnostics: [SQLDiagnostic] = []
    var rebuild = Set<ObjectKey>()
    var replace = Set<ObjectKey>()
    var recreate = Set<ObjectKey>()
    var altered: [ObjectKey: [any SQLStatement]] = [:]
    var readersRebuilt = Set<ObjectKey>()
    var memberChanges: [ObjectKey: [(old: SchemaMemberState?, new: SchemaMemberState?)]] = [:]
    var changes: [String] = []
    var deletions: [String] = []
    for object in objects {
      guard let before = previous[object.key] else {
        changes.append("create \(object.key)")
        continue
      }
      if before.kind == .table && object.kind == .derivedTable {
        diagnostics.append(
          SQLDiagnostic(
            object: "\(object.key)", finding: TableChangeRules.Finding.tableBecameDerived))
        continue
      }
      if object.kind == .table, let oldShape = before.table, let newShape = object.table,
        case .relation(let name) = object.name, case .relation(let oldName) = before.name
      {
        let definition = desired.definitions[object.key]
        let diff = TableDiff(
          name, previousName: oldName, from: oldShape, to: newShape,
          declared: definition?.declaredChanges ?? DeclaredTableChanges(),
          conversions: definition?.conversions ?? [:])
        diagnostics += diff.findings.map { SQLDiagnostic(object: "\(object.key)", finding: $0) }
        if !diff.statements.isEmpty { altered[object.key] = diff.statements }
        if diff.changesExistingColumns { readersRebuilt.insert(object.key) }
        changes += diff.changes
        deletions += diff.deletions
      } else if before.definition != object.definition {
        switch object.kind {
        case .view, .materializedView:
          rebuild.insert(object.key)
          changes.append("rebuild \(object.key)")
        case .derivedTable, .table:
          rebuild.insert(object.key)
          let line = "rebuild \(object.key), dropping its rows: \(Self.rebuilt(object))"
          changes.append(line)
          deletions.append(line)
        case .function where before.head != object.head:
          recreate.insert(object.key)
          changes.append("recreate \(object.key), whose parameters or result changed")
        case .function, .trigger:
          replace.insert(object.key)
          changes.append("replace \(object.key)")
        case .member:
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
        changes += pairs.map {
          $0.new == nil
            ? "remove \($0.old!.key) of \(object.key)" : "update \($0.new!.key) of \(object.key)"
        }
      }
    }

    let removed = old.filter {
      newByKey[$0.key] == nil && !renamedAway.contains($0.key) && $0.kind != .extension
        && $0.kind != .schema
    }
    var opensAccess: [String] = []
    for key in memberChanges.keys.sorted() {
      let before = Set(previous[key]?.members.map(\.key) ?? [])
      let after = Set(newByKey[key]?.members.map(\.key) ?? [])
      opensAccess += [Self.opening(of: "\(key)", from: before, to: after)].compactMap { $0 }
    }
    // On a table the scripts do not create, each is an object of its own.
    var ownerless: [String: (before: Set<String>, after: Set<String>)] = [:]
    for (states, isAfter) in [(old, false), (objects, true)] {
      for object in states where object.kind == .member {
        for member in [RowLevelSecurityMember.enabled, RowLevelSecurityMember.forced]
        where object.key.value.hasPrefix(member + " on ") {
          let owner = String(object.key.value.dropFirst(member.count + 4))
          if isAfter {
            ownerless[owner, default: ([], [])].after.insert(member)
          } else {
            ownerless[owner, default: ([], [])].before.insert(member)
          }
        }
      }
    }
    for (owner, members) in ownerless.sorted(by: { $0.key < $1.key }) {
      opensAccess += [Self.opening(of: owner, from: members.before, to: members.after)]
        .compactMap { $0 }
    }
    self.opensAccess = opensAccess
    for object in removed where object.kind == .table && !desired.droppable.contains(object.key) {
      diagnostics.append(
        SQLDiagnostic(
          object: "\(object.key)", finding: TableChangeRules.Finding.tableRemovedSilently))
    }
    guard diagnostics.isEmpty else { throw SQLGenerationError(diagnostics: diagnostics) }

    // The views that read a rebuilt view are rebuilt too, whether or not they changed, and so
    // are the triggers of a function that is dropped and created again, and the views that
    // read a column a table drops or retypes.
    let readers = Self.readers(old + objects)
    var pending = Array(rebuild.union(recreate).union(readersRebuilt)).sorted()
    while let key = pending.popLast() {
      for reader in readers[key, default: []].sorted() where !rebuild.contains(reader) {
        if readersRebuilt.contains(key),
          ![.view, .materializedView].contains(newByKey[reader]?.kind)
        {
          continue
        }
        rebuild.insert(reader)
        memberChanges[reader] = nil
        if let now = newByKey[reader], oldByKey[reader]?.definition == now.definition {
          changes.append("rebuild \(reader), which reads \(key)")
        } else if replace.remove(reader) != nil,
          let line = changes.firstIndex(of: "replace \(reader)")
        {
          // Replaced in place no longer: it is dropped and created with what it reads.
          changes[line] = "recreate \(reader), which reads \(key)"
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
    for object in removed {
      let holdsRows = object.kind == .table
      changes.append("drop \(object.key)" + (holdsRows ? ", deleting its rows" : ""))
      if holdsRows { deletions.append(changes.last!) }
    }
    self.changes = changes
    self.deletions = deletions

    var statements: [any SQLStatement] = []
    if !changes.isEmpty {
      statements.append(Comment("Fail within 5 seconds rather than queue others behind a lock."))
      statements.append(SetLocal("lock_timeout", "5s"))
      statements += desired.preconditions
    }
    if state == nil {
      for object in objects.reversed() where object.kind == .materializedView {
        statements += [object.drop(.cascade)].compactMap { $0 }
      }
    }
    let dropping = old.filter {
      rebuild.contains($0.key) || recreate.contains($0.key) || removed.contains($0)
    }
    statements += Self.dependentsFirst(dropping).compactMap { $0.drop() }
    // Creates, alterations and member changes, in the order the scripts define the objects.
    for object in objects {
      if previous[object.key] == nil || rebuild.contains(object.key)
        || replace.contains(object.key) || recreate.contains(object.key)
      {
        statements += (refreshFirst[object.key] ?? []).compactMap(\.refresh)
        statements.append(RenderedStatement(object.fullText))
        continue
      }
      let changed = memberChanges[object.key] ?? []
      for change in changed where change.new == nil || change.new?.replacesInPlace == false {
        if let removal = change.old?.removal { statements.append(RenderedStatement(removal)) }
      }
      statements += altered[object.key] ?? []
      for change in changed {
        if let new = change.new { statements.append(RenderedStatement(new.text)) }
      }
    }
    var writer = SQLWriter()
    writer.statements(statements)
    sql = changes.isEmpty ? nil : writer.text.trimmingCharacters(in: .newlines) + "\n"
  }

  /// The state an earlier GenSQL recorded, as this one records it: the same objects, when the
  /// definitions have not changed since; otherwise nothing can be planned from it.
  private static func upgraded(_ earlier: [EarlierObjectState], to desired: [SchemaObjectState])
    throws(SQLGenerationError) -> [SchemaObjectState]
  {
    func earlierKey(_ object: SchemaObjectState) -> ObjectKey {
      guard case .function(let signature) = object.name else { return object.key }
      return ObjectKey("function \(signature.name)")
    }
    let now = desired.map {
      EarlierObjectState(
        key: earlierKey($0), definition: $0.definition,
        members: $0.members.map { .init(key: $0.key, text: $0.text) })
    }
    guard now == earlier else {
      throw SQLGenerationError(diagnostics: [
        SQLDiagnostic(
          object: "the migrations' state", finding: TableChangeRules.Finding.stateOfAnEarlierGenSQL)
      ])
    }
    return desired
  }

  /// What a change of a table's row level security members opens, if anything: turned off,
  /// or no longer forced on its owner.
  private static func opening(of table: String, from before: Set<String>, to after: Set<String>)
    -> String?
  {
    let (wasForced, isForced) = (
      before.contains(RowLevelSecurityMember.forced), after.contains(RowLevelSecurityMember.forced)
    )
    let wasEnabled = wasForced || before.contains(RowLevelSecurityMember.enabled)
    let isEnabled = isForced || after.contains(RowLevelSecurityMember.enabled)
    if wasEnabled && !isEnabled {
      return
        "row level security of \(table) is turned off: its policies no longer apply, and every role with a privilege on it reads every row"
    }
    return wasForced && !isForced ? "row level security of \(table) no longer binds its owner" : nil
  }

  /// What a derived table's header line says fills it again.
  private static func rebuilt(_ object: SchemaObjectState) -> String {
    object.rebuiltBy.map { "\($0) fills it again" } ?? "nothing declared fills it again"
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
