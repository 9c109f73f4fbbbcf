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
    return fromCall(call, as: alias, naming: true)
  }

  /// `FROM call AS alias(…)`, or a cross join of it after the first source.
  fileprivate func fromCall<R: Relation>(
    _ call: SQLNode, as alias: String, naming: Bool = false, defining: Bool = false
  ) -> Source<R> {
    let source = Source<R>(
      SourceReference(
        R.self, alias: alias, call: call, namingColumns: naming, definingColumns: defining))
    if core.from == nil {
      core.from = source.reference
    } else {
      core.joins.append(Join(kind: .cross, source: source.reference, condition: .none))
    }
    return source
  }
}

/// Any set-returning function of one value per row, declared in one line like ``SQLFunction``:
/// ```swift
/// let e = q.from(jsonbArrayElementsText, p.tags, as: "e")
/// // FROM jsonb_array_elements_text(p.tags) AS e(value)
/// ```
public struct SetReturningFunction<each Argument: SQLType, Value: SQLType>: Sendable {
  let name: QualifiedName

  /// The function `schema.name`; `schema` nil for a built-in found on every `search_path`.
  public init(_ name: String, schema: String? = nil) { self.name = QualifiedName(schema, name) }

  /// What the declaration says PostgreSQL has: the function with these argument types, whose
  /// rows hold a `Value`.
  public var declaration: FunctionDeclaration {
    var types: [String] = []
    for type in repeat (each Argument).self { types.append(type.sqlName) }
    return FunctionDeclaration(name: name, argumentTypes: types, result: Value.sqlName)
  }
}

/// `jsonb_array_elements(jsonb)`: the elements of a JSON array, one row each.
public let jsonbArrayElements = SetReturningFunction<PG.JSONB, PG.JSONB>("jsonb_array_elements")

/// `jsonb_array_elements_text(jsonb)`: the elements of a JSON array as text, one row each.
public let jsonbArrayElementsText = SetReturningFunction<PG.JSONB, PG.Text>(
  "jsonb_array_elements_text")

extension SelectBuilder {
  /// `FROM function(arguments) AS alias(value)`: the rows of a declared set-returning function.
  @discardableResult
  public func from<each A: SQLType, V: SQLType, each N: Nullability>(
    _ function: SetReturningFunction<repeat each A, V>,
    _ arguments: repeat SQLExpression<each A, each N>, as alias: String
  ) -> Source<SeriesRow<V>> {
    var nodes: [SQLNode] = []
    for argument in repeat each arguments { nodes.append(argument.node) }
    return fromCall(.routine(function.name, nodes), as: alias, naming: true)
  }

  /// `FROM jsonb_to_recordset(json) AS alias(column type, …)`: the objects of a JSON array as
  /// rows of `R`, a key to each of its columns, of its type (NULL where a key is missing).
  @discardableResult
  public func jsonbToRecordset<R: Relation>(
    _ json: SQLExpression<PG.JSONB, some Nullability>, as _: R.Type, alias: String
  ) -> Source<R> {
    let call = SQLNode.function(
      name: "jsonb_to_recordset", arguments: [json.node], isAggregate: false, filter: nil)
    return fromCall(call, as: alias, defining: true)
  }
}
