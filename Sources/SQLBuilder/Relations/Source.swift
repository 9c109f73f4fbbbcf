/// A relation as it appears in a FROM clause, whose columns are typed expressions.
///
/// A source reached through an outer join is `Source<R, Nullable>` (see ``optional``): its
/// columns may be NULL even when declared NOT NULL, and their types say so.
@dynamicMemberLookup
public struct Source<R: Relation, Null: Nullability>: Sendable {
  /// The alias columns are qualified with, or nil for bare column names.
  public let alias: String?

  init(alias: String?) { self.alias = alias }

  /// The same source on the nullable side of an outer join.
  public var optional: Source<R, Nullable> { Source<R, Nullable>(alias: alias) }

  /// The FROM-clause item for this source.
  public var fromItem: FromItem { FromItem(name: R.qualifiedName, alias: alias) }

  func columnNode(_ keyPath: PartialKeyPath<R>) -> SQLNode {
    .column(qualifier: alias, name: R.columnName(keyPath))
  }
}

extension Source where Null == NotNull {
  /// A column of the source, typed as declared.
  public subscript<B: SQLType, N: Nullability>(dynamicMember keyPath: KeyPath<R, Column<B, N>>)
    -> Expression<B, N>
  { .init(unchecked: columnNode(keyPath)) }
}

extension Source where Null == Nullable {
  /// A column of an outer-joined source: NULL when no row matched.
  public subscript<B: SQLType, N: Nullability>(dynamicMember keyPath: KeyPath<R, Column<B, N>>)
    -> Expression<B, Nullable>
  { .init(unchecked: columnNode(keyPath)) }
}

/// A relation reference in a FROM clause: `public.calls_v c`.
public struct FromItem: Hashable, Sendable {
  /// The relation's name.
  public let name: QualifiedName
  /// The alias, if any.
  public let alias: String?
}
