/// A SELECT whose output columns are those of `Output`, a declared ``Relation``.
///
/// The builder hands out the sources the query reads, and each output column is set through a
/// typed setter, in any order; the SQL lists them in `Output`'s declaration order:
/// ```swift
/// Select(CallDays.self) { q, out in
///   let c = q.from(CallsV.self, as: "c")
///   q.groupBy(c.accountID)
///   out.accountID(c.accountID)
///   out.totalCalls(count())
/// }
/// // SELECT c.account_id, COUNT(*) AS total_calls FROM public.calls_v c GROUP BY c.account_id
/// ```
public struct Select<Output: Relation>: Sendable {
  package var statement: SelectStatement

  /// `SELECT …` built by `build`, which receives the FROM-clause builder and the select list.
  public init(
    _ output: Output.Type = Output.self, _ build: (SelectBuilder, Projection<Output>) -> Void
  ) {
    let builder = SelectBuilder()
    let projection = Projection<Output>()
    build(builder, projection)
    var core = builder.core
    (core.items, core.selectionProblems) = projection.itemsInDeclarationOrder()
    core.isDistinct = projection.isDistinct
    statement = SelectStatement(
      output: Output.qualifiedName, columns: Output.columns.map(OutputColumn.init), first: core)
  }

  private init(_ statement: SelectStatement) { self.statement = statement }

  private func combining(_ op: SetOperator, _ other: Select<Output>) -> Self {
    Self(SelectStatement(op, statement, other.statement))
  }

  /// `self UNION ALL other`: the rows of both queries, whose columns line up by construction.
  /// Each side keeps its own structure: `a.except(b).unionAll(b.except(a))` renders
  /// `(A EXCEPT B) UNION ALL (B EXCEPT A)`.
  public func unionAll(_ other: Select<Output>) -> Self { combining(.unionAll, other) }

  /// `self UNION other`: the distinct rows of both queries.
  public func union(_ other: Select<Output>) -> Self { combining(.union, other) }

  /// `self INTERSECT other`: the distinct rows both queries return.
  public func intersect(_ other: Select<Output>) -> Self { combining(.intersect, other) }

  /// `self EXCEPT other`: the distinct rows of this query that `other` does not return.
  public func except(_ other: Select<Output>) -> Self { combining(.except, other) }

  /// `ORDER BY column, …` of the whole result by output columns, e.g. after a UNION:
  /// `.orderBy(\.accountID, \.date)`.
  public func orderBy(_ columns: PartialKeyPath<Output>..., descending: Bool = false) -> Self {
    var copy = self
    copy.statement.ordering += columns.map {
      OrderingTerm(
        node: .column(
          ColumnReference(source: nil, name: Output.columnName($0), readAsNotNull: false)),
        isDescending: descending, nulls: nil)
    }
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
}

extension Select: SQLStatement, ValidatedStatement {
  /// `SELECT …;` as a statement of its own, e.g. in a script that reports something.
  public func render(into writer: inout SQLWriter) {
    statement.render(into: &writer)
    writer.append(";")
  }

  package func validate(_ validator: inout SQLValidator) {
    validator.describing("query \(Output.qualifiedName)") { QueryRules.check(statement, in: &$0) }
  }
}
