/// `INSERT INTO table (columns) VALUES (…) | SELECT … [ON CONFLICT …] [RETURNING …];`
///
/// ```swift
/// Insert(into: Customers.self) { row in
///   row.name("Ada")
///   row.region(.null)
/// }
/// .onConflict(\.name, doUpdate: { set, existing, excluded in set.region(excluded.region) })
/// ```
/// A NOT NULL column without a default must be set, or generation fails naming it.
public struct Insert<Table: Relation>: SQLStatement, PLStatement, PLInspectable {
  var rows: [[SelectItem]] = []
  var query: SelectStatement?
  var problems: [StatementRules.Finding] = []
  var conflict: Conflict?
  var returning: [String] = []
  /// `WITH` entries before the INSERT (see ``with(_:insert:)``).
  var commonTables: [CommonTableEntry] = []

  struct Conflict {
    let columns: [String]
    let assignments: [SelectItem]?
    let condition: SQLNode?
  }

  /// `INSERT INTO table (columns) VALUES (values)`: one row, its columns set in the closure.
  public init(into _: Table.Type, _ row: (Projection<Table>) -> Void) {
    self = Self().values(row)
  }

  /// `INSERT INTO table (columns) SELECT …`: the query's output columns, which must be columns
  /// of `Table` with the same types.
  public init<Output: Relation>(into _: Table.Type, _ query: Select<Output>) {
    self.query = query.statement
  }

  private init() {}

  package var expressions: [SQLNode] {
    let tables = commonTables.flatMap { entry -> [SQLNode] in
      switch entry.body {
      case .query(let query): return [.existsQuery(query)]
      case .modifying(let table): return table.expressions
      }
    }
    return tables + rows.flatMap { $0.map(\.node) } + (query.map { [.existsQuery($0)] } ?? [])
      + (conflict?.assignments?.map(\.node) ?? [])
  }
  package var nested: [any PLStatement] { [] }

  /// Another row of `VALUES`; it must set the same columns as the first.
  public func values(_ row: (Projection<Table>) -> Void) -> Self {
    let projection = Projection<Table>()
    row(projection)
    var copy = self
    let (items, repeated) = projection.assignedItems()
    copy.rows.append(items)
    copy.problems += repeated.map(StatementRules.Finding.columnSetTwice)
    return copy
  }

  /// `ON CONFLICT (columns) DO NOTHING`: rows whose key exists are skipped.
  public func onConflictDoNothing(_ columns: PartialKeyPath<Table>...) -> Self {
    var copy = self
    copy.conflict = Conflict(
      columns: columns.map(Table.columnName), assignments: nil, condition: nil)
    return copy
  }

  /// `ON CONFLICT (columns) DO UPDATE SET … [WHERE …]`: the closure sets columns from the
  /// existing row (`table.col`) and the proposed one (`excluded.col`), and may return a
  /// condition for the update.
  public func onConflict(
    _ columns: PartialKeyPath<Table>...,
    doUpdate: (Projection<Table>, Source<Table>, Source<Table>) -> Void
  ) -> Self {
    let set = Projection<Table>()
    doUpdate(set, Source(alias: Table.qualifiedName.name), Source(alias: "excluded"))
    var copy = self
    let (items, repeated) = set.assignedItems()
    copy.problems += repeated.map(StatementRules.Finding.columnSetTwice)
    copy.conflict = Conflict(
      columns: columns.map(Table.columnName), assignments: items, condition: nil)
    return copy
  }

  /// `RETURNING columns…`: the inserted rows' values.
  public func returning(_ columns: PartialKeyPath<Table>...) -> Self {
    var copy = self
    copy.returning += columns.map(Table.columnName)
    return copy
  }

  /// The columns the INSERT names: the query's output columns, or those the rows set.
  private var insertedColumns: [String] {
    query?.columns.map(\.name) ?? rows.first?.map(\.name) ?? []
  }

  public func render(into w: inout SQLWriter) {
    w.commonTables(commonTables)
    renderBody(into: &w)
    w.append(";")
  }

  func renderBody(into w: inout SQLWriter) {
    let list = insertedColumns.map { w.identifier($0) }.joined(separator: ", ")
    w.line("INSERT INTO \(w.name(Table.qualifiedName)) (\(list))")
    if let query {
      query.render(into: &w)
    } else {
      let tuples = rows.map { row in
        "(" + row.map { w.expression($0.node) }.joined(separator: ", ") + ")"
      }
      w.line("VALUES")
      w.indented { v in
        for (index, tuple) in tuples.enumerated() {
          v.line(index == tuples.count - 1 ? tuple : tuple + ",")
        }
      }
    }
    if let conflict { renderConflict(conflict, into: &w) }
    if !returning.isEmpty {
      w.line("RETURNING " + returning.map { w.identifier($0) }.joined(separator: ", "))
    }
  }

  private func renderConflict(_ conflict: Conflict, into w: inout SQLWriter) {
    let key = conflict.columns.map { w.identifier($0) }.joined(separator: ", ")
    guard let assignments = conflict.assignments else {
      return w.line("ON CONFLICT (\(key)) DO NOTHING")
    }
    w.line("ON CONFLICT (\(key)) DO UPDATE SET")
    w.indented { s in
      for (index, item) in assignments.enumerated() {
        let text = "\(s.identifier(item.name)) = \(s.expression(item.node))"
        s.line(index == assignments.count - 1 ? text : text + ",")
      }
    }
  }
}

extension Insert: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("INSERT INTO \(Table.qualifiedName)") { v in
      problems.forEach { v.report($0) }
      v.name(Table.qualifiedName)
      (insertedColumns + returning).forEach { v.identifier($0) }
      let tables = QueryRules.check(commonTables: commonTables, in: &v).union(
        v.commonTablesInScope)
      let findings: [InsertRules.Finding]
      if let query {
        QueryRules.check(query, commonTables: tables, in: &v)
        findings = InsertRules.check(
          query: query.output, columns: query.columns, into: Table.qualifiedName,
          declared: Table.columns)
      } else {
        rows.forEach { QueryRules.check(values: $0, in: &v) }
        findings = InsertRules.check(rows: rows.map { $0.map(\.name) })
      }
      (findings + InsertRules.check(setting: insertedColumns, of: Table.columns)).forEach {
        v.report($0)
      }
      if let conflict { validateConflict(conflict, &v) }
    }
  }

  private func validateConflict(_ conflict: Conflict, _ v: inout SQLValidator) {
    conflict.columns.forEach { v.identifier($0) }
    v.catalogue.conflictTargets.append(
      .init(
        table: Table.qualifiedName, columns: Set(conflict.columns),
        declaredKeys: Table.declaredUniqueKeys, insert: v.context))
    guard let assignments = conflict.assignments else { return }
    if assignments.isEmpty { v.report(InsertRules.Finding.conflictUpdateSetsNoColumn) }
    QueryRules.check(
      assignments: assignments,
      sources: [
        SourceReference(Table.self, alias: Table.qualifiedName.name),
        SourceReference(Table.self, alias: "excluded"),
      ],
      in: &v)
  }
}
