/// One generated SQL file: a header comment, then statements separated by blank lines.
public struct SQLScript: Sendable {
  /// The file's path relative to the output folder, e.g. `schema.sql`.
  public let path: String
  /// The header's lines, without `--`.
  public let header: [String]
  let statements: [any SQLStatement]

  /// A script at `path` with `header` lines and `statements`.
  public init(
    _ path: String, header: [String], @StatementBuilder _ statements: () -> [any SQLStatement]
  ) {
    self.path = path
    self.header = header
    self.statements = statements()
  }

  func render(into writer: inout SQLWriter) {
    header.forEach { writer.commentLines($0) }
    writer.statements(statements)
  }

  func validate(_ validator: inout SQLValidator) {
    validator.describing(path) { $0.validate(statements) }
  }
}

/// A rendered file: its path and exact bytes.
public struct RenderedFile: Hashable, Sendable {
  /// The path relative to the output folder.
  public let path: String
  /// The SQL text.
  public let text: String
}

/// Validates `scripts` together, within and across them; the problems found, in order.
public func validate(_ scripts: [SQLScript]) -> [SQLDiagnostic] {
  var validator = SQLValidator()
  for script in scripts { script.validate(&validator) }
  return validator.diagnostics + CrossStatementRules.check(validator.catalogue)
}

/// Validates `scripts`, then renders them: rendering only writes text.
///
/// Throws ``SQLGenerationError`` listing every violation; then nothing should be written.
public func generate(_ scripts: [SQLScript]) throws(SQLGenerationError) -> [RenderedFile] {
  let diagnostics = validate(scripts)
  guard diagnostics.isEmpty else { throw SQLGenerationError(diagnostics: diagnostics) }
  return scripts.map { script in
    var writer = SQLWriter()
    script.render(into: &writer)
    return RenderedFile(path: script.path, text: writer.text)
  }
}

/// Validates and renders one statement on its own, without the rules across statements (for
/// tests and previews); throws when a rule is broken.
public func render(_ statement: any SQLStatement) throws(SQLGenerationError) -> String {
  var validator = SQLValidator()
  validator.validate([statement])
  guard validator.diagnostics.isEmpty else {
    throw SQLGenerationError(diagnostics: validator.diagnostics)
  }
  var writer = SQLWriter()
  statement.render(into: &writer)
  return writer.text
}

/// The problems of a query on its own, each named by `object` (a query built from a
/// definition is named by the definition).
package func diagnostics<Output: Relation>(of query: Select<Output>, as object: String)
  -> [SQLDiagnostic]
{
  var validator = SQLValidator()
  validator.describing(object) { QueryRules.check(query.statement, in: &$0) }
  return validator.diagnostics
}

/// Renders a query on its own, without a semicolon (to embed it, e.g. in a test's view),
/// after checking its rules; throws when one is broken. `render(query)` gives the statement.
package func renderQuery<Output: Relation>(_ query: Select<Output>) throws(SQLGenerationError)
  -> String
{
  let found = diagnostics(of: query, as: "query \(Output.qualifiedName)")
  guard found.isEmpty else { throw SQLGenerationError(diagnostics: found) }
  var writer = SQLWriter()
  query.statement.render(into: &writer)
  return writer.text
}
