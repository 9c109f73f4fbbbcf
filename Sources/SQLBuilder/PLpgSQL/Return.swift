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

/// `RETURN QUERY query;`: adds the query's rows to a set-returning function's result.
public struct ReturnQuery: PLStatement, PLInspectable {
  let query: SelectStatement

  /// Adds the rows of `query`, whose output must be the function's row type.
  public init<R: Relation>(_ query: Select<R>) { self.query = query.statement }

  package var expressions: [SQLNode] { [.existsQuery(query)] }
  package var nested: [any PLStatement] { [] }

  public func render(into writer: inout SQLWriter) {
    writer.line("RETURN QUERY")
    query.render(into: &writer)
    writer.append(";")
  }
}

extension Return: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    if let value { QueryRules.check(expression: value, clause: "RETURN", in: &validator) }
  }
}

extension ReturnQuery: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { QueryRules.check(query, in: &validator) }
}
