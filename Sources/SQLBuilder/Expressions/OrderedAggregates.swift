// Aggregates whose result depends on the order of their input, with the order in the call:
// `jsonb_agg(x ORDER BY y)`, `string_agg(x, ', ' ORDER BY y)`, `array_agg(x ORDER BY y)`.
// Over no rows each is NULL, so each is typed nullable.

/// `jsonb_agg(x ORDER BY …)`: the values as a JSON array, in that order.
/// ```swift
/// jsonbAgg(p.status, orderBy: p.placedAt)   // jsonb_agg(p.status ORDER BY p.placed_at)
/// ```
public func jsonbAgg<B: SQLType>(
  _ x: SQLExpression<B, some Nullability>, orderBy ordering: any SQLOrderingTerm...
) -> SQLExpression<PG.JSONB, Nullable> {
  .init(unchecked: orderedAggregate("jsonb_agg", [x.node], ordering))
}

/// `string_agg(x, separator ORDER BY …)`: the texts joined by `separator`, in that order,
/// NULLs left out.
public func stringAgg(
  _ x: SQLExpression<PG.Text, some Nullability>, separator: String,
  orderBy ordering: any SQLOrderingTerm...
) -> SQLExpression<PG.Text, Nullable> {
  .init(
    unchecked: orderedAggregate("string_agg", [x.node, .literal(.string(separator))], ordering))
}

/// `array_agg(x ORDER BY …)`: the values as an array, in that order, NULLs included.
public func arrayAgg<B: SQLType>(
  _ x: SQLExpression<B, some Nullability>, orderBy ordering: any SQLOrderingTerm...
) -> SQLExpression<PG.Array<B>, Nullable> {
  .init(unchecked: orderedAggregate("array_agg", [x.node], ordering))
}

private func orderedAggregate(
  _ name: String, _ arguments: [SQLNode], _ ordering: [any SQLOrderingTerm]
) -> SQLNode {
  ordering.isEmpty
    ? .function(name: name, arguments: arguments, isAggregate: true, filter: nil)
    : .orderedAggregate(name: name, arguments: arguments, ordering: ordering.map(\.orderingTerm))
}

/// `jsonb_build_object(key, value, …)`: an object of the pairs, in order; a NULL value is JSON
/// `null`.
/// ```swift
/// jsonbBuildObject(("id", c.id), ("region", c.region))
/// // jsonb_build_object('id', c.id, 'region', c.region)
/// ```
public func jsonbBuildObject<each B: SQLType, each N: Nullability>(
  _ pairs: repeat (String, SQLExpression<each B, each N>)
) -> SQLExpression<PG.JSONB, NotNull> {
  var nodes: [SQLNode] = []
  for pair in repeat each pairs {
    nodes.append(.literal(.string(pair.0)))
    nodes.append(pair.1.node)
  }
  return .init(
    unchecked: .function(
      name: "jsonb_build_object", arguments: nodes, isAggregate: false, filter: nil))
}

/// `jsonb_build_array(value, …)`: an array of the values, in order; a NULL value is JSON `null`.
public func jsonbBuildArray<each B: SQLType, each N: Nullability>(
  _ values: repeat SQLExpression<each B, each N>
) -> SQLExpression<PG.JSONB, NotNull> {
  var nodes: [SQLNode] = []
  for value in repeat each values { nodes.append(value.node) }
  return .init(
    unchecked: .function(
      name: "jsonb_build_array", arguments: nodes, isAggregate: false, filter: nil))
}
