/// Accumulates rendered SQL line by line with stable two-space indentation, and collects what
/// the validation rules find along the way.
///
/// Only the DSL's own statements write to it: its methods are not public, so a statement
/// declared outside the library cannot emit text of its own.
public struct SQLWriter: Sendable {
  /// The rendered lines so far.
  package private(set) var lines: [String] = []
  private var depth = 0
  /// Problems found while rendering; generation fails when any is present.
  package internal(set) var diagnostics: [SQLDiagnostic] = []
  /// Facts across statements (views, unique indexes, refreshes) for cross-statement rules.
  package internal(set) var catalogue = SchemaCatalogue()
  /// The object being rendered, named in diagnostics.
  var context = "script"

  /// An empty writer.
  package init() {}

  /// The rendered text, one newline after each line.
  package var text: String { lines.map { $0 + "\n" }.joined() }

  /// Appends one line at the current indentation.
  package mutating func line(_ text: String) {
    lines.append(text.isEmpty ? "" : String(repeating: "  ", count: depth) + text)
  }

  /// Appends an empty line.
  package mutating func blankLine() { lines.append("") }

  /// Appends `suffix` to the last line (e.g. a closing `;` or `,`).
  package mutating func append(_ suffix: String) {
    if lines.isEmpty { lines.append(suffix) } else { lines[lines.count - 1] += suffix }
  }

  /// Renders `body` one level deeper.
  package mutating func indented(_ body: (inout SQLWriter) -> Void) {
    depth += 1
    body(&self)
    depth -= 1
  }

  /// Renders `body` with `object` named in any diagnostics it raises.
  package mutating func describing(_ object: String, _ body: (inout SQLWriter) -> Void) {
    let saved = context
    context = object
    body(&self)
    context = saved
  }

  /// Records a problem with the object being rendered.
  package mutating func report(_ message: String) {
    diagnostics.append(SQLDiagnostic(object: context, message: message))
  }

  /// An identifier, quoted when needed and checked against PostgreSQL's length limit.
  package mutating func identifier(_ name: String) -> String {
    IdentifierRules.check(name, in: &self)
    return PostgreSQL.identifier(name)
  }

  /// A type's name as declared by its ``SQLType``, checked to be a type name and nothing more.
  package mutating func typeName(_ name: String) -> String {
    TypeNameRules.check(name, in: &self)
    return name
  }

  /// A possibly schema-qualified name, each part checked and quoted.
  package mutating func name(_ name: QualifiedName) -> String {
    let quoted = identifier(name.name)
    guard let schema = name.schema else { return quoted }
    return identifier(schema) + "." + quoted
  }
}
