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
    writer.describing(path) { w in
      header.forEach { w.commentLines($0) }
      w.statements(statements)
    }
  }
}

/// A rendered file: its path and exact bytes.
public struct RenderedFile: Hashable, Sendable {
  /// The path relative to the output folder.
  public let path: String
  /// The SQL text.
  public let text: String
}

/// Renders `scripts` together and checks every rule, within and across them.
///
/// Throws ``SQLGenerationError`` listing every violation; then nothing should be written.
public func generate(_ scripts: [SQLScript]) throws(SQLGenerationError) -> [RenderedFile] {
  var catalogue = SchemaCatalogue()
  var diagnostics: [SQLDiagnostic] = []
  var files: [RenderedFile] = []
  for script in scripts {
    var writer = SQLWriter()
    writer.catalogue = catalogue
    script.render(into: &writer)
    catalogue = writer.catalogue
    diagnostics += writer.diagnostics
    files.append(RenderedFile(path: script.path, text: writer.text))
  }
  diagnostics += CrossStatementRules.check(catalogue)
  guard diagnostics.isEmpty else { throw SQLGenerationError(diagnostics: diagnostics) }
  return files
}

/// Renders one statement on its own, checking its own rules but not those across statements
/// (for tests and previews); throws when a rule is broken.
public func render(_ statement: any SQLStatement) throws(SQLGenerationError) -> String {
  var writer = SQLWriter()
  statement.render(into: &writer)
  guard writer.diagnostics.isEmpty else {
    throw SQLGenerationError(diagnostics: writer.diagnostics)
  }
  return writer.text
}

/// Renders a query on its own, without a semicolon (to embed it, e.g. in a test's view),
/// checking its rules; throws when one is broken. `render(query)` gives the statement.
package func renderQuery<Output: Relation>(_ query: Select<Output>) throws(SQLGenerationError)
  -> String
{
  var writer = SQLWriter()
  writer.describing("query \(Output.qualifiedName)") { w in
    QueryRules.check(query.statement, in: &w)
    query.statement.render(into: &w)
  }
  guard writer.diagnostics.isEmpty else {
    throw SQLGenerationError(diagnostics: writer.diagnostics)
  }
  return writer.text
}
