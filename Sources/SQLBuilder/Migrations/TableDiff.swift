/// The `ALTER TABLE` statements that take a table from the shape the migrations left to the
/// declared one, keeping its rows; what it cannot do without losing data or guessing is a
/// finding instead.
struct TableDiff {
  /// Renames first, each a statement of its own, then one `ALTER TABLE` with the rest.
  private(set) var statements: [any SQLStatement] = []
  /// One line per change, for the migration's header.
  private(set) var changes: [String] = []
  /// The changes that delete values, also in ``changes``.
  private(set) var deletions: [String] = []
  private(set) var findings: [TableChangeRules.Finding] = []
  /// Whether a column the table had is dropped or retyped, which views reading it block.
  private(set) var changesExistingColumns = false

  init(
    _ name: QualifiedName, previousName: QualifiedName, from old: TableShape, to new: TableShape,
    declared: DeclaredTableChanges, conversions: [String: String]
  ) {
    var actions: [AlterTable.Action] = []
    if previousName != name {
      statements.append(AlterTable(previousName, [.renameTo(name.name)]))
      changes.append("rename relation \(previousName) to \(name.name)")
    }
    let oldColumns = Dictionary(old.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let newNames = Set(new.columns.map(\.name))
    var matched = Set<String>()
    for column in new.columns {
      var before = oldColumns[column.name]
      if let previous = declared.renamedColumns[column.name], let renamed = oldColumns[previous],
        !newNames.contains(previous)
      {
        if before != nil {
          findings.append(.renameTargetExists(column: column.name, previous: previous))
          continue
        }
        statements.append(AlterTable(name, [.renameColumn(previous, to: column.name)]))
        changes.append("rename column \(previous) of relation \(name) to \(column.name)")
        matched.insert(previous)
        before = renamed
      }
      guard let before else {
        if column.notNull && column.defaultValue == nil {
          findings.append(.notNullColumnWithoutDefault(column.name))
        }
        actions.append(.addColumn(column))
        changes.append("add column \(column.name) to relation \(name)")
        continue
      }
      matched.insert(column.name)
      if before.type != column.type {
        let using = conversions[column.name]
        if using == nil && !LosslessConversions.keepsEveryValue(before.type, to: column.type) {
          findings.append(
            .conversionNotDeclared(column: column.name, from: before.type, to: column.type))
        }
        actions.append(.changeType(column.name, to: column.type, using: using))
        changes.append(
          "change column \(column.name) of relation \(name) from \(before.type) to \(column.type)")
        changesExistingColumns = true
      }
      if before.notNull != column.notNull {
        actions.append(.setNotNull(column.name, column.notNull))
        changes.append(
          "\(column.notNull ? "set" : "drop") NOT NULL of column \(column.name) of relation \(name)"
        )
      }
      if before.defaultValue != column.defaultValue {
        actions.append(.setDefault(column.name, column.defaultValue))
        changes.append("change the default of column \(column.name) of relation \(name)")
      }
    }
    for column in old.columns where !matched.contains(column.name) {
      guard declared.droppedColumns.contains(column.name) else {
        findings.append(.columnRemovedSilently(column.name))
        continue
      }
      actions.insert(.dropColumn(column.name), at: 0)
      changes.append("drop column \(column.name) of relation \(name), deleting its values")
      deletions.append(changes.last!)
      changesExistingColumns = true
    }
    // PostgreSQL keeps a table's columns in place and appends new ones: a fresh database has
    // the declared order, so the two must agree.
    var renamedFrom: [String: String] = [:]
    for (new, previous) in declared.renamedColumns { renamedFrom[previous] = new }
    let kept = old.columns.map { renamedFrom[$0.name] ?? $0.name }.filter(newNames.contains)
    let migratedOrder = kept + new.columns.map(\.name).filter { !kept.contains($0) }
    if migratedOrder != new.columns.map(\.name) && findings.isEmpty {
      findings.append(.columnOrder(migrated: migratedOrder))
    }
    diffConstraints(name, old.constraints, new.constraints, into: &actions)
    if old.unlogged != new.unlogged {
      actions.append(.setLogged(!new.unlogged))
      changes.append("make relation \(name) \(new.unlogged ? "unlogged" : "logged")")
    }
    if !actions.isEmpty { statements.append(AlterTable(name, actions)) }
  }

  /// Constraints by name; one that only changed its name is renamed, keeping its index.
  private mutating func diffConstraints(
    _ table: QualifiedName, _ old: [TableShape.Constraint], _ new: [TableShape.Constraint],
    into actions: inout [AlterTable.Action]
  ) {
    var unmatched = old.filter { constraint in !new.contains(constraint) }
    for constraint in new where !old.contains(constraint) {
      if let index = unmatched.firstIndex(where: {
        $0.definition == constraint.definition && !new.map(\.name).contains($0.name)
      }) {
        let previous = unmatched.remove(at: index)
        statements.append(
          AlterTable(table, [.renameConstraint(previous.name, to: constraint.name)]))
        changes.append(
          "rename constraint \(previous.name) of relation \(table) to \(constraint.name)")
        continue
      }
      actions.append(.addConstraint(constraint))
      changes.append("add constraint \(constraint.name) to relation \(table)")
    }
    for constraint in unmatched {
      actions.insert(.dropConstraint(constraint.name), at: 0)
      if !new.contains(where: { $0.name == constraint.name }) {
        changes.append("drop constraint \(constraint.name) of relation \(table)")
      }
    }
  }
}

extension SchemaObjectState {
  /// What changes, and what data goes, when this table becomes `new` as a plain diff sees it
  /// (a rename reads as a column dropped and one added): how `--record` lists what a
  /// hand-written migration is taken to do.
  package func tableChanges(to new: SchemaObjectState) -> (changes: [String], deletions: [String]) {
    guard let old = table, let shape = new.table, case .relation(let name) = new.name,
      case .relation(let oldName) = self.name
    else { return (["change \(key)"], []) }
    var declared = DeclaredTableChanges()
    let kept = Set(shape.columns.map(\.name))
    declared.droppedColumns = old.columns.map(\.name).filter { !kept.contains($0) }
    let diff = TableDiff(
      name, previousName: oldName, from: old, to: shape, declared: declared, conversions: [:])
    return (diff.changes.isEmpty ? ["change \(key)"] : diff.changes, diff.deletions)
  }
}
