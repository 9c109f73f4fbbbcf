/// Accumulates rendered SQL line by line with stable two-space indentation. Rendering is a
/// pure pass: the rules run before it, in ``SQLValidator``.
///
/// Only the DSL's own statements write to it: its methods are not public, so a statement
/// declared outside the library cannot emit text of its own.
public struct SQLWriter: Sendable {
  /// The rendered lines so far.
  package private(set) var lines: [String] = []
  private var depth = 0

  /// An empty writer.
  package init() {}

  /// The rendered text, one newline after each line.
  package var text: String { lines.map { $0 + "\n" }.joined() }

  /// Appends one line at the current indentation; a text of several lines (a long subquery)
  /// is indented line by line, keeping its own indentation within.
  package mutating func line(_ text: String) {
    let indentation = String(repeating: "  ", count: depth)
    for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lines.append(part.isEmpty ? "" : indentation + part)
    }
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

  /// An identifier, quoted when needed.
  package mutating func identifier(_ name: String) -> String { PostgreSQL.identifier(name) }

  /// A type's name as declared by its ``SQLType`` (validation checks it is one).
  package mutating func typeName(_ name: String) -> String { name }

  /// A possibly schema-qualified name, each part quoted.
  package mutating func name(_ name: QualifiedName) -> String {
    let quoted = identifier(name.name)
    guard let schema = name.schema else { return quoted }
    return identifier(schema) + "." + quoted
  }
}
