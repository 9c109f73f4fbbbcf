/// The untyped form of a ``Query``: optional CTEs, then SELECTs joined by UNION ALL.
public struct SelectStatement: Hashable, Sendable {
  /// The relation the query produces (a CTE's name, or the view it defines).
  public let output: QualifiedName
  /// The declared output columns.
  public let columns: [OutputColumn]
  /// `WITH` entries, in order.
  public var commonTables: [SelectStatement] = []
  /// The SELECTs, combined with UNION ALL.
  public var parts: [SelectCore]
  /// The ORDER BY expressions, which sort the whole result.
  public var ordering: [SQLNode] = []
  /// How the query is evaluated when it is a CTE: `AS MATERIALIZED`, `AS NOT MATERIALIZED`, or
  /// PostgreSQL's choice (`nil`).
  public var materialization: CTEMaterialization? = nil
}

/// Whether PostgreSQL computes a CTE once (`MATERIALIZED`) or inlines it where it is read
/// (`NOT MATERIALIZED`), so the planner may push conditions into it and run it in parallel.
public enum CTEMaterialization: String, Hashable, Sendable {
  /// `AS MATERIALIZED`: computed once, read as a temporary result.
  case materialized = "MATERIALIZED"
  /// `AS NOT MATERIALIZED`: inlined like a subquery wherever it is read.
  case notMaterialized = "NOT MATERIALIZED"
}

/// A declared output column: name, type and nullability.
public struct OutputColumn: Hashable, Sendable {
  /// The column's name.
  public let name: String
  /// The column's declared type.
  public let typeInfo: SQLTypeInfo

  init(_ column: any AnyColumn) {
    name = column.name
    typeInfo = column.typeInfo
  }
}

/// One `SELECT … FROM … WHERE … GROUP BY …`.
public struct SelectCore: Hashable, Sendable {
  /// The select list.
  public var items: [SelectItem]
  /// The first FROM item.
  public var from: FromItem?
  /// The joins after it.
  public var joins: [Join] = []
  /// The WHERE condition.
  public var condition: SQLNode?
  /// The GROUP BY expressions.
  public var grouping: [SQLNode] = []

  init(items: [SelectItem]) { self.items = items }
}

/// An item of a select list: an expression and the output column it fills.
public struct SelectItem: Hashable, Sendable {
  /// The expression.
  public let node: SQLNode
  /// The output column's name.
  public let name: String
  /// The output column's type.
  public let typeInfo: SQLTypeInfo
}

/// A join in a FROM clause.
public struct Join: Hashable, Sendable {
  /// The join types the DSL renders.
  public enum Kind: String, Hashable, Sendable {
    case inner = "JOIN"
    case left = "LEFT JOIN"
    case full = "FULL OUTER JOIN"
  }
  /// How the rows are matched.
  public enum Condition: Hashable, Sendable {
    case on(SQLNode)
    case using([String])
  }
  /// The join type.
  public let kind: Kind
  /// The joined relation.
  public let item: FromItem
  /// The match condition.
  public let condition: Condition
}
