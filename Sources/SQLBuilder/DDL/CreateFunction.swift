/// A function's name and argument types, as GRANT and REVOKE name it: `public.f()`.
public struct FunctionSignature: Hashable, Sendable {
  /// The schema-qualified name.
  public let name: QualifiedName

  /// A function taking no arguments.
  public init(_ schema: String?, _ name: String) { self.name = QualifiedName(schema, name) }
}

/// A run-time setting fixed for the duration of a function call: `SET name = 'value'`.
public struct FunctionSetting: Hashable, Sendable {
  /// The setting's name, e.g. `search_path`.
  public let name: String
  /// Its value; an empty `search_path` makes every name resolve only when schema-qualified.
  public let value: String

  /// `SET name = 'value'`.
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }

  /// `SET search_path = ''`: the function cannot be hijacked through objects in other schemas.
  public static let emptySearchPath = FunctionSetting("search_path", "")
}

/// `CREATE OR REPLACE FUNCTION name() RETURNS type AS $$ … $$ LANGUAGE plpgsql …;`
///
/// The body is built from ``PLStatement``s and dollar-quoted with a tag that does not occur in it.
public struct CreateFunction<Returns: SQLType>: SQLStatement {
  let signature: FunctionSignature
  let securityDefiner: Bool
  let settings: [FunctionSetting]
  let body: [any PLStatement]

  /// A PL/pgSQL function returning `Returns`; `securityDefiner` runs it with its owner's rights.
  public init(
    _ signature: FunctionSignature, returns: Returns.Type, securityDefiner: Bool = false,
    settings: [FunctionSetting] = [], @PLBuilder body: () -> [any PLStatement]
  ) {
    self.signature = signature
    self.securityDefiner = securityDefiner
    self.settings = settings
    self.body = body()
  }

  public func render(into writer: inout SQLWriter) {
    writer.describing("function \(signature.name)") { w in
      var inner = SQLWriter()
      inner.context = w.context
      inner.catalogue = w.catalogue
      inner.line("BEGIN")
      inner.indented { b in body.forEach { $0.render(into: &b) } }
      inner.line("END;")
      w.diagnostics += inner.diagnostics
      w.catalogue = inner.catalogue
      let tag = PostgreSQL.dollarQuoteTag(for: inner.text)
      w.line("CREATE OR REPLACE FUNCTION \(w.name(signature.name))()")
      w.line("RETURNS \(Returns.sqlName)")
      w.line("AS \(tag)")
      inner.lines.forEach { w.line($0) }
      w.line(tag)
      w.line("LANGUAGE plpgsql")
      if securityDefiner { w.line("SECURITY DEFINER") }
      for setting in settings {
        w.line("SET \(w.identifier(setting.name)) = \(PostgreSQL.stringLiteral(setting.value))")
      }
      w.append(";")
    }
  }
}
