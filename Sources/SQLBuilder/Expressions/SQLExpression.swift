/// A SQL expression whose PostgreSQL type and nullability are part of its Swift type.
///
/// `SQLExpression<PG.BigInt, NotNull>` is a `bigint` that is never NULL; mixing types that
/// PostgreSQL would reject (text with numeric, uuid with integer) does not compile.
public struct SQLExpression<Base: SQLType, Null: Nullability>: Sendable {
  /// The syntax tree of the expression.
  package let node: SQLNode

  /// Wraps a syntax tree whose type the caller vouches for.
  package init(unchecked node: SQLNode) { self.node = node }

  /// The SQL type and nullability the expression carries.
  public var typeInfo: SQLTypeInfo { SQLTypeInfo(Base.self, Null.self) }

  /// The same expression, seen as possibly NULL (e.g. to fill a nullable column).
  public var nullable: SQLExpression<Base, Nullable> { .init(unchecked: node) }

  /// The expression wrapped in parentheses, where a reader is helped by them.
  public func parenthesized() -> Self { .init(unchecked: .parenthesized(node)) }

  /// `x IS NULL`.
  public var isNull: SQLExpression<PG.Boolean, NotNull> {
    .init(unchecked: .postfix(operand: node, op: "IS NULL", precedence: .isTest))
  }

  /// `x IS NOT NULL`.
  public var isNotNull: SQLExpression<PG.Boolean, NotNull> {
    .init(unchecked: .postfix(operand: node, op: "IS NOT NULL", precedence: .isTest))
  }

  /// `x IS DISTINCT FROM y`: inequality that treats NULL as a value, so never NULL itself.
  public func isDistinct<N: Nullability>(from other: SQLExpression<Base, N>)
    -> SQLExpression<PG.Boolean, NotNull>
  {
    .init(
      unchecked: .binary(
        op: "IS DISTINCT FROM", left: node, right: other.node, precedence: .isTest))
  }

  /// `x IS NOT DISTINCT FROM y`: equality that treats NULL as a value, so never NULL itself.
  public func isNotDistinct<N: Nullability>(from other: SQLExpression<Base, N>)
    -> SQLExpression<PG.Boolean, NotNull>
  {
    .init(
      unchecked: .binary(
        op: "IS NOT DISTINCT FROM", left: node, right: other.node, precedence: .isTest))
  }

  /// `x IN (a, b, …)` against constants of the same type.
  public func `in`(_ values: [SQLExpression<Base, NotNull>]) -> SQLExpression<PG.Boolean, Null> {
    .init(unchecked: .inList(node, values.map(\.node)))
  }
}

extension SQLExpression: ExpressibleByIntegerLiteral where Base == PG.Integer, Null == NotNull {
  /// An `integer` constant; a literal outside integer's range does not compile (use
  /// `.constant(_:)` for a bigint).
  public init(integerLiteral value: Int32) {
    self.init(unchecked: .literal(.integer(Int64(value))))
  }
}

extension SQLExpression: ExpressibleByFloatLiteral where Base == PG.Numeric, Null == NotNull {
  /// A `numeric` constant such as `60.0`, written as PostgreSQL reads it.
  public init(floatLiteral value: Double) { self.init(unchecked: .literal(.decimal(value))) }
}

extension SQLExpression: ExpressibleByUnicodeScalarLiteral,
  ExpressibleByExtendedGraphemeClusterLiteral,
  ExpressibleByStringLiteral
where Base == PG.Text, Null == NotNull {
  /// A `text` constant; quotes are escaped when rendered.
  public init(stringLiteral value: String) { self.init(unchecked: .literal(.string(value))) }
}

extension SQLExpression: ExpressibleByBooleanLiteral where Base == PG.Boolean, Null == NotNull {
  /// `TRUE` or `FALSE`.
  public init(booleanLiteral value: Bool) { self.init(unchecked: .literal(.boolean(value))) }
}

extension SQLExpression where Base == PG.Text, Null == NotNull {
  /// A `text` constant from a Swift string value.
  public static func text(_ value: String) -> Self { .init(unchecked: .literal(.string(value))) }
}

extension SQLExpression where Null == Nullable {
  /// The same expression typed as never NULL, for a value a WHERE clause or join has already
  /// filtered. PostgreSQL does not check the claim; the database tests do.
  public var assumingNotNull: SQLExpression<Base, NotNull> { .init(unchecked: node) }
}

extension SQLExpression where Base: SQLNumber, Null == NotNull {
  /// A whole-number constant of this numeric type, e.g. the `0` in `COALESCE(SUM(x), 0)`.
  ///
  /// Rendered as the bare number; as a select-list item it gets a cast so PostgreSQL types it
  /// the same way.
  public static func constant(_ value: Int64) -> Self {
    .init(unchecked: .literal(.integer(value)))
  }
}
