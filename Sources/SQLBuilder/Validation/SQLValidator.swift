/// The validation pass: every statement reports what breaks a rule, naming its object, and
/// records what other statements' rules need (views, unique indexes, functions). It runs
/// before rendering, which only writes text.
package struct SQLValidator: Sendable {
  /// Every problem found, in order.
  package private(set) var diagnostics: [SQLDiagnostic] = []
  /// Facts across statements and files, for ``CrossStatementRules``.
  package var catalogue = SchemaCatalogue()
  /// The object being checked, named in diagnostics.
  package private(set) var context = "script"
  /// Whether the statements checked are a trigger function's, where `NEW` and `OLD` exist.
  package var inTriggerFunction = false
  /// The CTEs a data-modifying CTE's statement may read: the WITH entries before it.
  package var commonTablesInScope: Set<QualifiedName> = []

  package init() {}

  /// Checks `body` with `object` named in what it reports.
  package mutating func describing(_ object: String, _ body: (inout SQLValidator) -> Void) {
    let saved = context
    context = object
    body(&self)
    context = saved
  }

  /// Records a finding with the object being checked; the same finding is recorded once.
  package mutating func report(_ finding: some SQLFinding) {
    let diagnostic = SQLDiagnostic(object: context, finding: finding)
    if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
  }

  /// Checks a name PostgreSQL reads as an identifier.
  package mutating func identifier(_ name: String) { IdentifierRules.check(name, in: &self) }

  /// Checks a possibly schema-qualified name.
  package mutating func name(_ name: QualifiedName) {
    if let schema = name.schema { identifier(schema) }
    identifier(name.name)
  }

  /// Checks a type name declared by a ``SQLType``.
  package mutating func typeName(_ name: String) { TypeNameRules.check(name, in: &self) }

  /// An expression as SQL, for messages.
  package func text(_ node: SQLNode) -> String {
    var rendering = SQLWriter()
    return rendering.expression(node)
  }

  /// Validates statements written by the DSL.
  package mutating func validate(_ statements: [any SQLStatement]) {
    for case let statement as any ValidatedStatement in statements { statement.validate(&self) }
  }

  /// Validates PL/pgSQL statements.
  package mutating func validate(_ statements: [any PLStatement]) {
    for case let statement as any ValidatedStatement in statements { statement.validate(&self) }
  }
}

/// A statement of the DSL, which checks its own rules in the validation pass.
package protocol ValidatedStatement {
  /// Reports every broken rule to `validator`.
  func validate(_ validator: inout SQLValidator)
}
