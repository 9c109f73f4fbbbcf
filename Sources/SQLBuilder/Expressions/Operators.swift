// Operators keep PostgreSQL's typing: both sides of a comparison share a type, arithmetic
// yields PostgreSQL's result type, and the result may be NULL when either side may be.
// Each operator has one overload for a non-NULL right side (the left side's nullability
// carries over) and one for a nullable right side (the result is nullable).

func binary<B: SQLType, N: Nullability>(
  _ op: String, _ l: SQLNode, _ r: SQLNode, _ p: Precedence
) -> Expression<B, N> {
  .init(unchecked: .binary(op: op, left: l, right: r, precedence: p))
}

/// `l = r`.
public func == <B: SQLType, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, NotNull>
) -> Expression<PG.Boolean, L> { binary("=", l.node, r.node, .comparison) }

/// `l = r`, NULL when `r` is.
public func == <B: SQLType, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, Nullable>
) -> Expression<PG.Boolean, Nullable> { binary("=", l.node, r.node, .comparison) }

/// `l <> r`.
public func != <B: SQLType, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, NotNull>
) -> Expression<PG.Boolean, L> { binary("<>", l.node, r.node, .comparison) }

/// `l <> r`, NULL when `r` is.
public func != <B: SQLType, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, Nullable>
) -> Expression<PG.Boolean, Nullable> { binary("<>", l.node, r.node, .comparison) }

/// `l < r`.
public func < <B: SQLOrdered, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, NotNull>
) -> Expression<PG.Boolean, L> { binary("<", l.node, r.node, .comparison) }

/// `l < r`, NULL when `r` is.
public func < <B: SQLOrdered, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, Nullable>
) -> Expression<PG.Boolean, Nullable> { binary("<", l.node, r.node, .comparison) }

/// `l <= r`.
public func <= <B: SQLOrdered, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, NotNull>
) -> Expression<PG.Boolean, L> { binary("<=", l.node, r.node, .comparison) }

/// `l <= r`, NULL when `r` is.
public func <= <B: SQLOrdered, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, Nullable>
) -> Expression<PG.Boolean, Nullable> { binary("<=", l.node, r.node, .comparison) }

/// `l > r`.
public func > <B: SQLOrdered, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, NotNull>
) -> Expression<PG.Boolean, L> { binary(">", l.node, r.node, .comparison) }

/// `l > r`, NULL when `r` is.
public func > <B: SQLOrdered, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, Nullable>
) -> Expression<PG.Boolean, Nullable> { binary(">", l.node, r.node, .comparison) }

/// `l >= r`.
public func >= <B: SQLOrdered, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, NotNull>
) -> Expression<PG.Boolean, L> { binary(">=", l.node, r.node, .comparison) }

/// `l >= r`, NULL when `r` is.
public func >= <B: SQLOrdered, L: Nullability>(
  l: Expression<B, L>, r: Expression<B, Nullable>
) -> Expression<PG.Boolean, Nullable> { binary(">=", l.node, r.node, .comparison) }

/// `l AND r`.
public func && <L: Nullability>(
  l: Expression<PG.Boolean, L>, r: Expression<PG.Boolean, NotNull>
) -> Expression<PG.Boolean, L> { binary("AND", l.node, r.node, .and) }

/// `l AND r`, possibly NULL.
public func && <L: Nullability>(
  l: Expression<PG.Boolean, L>, r: Expression<PG.Boolean, Nullable>
) -> Expression<PG.Boolean, Nullable> { binary("AND", l.node, r.node, .and) }

/// `l OR r`.
public func || <L: Nullability>(
  l: Expression<PG.Boolean, L>, r: Expression<PG.Boolean, NotNull>
) -> Expression<PG.Boolean, L> { binary("OR", l.node, r.node, .or) }

/// `l OR r`, possibly NULL.
public func || <L: Nullability>(
  l: Expression<PG.Boolean, L>, r: Expression<PG.Boolean, Nullable>
) -> Expression<PG.Boolean, Nullable> { binary("OR", l.node, r.node, .or) }

/// `NOT x`.
public prefix func ! <N: Nullability>(x: Expression<PG.Boolean, N>) -> Expression<PG.Boolean, N> {
  .init(unchecked: .prefix(op: "NOT", operand: x.node, precedence: .not))
}

