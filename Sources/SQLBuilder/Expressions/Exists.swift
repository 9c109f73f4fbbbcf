/// `EXISTS (SELECT 1 FROM … WHERE …)`: whether the subquery finds a row.
///
/// ```swift
/// exists { q in
///   let l = q.from(PGLocks.self, as: "l")
///   q.where(l.granted)
/// }
/// // EXISTS (SELECT 1 FROM pg_catalog.pg_locks l WHERE l.granted)
/// ```
/// The subquery may read the enclosing query's sources (a correlated subquery).
public func exists(_ build: (SelectBuilder) -> Void) -> SQLExpression<PG.Boolean, NotNull> {
  let builder = SelectBuilder()
  build(builder)
  return .init(unchecked: .exists(builder.core))
}

/// `EXISTS (query)`: whether any query, with CTEs or set operators, returns a row.
public func exists<R: Relation>(_ query: Select<R>) -> SQLExpression<PG.Boolean, NotNull> {
  .init(unchecked: .existsQuery(query.statement))
}

/// `NOT EXISTS (SELECT 1 FROM … WHERE …)`: whether the subquery finds no row.
public func notExists(_ build: (SelectBuilder) -> Void) -> SQLExpression<PG.Boolean, NotNull> {
  !exists(build)
}
