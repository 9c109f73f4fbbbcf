/// A PostgreSQL data type used as a phantom type parameter of ``SQLExpression``.
public protocol SQLType: Sendable {
  /// The type's name as PostgreSQL spells it in a cast, e.g. `double precision`.
  static var sqlName: String { get }
}

/// A type that `SUM` accepts, with the type `SUM` returns for it.
public protocol SQLSummable: SQLType {
  /// The type of `SUM(x)` for an `x` of this type (`SUM(integer)` is `bigint`).
  associatedtype Sum: SQLType
}

/// A type with a total order, so `<`, `>`, `MIN` and `MAX` apply.
public protocol SQLOrdered: SQLType {}

/// The PostgreSQL types the DSL knows, named as PostgreSQL names them.
public enum PG {
  /// `integer` (int4).
  public enum Integer: SQLSummable, SQLOrdered {
    public static let sqlName = "integer"
    public typealias Sum = BigInt
  }
  /// `bigint` (int8).
  public enum BigInt: SQLSummable, SQLOrdered {
    public static let sqlName = "bigint"
    public typealias Sum = Numeric
  }
  /// `numeric`, arbitrary precision.
  public enum Numeric: SQLSummable, SQLOrdered {
    public static let sqlName = "numeric"
    public typealias Sum = Numeric
  }
  /// `double precision` (float8).
  public enum DoublePrecision: SQLSummable, SQLOrdered {
    public static let sqlName = "double precision"
    public typealias Sum = DoublePrecision
  }
  /// `smallint` (int2).
  public enum SmallInt: SQLSummable, SQLOrdered {
    public static let sqlName = "smallint"
    public typealias Sum = BigInt
  }
  /// `real` (float4).
  public enum Real: SQLSummable, SQLOrdered {
    public static let sqlName = "real"
    public typealias Sum = Real
  }
  /// `text`.
  public enum Text: SQLOrdered { public static let sqlName = "text" }
  /// `name`, the catalog's identifier type.
  public enum Name: SQLOrdered { public static let sqlName = "name" }
  /// `uuid`.
  public enum UUID: SQLOrdered { public static let sqlName = "uuid" }
  /// `boolean`.
  public enum Boolean: SQLType { public static let sqlName = "boolean" }
  /// `date`.
  public enum Date: SQLOrdered { public static let sqlName = "date" }
  /// `timestamp with time zone`.
  public enum TimestampTZ: SQLOrdered { public static let sqlName = "timestamp with time zone" }
  /// `timestamp without time zone`.
  public enum Timestamp: SQLOrdered { public static let sqlName = "timestamp without time zone" }
  /// `time without time zone`: a time of day.
  public enum Time: SQLOrdered { public static let sqlName = "time without time zone" }
  /// `interval`: a span of months, days and microseconds.
  public enum Interval: SQLOrdered { public static let sqlName = "interval" }
  /// `jsonb`: a JSON document, stored parsed.
  public enum JSONB: SQLOrdered { public static let sqlName = "jsonb" }
  /// `xid`, a transaction ID: it can be hashed but has no sort order.
  public enum Xid: SQLType { public static let sqlName = "xid" }
  /// `oid`, an object identifier.
  public enum OID: SQLOrdered { public static let sqlName = "oid" }
  /// `regclass`, a relation named by a string.
  public enum RegClass: SQLType { public static let sqlName = "regclass" }
  /// `element[]`: an array of `Element`s.
  public enum Array<Element: SQLType>: SQLType {
    public static var sqlName: String { Element.sqlName + "[]" }
  }
  /// `void`, the return type of a function that returns nothing.
  public enum Void: SQLType { public static let sqlName = "void" }
}

/// Whether an expression may be NULL, as a phantom type parameter of ``SQLExpression``.
public protocol Nullability: Sendable {
  /// True for ``Nullable``.
  static var isNullable: Bool { get }
}

/// The expression is never NULL.
public enum NotNull: Nullability { public static let isNullable = false }

/// The expression may be NULL.
public enum Nullable: Nullability { public static let isNullable = true }

/// A SQL type and nullability known at generation time, for validation and type agreement.
public struct SQLTypeInfo: Hashable, Sendable, CustomStringConvertible {
  /// The PostgreSQL type name, e.g. `bigint`.
  public let name: String
  /// Whether values may be NULL.
  public let isNullable: Bool

  /// Describes `B` with nullability `N`.
  public init<B: SQLType, N: Nullability>(_: B.Type, _: N.Type) {
    self.init(name: B.sqlName, isNullable: N.isNullable)
  }

  /// Describes the type named `name` (with any modifiers, as `format_type` spells it).
  package init(name: String, isNullable: Bool) {
    self.name = name
    self.isNullable = isNullable
  }

  public var description: String { isNullable ? "\(name) (nullable)" : "\(name) NOT NULL" }
}
