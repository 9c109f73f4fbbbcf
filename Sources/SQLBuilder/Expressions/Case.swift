/// One arm of a ``Case(else:_:)`` expression: `WHEN condition THEN result`.
public struct When<B: SQLType, N: Nullability>: Sendable {
  let clause: WhenClause

  /// `WHEN condition THEN result`.
  public init<C: Nullability>(
    _ condition: SQLExpression<PG.Boolean, C>, then result: SQLExpression<B, N>
  ) {
    clause = WhenClause(condition: condition.node, result: result.node)
  }
}

extension When where N == Nullable {
  /// `WHEN condition THEN NULL`.
  public init<C: Nullability>(_ condition: SQLExpression<PG.Boolean, C>, then _: SQLNull) {
    clause = WhenClause(condition: condition.node, result: SQLNull.node(B.self))
  }
}

/// Collects the arms of a CASE expression.
@resultBuilder
public enum WhenBuilder<B: SQLType, N: Nullability> {
  public static func buildBlock(_ arms: When<B, N>...) -> [When<B, N>] { arms }
}

/// `CASE WHEN … THEN … ELSE otherwise END`; every arm and the ELSE share a type and nullability.
public func Case<B: SQLType, N: Nullability>(
  else otherwise: SQLExpression<B, N>, @WhenBuilder<B, N> _ arms: () -> [When<B, N>]
) -> SQLExpression<B, N> {
  .init(unchecked: .caseWhen(arms().map(\.clause), otherwise: otherwise.node))
}

/// `CASE WHEN … THEN … END` without ELSE, which is NULL when no arm matches.
public func Case<B: SQLType, N: Nullability>(
  @WhenBuilder<B, N> _ arms: () -> [When<B, N>]
) -> SQLExpression<B, Nullable> {
  .init(unchecked: .caseWhen(arms().map(\.clause), otherwise: nil))
}
