// Operators keep PostgreSQL's typing: both sides of a comparison share a type, arithmetic
// yields PostgreSQL's result type, and the result may be NULL when either side may be.
// Each operator has one overload for a non-NULL right side (the left side's nullability
// carries over) and one for a nullable right side (the result is nullable).

func binary<B: SQLType, N: Nullability>(
  _ op: String, _ l: SQLNode, _ r: SQLNode, _ p: Precedence
) -> SQLExpression<B, N> {
  .init(unchecked: .binary(op: op, left: l, right: r, precedence: p))
}

/// `l = r`.
public func == <B: SQLType, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, NotNull>
) -> SQLExpression<PG.Boolean, L> { binary("=", l.node, r.node, .comparison) }

/// `l = r`, NULL when `r` is.
public func == <B: SQLType, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, Nullable>
) -> SQLExpression<PG.Boolean, Nullable> { binary("=", l.node, r.node, .comparison) }

/// `l <> r`.
public func != <B: SQLType, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, NotNull>
) -> SQLExpression<PG.Boolean, L> { binary("<>", l.node, r.node, .comparison) }

/// `l <> r`, NULL when `r` is.
public func != <B: SQLType, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, Nullable>
) -> SQLExpression<PG.Boolean, Nullable> { binary("<>", l.node, r.node, .comparison) }

/// `l < r`.
public func < <B: SQLOrdered, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, NotNull>
) -> SQLExpression<PG.Boolean, L> { binary("<", l.node, r.node, .comparison) }

/// `l < r`, NULL when `r` is.
public func < <B: SQLOrdered, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, Nullable>
) -> SQLExpression<PG.Boolean, Nullable> { binary("<", l.node, r.node, .comparison) }

/// `l <= r`.
public func <= <B: SQLOrdered, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, NotNull>
) -> SQLExpression<PG.Boolean, L> { binary("<=", l.node, r.node, .comparison) }

/// `l <= r`, NULL when `r` is.
public func <= <B: SQLOrdered, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, Nullable>
) -> SQLExpression<PG.Boolean, Nullable> { binary("<=", l.node, r.node, .comparison) }

/// `l > r`.
public func > <B: SQLOrdered, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, NotNull>
) -> SQLExpression<PG.Boolean, L> { binary(">", l.node, r.node, .comparison) }

/// `l > r`, NULL when `r` is.
public func > <B: SQLOrdered, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, Nullable>
) -> SQLExpression<PG.Boolean, Nullable> { binary(">", l.node, r.node, .comparison) }

/// `l >= r`.
public func >= <B: SQLOrdered, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, NotNull>
) -> SQLExpression<PG.Boolean, L> { binary(">=", l.node, r.node, .comparison) }

/// `l >= r`, NULL when `r` is.
public func >= <B: SQLOrdered, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, Nullable>
) -> SQLExpression<PG.Boolean, Nullable> { binary(">=", l.node, r.node, .comparison) }

/// `l AND r`.
public func && <L: Nullability>(
  l: SQLExpression<PG.Boolean, L>, r: SQLExpression<PG.Boolean, NotNull>
) -> SQLExpression<PG.Boolean, L> { binary("AND", l.node, r.node, .and) }

/// `l AND r`, possibly NULL.
public func && <L: Nullability>(
  l: SQLExpression<PG.Boolean, L>, r: SQLExpression<PG.Boolean, Nullable>
) -> SQLExpression<PG.Boolean, Nullable> { binary("AND", l.node, r.node, .and) }

/// `l OR r`.
public func || <L: Nullability>(
  l: SQLExpression<PG.Boolean, L>, r: SQLExpression<PG.Boolean, NotNull>
) -> SQLExpression<PG.Boolean, L> { binary("OR", l.node, r.node, .or) }

/// `l OR r`, possibly NULL.
public func || <L: Nullability>(
  l: SQLExpression<PG.Boolean, L>, r: SQLExpression<PG.Boolean, Nullable>
) -> SQLExpression<PG.Boolean, Nullable> { binary("OR", l.node, r.node, .or) }

/// `NOT x`.
public prefix func ! <N: Nullability>(x: SQLExpression<PG.Boolean, N>) -> SQLExpression<
  PG.Boolean, N
> {
  .init(unchecked: .prefix(op: "NOT", operand: x.node, precedence: .not))
}
