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
  public static func buildExpression(_ statements: [any PLStatement]) -> [any PLStatement] {
    statements
  }
  public static func buildBlock(_ parts: [any PLStatement]...) -> [any PLStatement] {
    parts.flatMap { $0 }
  }
  public static func buildOptional(_ part: [any PLStatement]?) -> [any PLStatement] { part ?? [] }
  public static func buildEither(first: [any PLStatement]) -> [any PLStatement] { first }
  public static func buildEither(second: [any PLStatement]) -> [any PLStatement] { second }
  public static func buildArray(_ parts: [[any PLStatement]]) -> [any PLStatement] {
    parts.flatMap { $0 }
  }
}

/// What the function rules need to see inside a PL/pgSQL statement.
package protocol PLInspectable {
  /// The expressions the statement evaluates.
  var expressions: [SQLNode] { get }
  /// The statements nested in it (an IF's branches).
  var nested: [any PLStatement] { get }
}

extension RefreshMaterializedView: PLStatement {}

/// `IF condition THEN … [ELSE …] END IF;`
public struct If: PLStatement, PLInspectable {
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

  package var expressions: [SQLNode] { [condition] }
  package var nested: [any PLStatement] { then + otherwise }

  public func render(into writer: inout SQLWriter) {
    writer.line("IF \(writer.expression(condition)) THEN")
    writer.indented { w in then.forEach { $0.render(into: &w) } }
    if !otherwise.isEmpty {
      writer.line("ELSE")
      writer.indented { w in otherwise.forEach { $0.render(into: &w) } }
    }
    writer.line("END IF;")
  }
}

/// `PERFORM expression;`: evaluates an expression for its effect.
public struct Perform: PLStatement, PLInspectable {
  let expression: SQLNode

  /// Evaluates `expression` and discards the result.
  public init<B: SQLType, N: Nullability>(_ expression: SQLExpression<B, N>) {
    self.expression = expression.node
  }

  package var expressions: [SQLNode] { [expression] }
  package var nested: [any PLStatement] { [] }

  public func render(into writer: inout SQLWriter) {
    writer.line("PERFORM \(writer.expression(expression));")
  }
}

extension If: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    QueryRules.check(expression: condition, clause: "IF", in: &validator)
    validator.validate(then + otherwise)
  }
}

extension Perform: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    QueryRules.check(expression: expression, clause: "PERFORM", in: &validator)
  }
}
