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

  /// Runs `body`; on an error whose SQLSTATE is one of `conditions`, runs `handler` instead.
  public init(
    catching conditions: SQLState..., @PLBuilder body: () -> [any PLStatement],
    @PLBuilder handler: () -> [any PLStatement]
  ) {
    self.conditions = conditions
    self.body = body()
    self.handler = handler()
  }

  package var expressions: [SQLNode] { [] }
  package var nested: [any PLStatement] { body + handler }

  package func validate(_ validator: inout SQLValidator) {
    if conditions.isEmpty { validator.report(StatementRules.Finding.exceptionCatchesNothing) }
    if body.isEmpty { validator.report(StatementRules.Finding.exceptionWithoutStatements) }
    for condition in conditions { condition.validate(&validator) }
    validator.validate(body + handler)
  }

  public func render(into writer: inout SQLWriter) {
    writer.line("BEGIN")
    writer.indented { w in body.forEach { $0.render(into: &w) } }
    let names = conditions.map { $0.name ?? "SQLSTATE \(PostgreSQL.stringLiteral($0.code))" }
    writer.line("EXCEPTION WHEN \(names.joined(separator: " OR ")) THEN")
    writer.indented { w in
      if handler.isEmpty { w.line("NULL;") }
      handler.forEach { $0.render(into: &w) }
    }
    writer.line("END;")
  }
}
