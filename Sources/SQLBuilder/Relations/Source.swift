/// A relation as it appears in a FROM clause, whose columns are typed expressions.
///
/// A source reached through an outer join is an ``OptionalSource`` (see ``optional``): its
/// columns may be NULL even when declared NOT NULL, and their types say so.
@dynamicMemberLookup
public struct Source<R: Relation>: FromSource {
  public typealias Table = R
  /// The alias columns are qualified with, or nil for bare column names.
  public let alias: String?

  init(alias: String?) { self.alias = alias }

  /// The same source on the nullable side of an outer join.
  public var optional: OptionalSource<R> { OptionalSource(alias: alias) }

  /// A column of the source, typed as declared.
  public subscript<B: SQLType, N: Nullability>(dynamicMember keyPath: KeyPath<R, Column<B, N>>)
    -> Expression<B, N>
  { .init(unchecked: columnNode(keyPath)) }
}

/// A relation on the nullable side of an outer join: every column may be NULL.
@dynamicMemberLookup
public struct OptionalSource<R: Relation>: FromSource {
  public typealias Table = R
  /// The alias columns are qualified with, or nil for bare column names.
  public let alias: String?

  /// A column of the source: NULL when no row matched.
  public subscript<B: SQLType, N: Nullability>(dynamicMember keyPath: KeyPath<R, Column<B, N>>)
    -> Expression<B, Nullable>
  { .init(unchecked: columnNode(keyPath)) }
}

/// Anything a FROM clause can name: a ``Source`` or an ``OptionalSource``.
public protocol FromSource: Sendable {
  /// The relation read.
  associatedtype Table: Relation
  /// The alias columns are qualified with, or nil for bare column names.
  var alias: String? { get }
}

extension FromSource {
  /// The FROM-clause item for this source.
  public var fromItem: FromItem { FromItem(name: Table.qualifiedName, alias: alias) }

  func columnNode(_ keyPath: PartialKeyPath<Table>) -> SQLNode {
    .column(qualifier: alias, name: Table.columnName(keyPath))
  }
}

/// A relation reference in a FROM clause: `public.calls_v c`.
public struct FromItem: Hashable, Sendable {
  /// The relation's name.
  public let name: QualifiedName
  /// The alias, if any.
  public let alias: String?
}
