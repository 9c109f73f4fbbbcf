/// `BEGIN … EXCEPTION WHEN condition THEN … END;`: runs `body` in a subtransaction; when it
/// fails with one of the listed SQLSTATEs, undoes it and runs `handler`. Other errors propagate.
///
/// ```swift
/// ExceptionBlock(catching: .invalidParameterValue) {
///   RefreshMaterializedView(Daily.self, concurrently: true)
/// } handler: {
///   RefreshMaterializedView(Zones.self, concurrently: false)
/// }
/// // BEGIN
/// //   REFRESH MATERIALIZED VIEW CONCURRENTLY public.daily;
/// // EXCEPTION WHEN invalid_parameter_value THEN
/// //   REFRESH MATERIALIZED VIEW public.zones;
/// // END;
/// ```
public struct ExceptionBlock: PLStatement, PLInspectable, ValidatedStatement {
  let conditions: [SQLState]
  let body: [any PLStatement]
  let handler: [any PLStatement]
  /// `WHEN OTHERS`: every error but a cancel or a failed assertion.
  let catchesAll: Bool

  /// Runs `body`; on an error whose SQLSTATE is one of `conditions`, runs `handler` instead.
  public init(
    catching conditions: SQLState..., @PLBuilder body: () -> [any PLStatement],
    @PLBuilder handler: () -> [any PLStatement]
  ) {
    self.init(conditions: conditions, body: body(), handler: handler(), catchesAll: false)
  }

  /// `BEGIN … EXCEPTION WHEN OTHERS THEN … END;`: on any error but a cancel, undoes `body` and
  /// runs `handler`, which may read the error's text as ``sqlErrorMessage``.
  public static func catchingEveryError(
    @PLBuilder _ body: () -> [any PLStatement], @PLBuilder handler: () -> [any PLStatement]
  ) -> ExceptionBlock {
    ExceptionBlock(conditions: [], body: body(), handler: handler(), catchesAll: true)
  }

  private init(
    conditions: [SQLState], body: [any PLStatement], handler: [any PLStatement], catchesAll: Bool
  ) {
    self.conditions = conditions
    self.body = body
    self.handler = handler
    self.catchesAll = catchesAll
  }

  package var expressions: [SQLNode] { [] }
  package var nested: [any PLStatement] { body + handler }

  package func validate(_ validator: inout SQLValidator) {
    if conditions.isEmpty && !catchesAll {
      validator.report(StatementRules.Finding.exceptionCatchesNothing)
    }
    if body.isEmpty { validator.report(StatementRules.Finding.exceptionWithoutStatements) }
    for condition in conditions { condition.validate(&validator) }
    validator.validate(body + handler)
  }

  public func render(into writer: inout SQLWriter) {
    writer.line("BEGIN")
    writer.indented { w in body.forEach { $0.render(into: &w) } }
    let names =
      catchesAll
      ? ["OTHERS"] : conditions.map { $0.name ?? "SQLSTATE \(PostgreSQL.stringLiteral($0.code))" }
    writer.line("EXCEPTION WHEN \(names.joined(separator: " OR ")) THEN")
    writer.indented { w in
      if handler.isEmpty { w.line("NULL;") }
      handler.forEach { $0.render(into: &w) }
    }
    writer.line("END;")
  }
}

/// `SQLERRM`: the message of the error an exception handler caught.
public let sqlErrorMessage = SQLExpression<PG.Text, NotNull>(unchecked: .keyword("SQLERRM"))
