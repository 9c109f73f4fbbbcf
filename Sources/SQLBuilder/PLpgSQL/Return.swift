/// `RETURN [value];`: leaves the function, with its result for a scalar function.
public struct Return: PLStatement, PLInspectable {
  let value: SQLNode?
  let typeName: String?

  /// `RETURN;`: leaves a function that returns void or a set.
  public init() {
    value = nil
    typeName = nil
  }

  /// `RETURN value;`: the result of a function that returns one value.
  public init<B: SQLType, N: Nullability>(_ value: SQLExpression<B, N>) {
    self.value = value.node
    typeName = B.sqlName
  }

  /// `RETURN NULL;`: what an AFTER trigger (or a BEFORE trigger skipping the row) returns.
  public static let null = Return(node: .literal(.null))

  /// `RETURN NEW;`: a BEFORE row trigger lets the (possibly changed) new row through.
  public static let new = Return(node: .variable("new"))

  /// `RETURN OLD;`: a BEFORE DELETE row trigger lets the delete happen.
  public static let old = Return(node: .variable("old"))

  private init(node: SQLNode) {
    value = node
    typeName = nil
  }

  package var expressions: [SQLNode] { value.map { [$0] } ?? [] }
  package var nested: [any PLStatement] { [] }

  public func render(into writer: inout SQLWriter) {
    guard let value else { return writer.line("RETURN;") }
    writer.line("RETURN \(writer.expression(value));")
  }
}

/// `RETURN QUERY query;`: adds the query's rows to a set-returning function's result; or
/// `RETURN QUERY INSERT … RETURNING …;` (or UPDATE, DELETE): adds the rows the statement wrote.
///
/// ```swift
/// ReturnQuery(Insert(into: Customers.self) { … }.onConflict(\.id) { … })
/// // RETURN QUERY INSERT INTO shop.customers … ON CONFLICT (id) DO UPDATE …
/// //   RETURNING id, name, …;
/// ```
public struct ReturnQuery: PLStatement, PLInspectable {
  /// The relation whose rows it returns.
  let output: QualifiedName
  let body: Body

  enum Body: Sendable {
    case select(SelectStatement)
    case modifying(ReturningRows)
  }

  /// Adds the rows of `query`, whose output must be the function's row type.
  public init<R: Relation>(_ query: Select<R>) {
    output = query.statement.output
    body = .select(query.statement)
  }

  /// Adds the rows of `query` as rows of `R.Shape`, which they are when `R` has exactly its
  /// shape's columns: a view shaped like the function's row type. When `R` has columns of its
  /// own, generation fails as for any other relation.
  public init<R: ShapedRelation>(_ query: Select<R>, asRowsOf _: R.Shape.Type) {
    let same = R.columns.map(\.name) == R.Shape.columns.map(\.name)
    output = same ? R.Shape.qualifiedName : query.statement.output
    body = .select(query.statement)
  }

  /// Adds the rows `insert` writes, every column of `T` returned: the function returns `SETOF T`.
  public init<T: Relation>(_ insert: Insert<T>) { self.init(modifying: insert) }

  /// Adds the rows `update` leaves, every column of `T` returned.
  public init<T: Relation>(_ update: Update<T>) { self.init(modifying: update) }

  /// Adds the rows `delete` removes, every column of `T` returned.
  public init<T: Relation>(_ delete: Delete<T>) { self.init(modifying: delete) }

  private init<S: ReturningStatement>(modifying statement: S) {
    output = S.Table.qualifiedName
    body = .modifying(statement.returningRows(S.Table.columns.map(\.name)))
  }

  package var expressions: [SQLNode] {
    switch body {
    case .select(let query): return [.existsQuery(query)]
    case .modifying(let rows): return rows.expressions
    }
  }
  package var nested: [any PLStatement] { [] }

  public func render(into writer: inout SQLWriter) {
    writer.line("RETURN QUERY")
    renderStatement(into: &writer)
    writer.append(";")
  }

  /// The query or statement, without `RETURN QUERY` and the semicolon.
  func renderStatement(into writer: inout SQLWriter) {
    switch body {
    case .select(let query): query.render(into: &writer)
    case .modifying(let rows): rows.render(&writer)
    }
  }
}

extension Return: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    if let value { QueryRules.check(expression: value, clause: "RETURN", in: &validator) }
  }
}

extension ReturnQuery: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    switch body {
    case .select(let query): QueryRules.check(query, in: &validator)
    case .modifying(let rows): rows.validate(&validator)
    }
  }
}
