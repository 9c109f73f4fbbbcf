import SQLBuilder

/// The indexes on the base tables through which a catch-up reads a changed location's or
/// account's facts, so moving them costs what they are, not what every tenant has: one per
/// ``FactTable/location`` and ``FactTable/account`` column, unless an index the table already
/// has (``FactTable/indexes``, its unique keys) leads with that column.
enum SourceIndexes {
  /// `CREATE INDEX IF NOT EXISTS metrics_calls_location_id ON public.calls (location_id);`
  /// for each column of `T` no index leads with.
  static func missing<T: FactTable>(_: T.Type) -> [any SQLStatement] {
    let leading = Set((T.indexes + T.uniqueKeys).compactMap(\.first).map(T.columnName))
    return [T.location, T.account].compactMap { $0 }
      .filter { !leading.contains($0.name) }
      .map { column in
        index("metrics_\(T.qualifiedName.name)_\(column.name)", on: T.self, column.keyPath)
          .ifNotExists()
      }
  }
}
