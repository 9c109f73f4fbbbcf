/// `SET LOCAL name = 'value';`: a setting for the rest of the transaction, e.g. a
/// `lock_timeout` so a migration fails fast instead of queueing readers behind its lock.
public struct SetLocal: SQLStatement {
  let setting: FunctionSetting
  /// The schemas of a `search_path`, each its own identifier.
  let schemas: [String]?

  /// Sets `name` to `value` until the transaction ends.
  public init(_ name: String, _ value: String) {
    setting = FunctionSetting(name, value)
    schemas = nil
  }

  /// `SET LOCAL search_path = a, b, …;`: the schemas unqualified names resolve in, in order.
  public init(searchPath schemas: String...) {
    setting = FunctionSetting("search_path", schemas.joined(separator: ", "))
    self.schemas = schemas
  }

  public func render(into writer: inout SQLWriter) {
    let value =
      schemas.map { $0.map(PostgreSQL.identifier).joined(separator: ", ") }
      ?? PostgreSQL.stringLiteral(setting.value)
    writer.line("SET LOCAL \(writer.identifier(setting.name)) = \(value);")
  }
}

extension SetLocal: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.identifier(setting.name)
    schemas?.forEach { validator.identifier($0) }
  }
}
