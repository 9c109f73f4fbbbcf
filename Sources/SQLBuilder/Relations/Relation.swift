/// A table, view, materialized view or CTE, declared as a struct of typed ``Column``s.
///
/// ```swift
/// struct CallsV: Relation {
///   static let name = QualifiedName("public", "calls_v")
///   let accountID = Column<PG.UUID, Nullable>("account_id")
///   init() {}
/// }
/// ```
public protocol Relation: Sendable {
  /// The relation's name, schema-qualified for tables and views, bare for CTEs.
  static var qualifiedName: QualifiedName { get }
  /// The unique keys (primary key, unique constraints, unique indexes without WHERE) of a table
  /// the scripts do not create, which an `ON CONFLICT` may name:
  /// `static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.id]] }`. None by default.
  static var uniqueKeys: [[PartialKeyPath<Self>]] { get }
  /// Creates the column declarations.
  init()
}

/// A possibly schema-qualified object name such as `public.mv_metrics_daily`.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
  /// The schema, or nil for an unqualified name (CTEs, objects found by `search_path`).
  public let schema: String?
  /// The object's own name.
  public let name: String

  /// `schema.name`.
  public init(_ schema: String?, _ name: String) {
    self.schema = schema
    self.name = name
  }

  /// An unqualified name.
  public init(_ name: String) { self.init(nil, name) }

  /// The name rendered with identifier quoting, e.g. `public."Weird Name"`.
  public var rendered: String {
    let quoted = PostgreSQL.identifier(name)
    return schema.map { "\(PostgreSQL.identifier($0)).\(quoted)" } ?? quoted
  }

  /// The name as text for a string literal (e.g. a regclass), quoted where PostgreSQL needs it.
  public var plain: String { rendered }

  public var description: String { rendered }
}

/// A relation that a query defines with `WITH name AS (…)` and reads like a table.
///
/// Its name has no schema; generation fails when a query reads it without a WITH that defines
/// it first.
public protocol CommonTable: Relation {}

extension Relation {
  public static var uniqueKeys: [[PartialKeyPath<Self>]] { [] }

  /// The declared unique keys, as sets of column names.
  static var declaredUniqueKeys: [Set<String>] {
    uniqueKeys.map { Set($0.map(columnName)) }
  }

  /// The declared columns in declaration order.
  public static var columns: [any AnyColumn] {
    if let shaped = Self.self as? any ShapedRelation.Type { return shapedColumns(shaped) }
    return Mirror(reflecting: Self()).children.compactMap { $0.value as? any AnyColumn }
  }

  /// The name of one declared column.
  public static func columnName(_ keyPath: PartialKeyPath<Self>) -> String {
    guard let column = Self()[keyPath: keyPath] as? any AnyColumn else {
      preconditionFailure("\(keyPath) is not a Column of \(qualifiedName)")
    }
    return column.name
  }
}
