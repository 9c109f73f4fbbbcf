/// `ALTER TABLE name action, …;` as a migration plans it from the table's previous and declared
/// columns and constraints: the rows stay.
///
/// ```sql
/// ALTER TABLE public.daily_goals
///   ADD COLUMN note text,
///   ALTER COLUMN target TYPE integer USING (daily_goals.target::integer);
/// ```
public struct AlterTable: SQLStatement {
  let table: QualifiedName
  let actions: [Action]

  /// One change; a rename is a statement of its own.
  package enum Action: Sendable, Equatable {
    case renameTo(String)
    case renameColumn(String, to: String)
    case renameConstraint(String, to: String)
    case addColumn(TableShape.Column)
    case dropColumn(String)
    case changeType(String, to: String, using: String?)
    case setNotNull(String, Bool)
    case setDefault(String, String?)
    case addConstraint(TableShape.Constraint)
    case dropConstraint(String)
    case setLogged(Bool)
  }

  package init(_ table: QualifiedName, _ actions: [Action]) {
    self.table = table
    self.actions = actions
  }

  public func render(into w: inout SQLWriter) {
    let parts = actions.map { $0.rendered(&w) }
    let head = "ALTER TABLE \(w.name(table))"
    if parts.count == 1 {
      w.line("\(head) \(parts[0]);")
      return
    }
    w.line(head)
    w.indented { inner in
      for (index, part) in parts.enumerated() {
        inner.line(part + (index == parts.count - 1 ? ";" : ","))
      }
    }
  }
}

extension AlterTable.Action {
  func rendered(_ w: inout SQLWriter) -> String {
    switch self {
    case .renameTo(let name): return "RENAME TO \(w.identifier(name))"
    case .renameColumn(let old, let new):
      return "RENAME COLUMN \(w.identifier(old)) TO \(w.identifier(new))"
    case .renameConstraint(let old, let new):
      return "RENAME CONSTRAINT \(w.identifier(old)) TO \(w.identifier(new))"
    case .addColumn(let column):
      var text = "ADD COLUMN \(w.identifier(column.name)) \(w.typeName(column.type))"
      if column.notNull { text += " NOT NULL" }
      if let value = column.defaultValue { text += " DEFAULT \(value)" }
      return text
    case .dropColumn(let name): return "DROP COLUMN \(w.identifier(name))"
    case .changeType(let name, let type, let using):
      var text = "ALTER COLUMN \(w.identifier(name)) TYPE \(w.typeName(type))"
      if let using { text += " USING (\(using))" }
      return text
    case .setNotNull(let name, let notNull):
      return "ALTER COLUMN \(w.identifier(name)) \(notNull ? "SET" : "DROP") NOT NULL"
    case .setDefault(let name, let value):
      return "ALTER COLUMN \(w.identifier(name)) "
        + (value.map { "SET DEFAULT \($0)" } ?? "DROP DEFAULT")
    case .addConstraint(let constraint):
      return "ADD CONSTRAINT \(w.identifier(constraint.name)) \(constraint.definition)"
    case .dropConstraint(let name): return "DROP CONSTRAINT \(w.identifier(name))"
    case .setLogged(let logged): return logged ? "SET LOGGED" : "SET UNLOGGED"
    }
  }
}
