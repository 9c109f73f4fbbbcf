/// Anything that renders as a SQL value expression, with its type known at generation time.
public protocol SQLExpression: Sendable {
  /// The syntax tree of the expression.
  var node: SQLNode { get }
  /// The SQL type and nullability the expression carries.
  var typeInfo: SQLTypeInfo { get }
}

/// A SQL expression whose PostgreSQL type and nullability are part of its Swift type.
///
/// `Expression<PG.BigInt, NotNull>` is a `bigint` that is never NULL; mixing types that
/// PostgreSQL would reject (text with numeric, uuid with integer) does not compile.
public struct Expression<Base: SQLType, Null: Nullability>: SQLExpression {
  /// The syntax tree of the expression.
  public let node: SQLNode

  /// Wraps a syntax tree whose type the caller vouches for.
  public init(unchecked node: SQLNode) { self.node = node }

  /// The SQL type and nullability the expression carries.
  public var typeInfo: SQLTypeInfo { SQLTypeInfo(Base.self, Null.self) }

  /// The same expression, seen as possibly NULL (e.g. to fill a nullable column).
  public var nullable: Expression<Base, Nullable> { .init(unchecked: node) }

  /// The expression wrapped in parentheses, where a reader is helped by them.
  public func parenthesized() -> Self { .init(unchecked: .parenthesized(node)) }

  /// `x IS NULL`.
  public var isNull: Expression<PG.Boolean, NotNull> {
    .init(unchecked: .postfix(operand: node, op: "IS NULL", precedence: .isTest))
  }

  /// `x IS NOT NULL`.
  public var isNotNull: Expression<PG.Boolean, NotNull> {
    .init(unchecked: .postfix(operand: node, op: "IS NOT NULL", precedence: .isTest))
  }

  /// `x::type`: a cast that keeps the nullability.
  public func cast<T: SQLType>(to _: T.Type) -> Expression<T, Null> {
    .init(unchecked: .cast(node, typeName: T.sqlName))
  }

  /// `x IN (a, b, …)` against constants of the same type.
  public func `in`(_ values: [Expression<Base, NotNull>]) -> Expression<PG.Boolean, Null> {
    .init(unchecked: .inList(node, values.map(\.node)))
  }
}

extension Expression where Null == Nullable {
  /// A typed NULL, rendered as `NULL::type` so PostgreSQL never has to guess its type.
  public static var null: Self { .init(unchecked: .cast(.literal(.null), typeName: Base.sqlName)) }
}

extension Expression: ExpressibleByIntegerLiteral where Base == PG.Integer, Null == NotNull {
  /// An `integer` constant.
  public init(integerLiteral value: Int64) { self.init(unchecked: .literal(.integer(value))) }
}

extension Expression: ExpressibleByFloatLiteral where Base == PG.Numeric, Null == NotNull {
  /// A `numeric` constant such as `60.0`, written as PostgreSQL reads it.
  public init(floatLiteral value: Double) {
    var text = String(value)
    if !text.contains(".") && !text.contains("e") { text += ".0" }
    self.init(unchecked: .literal(.decimal(text)))
  }
}

extension Expression: ExpressibleByUnicodeScalarLiteral,
  ExpressibleByExtendedGraphemeClusterLiteral,
  ExpressibleByStringLiteral
where Base == PG.Text, Null == NotNull {
  /// A `text` constant; quotes are escaped when rendered.
  public init(stringLiteral value: String) { self.init(unchecked: .literal(.string(value))) }
}

extension Expression: ExpressibleByBooleanLiteral where Base == PG.Boolean, Null == NotNull {
  /// `TRUE` or `FALSE`.
  public init(booleanLiteral value: Bool) { self.init(unchecked: .literal(.boolean(value))) }
}

extension Expression where Base == PG.Text, Null == NotNull {
  /// A `text` constant from a Swift string value.
  public static func text(_ value: String) -> Self { .init(unchecked: .literal(.string(value))) }
}

extension Expression where Null == Nullable {
  /// The same expression typed as never NULL, for a value a WHERE clause or join has already
  /// filtered. PostgreSQL does not check the claim; the database tests do.
  public var assumingNotNull: Expression<Base, NotNull> { .init(unchecked: node) }
}

extension Expression where Base: SQLNumber, Null == NotNull {
  /// A whole-number constant of this numeric type, e.g. the `0` in `COALESCE(SUM(x), 0)`.
  ///
  /// Rendered as the bare number; as a select-list item it gets a cast so PostgreSQL types it
  /// the same way.
  public static func constant(_ value: Int64) -> Self {
    .init(unchecked: .literal(.integer(value)))
  }
}
