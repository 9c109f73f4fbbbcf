// Comparisons beyond the operators: BETWEEN, LIKE, NULLIF, GREATEST and LEAST.

extension SQLExpression where Base: SQLOrdered {
  /// `x BETWEEN low AND high`, both ends included.
  public func between(_ low: SQLExpression<Base, NotNull>, and high: SQLExpression<Base, NotNull>)
    -> SQLExpression<PG.Boolean, Null>
  {
    .init(unchecked: .between(node, low: low.node, high: high.node))
  }
}

extension SQLExpression where Base == PG.Text {
  /// `x LIKE pattern`: `%` matches any run of characters, `_` one character; case matters.
  public func like(_ pattern: SQLExpression<PG.Text, NotNull>) -> SQLExpression<PG.Boolean, Null> {
    binary("LIKE", node, pattern.node, .membership)
  }

  /// `x ILIKE pattern`: LIKE ignoring case.
  public func ilike(_ pattern: SQLExpression<PG.Text, NotNull>) -> SQLExpression<PG.Boolean, Null> {
    binary("ILIKE", node, pattern.node, .membership)
  }

  /// `x SIMILAR TO pattern`: the whole text matches a SQL regular expression (`%`, `_`, `|`,
  /// `*`, `+`, `( )`, `[ ]`).
  public func similar(to pattern: SQLExpression<PG.Text, NotNull>) -> SQLExpression<
    PG.Boolean, Null
  > {
    binary("SIMILAR TO", node, pattern.node, .membership)
  }
}

/// Text concatenation, SQL's `||` (Swift's `||` is the boolean OR).
infix operator ++ : AdditionPrecedence

/// `l || r`: the texts joined.
public func ++ <L: Nullability>(l: SQLExpression<PG.Text, L>, r: SQLExpression<PG.Text, NotNull>)
  -> SQLExpression<PG.Text, L>
{ binary("||", l.node, r.node, .otherOperator) }

/// `l || r`, NULL when `r` is.
public func ++ <L: Nullability>(l: SQLExpression<PG.Text, L>, r: SQLExpression<PG.Text, Nullable>)
  -> SQLExpression<PG.Text, Nullable>
{ binary("||", l.node, r.node, .otherOperator) }

/// `NULLIF(x, y)`: NULL when `x = y`, else `x`; e.g. a divisor that must not be zero.
public func nullif<B: SQLType, N: Nullability>(
  _ x: SQLExpression<B, N>, _ y: SQLExpression<B, NotNull>
) -> SQLExpression<B, Nullable> {
  .init(
    unchecked: .function(
      name: "NULLIF", arguments: [x.node, y.node], isAggregate: false, filter: nil))
}

/// `GREATEST(a, b, …)`: the largest argument, ignoring NULLs (NULL only when all are).
public func greatest<B: SQLOrdered, N: Nullability>(
  _ first: SQLExpression<B, N>, _ rest: SQLExpression<B, NotNull>...
) -> SQLExpression<B, N> {
  .init(
    unchecked: .function(
      name: "GREATEST", arguments: [first.node] + rest.map(\.node), isAggregate: false, filter: nil)
  )
}

/// `LEAST(a, b, …)` of arguments that may all be NULL: the smallest of those that are not,
/// NULL when none is.
public func least<B: SQLOrdered>(
  _ first: SQLExpression<B, Nullable>, _ second: SQLExpression<B, Nullable>,
  _ rest: SQLExpression<B, Nullable>...
) -> SQLExpression<B, Nullable> {
  .init(
    unchecked: .function(
      name: "LEAST", arguments: [first.node, second.node] + rest.map(\.node), isAggregate: false,
      filter: nil))
}

/// `LEAST(a, b, …)`: the smallest argument, ignoring NULLs (NULL only when all are).
public func least<B: SQLOrdered, N: Nullability>(
  _ first: SQLExpression<B, N>, _ rest: SQLExpression<B, NotNull>...
) -> SQLExpression<B, N> {
  .init(
    unchecked: .function(
      name: "LEAST", arguments: [first.node] + rest.map(\.node), isAggregate: false, filter: nil))
}
