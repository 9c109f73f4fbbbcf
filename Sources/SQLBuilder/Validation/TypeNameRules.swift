/// Rules on type names: a ``SQLType`` declared outside the library names its type, and the name
/// is rendered as written, so it must be a type name and nothing else: lowercase words
/// (`double precision`), an optional schema, a modifier such as `(12,2)` and array brackets.
package enum TypeNameRules {
  static func check(_ name: String, in writer: inout SQLValidator) {
    guard !isTypeName(name) else { return }
    writer.report(StatementRules.Finding.notATypeName(name))
  }

  package static func isTypeName(_ name: String) -> Bool {
    name.wholeMatch(
      of:
        #/([a-z_][a-z0-9_$]*\.)?[a-z_][a-z0-9_$]*( [a-z_][a-z0-9_$]*)*(\([0-9]+(,[0-9]+)?\))?(\[\])*/#
    ) != nil
  }
}
