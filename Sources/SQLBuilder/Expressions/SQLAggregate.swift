/// Any PostgreSQL aggregate, declared in one line with its argument and result types, like
/// ``SQLFunction``; its calls follow the rules of aggregates (not in WHERE, not nested, the
/// other select items grouped):
///
/// ```swift
/// let bitOr = SQLAggregate<PG.Integer, PG.Integer>("bit_or")
/// bitOr(p.quantity)   // bit_or(p.quantity), NULL over no rows
/// ```
/// Over no rows an aggregate is NULL, so every call is typed nullable.
public struct SQLAggregate<each Argument: SQLType, Result: SQLType>: Sendable {
  let name: String

  /// The built-in aggregate `name`.
  public init(_ name: String) { self.name = name }

  /// What the declaration says PostgreSQL has, to check against its catalog.
  public var declaration: FunctionDeclaration {
    var types: [String] = []
    for type in repeat (each Argument).self { types.append(type.sqlName) }
    return FunctionDeclaration(
      name: QualifiedName(name), argumentTypes: types, result: Result.sqlName)
  }

  /// `name(arguments…)`, or `name(arguments…) FILTER (WHERE condition)`.
  public func callAsFunction<each N: Nullability>(
    _ arguments: repeat SQLExpression<each Argument, each N>,
    filter: SQLExpression<PG.Boolean, some Nullability>? = SQLExpression<PG.Boolean, NotNull>?.none
  ) -> SQLExpression<Result, Nullable> {
    var nodes: [SQLNode] = []
    for argument in repeat each arguments { nodes.append(argument.node) }
    // The name is quoted as an identifier where it needs it: no text reaches SQL unquoted.
    return .init(
      unchecked: .function(
        name: PostgreSQL.identifier(name), arguments: nodes, isAggregate: true,
        filter: filter?.node))
  }
}
