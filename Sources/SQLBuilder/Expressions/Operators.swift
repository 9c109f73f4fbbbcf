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

/// `l + r` with a `Integer` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Integer, NotNull>
) -> SQLExpression<B.WithInteger, L> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a nullable `Integer` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Integer, Nullable>
) -> SQLExpression<B.WithInteger, Nullable> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a `BigInt` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.BigInt, NotNull>
) -> SQLExpression<B.WithBigInt, L> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a nullable `BigInt` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.BigInt, Nullable>
) -> SQLExpression<B.WithBigInt, Nullable> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a `Numeric` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Numeric, NotNull>
) -> SQLExpression<B.WithNumeric, L> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a nullable `Numeric` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Numeric, Nullable>
) -> SQLExpression<B.WithNumeric, Nullable> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a `DoublePrecision` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.DoublePrecision, NotNull>
) -> SQLExpression<B.WithDouble, L> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a nullable `DoublePrecision` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.DoublePrecision, Nullable>
) -> SQLExpression<B.WithDouble, Nullable> { binary("+", l.node, r.node, .additive) }

/// `l - r` with a `Integer` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Integer, NotNull>
) -> SQLExpression<B.WithInteger, L> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a nullable `Integer` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Integer, Nullable>
) -> SQLExpression<B.WithInteger, Nullable> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a `BigInt` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.BigInt, NotNull>
) -> SQLExpression<B.WithBigInt, L> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a nullable `BigInt` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.BigInt, Nullable>
) -> SQLExpression<B.WithBigInt, Nullable> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a `Numeric` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Numeric, NotNull>
) -> SQLExpression<B.WithNumeric, L> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a nullable `Numeric` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Numeric, Nullable>
) -> SQLExpression<B.WithNumeric, Nullable> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a `DoublePrecision` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.DoublePrecision, NotNull>
) -> SQLExpression<B.WithDouble, L> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a nullable `DoublePrecision` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.DoublePrecision, Nullable>
) -> SQLExpression<B.WithDouble, Nullable> { binary("-", l.node, r.node, .additive) }

/// `l * r` with a `Integer` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Integer, NotNull>
) -> SQLExpression<B.WithInteger, L> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a nullable `Integer` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Integer, Nullable>
) -> SQLExpression<B.WithInteger, Nullable> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a `BigInt` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.BigInt, NotNull>
) -> SQLExpression<B.WithBigInt, L> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a nullable `BigInt` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.BigInt, Nullable>
) -> SQLExpression<B.WithBigInt, Nullable> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a `Numeric` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Numeric, NotNull>
) -> SQLExpression<B.WithNumeric, L> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a nullable `Numeric` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Numeric, Nullable>
) -> SQLExpression<B.WithNumeric, Nullable> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a `DoublePrecision` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.DoublePrecision, NotNull>
) -> SQLExpression<B.WithDouble, L> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a nullable `DoublePrecision` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.DoublePrecision, Nullable>
) -> SQLExpression<B.WithDouble, Nullable> { binary("*", l.node, r.node, .multiplicative) }

/// `l / r` with a `Integer` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Integer, NotNull>
) -> SQLExpression<B.WithInteger, L> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a nullable `Integer` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Integer, Nullable>
) -> SQLExpression<B.WithInteger, Nullable> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a `BigInt` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.BigInt, NotNull>
) -> SQLExpression<B.WithBigInt, L> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a nullable `BigInt` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.BigInt, Nullable>
) -> SQLExpression<B.WithBigInt, Nullable> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a `Numeric` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Numeric, NotNull>
) -> SQLExpression<B.WithNumeric, L> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a nullable `Numeric` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Numeric, Nullable>
) -> SQLExpression<B.WithNumeric, Nullable> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a `DoublePrecision` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.DoublePrecision, NotNull>
) -> SQLExpression<B.WithDouble, L> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a nullable `DoublePrecision` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.DoublePrecision, Nullable>
) -> SQLExpression<B.WithDouble, Nullable> { binary("/", l.node, r.node, .multiplicative) }
