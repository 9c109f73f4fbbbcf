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

// Ordered-set aggregates: a value of the group's values in order. Over no rows each is NULL.

/// `percentile_cont(fraction) WITHIN GROUP (ORDER BY x)`: the value at `fraction` (0 to 1) of
/// the ordered values, interpolated between the two nearest; `0.5` is the median.
/// ```swift
/// percentileCont(0.5, orderedBy: c.durationSeconds)
/// // percentile_cont(0.5) WITHIN GROUP (ORDER BY c.duration_seconds)
/// ```
public func percentileCont(
  _ fraction: Double, orderedBy x: SQLExpression<PG.DoublePrecision, some Nullability>
) -> SQLExpression<PG.DoublePrecision, Nullable> {
  .init(
    unchecked: .withinGroup(
      name: "percentile_cont", arguments: [.literal(.decimal(fraction))],
      ordering: [x.orderingTerm]))
}

/// `percentile_disc(fraction) WITHIN GROUP (ORDER BY x)`: the first value whose position in
/// the ordered values reaches `fraction`; one of the values, of their type.
public func percentileDisc<B: SQLOrdered>(
  _ fraction: Double, orderedBy x: SQLExpression<B, some Nullability>
) -> SQLExpression<B, Nullable> {
  .init(
    unchecked: .withinGroup(
      name: "percentile_disc", arguments: [.literal(.decimal(fraction))],
      ordering: [x.orderingTerm]))
}

/// `mode() WITHIN GROUP (ORDER BY x)`: the most frequent value, the first in order on a tie.
public func mode<B: SQLOrdered>(of x: SQLExpression<B, some Nullability>) -> SQLExpression<
  B, Nullable
> {
  .init(unchecked: .withinGroup(name: "mode", arguments: [], ordering: [x.orderingTerm]))
}
