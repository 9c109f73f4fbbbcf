/// A SELECT whose output columns are those of `Output`, a declared ``Relation``.
///
/// Each output column is set through the projection handed to the select list, so its type is
/// checked by the compiler and its name comes from the declaration:
/// ```swift
/// Query(CallDays.self) { out in
///   out.accountID(c.accountID)
///   out.totalCalls(count())
/// }
/// .from(c)
/// .groupBy(c.accountID)
/// ```
public struct Query<Output: Relation>: Sendable {
  /// The untyped statement behind the query.
  public internal(set) var statement: SelectStatement

  /// `SELECT …` with one item per output column, in the order `Output` declares them.
  public init(
    _ output: Output.Type = Output.self,
    @SelectionBuilder<Output> _ select: (Projection<Output>) -> [Selection<Output>]
  ) {
    let items = select(Projection()).map(\.item)
    statement = SelectStatement(
      output: Output.qualifiedName, columns: Output.columns.map(OutputColumn.init),
      parts: [SelectCore(items: items)])
  }

  private func updatingLast(_ change: (inout SelectCore) -> Void) -> Self {
    var copy = self
    change(&copy.statement.parts[copy.statement.parts.count - 1])
    return copy
  }

  /// `FROM source`.
  public func from(_ source: some FromSource) -> Self {
    updatingLast { $0.from = source.fromItem }
  }

  /// `JOIN source ON condition`.
  public func join<R: Relation>(
    _ source: Source<R>, on condition: Expression<PG.Boolean, some Nullability>
  ) -> Self {
    updatingLast {
      $0.joins.append(Join(kind: .inner, item: source.fromItem, condition: .on(condition.node)))
    }
  }

  /// `LEFT JOIN source ON condition`; the source is optional, so its columns may be NULL.
  public func leftJoin<R: Relation>(
    _ source: OptionalSource<R>, on condition: Expression<PG.Boolean, some Nullability>
  ) -> Self {
    updatingLast {
      $0.joins.append(Join(kind: .left, item: source.fromItem, condition: .on(condition.node)))
    }
  }

  /// `FULL OUTER JOIN source USING (columns…)`, naming columns of the joined relation.
  public func fullJoin<R: Relation>(
    _ source: OptionalSource<R>, using columns: PartialKeyPath<R>...
  )
    -> Self
  {
    let names = columns.map { R.columnName($0) }
    return updatingLast {
      $0.joins.append(Join(kind: .full, item: source.fromItem, condition: .using(names)))
    }
  }

  /// `FULL OUTER JOIN source ON condition`.
  public func fullJoin<R: Relation>(
    _ source: OptionalSource<R>, on condition: Expression<PG.Boolean, some Nullability>
  ) -> Self {
    updatingLast {
      $0.joins.append(Join(kind: .full, item: source.fromItem, condition: .on(condition.node)))
    }
  }

  /// `WHERE condition`; a second call adds its condition with AND.
  public func `where`(_ condition: Expression<PG.Boolean, some Nullability>) -> Self {
    updatingLast { core in
      core.condition =
        core.condition.map {
          .binary(op: "AND", left: $0, right: condition.node, precedence: .and)
        } ?? condition.node
    }
  }

  /// `GROUP BY expressions…`.
  public func groupBy(_ expressions: any SQLExpression...) -> Self {
    updatingLast { $0.grouping += expressions.map(\.node) }
  }

  /// `ORDER BY expressions…`, ascending, for the whole query (after any UNION ALL).
  public func orderBy(_ expressions: any SQLExpression...) -> Self {
    var copy = self
    copy.statement.ordering += expressions.map(\.node)
    return copy
  }

  /// As a CTE, `AS NOT MATERIALIZED`: inlined wherever it is read instead of computed once,
  /// so a small lookup read by several parallel scans does not force them to run serially.
  public func notMaterialized() -> Self { materializing(.notMaterialized) }

  /// As a CTE, `AS MATERIALIZED`: computed once even when PostgreSQL would inline it.
  public func materialized() -> Self { materializing(.materialized) }

  private func materializing(_ materialization: CTEMaterialization) -> Self {
    var copy = self
    copy.statement.materialization = materialization
    return copy
  }

  /// `… UNION ALL other`: the rows of both queries, which share the output columns.
  public func unionAll(_ other: Query<Output>) -> Self {
    var copy = self
    copy.statement.parts += other.statement.parts
    return copy
  }
}

/// Builds a query with common table expressions: `WITH a AS (…), b AS (…) SELECT …`.
///
/// Each CTE is a ``Query`` whose output relation names it; later queries read it through
/// `Relation.alias(_:)` like any table.
public func with<Output: Relation>(
  @CommonTableBuilder _ tables: () -> [SelectStatement], select: () -> Query<Output>
) -> Query<Output> {
  var query = select()
  query.statement.commonTables = tables()
  return query
}

/// Collects the CTEs of a ``with(_:select:)``.
@resultBuilder
public enum CommonTableBuilder {
  public static func buildExpression<R: Relation>(_ query: Query<R>) -> SelectStatement {
    query.statement
  }
  public static func buildBlock(_ tables: SelectStatement...) -> [SelectStatement] { tables }
}

/// Gives the select list a setter per output column: `out.totalCalls(count())`.
@dynamicMemberLookup
public struct Projection<Output: Relation>: Sendable {
  /// The setter for one output column.
  public subscript<B: SQLType, N: Nullability>(dynamicMember keyPath: KeyPath<Output, Column<B, N>>)
    -> ColumnSetter<Output, B, N>
  { ColumnSetter(column: Output()[keyPath: keyPath]) }
}

/// Sets one output column to an expression of exactly the column's type.
public struct ColumnSetter<Output: Relation, B: SQLType, N: Nullability>: Sendable {
  let column: Column<B, N>

  /// `expression AS column`.
  public func callAsFunction(_ expression: Expression<B, N>) -> Selection<Output> {
    Selection(item: SelectItem(node: expression.node, name: column.name, typeInfo: column.typeInfo))
  }
}

extension ColumnSetter where N == Nullable {
  /// A non-NULL expression fills a nullable column as well.
  public func callAsFunction(_ expression: Expression<B, NotNull>) -> Selection<Output> {
    Selection(item: SelectItem(node: expression.node, name: column.name, typeInfo: column.typeInfo))
  }
}

/// One output column of a ``Query``.
public struct Selection<Output: Relation>: Sendable {
  let item: SelectItem
}

/// Collects the select list of a ``Query``.
@resultBuilder
public enum SelectionBuilder<Output: Relation> {
  public static func buildBlock(_ items: Selection<Output>...) -> [Selection<Output>] { items }
}
