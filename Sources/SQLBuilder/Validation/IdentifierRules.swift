/// Rules on names: PostgreSQL silently truncates identifiers longer than 63 bytes, so two
/// long names can collide; such a name is an error here instead.
enum IdentifierRules {
  static func check(_ name: String, in writer: inout SQLValidator) {
    if name.isEmpty {
      writer.report(StatementRules.Finding.emptyIdentifier)
      return
    }
    let bytes = name.utf8.count
    guard bytes > PostgreSQL.maxIdentifierBytes else { return }
    writer.report(StatementRules.Finding.identifierTooLong(name: name, bytes: bytes))
  }
}
