/// The FROM, WHERE, GROUP BY, HAVING and ORDER BY clauses of one SELECT, built in SQL's order.
///
/// Each FROM item and join returns the handle its columns are read through; a LEFT JOIN's
/// handle types every column nullable. Generation fails when a query reads a source it does not
/// list, reads a source joined after a join condition, or repeats an alias.
public final class SelectBuilder {
  package var core = SelectCore()

  package init() {}

  private func reference<R: Relation>(_: R.Type, _ alias: String?) -> SourceReference {
    SourceReference(R.self, alias: alias)
  }

  /// `FROM relation [alias]`: `let c = q.from(CallsV.self, as: "c")`.
  @discardableResult
  public func from<R: Relation>(_ relation: R.Type, as alias: String? = nil) -> Source<R> {
    let source = Source<R>(alias: alias)
    if let first = core.from {
      core.problems.append(
        .fromFollowedByFrom(first: first.label, second: source.reference.label))
      core.joins.append(Join(kind: .cross, source: source.reference, condition: .none))
    } else {
      core.from = source.reference
    }
    return source
  }

  private func join<R: Relation>(
    _ kind: Join.Kind, _ source: Source<R>,
    _ condition: (Source<R>) -> SQLExpression<PG.Boolean, some Nullability>
  ) {
    if core.from == nil {
      core.problems.append(.joinBeforeFrom(kind: kind.rawValue, source: source.reference.label))
    }
    core.joins.append(
      Join(kind: kind, source: source.reference, condition: .on(condition(source).node)))
  }

  /// `JOIN relation [alias] ON condition`; the closure receives the joined source.
  @discardableResult
  public func join<R: Relation>(
    _ relation: R.Type, as alias: String? = nil,
    on condition: (Source<R>) -> SQLExpression<PG.Boolean, some Nullability>
  ) -> Source<R> {
    let source = Source<R>(alias: alias)
    join(.inner, source, condition)
    return source
  }

  /// `LEFT JOIN relation [alias] ON condition`: the returned handle types every column
  /// nullable, since rows without a match read NULL.
  @discardableResult
  public func leftJoin<R: Relation>(
    _ relation: R.Type, as alias: String? = nil,
    on condition: (Source<R>) -> SQLExpression<PG.Boolean, some Nullability>
  ) -> OptionalSource<R> {
    let source = Source<R>(alias: alias)
    join(.left, source, condition)
    return OptionalSource(source.reference)
  }

  /// `RIGHT JOIN relation [alias] ON condition`: every source before it becomes nullable, so
  /// read their columns through ``nullable(_:)``; generation fails on a NOT NULL read.
  @discardableResult
  public func rightJoin<R: Relation>(
    _ relation: R.Type, as alias: String? = nil,
    on condition: (Source<R>) -> SQLExpression<PG.Boolean, some Nullability>
  ) -> Source<R> {
    let source = Source<R>(alias: alias)
    join(.right, source, condition)
    return source
  }

  /// `FULL OUTER JOIN relation [alias] ON condition`: both sides become nullable; read the
  /// sources before it through ``nullable(_:)``.
  @discardableResult
  public func fullJoin<R: Relation>(
    _ relation: R.Type, as alias: String? = nil,
    on condition: (Source<R>) -> SQLExpression<PG.Boolean, some Nullability>
  ) -> OptionalSource<R> {
    let source = Source<R>(alias: alias)
    join(.full, source, condition)
    return OptionalSource(source.reference)
  }

  /// `FULL OUTER JOIN relation [alias] USING (columns…)`, naming columns of the joined relation.
  @discardableResult
  public func fullJoin<R: Relation>(
    _ relation: R.Type, as alias: String? = nil, using columns: PartialKeyPath<R>...
  ) -> OptionalSource<R> {
    let source = Source<R>(alias: alias)
    core.joins.append(
      Join(kind: .full, source: source.reference, condition: .using(columns.map(R.columnName))))
    return OptionalSource(source.reference)
  }

  /// `CROSS JOIN relation [alias]`: every pairing of rows.
  @discardableResult
  public func crossJoin<R: Relation>(_ relation: R.Type, as alias: String? = nil) -> Source<R> {
    let source = Source<R>(alias: alias)
    core.joins.append(Join(kind: .cross, source: source.reference, condition: .none))
    return source
  }

