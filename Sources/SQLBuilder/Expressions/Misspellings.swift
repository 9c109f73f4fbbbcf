// Operators a Swift programmer reaches for that mean something else in SQL, or nothing: each is
// declared unavailable, so the compiler's message says what to write instead.

/// `x = NULL` is NULL whatever `x` is.
@available(*, unavailable, message: "x = NULL is NULL whatever x is; write x.isNull")
public func == <B: SQLType, N: Nullability>(_: SQLExpression<B, N>, _: SQLNull) -> SQLExpression<
  PG.Boolean, Nullable
> { fatalError() }

/// `x <> NULL` is NULL whatever `x` is.
@available(*, unavailable, message: "x <> NULL is NULL whatever x is; write x.isNotNull")
public func != <B: SQLType, N: Nullability>(_: SQLExpression<B, N>, _: SQLNull) -> SQLExpression<
  PG.Boolean, Nullable
> { fatalError() }

/// Text has no `+`: SQL joins texts with `||`.
@available(*, unavailable, message: "SQL joins texts with ||; write a ++ b")
public func + <L: Nullability, R: Nullability>(
  _: SQLExpression<PG.Text, L>, _: SQLExpression<PG.Text, R>
) -> SQLExpression<PG.Text, Nullable> { fatalError() }
