/// A relation as a query's FROM clause reads it; its columns are typed expressions.
///
/// Sources are handed out by the query that reads them (``SelectBuilder/from(_:as:)``,
/// ``SelectBuilder/join(_:as:on:)``), so a column cannot name a relation the query does not read.
@dynamicMemberLookup
public struct Source<R: Relation>: Sendable {
  package let reference: SourceReference

  package init(alias: String?) { reference = SourceReference(R.self, alias: alias) }

  package init(_ reference: SourceReference) { self.reference = reference }

  /// A column of the source, typed as declared: `c.account_id`.
  public subscript<B: SQLType, N: Nullability>(dynamicMember keyPath: KeyPath<R, Column<B, N>>)
    -> SQLExpression<B, N>
  { .init(unchecked: .column(reference.column(keyPath, readAsNotNull: !N.isNullable))) }
}

/// A relation on the nullable side of an outer join: every column may be NULL.
///
/// ``SelectBuilder/leftJoin(_:as:on:)`` returns one, so the joined columns are typed nullable
/// without anything to remember.
@dynamicMemberLookup
public struct OptionalSource<R: Relation>: Sendable {
  package let reference: SourceReference

  package init(_ reference: SourceReference) { self.reference = reference }

  /// A column of the source: NULL when no row matched.
  public subscript<B: SQLType, N: Nullability>(dynamicMember keyPath: KeyPath<R, Column<B, N>>)
    -> SQLExpression<B, Nullable>
  { .init(unchecked: .column(reference.column(keyPath, readAsNotNull: false))) }
}

/// A FROM-clause item: the relation read and the alias its columns are qualified with.
package struct SourceReference: Hashable, Sendable {
  /// The relation read.
  package let relation: QualifiedName
  /// The alias, or nil for a relation read under its own name (its columns are qualified by
  /// that name: `daily_goals.location_id`).
  package let alias: String?
  /// The names of the relation's columns, which a bare parameter or variable must not share.
  package let columnNames: [String]
  /// Whether the relation is a common table expression, which a WITH must define.
  package let isCommonTable: Bool
  /// Whether this is a row trigger's `NEW` or `OLD` record, in scope throughout its function.
  package private(set) var isTriggerRecord = false
  /// Whether FROM names the function's columns, `f(…) alias(value)`: a function of one
  /// unnamed column, such as `generate_series`.
  package private(set) var namesColumns = false
  /// Whether FROM defines the function's columns with their types, `f(…) AS alias(a int, …)`:
  /// a function returning records, such as `jsonb_to_recordset`.
  package private(set) var definesColumns: [(name: String, type: String)] = []
  /// The query of a derived table, `FROM (SELECT …) alias`, read instead of the relation.
  private var derived: DerivedTable? = nil

  /// The query of a derived table, read instead of the relation.
  package var subquery: SelectStatement? {
    if case .query(let query, _) = derived { return query }
    return nil
  }

  /// Whether the derived table may read the sources before it (`LATERAL`); a function call in
  /// FROM may.
  package var isLateral: Bool {
    switch derived {
    case .query(_, let lateral): return lateral
    case .call: return true
    case nil: return false
    }
  }

  /// The call of a set-returning function read instead of the relation.
  package var functionCall: SQLNode? {
    if case .call(let node) = derived { return node }
    return nil
  }

  package init<R: Relation>(_: R.Type, alias: String?) {
    relation = R.qualifiedName
    columnNames = R.columns.map(\.name)
    self.alias = alias
    isCommonTable = R.self is any CommonTable.Type
  }

  /// `(query) alias`: a derived table; `lateral` lets it read the sources before it.
  package init<R: Relation>(_ query: Select<R>, alias: String, lateral: Bool) {
    relation = R.qualifiedName
    columnNames = R.columns.map(\.name)
    self.alias = alias
    isCommonTable = false
    derived = .query(query.statement, isLateral: lateral)
  }

  /// `NEW` or `OLD` of a row trigger, whose columns render `new.col`.
  package init<R: Relation>(_: R.Type, triggerRecord name: String) {
    relation = R.qualifiedName
    columnNames = R.columns.map(\.name)
    alias = name
    isCommonTable = false
    isTriggerRecord = true
  }

  /// `function(…) alias`: the rows of a set-returning function; `namingColumns` names its
  /// columns after `R`'s, `alias(value)`.
  package init<R: Relation>(
    _: R.Type, alias: String, call: SQLNode, namingColumns: Bool = false,
    definingColumns: Bool = false
  ) {
    relation = R.qualifiedName
    columnNames = R.columns.map(\.name)
    self.alias = alias
    isCommonTable = false
    derived = .call(call)
    namesColumns = namingColumns
    if definingColumns { definesColumns = R.columns.map { ($0.name, $0.typeInfo.name) } }
  }

  package func column<R: Relation>(_ keyPath: PartialKeyPath<R>, readAsNotNull: Bool)
    -> ColumnReference
  {
    column(named: R.columnName(keyPath), readAsNotNull: readAsNotNull)
  }

  package func column(named name: String, readAsNotNull: Bool) -> ColumnReference {
    ColumnReference(source: self, name: name, readAsNotNull: readAsNotNull)
  }

  /// How the query names the source in messages: its alias, else its relation.
  package var label: String { alias ?? relation.name }

  package static func == (l: Self, r: Self) -> Bool {
    l.relation == r.relation && l.alias == r.alias
  }
  package func hash(into hasher: inout Hasher) {
    hasher.combine(relation)
    hasher.combine(alias)
  }
}

/// A derived table's query, boxed: a query's FROM clause may hold queries.
private indirect enum DerivedTable: Hashable, Sendable {
  case query(SelectStatement, isLateral: Bool)
  case call(SQLNode)
}
