/// `CREATE SCHEMA IF NOT EXISTS name;`: e.g. `private`, for code the API must not expose.
public struct CreateSchema: SQLStatement {
  let name: String

  /// Creates schema `name` unless it exists.
  public init(_ name: String) { self.name = name }

  public func render(into writer: inout SQLWriter) {
    writer.line("CREATE SCHEMA IF NOT EXISTS \(writer.identifier(name));")
  }
}

extension CreateSchema: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { validator.identifier(name) }
}
