/// `COMMENT ON object IS 'text';`: a description shown by `\d+` and database tools.
public struct CommentOn: SQLStatement {
  let kind: String
  let target: PrivilegeTarget
  /// The comment, or nil for `IS NULL`, which removes it.
  let text: String?

  /// `COMMENT ON MATERIALIZED VIEW name IS 'text';`
  public static func materializedView<R: Relation>(_: R.Type, _ text: String) -> Self {
    Self(kind: "MATERIALIZED VIEW", target: .relation(R.qualifiedName), text: text)
  }

  /// `COMMENT ON FUNCTION name(argument types) IS 'text';`
  public static func function<P: FunctionParameters>(_ function: Function<P>, _ text: String)
    -> Self
  {
    Self(kind: "FUNCTION", target: .function(function.signature), text: text)
  }

  /// `COMMENT ON TABLE name IS 'text';`
  public static func table<R: Relation>(_: R.Type, _ text: String) -> Self {
    Self(kind: "TABLE", target: .relation(R.qualifiedName), text: text)
  }

  /// `COMMENT ON VIEW name IS 'text';`
  public static func view<R: Relation>(_: R.Type, _ text: String) -> Self {
    Self(kind: "VIEW", target: .relation(R.qualifiedName), text: text)
  }

  public func render(into writer: inout SQLWriter) {
    let object = target.objectName(&writer)
    let value = text.map(PostgreSQL.stringLiteral) ?? "NULL"
    writer.line("COMMENT ON \(kind) \(object) IS \(value);")
  }
}

extension CommentOn: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { target.validate(&validator) }
}