  /// `FROM (query) alias`: a derived table, read through `R`'s columns.
  @discardableResult
  public func from<R: Relation>(_ query: Select<R>, as alias: String) -> Source<R> {
    let source = Source<R>(SourceReference(query, alias: alias, lateral: false))
    if core.from == nil {
      core.from = source.reference
    } else {
      core.problems.append(.secondFromItem(alias))
      core.joins.append(Join(kind: .cross, source: source.reference, condition: .none))
    }
    return source
  }

  /// `JOIN (query) alias ON condition`: a derived table, joined like a table.
  @discardableResult
  public func join<R: Relation>(
    _ query: Select<R>, as alias: String,
    on condition: (Source<R>) -> SQLExpression<PG.Boolean, some Nullability>
  ) -> Source<R> {
    let source = Source<R>(SourceReference(query, alias: alias, lateral: false))
    join(.inner, source, condition)
    return source
  }

  /// `LEFT JOIN (query) alias ON condition`: its columns read as nullable.
  @discardableResult
  public func leftJoin<R: Relation>(
    _ query: Select<R>, as alias: String,
    on condition: (Source<R>) -> SQLExpression<PG.Boolean, some Nullability>
  ) -> OptionalSource<R> {
    let source = Source<R>(SourceReference(query, alias: alias, lateral: false))
    join(.left, source, condition)
    return OptionalSource(source.reference)
  }

  /// `CROSS JOIN LATERAL (query) alias`: the query runs once per row so far and may read the
  /// sources before it; rows for which it returns nothing are dropped.
  @discardableResult
  public func joinLateral<R: Relation>(as alias: String, _ query: () -> Select<R>) -> Source<R> {
    let source = Source<R>(SourceReference(query(), alias: alias, lateral: true))
    core.joins.append(Join(kind: .cross, source: source.reference, condition: .none))
    return source
  }

  /// `LEFT JOIN LATERAL (query) alias ON TRUE`: as ``joinLateral(as:_:)``, keeping rows for
  /// which the query returns nothing, with its columns NULL.
  @discardableResult
  public func leftJoinLateral<R: Relation>(as alias: String, _ query: () -> Select<R>)
    -> OptionalSource<R>
  {
    let source = Source<R>(SourceReference(query(), alias: alias, lateral: true))
    core.joins.append(
      Join(kind: .left, source: source.reference, condition: .on(.literal(.boolean(true)))))
    return OptionalSource(source.reference)
  }

  /// The handle of a source that a later RIGHT or FULL JOIN makes nullable.
  public func nullable<R: Relation>(_ source: Source<R>) -> OptionalSource<R> {
    OptionalSource(source.reference)
  }

  /// `WHERE condition`; a second call adds its condition with AND.
  public func `where`(_ condition: SQLExpression<PG.Boolean, some Nullability>) {
    core.condition = core.condition.map { .and($0, condition.node) } ?? condition.node
  }

  /// `GROUP BY expressions…`.
  public func groupBy<each B: SQLType, each N: Nullability>(
    _ expressions: repeat SQLExpression<each B, each N>
  ) {
    for expression in repeat each expressions { core.grouping.append(expression.node) }
  }

  /// `HAVING condition`, on the groups; a second call adds its condition with AND.
  public func having(_ condition: SQLExpression<PG.Boolean, some Nullability>) {
    core.having = core.having.map { .and($0, condition.node) } ?? condition.node
  }

  /// `ORDER BY terms…` of this SELECT: `q.orderBy(t.accountID, t.date.descending())`.
  public func orderBy(_ terms: any SQLOrderingTerm...) {
    core.ordering += terms.map(\.orderingTerm)
  }

  /// `LIMIT count`.
  public func limit(_ count: Int) { core.limit = count }

  /// `OFFSET count`.
  public func offset(_ count: Int) { core.offset = count }
}

extension SQLNode {
  /// `l AND r`.
  package static func and(_ l: SQLNode, _ r: SQLNode) -> SQLNode {
    .binary(op: "AND", left: l, right: r, precedence: .and)
  }
}
