/// `SET LOCAL name = 'value';`: a setting for the rest of the transaction, e.g. a
/// `lock_timeout` so a migration fails fast instead of queueing readers behind its lock.
public struct SetLocal: SQLStatement {
  let setting: FunctionSetting

  /// Sets `name` to `value` until the transaction ends.
  public init(_ name: String, _ value: String) { setting = FunctionSetting(name, value) }

  public func render(into writer: inout SQLWriter) {
    writer.line(
      "SET LOCAL \(writer.identifier(setting.name)) = \(PostgreSQL.stringLiteral(setting.value));")
  }
}

extension SetLocal: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { validator.identifier(setting.name) }
}