/// `l + r` with a `Integer` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Integer, NotNull>
) -> Expression<B.WithInteger, L> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a nullable `Integer` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Integer, Nullable>
) -> Expression<B.WithInteger, Nullable> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a `BigInt` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.BigInt, NotNull>
) -> Expression<B.WithBigInt, L> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a nullable `BigInt` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.BigInt, Nullable>
) -> Expression<B.WithBigInt, Nullable> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a `Numeric` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Numeric, NotNull>
) -> Expression<B.WithNumeric, L> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a nullable `Numeric` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Numeric, Nullable>
) -> Expression<B.WithNumeric, Nullable> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a `DoublePrecision` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.DoublePrecision, NotNull>
) -> Expression<B.WithDouble, L> { binary("+", l.node, r.node, .additive) }

/// `l + r` with a nullable `DoublePrecision` right side.
public func + <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.DoublePrecision, Nullable>
) -> Expression<B.WithDouble, Nullable> { binary("+", l.node, r.node, .additive) }

/// `l - r` with a `Integer` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Integer, NotNull>
) -> Expression<B.WithInteger, L> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a nullable `Integer` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Integer, Nullable>
) -> Expression<B.WithInteger, Nullable> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a `BigInt` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.BigInt, NotNull>
) -> Expression<B.WithBigInt, L> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a nullable `BigInt` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.BigInt, Nullable>
) -> Expression<B.WithBigInt, Nullable> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a `Numeric` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Numeric, NotNull>
) -> Expression<B.WithNumeric, L> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a nullable `Numeric` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Numeric, Nullable>
) -> Expression<B.WithNumeric, Nullable> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a `DoublePrecision` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.DoublePrecision, NotNull>
) -> Expression<B.WithDouble, L> { binary("-", l.node, r.node, .additive) }

/// `l - r` with a nullable `DoublePrecision` right side.
public func - <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.DoublePrecision, Nullable>
) -> Expression<B.WithDouble, Nullable> { binary("-", l.node, r.node, .additive) }

/// `l * r` with a `Integer` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Integer, NotNull>
) -> Expression<B.WithInteger, L> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a nullable `Integer` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Integer, Nullable>
) -> Expression<B.WithInteger, Nullable> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a `BigInt` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.BigInt, NotNull>
) -> Expression<B.WithBigInt, L> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a nullable `BigInt` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.BigInt, Nullable>
) -> Expression<B.WithBigInt, Nullable> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a `Numeric` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Numeric, NotNull>
) -> Expression<B.WithNumeric, L> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a nullable `Numeric` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Numeric, Nullable>
) -> Expression<B.WithNumeric, Nullable> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a `DoublePrecision` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.DoublePrecision, NotNull>
) -> Expression<B.WithDouble, L> { binary("*", l.node, r.node, .multiplicative) }

/// `l * r` with a nullable `DoublePrecision` right side.
public func * <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.DoublePrecision, Nullable>
) -> Expression<B.WithDouble, Nullable> { binary("*", l.node, r.node, .multiplicative) }

/// `l / r` with a `Integer` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Integer, NotNull>
) -> Expression<B.WithInteger, L> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a nullable `Integer` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Integer, Nullable>
) -> Expression<B.WithInteger, Nullable> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a `BigInt` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.BigInt, NotNull>
) -> Expression<B.WithBigInt, L> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a nullable `BigInt` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.BigInt, Nullable>
) -> Expression<B.WithBigInt, Nullable> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a `Numeric` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Numeric, NotNull>
) -> Expression<B.WithNumeric, L> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a nullable `Numeric` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.Numeric, Nullable>
) -> Expression<B.WithNumeric, Nullable> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a `DoublePrecision` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.DoublePrecision, NotNull>
) -> Expression<B.WithDouble, L> { binary("/", l.node, r.node, .multiplicative) }

/// `l / r` with a nullable `DoublePrecision` right side.
public func / <B: SQLNumber, L: Nullability>(
  l: Expression<B, L>, r: Expression<PG.DoublePrecision, Nullable>
) -> Expression<B.WithDouble, Nullable> { binary("/", l.node, r.node, .multiplicative) }
