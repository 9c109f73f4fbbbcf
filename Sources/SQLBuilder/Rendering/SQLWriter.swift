/// Accumulates rendered SQL line by line with stable two-space indentation, and collects what
/// the validation rules find along the way.
public struct SQLWriter: Sendable {
  /// The rendered lines so far.
  public private(set) var lines: [String] = []
  private var depth = 0
  /// Problems found while rendering; generation fails when any is present.
  public internal(set) var diagnostics: [SQLDiagnostic] = []
  /// Facts across statements (views, unique indexes, refreshes) for cross-statement rules.
  public internal(set) var catalogue = SchemaCatalogue()
  /// The object being rendered, named in diagnostics.
  var context = "script"

  /// An empty writer.
  public init() {}

  /// The rendered text, one newline after each line.
  public var text: String { lines.map { $0 + "\n" }.joined() }

  /// Appends one line at the current indentation.
  public mutating func line(_ text: String) {
    lines.append(text.isEmpty ? "" : String(repeating: "  ", count: depth) + text)
  }

  /// Appends an empty line.
  public mutating func blankLine() { lines.append("") }

  /// Appends `suffix` to the last line (e.g. a closing `;` or `,`).
  public mutating func append(_ suffix: String) {
    if lines.isEmpty { lines.append(suffix) } else { lines[lines.count - 1] += suffix }
  }

  /// Renders `body` one level deeper.
  public mutating func indented(_ body: (inout SQLWriter) -> Void) {
    depth += 1
    body(&self)
    depth -= 1
  }

  /// Renders `body` with `object` named in any diagnostics it raises.
  public mutating func describing(_ object: String, _ body: (inout SQLWriter) -> Void) {
    let saved = context
    context = object
    body(&self)
    context = saved
  }

  /// Records a problem with the object being rendered.
  public mutating func report(_ message: String) {
    diagnostics.append(SQLDiagnostic(object: context, message: message))
  }

  /// An identifier, quoted when needed and checked against PostgreSQL's length limit.
  public mutating func identifier(_ name: String) -> String {
    IdentifierRules.check(name, in: &self)
    return PostgreSQL.identifier(name)
  }

  /// A possibly schema-qualified name, each part checked and quoted.
  public mutating func name(_ name: QualifiedName) -> String {
    let quoted = identifier(name.name)
    guard let schema = name.schema else { return quoted }
    return identifier(schema) + "." + quoted
  }
}
