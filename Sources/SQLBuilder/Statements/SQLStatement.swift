/// A top-level SQL statement that renders itself, terminating semicolon included.
public protocol SQLStatement: Sendable {
  /// Appends the statement's lines to `writer`.
  func render(into writer: inout SQLWriter)
}

/// Collects statements for a ``SQLScript``, ``Transaction`` or function body.
@resultBuilder
public enum StatementBuilder {
  public static func buildExpression(_ statement: any SQLStatement) -> [any SQLStatement] {
    [statement]
  }
  public static func buildExpression(_ statements: [any SQLStatement]) -> [any SQLStatement] {
    statements
  }
  public static func buildBlock(_ parts: [any SQLStatement]...) -> [any SQLStatement] {
    parts.flatMap { $0 }
  }
  public static func buildArray(_ parts: [[any SQLStatement]]) -> [any SQLStatement] {
    parts.flatMap { $0 }
  }
  public static func buildOptional(_ part: [any SQLStatement]?) -> [any SQLStatement] { part ?? [] }
  public static func buildEither(first: [any SQLStatement]) -> [any SQLStatement] { first }
  public static func buildEither(second: [any SQLStatement]) -> [any SQLStatement] { second }
}

/// `-- text`: a comment line a reader of the generated file sees above the next statement.
public struct Comment: SQLStatement {
  let text: String

  /// A comment; each line of `text` (split at `\n`, `\r` or `\r\n`) becomes one `--` line.
  public init(_ text: String) { self.text = text }

  public func render(into writer: inout SQLWriter) { writer.commentLines(text) }
}

/// `BEGIN; … COMMIT;`: the statements apply together or not at all.
public struct Transaction: SQLStatement {
  let statements: [any SQLStatement]

  /// A transaction around `statements`.
  public init(@StatementBuilder _ statements: () -> [any SQLStatement]) {
    self.statements = statements()
  }

  public func render(into writer: inout SQLWriter) {
    writer.line("BEGIN;")
    writer.statements(statements)
    writer.blankLine()
    writer.line("COMMIT;")
  }
}

/// `SELECT function();` as a statement, e.g. for a cron job's command.
public struct SelectFunction: SQLStatement {
  let function: Function<NoParameters>

  /// Calls `function`, which takes no arguments.
  public init(_ function: Function<NoParameters>) { self.function = function }

  public func render(into writer: inout SQLWriter) {
    writer.line("SELECT \(writer.name(function.name))();")
  }
}

extension Transaction: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { validator.validate(statements) }
}

extension SelectFunction: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { validator.name(function.name) }
}

extension SQLWriter {
  /// `-- line` for each line of `text`. PostgreSQL ends a `--` comment at a line feed or a
  /// carriage return, so every line break starts a new comment line: no text can escape into SQL.
  mutating func commentLines(_ text: String) {
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      if line.isEmpty { self.line("--") } else { self.line("-- \(line)") }
    }
  }

  /// Renders statements separated by blank lines; a ``Comment`` sits directly on its statement.
  mutating func statements(_ statements: [any SQLStatement]) {
    var previousWasComment = false
    for statement in statements {
      if !previousWasComment { blankLine() }
      statement.render(into: &self)
      previousWasComment = statement is Comment
    }
  }
}

/// `SELECT expression;` as a statement: a call whose result is all it does, such as pgTAP's
/// `SELECT plan(1);`.
public struct SelectValue: SQLStatement, ValidatedStatement {
  let node: SQLNode

  /// Selects `value`.
  public init<B: SQLType, N: Nullability>(_ value: SQLExpression<B, N>) { node = value.node }

  public func render(into writer: inout SQLWriter) {
    writer.line("SELECT \(writer.expression(node));")
  }

  package func validate(_ validator: inout SQLValidator) {
    QueryRules.check(expression: node, clause: "SELECT", in: &validator)
  }
}
