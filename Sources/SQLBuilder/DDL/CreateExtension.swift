/// `CREATE EXTENSION IF NOT EXISTS name WITH SCHEMA schema;`
public struct CreateExtension: SQLStatement {
  let name: String
  let schema: String?

  /// Installs extension `name` into `schema` unless it is installed already.
  public init(_ name: String, schema: String? = nil) {
    self.name = name
    self.schema = schema
  }

  public func render(into writer: inout SQLWriter) {
    var text = "CREATE EXTENSION IF NOT EXISTS \(writer.identifier(name))"
    if let schema { text += " WITH SCHEMA \(writer.identifier(schema))" }
    writer.line(text + ";")
  }
}

extension CreateExtension: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.identifier(name)
    if let schema { validator.identifier(schema) }
  }
}
