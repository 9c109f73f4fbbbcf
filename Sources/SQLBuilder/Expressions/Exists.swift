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

/// `NOT EXISTS (SELECT 1 FROM … WHERE …)`: whether the subquery finds no row.
public func notExists(_ build: (SelectBuilder) -> Void) -> SQLExpression<PG.Boolean, NotNull> {
  !exists(build)
}
