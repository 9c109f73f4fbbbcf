/// `DO $$ BEGIN … END $$;`: PL/pgSQL run once where it stands in a script, e.g. a guard that
/// stops a file with a message when what it needs is missing.
///
/// ```swift
/// DoBlock {
///   If(relationIsMissing(MetricsDaily.self)) {
///     Raise.exception("apply schema.sql first", code: .undefinedTable)
///   }
/// }
/// ```
public struct DoBlock: SQLStatement {
  let body: [any PLStatement]

  /// An anonymous block running `body`.
  public init(@PLBuilder _ body: () -> [any PLStatement]) { self.body = body() }

  public func render(into writer: inout SQLWriter) {
    var inner = SQLWriter()
    let declarations = body.compactMap { $0 as? Declare }
    if !declarations.isEmpty {
      inner.line("DECLARE")
      inner.indented { d in declarations.forEach { $0.renderDeclaration(into: &d) } }
    }
    inner.line("BEGIN")
    inner.indented { b in body.filter { !($0 is Declare) }.forEach { $0.render(into: &b) } }
    inner.line("END;")
    let tag = PostgreSQL.dollarQuoteTag(for: inner.text)
    writer.line("DO \(tag)")
    inner.lines.forEach { writer.line($0) }
    writer.line(tag + ";")
  }
}

extension DoBlock: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("DO block") { v in
      FunctionRules.check(plpgsql: body, returning: .void, parameters: [], in: &v)
      v.validate(body)
    }
  }
}
