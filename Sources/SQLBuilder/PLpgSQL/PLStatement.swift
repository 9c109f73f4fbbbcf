/// A statement of a PL/pgSQL function body.
public protocol PLStatement: Sendable {
  /// Appends the statement's lines to `writer`.
  func render(into writer: inout SQLWriter)
}

/// Collects the statements of a function body or branch.
@resultBuilder
public enum PLBuilder {
  public static func buildExpression(_ statement: any PLStatement) -> [any PLStatement] {
    [statement]
  }
  public static func buildBlock(_ parts: [any PLStatement]...) -> [any PLStatement] {
    parts.flatMap { $0 }
  }
}

extension RefreshMaterializedView: PLStatement {}

/// `IF condition THEN … [ELSE …] END IF;`
public struct If: PLStatement {
  let condition: SQLNode
  let then: [any PLStatement]
  let otherwise: [any PLStatement]

  /// Runs `then` when `condition` is true, else `otherwise`.
  public init(
    _ condition: SQLExpression<PG.Boolean, some Nullability>,
    @PLBuilder then: () -> [any PLStatement],
    @PLBuilder otherwise: () -> [any PLStatement] = { [] }
  ) {
    self.condition = condition.node
    self.then = then()
    self.otherwise = otherwise()
  }

  public func render(into writer: inout SQLWriter) {
    QueryRules.check(expression: condition, clause: "IF", in: &writer)
    writer.line("IF \(writer.expression(condition)) THEN")
    writer.indented { w in then.forEach { $0.render(into: &w) } }
    if !otherwise.isEmpty {
      writer.line("ELSE")
      writer.indented { w in otherwise.forEach { $0.render(into: &w) } }
    }
    writer.line("END IF;")
  }
}

/// `RETURN;`: leaves a function that returns void.
public struct Return: PLStatement {
  /// `RETURN;`
  public init() {}

  public func render(into writer: inout SQLWriter) { writer.line("RETURN;") }
}

/// `PERFORM expression;`: evaluates an expression for its effect.
public struct Perform: PLStatement {
  let expression: SQLNode

  /// Evaluates `expression` and discards the result.
  public init<B: SQLType, N: Nullability>(_ expression: SQLExpression<B, N>) {
    self.expression = expression.node
  }

  public func render(into writer: inout SQLWriter) {
    QueryRules.check(expression: expression, clause: "PERFORM", in: &writer)
    writer.line("PERFORM \(writer.expression(expression));")
  }
}
