/// A column of a ``Relation``: its name, SQL type and nullability, and for a table its default.
///
/// ```swift
/// let id = Column<PG.UUID, NotNull>("id", default: genRandomUUID())
/// let amount = Column<PG.Numeric, NotNull>("amount", precision: 12, scale: 2)
/// ```
public struct Column<Base: SQLType, Null: Nullability>: AnyColumn, ColumnDefinition {
  /// The column's name in SQL.
  public let name: String
  /// The type as a table declares it, with modifiers: `numeric(12,2)`.
  package let typeName: String
  /// `DEFAULT expression` when the table is created; INSERT may leave the column out.
  package let defaultValue: SQLNode?

  /// Declares a column named `name`.
  public init(_ name: String) {
    self.name = name
    typeName = Base.sqlName
    defaultValue = nil
  }

  /// Declares a column named `name` whose value, when an INSERT leaves it out, is `value`.
  public init(_ name: String, default value: SQLExpression<Base, some Nullability>) {
    self.name = name
    typeName = Base.sqlName
    defaultValue = value.node
  }

  /// The SQL type and nullability of the column.
  public var typeInfo: SQLTypeInfo { SQLTypeInfo(name: typeName, isNullable: Null.isNullable) }
}

extension Column where Base == PG.Numeric {
  /// A `numeric(precision, scale)` column: `Column<PG.Numeric, NotNull>("amount", precision: 12, scale: 2)`.
  public init(_ name: String, precision: Int, scale: Int = 0) {
    self.name = name
    typeName = "numeric(\(precision),\(scale))"
    defaultValue = nil
  }
}

/// A column with its type erased, for validation and catalog comparisons.
public protocol AnyColumn: Sendable {
  /// The column's name in SQL.
  var name: String { get }
  /// The SQL type and nullability of the column.
  var typeInfo: SQLTypeInfo { get }
}

/// What CREATE TABLE needs of a column beyond its name and type.
package protocol ColumnDefinition: AnyColumn {
  var defaultValue: SQLNode? { get }
}
