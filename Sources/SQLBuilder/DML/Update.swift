/// `UPDATE table alias SET … [FROM …] [WHERE …] [RETURNING …];`
///
/// ```swift
/// Update(Customers.self, as: "c") { q, c, set in
///   set.region("EU")
///   q.where(c.region.isNull)
/// }
/// // UPDATE shop.customers c SET region = 'EU' WHERE c.region IS NULL;
/// ```
/// Sources added with `q.from` render as UPDATE's FROM list.
public struct Update<Table: Relation>: SQLStatement, PLStatement, PLInspectable {
  let target: SourceReference
  let assignments: [SelectItem]
  let core: SelectCore
  let problems: [StatementRules.Finding]
  var returning: [String] = []

  /// Updates `Table` read as `alias`; the closure sets columns and adds FROM and WHERE.
  public init(
    _ table: Table.Type, as alias: String? = nil,
    _ build: (SelectBuilder, Source<Table>, Projection<Table>) -> Void
  ) {
    let source = Source<Table>(alias: alias)
    let builder = SelectBuilder()
    let set = Projection<Table>()
    build(builder, source, set)
    target = source.reference
    let (items, repeated) = set.assignedItems()
    assignments = items
    problems = repeated.map(StatementRules.Finding.columnSetTwice)
    core = builder.core
  }

  package var expressions: [SQLNode] { assignments.map(\.node) + [.subquery(core)] }
  package var nested: [any PLStatement] { [] }

  /// `RETURNING columns…`: the updated rows' new values.
  public func returning(_ columns: PartialKeyPath<Table>...) -> Self {
    var copy = self
    copy.returning += columns.map(Table.columnName)
    return copy
  }

  public func render(into w: inout SQLWriter) {
    renderBody(into: &w)
    w.append(";")
  }

  func renderBody(into w: inout SQLWriter) {
    w.line("UPDATE \(w.fromItem(target))")
    w.line("SET")
    w.indented { s in
      for (index, item) in assignments.enumerated() {
        let text = "\(s.identifier(item.name)) = \(s.expression(item.node))"
        s.line(index == assignments.count - 1 ? text : text + ",")
      }
    }
    renderFromAndWhere(core, keyword: "FROM", into: &w)
    if !returning.isEmpty {
      w.line("RETURNING " + returning.map { w.identifier($0) }.joined(separator: ", "))
    }
  }
}

extension Update: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("UPDATE \(Table.qualifiedName)") { v in
      problems.forEach { v.report($0) }
      if assignments.isEmpty { v.report(StatementRules.Finding.updateSetsNoColumn) }
      returning.forEach { v.identifier($0) }
      QueryRules.check(dml: core, target: target, values: assignments, in: &v)
    }
  }
}

/// `DELETE FROM table alias [USING …] [WHERE …] [RETURNING …];`
///
/// ```swift
/// Delete(from: Purchases.self, as: "p") { q, p in q.where(p.status == "void") }
/// // DELETE FROM shop.purchases p WHERE p.status = 'void';
/// ```
public struct Delete<Table: Relation>: SQLStatement, PLStatement, PLInspectable {
  let target: SourceReference
  let core: SelectCore
  var returning: [String] = []

  /// Deletes from `Table` read as `alias`; sources added with `q.from` render as USING.
  public init(
    from table: Table.Type, as alias: String? = nil, _ build: (SelectBuilder, Source<Table>) -> Void
  ) {
    let source = Source<Table>(alias: alias)
    let builder = SelectBuilder()
    build(builder, source)
    target = source.reference
    core = builder.core
  }

  package var expressions: [SQLNode] { [.subquery(core)] }
  package var nested: [any PLStatement] { [] }

  /// `RETURNING columns…`: the deleted rows' values.
  public func returning(_ columns: PartialKeyPath<Table>...) -> Self {
    var copy = self
    copy.returning += columns.map(Table.columnName)
    return copy
  }

  public func render(into w: inout SQLWriter) {
    renderBody(into: &w)
    w.append(";")
  }

  func renderBody(into w: inout SQLWriter) {
    w.line("DELETE FROM \(w.fromItem(target))")
    renderFromAndWhere(core, keyword: "USING", into: &w)
    if !returning.isEmpty {
      w.line("RETURNING " + returning.map { w.identifier($0) }.joined(separator: ", "))
    }
  }
}

extension Delete: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("DELETE FROM \(Table.qualifiedName)") { v in
      returning.forEach { v.identifier($0) }
      QueryRules.check(dml: core, target: target, values: [], in: &v)
    }
  }
}

/// `TRUNCATE tables…;`: removes every row at once (and fires TRUNCATE triggers, not DELETE ones).
public struct Truncate: SQLStatement, PLStatement {
  let tables: [QualifiedName]

  /// Empties `tables`.
  public init(_ tables: any Relation.Type...) { self.tables = tables.map { $0.qualifiedName } }

  public func render(into writer: inout SQLWriter) {
    writer.line("TRUNCATE " + tables.map { writer.name($0) }.joined(separator: ", ") + ";")
  }
}

extension Truncate: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    if tables.isEmpty { validator.report(StatementRules.Finding.truncateNamesNoTable) }
    tables.forEach { validator.name($0) }
  }
}

/// The FROM (UPDATE) or USING (DELETE) list and WHERE of a DML statement.
private func renderFromAndWhere(_ core: SelectCore, keyword: String, into w: inout SQLWriter) {
  if let from = core.from {
    w.line("\(keyword) \(w.fromItem(from))")
    for join in core.joins { w.line(w.join(join)) }
  }
  if let condition = core.condition { w.conditionLines("WHERE", condition).forEach { w.line($0) } }
}
