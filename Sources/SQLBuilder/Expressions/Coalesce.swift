// COALESCE returns its first non-NULL argument, so it is non-NULL exactly when its last
// argument is: `coalesce(override, location, account, 120)` reads as the settings hierarchy.

func coalesceNode(_ nodes: [SQLNode]) -> SQLNode {
  .function(name: "COALESCE", arguments: nodes, isAggregate: false, filter: nil)
}

/// `COALESCE(a, b)`.
public func coalesce<B: SQLType, N1: Nullability, Last: Nullability>(
  _ a: SQLExpression<B, N1>, _ last: SQLExpression<B, Last>
) -> SQLExpression<B, Last> { .init(unchecked: coalesceNode([a.node, last.node])) }

/// `COALESCE(a, b, c)`.
public func coalesce<B: SQLType, N1: Nullability, N2: Nullability, Last: Nullability>(
  _ a: SQLExpression<B, N1>, _ b: SQLExpression<B, N2>, _ last: SQLExpression<B, Last>
) -> SQLExpression<B, Last> { .init(unchecked: coalesceNode([a.node, b.node, last.node])) }

/// `COALESCE(a, b, c, d)`.
public func coalesce<
  B: SQLType, N1: Nullability, N2: Nullability, N3: Nullability, Last: Nullability
>(
  _ a: SQLExpression<B, N1>, _ b: SQLExpression<B, N2>, _ c: SQLExpression<B, N3>,
  _ last: SQLExpression<B, Last>
) -> SQLExpression<B, Last> {
  .init(unchecked: coalesceNode([a.node, b.node, c.node, last.node]))
}

/// `COALESCE(a, b, c, d, e)`.
public func coalesce<
  B: SQLType, N1: Nullability, N2: Nullability, N3: Nullability, N4: Nullability,
  Last: Nullability
>(
  _ a: SQLExpression<B, N1>, _ b: SQLExpression<B, N2>, _ c: SQLExpression<B, N3>,
  _ d: SQLExpression<B, N4>, _ last: SQLExpression<B, Last>
) -> SQLExpression<B, Last> {
  .init(unchecked: coalesceNode([a.node, b.node, c.node, d.node, last.node]))
}
