// Subqueries as values: a scalar subquery and IN (SELECT …). Both may read the enclosing
// query's sources.

/// `(SELECT value FROM … WHERE …)`: the one value a subquery returns, NULL when it returns no
/// row. The closure builds the FROM clause and returns the value.
///
/// ```swift
/// scalar { q in
///   let o = q.from(Orders.self, as: "o")
///   q.where(o.customerID == c.id)
///   return max(o.placedAt)
/// }
/// // (SELECT MAX(o.placed_at) FROM shop.orders o WHERE o.customer_id = c.id)
/// ```
public func scalar<B: SQLType, N: Nullability>(
  _ build: (SelectBuilder) -> SQLExpression<B, N>
) -> SQLExpression<B, Nullable> {
  let builder = SelectBuilder()
  let value = build(builder)
  var core = builder.core
  core.items = [SelectItem(node: value.node, name: "value", typeInfo: value.typeInfo)]
  return .init(unchecked: .subquery(core))
}

extension SQLExpression {
  /// `x IN (SELECT value FROM …)`: whether the subquery returns `x`.
  public func `in`<N: Nullability>(_ build: (SelectBuilder) -> SQLExpression<Base, N>)
    -> SQLExpression<PG.Boolean, Nullable>
  {
    let builder = SelectBuilder()
    let value = build(builder)
    var core = builder.core
    core.items = [SelectItem(node: value.node, name: "value", typeInfo: value.typeInfo)]
    return .init(unchecked: .inSubquery(node, core))
  }

  /// `x = ANY (ARRAY(SELECT value FROM …))`: whether the subquery returns `x`, as `in` does.
  /// PostgreSQL runs the subquery once and looks each value up, through an index on `x` when
  /// there is one; for `IN` of a CTE it cannot know how few rows come back, and may scan.
  public func isAny<N: Nullability>(_ build: (SelectBuilder) -> SQLExpression<Base, N>)
    -> SQLExpression<PG.Boolean, Nullable>
  {
    let builder = SelectBuilder()
    let value = build(builder)
    var core = builder.core
    core.items = [SelectItem(node: value.node, name: "value", typeInfo: value.typeInfo)]
    let array = SQLNode.function(
      name: "ARRAY", arguments: [.subquery(core)], isAggregate: false, filter: nil)
    return .init(
      unchecked: .binary(
        op: "= ANY", left: node, right: .parenthesized(array), precedence: .comparison))
  }
}
