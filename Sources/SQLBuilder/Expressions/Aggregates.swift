// Aggregates with PostgreSQL's result types: COUNT is bigint and never NULL, SUM widens
// (`SUM(integer)` is bigint) and is NULL over no rows, MIN and MAX keep their argument's type.

func aggregate<B: SQLType, N: Nullability>(
  _ name: String, _ argument: SQLNode, _ filter: SQLNode?
) -> SQLExpression<B, N> {
  .init(unchecked: .function(name: name, arguments: [argument], isAggregate: true, filter: filter))
}

/// `COUNT(*)`: the rows of the group.
public func count() -> SQLExpression<PG.BigInt, NotNull> {
  .init(unchecked: .countAll(filter: nil))
}

/// `COUNT(*) FILTER (WHERE condition)`: the rows of the group where `condition` holds.
public func count(filter: SQLExpression<PG.Boolean, some Nullability>) -> SQLExpression<
  PG.BigInt, NotNull
> {
  .init(unchecked: .countAll(filter: filter.node))
}

/// `COUNT(x)`: the rows where `x` is not NULL.
public func count<B: SQLType>(_ x: SQLExpression<B, some Nullability>) -> SQLExpression<
  PG.BigInt, NotNull
> {
  aggregate("COUNT", x.node, nil)
}

/// `SUM(x)`, NULL when no row contributes.
public func sum<B: SQLSummable>(_ x: SQLExpression<B, some Nullability>) -> SQLExpression<
  B.Sum, Nullable
> {
  aggregate("SUM", x.node, nil)
}

/// `SUM(x) FILTER (WHERE condition)`, NULL when no row contributes.
public func sum<B: SQLSummable>(
  _ x: SQLExpression<B, some Nullability>, filter: SQLExpression<PG.Boolean, some Nullability>
) -> SQLExpression<B.Sum, Nullable> { aggregate("SUM", x.node, filter.node) }

/// `MAX(x)`, NULL when no row contributes.
public func max<B: SQLOrdered>(_ x: SQLExpression<B, some Nullability>) -> SQLExpression<
  B, Nullable
> {
  aggregate("MAX", x.node, nil)
}

/// `MIN(x)`, NULL when no row contributes.
public func min<B: SQLOrdered>(_ x: SQLExpression<B, some Nullability>) -> SQLExpression<
  B, Nullable
> {
  aggregate("MIN", x.node, nil)
}

/// `COUNT(DISTINCT x)`: the distinct non-NULL values of the group.
public func count<B: SQLType>(distinct x: SQLExpression<B, some Nullability>) -> SQLExpression<
  PG.BigInt, NotNull
> {
  .init(unchecked: .countDistinct(x.node, filter: nil))
}

/// A type `AVG` accepts, with the type it returns (`AVG(integer)` is numeric).
public protocol SQLAveragable: SQLType {
  /// The type of `AVG(x)`.
  associatedtype Average: SQLType
}
extension PG.SmallInt: SQLAveragable { public typealias Average = PG.Numeric }
extension PG.Integer: SQLAveragable { public typealias Average = PG.Numeric }
extension PG.BigInt: SQLAveragable { public typealias Average = PG.Numeric }
extension PG.Numeric: SQLAveragable { public typealias Average = PG.Numeric }
extension PG.Real: SQLAveragable { public typealias Average = PG.DoublePrecision }
extension PG.DoublePrecision: SQLAveragable { public typealias Average = PG.DoublePrecision }
extension PG.Interval: SQLAveragable { public typealias Average = PG.Interval }

/// `AVG(x)`, NULL when no row contributes.
public func avg<B: SQLAveragable>(_ x: SQLExpression<B, some Nullability>) -> SQLExpression<
  B.Average, Nullable
> {
  aggregate("AVG", x.node, nil)
}

/// `BOOL_OR(x)`: whether any row's `x` is true; NULL when no row contributes.
public func boolOr(_ x: SQLExpression<PG.Boolean, some Nullability>) -> SQLExpression<
  PG.Boolean, Nullable
> {
  aggregate("BOOL_OR", x.node, nil)
}

/// `BOOL_AND(x)`: whether every row's `x` is true; NULL when no row contributes.
public func boolAnd(_ x: SQLExpression<PG.Boolean, some Nullability>) -> SQLExpression<
  PG.Boolean, Nullable
> {
  aggregate("BOOL_AND", x.node, nil)
}
