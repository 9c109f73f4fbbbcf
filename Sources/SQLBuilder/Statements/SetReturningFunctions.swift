/// A row of a set-returning function of one value, read as `alias.value`.
public struct SeriesRow<Value: SQLType>: Relation {
  public static var qualifiedName: QualifiedName { QualifiedName("series") }
  /// The function's value in this row.
  public let value = Column<Value, NotNull>("value")
  public init() {}
}

/// A row of `unnest(array)`: an element, NULL where the array holds NULL.
public struct ElementRow<Value: SQLType>: Relation {
  public static var qualifiedName: QualifiedName { QualifiedName("elements") }
  /// The element.
  public let value = Column<Value, Nullable>("value")
  public init() {}
}

extension SelectBuilder {
  /// `FROM generate_series(from, to, step) AS alias(value)`: the integers from `from` to `to`.
  /// ```swift
  /// let n = q.series(from: 1, to: 3, as: "n")   // generate_series(1, 3, 1) AS n(value)
  /// ```
  @discardableResult
  public func series(
    from start: SQLExpression<PG.Integer, NotNull>, to end: SQLExpression<PG.Integer, NotNull>,
    step: SQLExpression<PG.Integer, NotNull> = 1, as alias: String
  ) -> Source<SeriesRow<PG.Integer>> {
    fromFunction("generate_series", [start.node, end.node, step.node], as: alias)
  }

  /// `FROM generate_series(from, to, step) AS alias(value)`: the instants from `from` to `to`.
  @discardableResult
  public func series(
    from start: SQLExpression<PG.TimestampTZ, NotNull>,
    to end: SQLExpression<PG.TimestampTZ, NotNull>, step: SQLExpression<PG.Interval, NotNull>,
    as alias: String
  ) -> Source<SeriesRow<PG.TimestampTZ>> {
    fromFunction("generate_series", [start.node, end.node, step.node], as: alias)
  }

  /// `FROM generate_series(from, to, step) AS alias(value)`: the wall-clock times from `from`
  /// to `to`.
  @discardableResult
  public func series(
    from start: SQLExpression<PG.Timestamp, NotNull>,
    to end: SQLExpression<PG.Timestamp, NotNull>, step: SQLExpression<PG.Interval, NotNull>,
    as alias: String
  ) -> Source<SeriesRow<PG.Timestamp>> {
    fromFunction("generate_series", [start.node, end.node, step.node], as: alias)
  }

  /// Every date from `from` to `to`, both included, in a derived table:
  /// `FROM (SELECT day.value::date AS value FROM generate_series(from::timestamp,
  /// to::timestamp, '1 days'::interval) AS day(value)) alias`. The calendar a zero-filled report
  /// LEFT JOINs its rows to.
  @discardableResult
  public func dates(
    from start: SQLExpression<PG.Date, NotNull>, to end: SQLExpression<PG.Date, NotNull>,
    as alias: String
  ) -> Source<SeriesRow<PG.Date>> {
    from(
      Select(SeriesRow<PG.Date>.self) { q, out in
        let day = q.series(
          from: start.cast(to: PG.Timestamp.self), to: end.cast(to: PG.Timestamp.self),
          step: interval(days: 1), as: "day")
        out.value(day.value.cast(to: PG.Date.self))
      }, as: alias)
  }

  /// `FROM unnest(array) AS alias(value)`: the array's elements, one row each.
  @discardableResult
  public func unnest<B: SQLType>(
    _ array: SQLExpression<PG.Array<B>, some Nullability>, as alias: String
  ) -> Source<ElementRow<B>> {
    fromFunction("unnest", [array.node], as: alias)
  }

  /// `FROM name(arguments) AS alias(columns)`, or a cross join of it after the first source,
  /// which may read the sources before it.
  private func fromFunction<R: Relation>(_ name: String, _ arguments: [SQLNode], as alias: String)
    -> Source<R>
  {
    let call = SQLNode.function(name: name, arguments: arguments, isAggregate: false, filter: nil)
    let source = Source<R>(SourceReference(R.self, alias: alias, call: call, namingColumns: true))
    if core.from == nil {
      core.from = source.reference
    } else {
      core.joins.append(Join(kind: .cross, source: source.reference, condition: .none))
    }
    return source
  }
}
