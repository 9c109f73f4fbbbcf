/// Rules on how a table changes between migrations: nothing is dropped, retyped or made
/// impossible to add unless the definition says how.
enum TableChangeRules {
  enum Finding: SQLFinding, Hashable {
    /// `dropColumn(name)` while the table still declares `name`.
    case droppedColumnStillDeclared(String)
    /// `renamed(column, from: column)`.
    case renamedFromItself(String)
    /// A column the migrations created is no longer declared, and no drop or rename says why.
    case columnRemovedSilently(String)
    /// A NOT NULL column without a default cannot be added to a table with rows.
    case notNullColumnWithoutDefault(String)
    /// A type change that may change or lose values, with no conversion declared.
    case conversionNotDeclared(column: String, from: String, to: String)
    /// A table with rows is declared derived: its next change would drop its rows.
    case tableBecameDerived
    /// A table with rows is no longer defined and no `Drop.table` says it may go.
    case tableRemovedSilently
    /// The declared columns are in another order than a migration leaves them in.
    case columnOrder(migrated: [String])
    /// The state was recorded by an earlier GenSQL, and the definitions changed since.
    case stateOfAnEarlierGenSQL
    /// Both a column and the name it was renamed from exist.
    case renameTargetExists(column: String, previous: String)

    var message: String {
      switch self {
      case .droppedColumnStillDeclared(let column):
        return
          "dropColumn(\"\(column)\") names a column the table still declares; remove one of them"
      case .renamedFromItself(let column):
        return "column \(column) is declared renamed from itself"
      case .columnRemovedSilently(let column):
        return
          "column \(column) is no longer declared, and the migration would delete its values; to drop it, declare `t.dropColumn(\"\(column)\")` in the table's CreateTable; to rename it, `t.renamed(\\.newName, from: \"\(column)\")`"
      case .notNullColumnWithoutDefault(let column):
        return
          "column \(column) is NOT NULL without a default, which PostgreSQL cannot add to a table with rows; give it a default, or add it nullable, fill it, and make it NOT NULL in a later migration"
      case .conversionNotDeclared(let column, let from, let to):
        return
          "column \(column) changes from \(from) to \(to), which keeps its values only where they fit, and in another form (text, a time zone); declare how, even as a plain cast: `t.changeType(\\.<its property>, from: <its previous type>.self) { old in old.cast(to: …) }`, or write the migration by hand and record it with `swift run GenSQL --record <file>`"
      case .tableBecameDerived:
        return
          "the table held rows of its own and is now declared derived, so its next change would drop them; keep it a table (its changes are migrated with ALTER TABLE), or drop it explicitly with Drop.table first"
      case .tableRemovedSilently:
        return
          "the table is no longer defined, and the migration would delete its rows; if it was renamed, declare `renamedFrom:` on the CreateTable of its new name; to drop it, add `Drop.table(QualifiedName(…))` to a script; to keep it, keep its CreateTable"
      case .columnOrder(let migrated):
        return
          "PostgreSQL keeps existing columns in place and adds new ones last, so after the migration the columns are \(migrated.joined(separator: ", ")); declare them in that order, so a database built fresh from the definitions has the same columns"
      case .stateOfAnEarlierGenSQL:
        return
          "it was recorded by an earlier GenSQL, and the definitions changed since; check out the definitions of the last migration, run `swift run GenSQL` once to record the state again, then make the change"
      case .renameTargetExists(let column, let previous):
        return
          "column \(column) is declared renamed from \(previous), but the migrations already created both; remove the rename"
      }
    }
  }

  /// The declarations of one CreateTable.
  static func check<Table: Relation>(
    _ changes: DeclaredTableChanges, renamedFrom: String?, of _: Table.Type,
    in v: inout SQLValidator
  ) {
    let declared = Set(Table.columns.map(\.name))
    for column in changes.droppedColumns {
      v.identifier(column)
      if declared.contains(column) { v.report(Finding.droppedColumnStillDeclared(column)) }
    }
    for (column, previous) in changes.renamedColumns.sorted(by: { $0.key < $1.key }) {
      v.identifier(previous)
      if column == previous { v.report(Finding.renamedFromItself(column)) }
    }
    if let renamedFrom { v.identifier(renamedFrom) }
  }
}
